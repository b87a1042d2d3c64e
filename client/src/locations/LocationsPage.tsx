/**
 * Places inside the store (LOCATION-*), managers and up: pick where pieces go and scan them there
 * (`piece.relocate`), or run the end-of-day safe check — scan every piece back into the safe and
 * see what is still out; recording it sends a whole-store `stock.count` (its missing pieces go to
 * the managers' count history, COUNT-*) and moves the scanned pieces to the safe. Offline, both wait
 * in the outbox and are decided when the till reconnects.
 */
import { createMemo, createSignal, For, Show } from 'solid-js';
import { newCountId } from '../../../domain/ids.ts';
import { LOCATION_KINDS, type LocationKind } from '../../../domain/piece.ts';
import { can, type Role } from '../../../domain/roles.ts';
import { outcomeText } from '../../../sync/shared/outcome-codes.ts';
import { useApp } from '../app-state.ts';
import { CameraScanner, type ScanOutcome } from '../camera/CameraScanner.tsx';
import { appendCommand, stateOf } from '../local/outbox.ts';
import {
  checkScan,
  expectedInStore,
  type Place,
  placeKey,
  stillOut,
  storePlaces,
} from './locations-model.ts';
import { ScanField } from './ScanField.tsx';
import { L } from './strings.ts';

type Mode = 'move' | 'safe' | 'arrivals';
const NEW = '__new__';

