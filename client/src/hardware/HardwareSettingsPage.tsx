import { createSignal, Show } from 'solid-js';
import type { Result } from '../../../domain/result.ts';
import { useApp } from '../app-state.ts';
import { fmtDate } from '../format.ts';
import { DeviceList } from './DeviceList.tsx';
import { useHardware } from './hardware.ts';
import { DEFAULT_BRIDGE_PORT, validPort } from './pairing.ts';
import { SimulatedDevices } from './SimulatedDevices.tsx';
import { H } from './strings.ts';
import { testReceipt } from './test-receipt.ts';

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
    if (!validPort(p)) return setMessage({ ok: false, text: H.notAPort(port()) });
    setBusy(true);
    const label = `${app.data()?.storeInfo()?.name ?? 'Loupe'} · ${app.deviceId.slice(-6)}`;
    const r = await hardware.pair(p, code(), label);
    setBusy(false);
    setMessage(r.ok ? { ok: true, text: H.paired } : { ok: false, text: r.error });
    if (r.ok) setCode('');
  };

  const test = async (run: () => Promise<Result<void, string>>, done: string) => {
    const r = await run();
    setMessage(r.ok ? { ok: true, text: done } : { ok: false, text: r.error });
  };

  return (
    <div class="hardware-settings">
      <h1>{H.title}</h1>
      <p class="muted">{H.intro}</p>
      <section aria-labelledby="bridge-title">
        <h2 id="bridge-title">{H.bridge}</h2>
        <Show when={hardware.problem()}>
          <p class="notice" role="alert">
            {hardware.problem()}
          </p>
        </Show>
        <Show
          when={hardware.pairing()}
          fallback={
            <form class="pair-form" onSubmit={pair} aria-label={H.pairForm}>
              <label>
                {H.bridgeAddress}
                <input
                  data-testid="bridge-port"
                  inputmode="numeric"
                  value={port()}
                  onInput={(e) => setPort(e.currentTarget.value)}
                />
              </label>
              <label>
                {H.pairingCode}
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
                {H.pair}
              </button>
            </form>
          }
        >
          {(p) => (
            <div data-testid="bridge-state" data-link={hardware.link() ?? 'none'}>
              <p>
                {H.pairedWith(p().port)}
                <Show when={p().pairedAt}>{H.since(fmtDate(p().pairedAt))}</Show>.
              </p>
              <p data-testid="bridge-link">{H.link[hardware.link() ?? 'closed']}</p>
              <button
                type="button"
                class="link"
                onClick={() => {
                  hardware.unpair();
                  setMessage(undefined);
                }}
              >
                {H.unpair}
              </button>
              <p class="muted">{H.unpairNote}</p>
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
        <section aria-labelledby="devices-title">
          <h2 id="devices-title">{H.devices}</h2>
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
                  H.testReceiptDone,
                )
              }
            >
              {H.testReceipt}
            </button>
            <button type="button" onClick={() => void test(() => hardware.openDrawer(), H.drawerOpened)}>
              {H.openDrawer}
            </button>
          </div>
        </section>
        <SimulatedDevices onMessage={setMessage} />
      </Show>
    </div>
  );
}
