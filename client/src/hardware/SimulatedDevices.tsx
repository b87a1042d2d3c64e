import { createMemo, createSignal, Show } from 'solid-js';
import { useApp } from '../app-state.ts';
import { expectedSerials } from '../counts/count-model.ts';
import { useHardware } from './hardware.ts';
import { H } from './strings.ts';

/**
 * Drives the bridge's twin devices (LOUPE_BRIDGE_SIMULATE=1) from the app, for demos and tests:
 * a scan from the twin scanner, and an RFID sweep reading the tags of the pieces in stock here,
 * so a count running on the Counts page finds them. Shown only when the devices are simulated.
 */
export function SimulatedDevices(props: {
  scan?: boolean;
  onMessage?: (m: { ok: boolean; text: string }) => void;
}) {
  const app = useApp();
  const hardware = useHardware();
  const inStock = createMemo(() => [...expectedSerials(app.data()?.stock ?? {})].sort());
  const [data, setData] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const say = (ok: boolean, text: string) => props.onMessage?.({ ok, text });

  const scan = async (e: SubmitEvent) => {
    e.preventDefault();
    const text = data().trim() || inStock()[0] || '';
    if (!text) return;
    setBusy(true);
    const r = await hardware.simulateScan(text);
    setBusy(false);
    say(r.ok, r.ok ? H.scanSent(text) : r.error);
  };
  const sweep = async () => {
    const serials = inStock();
    if (serials.length === 0) return say(false, H.nothingToSweep);
    setBusy(true);
    const r = await hardware.simulateRfidSweep(serials);
    setBusy(false);
    say(r.ok, r.ok ? H.sweepSent(serials.length) : r.error);
  };

  return (
    <Show when={hardware.simulated()}>
      <section class="simulation" aria-labelledby="simulation-title" data-testid="simulation">
        <h2 id="simulation-title">{H.simulation}</h2>
        <p class="muted">{H.simulationIntro}</p>
        <Show when={props.scan !== false}>
          <form class="pair-form" onSubmit={(e) => void scan(e)}>
            <label>
              {H.scanData}
              <input
                data-testid="sim-scan-data"
                autocomplete="off"
                placeholder={inStock()[0] ?? ''}
                value={data()}
                onInput={(e) => setData(e.currentTarget.value)}
              />
            </label>
            <button type="submit" data-testid="sim-scan" disabled={busy()}>
              {H.simulateScan}
            </button>
          </form>
        </Show>
        <div class="actions start">
          <button type="button" data-testid="sim-rfid-sweep" disabled={busy()} onClick={() => void sweep()}>
            {H.simulateSweep}
          </button>
          <span class="muted">{H.sweepNote(inStock().length)}</span>
        </div>
      </section>
    </Show>
  );
}