export function LocationsPage() {
  const app = useApp();
  const role = () => (app.session()?.user.role ?? 'associate') as Role;
  const [mode, setMode] = createSignal<Mode>('move');
  const places = createMemo(() => storePlaces(app.data()?.pieces ?? {}));
  const [destKey, setDestKey] = createSignal('');
  const [newKind, setNewKind] = createSignal<LocationKind>('case');
  const [newLabel, setNewLabel] = createSignal('');
  const [scanned, setScanned] = createSignal<string[]>([]);
  const [message, setMessage] = createSignal<{ ok: boolean; text: string }>();
  const [sent, setSent] = createSignal<{ ids: string[]; text: string; missing?: number }>();

  const destination = (): Place | undefined => {
    if (destKey() === NEW)
      return newLabel().trim() ? { kind: newKind(), label: newLabel().trim() } : undefined;
    return places().find((p) => placeKey(p) === destKey()) ?? places()[0];
  };
  const safe = () => places().find((p) => p.kind === 'safe') ?? { kind: 'safe' as const, label: L.safe };

  /**
   * Every scan takes this one path: the bridge's scanner, a keyboard wedge, a typed serial, or the
   * camera (CAMCOUNT-7), which shows what became of each read in its list.
   */
  const onScan = (code: string): ScanOutcome => {
    const refuse = (text: string): ScanOutcome => {
      setMessage({ ok: false, text });
      return { kind: 'refused', text };
    };
    const take = (serial: string): ScanOutcome => {
      if (scanned().includes(serial)) {
        setMessage({ ok: true, text: L.already(serial) });
        return { kind: 'repeat', text: L.already(serial) };
      }
      setScanned((s) => [...s, serial]);
      setMessage(undefined);
      setSent(undefined);
      return { kind: 'taken', text: mode() === 'arrivals' ? L.arrived(serial) : L.scannedOne(serial) };
    };
    const d = app.data();
    if (!d) return refuse(L.notReady);
    const r = checkScan(code, d.pieces, d.stock);
    // Arrivals: only pieces on their way to this store (STOCK-3); elsewhere, only pieces in it.
    if (mode() === 'arrivals') {
      const serial = r.serial;
      if (!serial || d.stock[serial]?.status !== 'in-transit')
        return refuse(
          r.ok || r.reason !== 'not-a-serial' ? L.notInTransit(serial ?? code) : L.notASerial(code),
        );
      return take(serial);
    }
    if (!r.ok)
      return refuse(
        r.reason === 'not-a-serial'
          ? L.notASerial(code)
          : r.reason === 'unknown'
            ? L.unknown(r.serial ?? code)
            : L.notInStore(r.serial ?? code),
      );
    return take(r.serial);
  };
  const reset = () => {
    setScanned([]);
    setMessage(undefined);
  };
  const switchMode = (m: Mode) => {
    setMode(m);
    reset();
    setSent(undefined);
  };

  const move = () => {
    const d = app.data();
    const to = destination();
    if (!d || !to || scanned().length === 0) return;
    const c = appendCommand(d.outbox, app.actor(), 'piece.relocate', {
      serials: scanned(),
      location: to,
      reason: 'move',
    });
    setSent({ ids: [c.id], text: L.moved(scanned().length, to.label) });
    reset();
  };

  const onTheWay = createMemo(() =>
    Object.entries(app.data()?.stock ?? {})
      .filter(([, s]) => s.status === 'in-transit')
      .map(([serial]) => serial)
      .sort(),
  );
  const receiveArrivals = () => {
    const d = app.data();
    if (!d || scanned().length === 0) return;
    const ids = scanned().map(
      (serial) => appendCommand(d.outbox, app.actor(), 'transfer.receive', { serial }).id,
    );
    setSent({ ids, text: L.received(scanned().length) });
    reset();
  };

  const out = createMemo(() => stillOut(app.data()?.stock ?? {}, new Set(scanned())));
  const expected = () => expectedInStore(app.data()?.stock ?? {});
  const recordCheck = () => {
    const d = app.data();
    if (!d) return;
    const missing = out().length;
    const count = appendCommand(d.outbox, app.actor(), 'stock.count', {
      countId: newCountId(),
      scope: `${L.safeCheck} · ${safe().label}`,
      wholeStore: true,
      found: scanned(),
    });
    const ids = [count.id];
    if (scanned().length > 0)
      ids.push(
        appendCommand(d.outbox, app.actor(), 'piece.relocate', {
          serials: scanned(),
          location: safe(),
          reason: 'safe-check',
        }).id,
      );
    setSent({ ids, text: missing === 0 ? L.recorded : L.recordedMissing(missing), missing });
    reset();
  };

  const outcome = () => {
    const s = sent();
    if (!s) return undefined;
    const outcomes = app.data()?.outcomes() ?? {};
    const states = s.ids.map((id) => stateOf(id, outcomes));
    const refused = s.ids.find((id) => stateOf(id, outcomes) === 'rejected');
    if (refused) return { ok: false, text: L.refused(outcomeText(outcomes[refused] ?? {})) };
    if (states.every((x) => x === 'accepted')) return { ok: true, text: s.text };
    return { ok: true, text: L.waiting };
  };

  return (
    <div class="locations">
      <h1>{L.title}</h1>
      <Show when={can(role(), 'stock-count')} fallback={<p class="notice">{L.managersOnly}</p>}>
        <fieldset class="tabs">
          <legend class="sr-only">{L.modes}</legend>
          <button
            type="button"
            aria-pressed={mode() === 'move'}
            data-testid="mode-move"
            onClick={() => switchMode('move')}
          >
            {L.move}
          </button>
          <button
            type="button"
            aria-pressed={mode() === 'arrivals'}
            data-testid="mode-arrivals"
            onClick={() => switchMode('arrivals')}
          >
            {L.arrivals}
          </button>
          <button
            type="button"
            aria-pressed={mode() === 'safe'}
            data-testid="mode-safe"
            onClick={() => switchMode('safe')}
          >
            {L.safeCheck}
          </button>
        </fieldset>
        <Show when={mode() === 'move'}>
          <div class="move-destination">
            <label>
              {L.destination}
              <select
                data-testid="move-destination"
                value={destKey() || placeKey(places()[0] ?? safe())}
                onChange={(e) => setDestKey(e.currentTarget.value)}
              >
                <For each={places()}>{(p) => <option value={placeKey(p)}>{p.label}</option>}</For>
                <option value={NEW}>{L.newPlace}</option>
              </select>
            </label>
            <Show when={destKey() === NEW}>
              <label>
                {L.newKind}
                <select value={newKind()} onChange={(e) => setNewKind(e.currentTarget.value as LocationKind)}>
                  <For each={LOCATION_KINDS}>
                    {(k) => <option value={k}>{k.replaceAll('-', ' ')}</option>}
                  </For>
                </select>
              </label>
              <label>
                {L.newLabel}
                <input
                  data-testid="move-new-label"
                  value={newLabel()}
                  onInput={(e) => setNewLabel(e.currentTarget.value)}
                />
              </label>
            </Show>
          </div>
        </Show>
        <ScanField label={L.scan} onScan={onScan} testid="location-scan" />
        <CameraScanner onCode={onScan} testid="location-camera" />
        <Show when={message()}>
          {(m) => (
            <p
              class={m().ok ? 'muted' : 'error'}
              role={m().ok ? 'status' : 'alert'}
              data-testid="location-message"
            >
              {m().text}
            </p>
          )}
        </Show>
        <Show when={mode() === 'move'}>
          <p aria-live="polite" data-testid="scanned-count">
            {L.scanned(scanned().length)}
          </p>
          <ul class="scanned" data-testid="scanned" tabindex="0" aria-label={L.scanned(scanned().length)}>
            <For each={scanned()}>
              {(serial) => (
                <li>
                  {serial} · {app.data()?.pieces[serial]?.title}{' '}
                  <span class="muted">
                    {L.from} {app.data()?.stock[serial]?.location || app.data()?.pieces[serial]?.location}
                  </span>{' '}
                  <button
                    type="button"
                    class="link"
                    aria-label={L.remove(serial)}
                    onClick={() => setScanned((s) => s.filter((x) => x !== serial))}
                  >
                    ×
                  </button>
                </li>
              )}
            </For>
          </ul>
          <button
            type="button"
            class="primary"
            data-testid="move-submit"
            disabled={scanned().length === 0 || !destination()}
            onClick={move}
          >
            {L.moveNow(scanned().length, destination()?.label ?? '')}
          </button>
        </Show>
        <Show when={mode() === 'arrivals'}>
          <p data-testid="arrivals-count">
            {onTheWay().length > 0 ? L.onTheWay(onTheWay().length) : L.noneOnTheWay}
          </p>
          <ul class="scanned" data-testid="arrivals" tabindex="0" aria-label={L.arrivals}>
            <For each={onTheWay()}>
              {(serial) => (
                <li data-serial={serial} data-scanned={scanned().includes(serial) ? 'yes' : 'no'}>
                  {scanned().includes(serial) ? '✓ ' : ''}
                  {serial} · {app.data()?.pieces[serial]?.title ?? L.fromStore}
                </li>
              )}
            </For>
          </ul>
          <button
            type="button"
            class="primary"
            data-testid="arrivals-submit"
            disabled={scanned().length === 0}
            onClick={receiveArrivals}
          >
            {L.receiveNow(scanned().length)}
          </button>
        </Show>
        <Show when={mode() === 'safe'}>
          <p aria-live="polite" data-testid="safe-progress">
            {L.backInSafe(expected() - out().length, expected())}
          </p>
          <Show when={out().length > 0} fallback={<p data-testid="safe-all-back">{L.allBack}</p>}>
            <h2>{L.stillOut}</h2>
            <ul class="still-out" data-testid="safe-missing" tabindex="0" aria-label={L.stillOut}>
              <For each={out()}>
                {(o) => (
                  <li data-serial={o.serial}>
                    {o.serial} · {app.data()?.pieces[o.serial]?.title} <span class="muted">{o.location}</span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <button type="button" class="primary" data-testid="safe-record" onClick={recordCheck}>
            {L.record}
          </button>
        </Show>
        <Show when={outcome()}>
          {(o) => (
            <p
              class={o().ok ? '' : 'error'}
              role={o().ok ? 'status' : 'alert'}
              data-testid="location-outcome"
            >
              {o().text}
            </p>
          )}
        </Show>
      </Show>
    </div>
  );
}
