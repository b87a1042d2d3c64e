/**
 * A barcode count (COUNT-4, COUNT-5): the whole store or one place, scanned with the bridge's scanner,
 * a keyboard-wedge gun, typed serials or the device's camera (CAMCOUNT-*, one path for all); several counters add their scans to the same count (each
 * sends a part with the count's id; the relay's variance covers every part). Works with no network:
 * the part waits in the outbox and is decided when the till reconnects.
 */
import { createMemo, createSignal, For, Show } from 'solid-js';
import { type CountId, newCountId, parseSerial } from '../../../domain/ids.ts';
import type { StockCountRecord } from '../../../sync/shared/docs/ledger.ts';
import { useApp } from '../app-state.ts';
import { CameraScanner, type ScanOutcome } from '../camera/CameraScanner.tsx';
import { fmtDate } from '../format.ts';
import { appendCommand } from '../local/outbox.ts';
import type { Command } from '../local/records.ts';
import { type Place, placeKey, storePlaces } from '../locations/locations-model.ts';
import { ScanField } from '../locations/ScanField.tsx';
import { CountSubmitted } from './CountSubmitted.tsx';
import { placeVariance } from './count-model.ts';
import { C } from './strings.ts';
import { SerialList, VarianceReport } from './VarianceReport.tsx';

const WHOLE = '__whole__';
/** A count others may still add to: recorded in the last two days. */
const JOINABLE_MS = 2 * 24 * 3600_000;

export function BarcodeCount(props: { history: readonly StockCountRecord[] }) {
  const app = useApp();
  const places = createMemo(() => storePlaces(app.data()?.pieces ?? {}));
  const [scopeKey, setScopeKey] = createSignal(WHOLE);
  const [join, setJoin] = createSignal('');
  const [found, setFound] = createSignal<ReadonlySet<string>>(new Set());
  const [message, setMessage] = createSignal<string>();
  const [submitted, setSubmitted] = createSignal<{ command: Command; countId: string; place?: Place }>();

  const joinable = () => props.history.filter((r) => Date.now() - Date.parse(r.at) < JOINABLE_MS);
  const joined = () => joinable().find((r) => r.countId === join());
  const place = (): Place | undefined => {
    const j = joined();
    if (j) return j.location as Place | undefined;
    return scopeKey() === WHOLE ? undefined : places().find((p) => placeKey(p) === scopeKey());
  };
  const report = createMemo(() => placeVariance(app.data()?.stock ?? {}, found(), place()?.label));

  /** Every scan takes this one path: the bridge's scanner, a keyboard wedge, typed, or the camera. */
  const onScan = (code: string): ScanOutcome => {
    const s = parseSerial(code);
    if (!s.ok) {
      setMessage(C.notASerial(code));
      return { kind: 'refused', text: C.notASerial(code) };
    }
    if (found().has(s.value)) {
      setMessage(C.counted(s.value));
      return { kind: 'repeat', text: C.counted(s.value) };
    }
    setMessage(undefined);
    const next = new Set([...found(), s.value]);
    setFound(next);
    const r = placeVariance(app.data()?.stock ?? {}, next, place()?.label);
    if (r.unexpected.includes(s.value)) return { kind: 'taken', text: C.countedUnexpected(s.value) };
    if (r.wrongLocation.includes(s.value)) return { kind: 'taken', text: C.countedElsewhere(s.value) };
    return { kind: 'taken', text: C.countedNow(s.value) };
  };

  const submit = () => {
    const d = app.data();
    if (!d) return;
    const j = joined();
    const p = place();
    const countId = (j?.countId ?? newCountId()) as CountId;
    const command = appendCommand(d.outbox, app.actor(), 'stock.count', {
      countId,
      scope: j?.scope ?? p?.label ?? C.defaultScope,
      wholeStore: j ? j.wholeStore : !p,
      found: [...found()].sort(),
      ...(p ? { location: { kind: p.kind, label: p.label } } : {}),
    });
    setSubmitted({ command, countId, ...(p ? { place: p } : {}) });
    setFound(new Set<string>());
  };

  return (
    <div class="barcode-count" data-testid="barcode-count">
      <div class="count-form">
        <label>
          {C.countWith}
          <select data-testid="count-join" value={join()} onChange={(e) => setJoin(e.currentTarget.value)}>
            <option value="">{C.newCount}</option>
            <For each={joinable()}>
              {(r) => <option value={r.countId}>{C.joinCount(r.scope, fmtDate(r.at))}</option>}
            </For>
          </select>
        </label>
        <Show when={!joined()}>
          <label>
            {C.whatCounted}
            <select
              data-testid="count-place"
              value={scopeKey()}
              onChange={(e) => setScopeKey(e.currentTarget.value)}
            >
              <option value={WHOLE}>{C.wholeStoreOption}</option>
              <For each={places()}>{(p) => <option value={placeKey(p)}>{p.label}</option>}</For>
            </select>
          </label>
        </Show>
      </div>
      <ScanField label={C.scan} onScan={onScan} testid="count-scan" />
      <CameraScanner onCode={onScan} testid="count-camera" />
      <Show when={message()}>
        <p class="muted" role="status">
          {message()}
        </p>
      </Show>
      <p class="count-live" data-testid="count-live" data-phase="counting" aria-live="polite">
        {C.found} <strong data-testid="count-found">{report().found.length}</strong> {C.of}{' '}
        <strong data-testid="count-expected">{report().expected}</strong> {C.expected} ·{' '}
        <strong data-testid="count-unexpected">{report().unexpected.length}</strong> {C.unexpected}
      </p>
      <VarianceReport variance={report()} />
      <Show when={report().wrongLocation.length > 0}>
        <SerialList title={C.wrongLocationTitle} kind="wrong-location" serials={report().wrongLocation} />
      </Show>
      <button
        type="button"
        class="primary"
        data-testid="count-submit"
        disabled={found().size === 0}
        onClick={submit}
      >
        {C.submitPart}
      </button>
      <Show when={submitted()}>{(s) => <CountSubmitted command={s().command} countId={s().countId} />}</Show>
    </div>
  );
}
