import { createSignal, Show } from 'solid-js';
import type { Result } from '../../../domain/result.ts';
import { useApp } from '../app-state.ts';
import { fmtDate } from '../format.ts';
import { DeviceList } from './DeviceList.tsx';
import { useHardware } from './hardware.ts';
import { DEFAULT_BRIDGE_PORT, validPort } from './pairing.ts';
import { testReceipt } from './test-receipt.ts';

const LINK_LABEL: Record<string, string> = {
  connecting: 'Connecting…',
  ready: 'Connected',
  retrying: 'Not connected — retrying',
  unauthorized: 'The bridge no longer accepts this till',
  'forbidden-origin': 'The bridge does not allow this site',
  'unsupported-version': 'The app and the bridge speak different versions',
  closed: 'Disconnected',
};

/** Settings › Hardware: pair this till with the local bridge, see its devices, print a test. */
export function HardwareSettingsPage() {
  const app = useApp();
  const hardware = useHardware();
  const [port, setPort] = createSignal(String(hardware.pairing()?.port ?? DEFAULT_BRIDGE_PORT));
  const [code, setCode] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<{ ok: boolean; text: string }>();

  const pair = async (e: SubmitEvent) => {
    e.preventDefault();
    const p = Number(port());
    if (!validPort(p)) return setMessage({ ok: false, text: `“${port()}” is not a port number.` });
    setBusy(true);
    const label = `${app.data()?.storeInfo()?.name ?? 'Loupe'} · ${app.deviceId.slice(-6)}`;
    const r = await hardware.pair(p, code(), label);
    setBusy(false);
    setMessage(r.ok ? { ok: true, text: 'Paired.' } : { ok: false, text: r.error });
    if (r.ok) setCode('');
  };

  const test = async (run: () => Promise<Result<void, string>>, done: string) => {
    const r = await run();
    setMessage(r.ok ? { ok: true, text: done } : { ok: false, text: r.error });
  };

  return (
    <div class="hardware-settings">
      <h1>Hardware</h1>
      <p class="muted">
        Scanners, the RFID reader, printers and the cash drawer are reached through the Loupe hardware bridge
        running on this computer (<code>npm run bridge</code>). It prints a pairing code on its console.
      </p>
      <section aria-label="Bridge">
        <h2>Bridge</h2>
        <Show when={hardware.problem()}>
          <p class="notice" role="alert">
            {hardware.problem()}
          </p>
        </Show>
        <Show
          when={hardware.pairing()}
          fallback={
            <form class="pair-form" onSubmit={pair} aria-label="Pair with the bridge">
              <label>
                Bridge address 127.0.0.1:
                <input
                  data-testid="bridge-port"
                  inputmode="numeric"
                  value={port()}
                  onInput={(e) => setPort(e.currentTarget.value)}
                />
              </label>
              <label>
                Pairing code
                <input
                  data-testid="pairing-code"
                  inputmode="numeric"
                  autocomplete="off"
                  placeholder="1234 5678"
                  value={code()}
                  onInput={(e) => setCode(e.currentTarget.value)}
                />
              </label>
              <button type="submit" class="primary" disabled={busy()}>
                Pair
              </button>
            </form>
          }
        >
          {(p) => (
            <div data-testid="bridge-state" data-link={hardware.link() ?? 'none'}>
              <p>
                Paired with the bridge at 127.0.0.1:{p().port}
                <Show when={p().pairedAt}> since {fmtDate(p().pairedAt)}</Show>.
              </p>
              <p data-testid="bridge-link">{LINK_LABEL[hardware.link() ?? 'closed']}</p>
              <button
                type="button"
                class="link"
                onClick={() => {
                  hardware.unpair();
                  setMessage(undefined);
                }}
              >
                Unpair this till
              </button>
              <p class="muted">
                Unpairing forgets the token here; the bridge keeps its record until its state directory is
                cleared.
              </p>
            </div>
          )}
        </Show>
        <Show when={message()}>
          {(m) => (
            <p
              class={m().ok ? '' : 'error'}
              role={m().ok ? 'status' : 'alert'}
              data-testid="hardware-message"
            >
              {m().text}
            </p>
          )}
        </Show>
      </section>
      <Show when={hardware.pairing()}>
        <section aria-label="Devices">
          <h2>Devices</h2>
          <DeviceList />
          <div class="actions">
            <button
              type="button"
              data-testid="test-print"
              onClick={() =>
                void test(
                  () =>
                    hardware.printReceipt(
                      testReceipt(
                        app.data()?.storeInfo()?.name ?? 'Loupe',
                        app.data()?.storeInfo()?.currency ?? 'EUR',
                      ),
                      false,
                    ),
                  'Test receipt printed.',
                )
              }
            >
              Print a test receipt
            </button>
            <button
              type="button"
              onClick={() => void test(() => hardware.openDrawer(), 'Cash drawer opened.')}
            >
              Open the cash drawer
            </button>
          </div>
        </section>
      </Show>
    </div>
  );
}
