import { createMemo, createSignal, onCleanup, Show } from 'solid-js';
import { newCountId } from '../../../domain/ids.ts';
import { can, type Role } from '../../../domain/roles.ts';
import { useApp } from '../app-state.ts';
import { DeviceUnavailable } from '../hardware/DeviceUnavailable.tsx';
import { useHardware } from '../hardware/hardware.ts';
import { SimulatedDevices } from '../hardware/SimulatedDevices.tsx';
import { appendCommand } from '../local/outbox.ts';
import type { Command } from '../local/records.ts';
import { BarcodeCount } from './BarcodeCount.tsx';
import { CountHistory } from './CountHistory.tsx';
import { CountSubmitted } from './CountSubmitted.tsx';
import { createCountHistory } from './count-history.ts';
import { addReads, emptyTally, expectedSerials, variance } from './count-model.ts';
import { C } from './strings.ts';
import { VarianceReport } from './VarianceReport.tsx';

type Phase = 'idle' | 'counting' | 'stopped';

/** RFID stock count (managers): read the floor, watch the variance, submit it as `stock.count`. */
export function CountPage() {
  const app = useApp();
  const hardware = useHardware();
  const allowed = () => can((app.session()?.user.role ?? 'associate') as Role, 'stock-count');
  const [scope, setScope] = createSignal(C.defaultScope);
  const [wholeStore, setWholeStore] = createSignal(true);
  const [phase, setPhase] = createSignal<Phase>('idle');
  const [session, setSession] = createSignal<string>();
  const [tally, setTally] = createSignal(emptyTally());
  const [error, setError] = createSignal<string>();
  const [submitted, setSubmitted] = createSignal<{ command: Command; countId: string }>();
  const [method, setMethod] = createSignal<'rfid' | 'barcode'>('rfid');
  // Per store's data: switching store (owners) reads that store's ledger months.
  const historyOf = createMemo(() => {
    const d = app.data();
    return d ? createCountHistory(d) : () => [];
  });
  const history = () => historyOf()();

  const expected = createMemo(() => expectedSerials(app.data()?.stock ?? {}));
  const report = createMemo(() => variance(expected(), tally().found, wholeStore()));

  const stopListening = hardware.onRfidBatch((b) => {
    if (b.session === session()) setTally((t) => addReads(t, b.reads));
  });
  onCleanup(() => {
    stopListening();
    if (phase() === 'counting') void hardware.stopCount();
  });

  const start = async () => {
    setError(undefined);
    setSubmitted(undefined);
    setTally(emptyTally());
    const r = await hardware.startCount();
    if (!r.ok) return setError(r.error);
    setSession(r.value);
    setPhase('counting');
  };
  const stop = async () => {
    await hardware.stopCount();
    setPhase('stopped');
  };
  const submit = async () => {
    const d = app.data();
    if (!d) return;
    if (phase() === 'counting') await stop();
    const countId = newCountId();
    const payload = {
      countId,
      scope: scope().trim() || C.defaultScope,
      wholeStore: wholeStore(),
      found: report().found,
    };
    const command = appendCommand(d.outbox, app.actor(), 'stock.count', payload);
    setSubmitted({ command, countId });
    setPhase('idle');
  };

  return (
    <div class="counts">
      <h1>{C.title}</h1>
      <Show when={allowed()} fallback={<p class="notice">{C.managersOnly}</p>}>
        <fieldset class="count-method">
          <legend>{C.method}</legend>
          <label class="check">
            <input
              type="radio"
              name="count-method"
              data-testid="count-method-rfid"
              checked={method() === 'rfid'}
              onChange={() => setMethod('rfid')}
            />
            {C.rfid}
          </label>
          <label class="check">
            <input
              type="radio"
              name="count-method"
              data-testid="count-method-barcode"
              checked={method() === 'barcode'}
              onChange={() => setMethod('barcode')}
            />
            {C.barcode}
          </label>
        </fieldset>
        <Show when={method() === 'barcode'}>
          <BarcodeCount history={history()} />
        </Show>
        <Show when={method() === 'rfid'}>
          <DeviceUnavailable kind="rfid" />
          <form class="count-form" aria-label={C.countForm} onSubmit={(e) => e.preventDefault()}>
            <label>
              {C.scope}
              <input
                data-testid="count-scope"
                value={scope()}
                onInput={(e) => setScope(e.currentTarget.value)}
              />
            </label>
            <label class="check">
              <input
                type="checkbox"
                data-testid="count-whole-store"
                checked={wholeStore()}
                onChange={(e) => setWholeStore(e.currentTarget.checked)}
              />
              {C.wholeStore}
            </label>
            <Show when={phase() !== 'counting'}>
              <button
                type="button"
                data-testid="count-start"
                disabled={!!hardware.unavailable('rfid')}
                onClick={() => void start()}
              >
                {phase() === 'stopped' ? C.again : C.start}
              </button>
            </Show>
            <Show when={phase() === 'counting'}>
              <button type="button" data-testid="count-stop" onClick={() => void stop()}>
                {C.stop}
              </button>
            </Show>
            <Show when={phase() !== 'idle'}>
              <button type="button" class="primary" data-testid="count-submit" onClick={() => void submit()}>
                {C.submit}
              </button>
            </Show>
          </form>
          <Show when={error()}>
            <p class="error" role="alert">
              {error()}
            </p>
          </Show>
          <Show when={phase() !== 'idle'}>
            <p class="count-live" data-testid="count-live" data-phase={phase()} aria-live="polite">
              {C.found} <strong data-testid="count-found">{report().found.length}</strong> {C.of}{' '}
              <strong data-testid="count-expected">{report().expected}</strong> {C.expected} ·{' '}
              <strong data-testid="count-unexpected">{report().unexpected.length}</strong> {C.unexpected}
              <Show when={tally().unknownEpcs.size > 0}>{C.notOurs(tally().unknownEpcs.size)}</Show>
            </p>
            <Show when={phase() === 'counting'}>
              <SimulatedDevices scan={false} onMessage={(m) => !m.ok && setError(m.text)} />
            </Show>
            <VarianceReport variance={report()} />
          </Show>
          <Show when={submitted()}>
            {(s) => <CountSubmitted command={s().command} countId={s().countId} />}
          </Show>
        </Show>
        <CountHistory history={history()} />
      </Show>
    </div>
  );
}
