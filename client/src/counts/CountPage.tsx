import { createMemo, createSignal, onCleanup, Show } from 'solid-js';
import { newCountId } from '../../../domain/ids.ts';
import { can, type Role } from '../../../domain/roles.ts';
import { useApp } from '../app-state.ts';
import { DeviceUnavailable } from '../hardware/DeviceUnavailable.tsx';
import { useHardware } from '../hardware/hardware.ts';
import { makeCommand, pushCommand } from '../local/outbox.ts';
import type { Command } from '../local/records.ts';
import { CountSubmitted } from './CountSubmitted.tsx';
import { addReads, emptyTally, expectedSerials, variance } from './count-model.ts';
import { VarianceReport } from './VarianceReport.tsx';

type Phase = 'idle' | 'counting' | 'stopped';

/** RFID stock count (managers): read the floor, watch the variance, submit it as `stock.count`. */
export function CountPage() {
  const app = useApp();
  const hardware = useHardware();
  const allowed = () => can((app.session()?.user.role ?? 'associate') as Role, 'stock-count');
  const [scope, setScope] = createSignal('Whole store');
  const [wholeStore, setWholeStore] = createSignal(true);
  const [phase, setPhase] = createSignal<Phase>('idle');
  const [session, setSession] = createSignal<string>();
  const [tally, setTally] = createSignal(emptyTally());
  const [error, setError] = createSignal<string>();
  const [submitted, setSubmitted] = createSignal<{ command: Command; countId: string }>();

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
      scope: scope().trim() || 'Whole store',
      wholeStore: wholeStore(),
      found: report().found,
    };
    const command = pushCommand(d.outbox, makeCommand(app.actor(), 'stock.count', payload));
    setSubmitted({ command, countId });
    setPhase('idle');
  };

  return (
    <div class="counts">
      <h1>Stock count</h1>
      <Show when={allowed()} fallback={<p class="notice">Stock counts are recorded by managers.</p>}>
        <DeviceUnavailable kind="rfid" />
        <form class="count-form" aria-label="Count" onSubmit={(e) => e.preventDefault()}>
          <label>
            What is counted
            <input
              data-testid="count-scope"
              value={scope()}
              onInput={(e) => setScope(e.currentTarget.value)}
            />
          </label>
          <label>
            <input
              type="checkbox"
              data-testid="count-whole-store"
              checked={wholeStore()}
              onChange={(e) => setWholeStore(e.currentTarget.checked)}
            />
            Whole store (report missing pieces)
          </label>
          <Show when={phase() !== 'counting'}>
            <button
              type="button"
              data-testid="count-start"
              disabled={!!hardware.unavailable('rfid')}
              onClick={() => void start()}
            >
              {phase() === 'stopped' ? 'Count again' : 'Start count'}
            </button>
          </Show>
          <Show when={phase() === 'counting'}>
            <button type="button" data-testid="count-stop" onClick={() => void stop()}>
              Stop reading
            </button>
          </Show>
          <Show when={phase() !== 'idle'}>
            <button type="button" class="primary" data-testid="count-submit" onClick={() => void submit()}>
              Submit count
            </button>
          </Show>
        </form>
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
        <Show when={phase() !== 'idle'}>
          <p class="count-live" data-testid="count-live" data-phase={phase()}>
            Found <strong data-testid="count-found">{report().found.length}</strong> of{' '}
            <strong data-testid="count-expected">{report().expected}</strong> expected ·{' '}
            <strong data-testid="count-unexpected">{report().unexpected.length}</strong> unexpected
            <Show when={tally().unknownEpcs.size > 0}> · {tally().unknownEpcs.size} tags not ours</Show>
          </p>
          <VarianceReport variance={report()} />
        </Show>
        <Show when={submitted()}>
          {(s) => <CountSubmitted command={s().command} countId={s().countId} />}
        </Show>
      </Show>
    </div>
  );
}
