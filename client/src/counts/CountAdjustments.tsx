/**
 * COUNT-7: a count's variance becomes adjustments only by a manager's command — each missing piece
 * written off as lost (`piece.write-off`, the count named in the note), pieces found at another
 * place recorded where they were found (`piece.relocate`, reason `count`). Nothing is adjusted by the
 * count itself.
 */
import { createSignal, For, Show } from 'solid-js';
import type { CountId } from '../../../domain/ids.ts';
import { can, type Role } from '../../../domain/roles.ts';
import type { StockCountRecord } from '../../../sync/shared/docs/ledger.ts';
import { useApp } from '../app-state.ts';
import { appendCommand } from '../local/outbox.ts';
import { CommandStatus } from '../sell/CommandStatus.tsx';
import { C } from './strings.ts';

const PRESENT = new Set(['in-stock', 'reserved', 'returned', 'in-repair', 'on-memo']);

export function CountAdjustments(props: { record: StockCountRecord }) {
  const app = useApp();
  const role = () => (app.session()?.user.role ?? 'associate') as Role;
  const [sent, setSent] = createSignal<Record<string, string>>({});
  // Only what is still to adjust: a piece written off or sold since needs nothing more.
  const missing = () =>
    props.record.missing.filter((s) => PRESENT.has(app.data()?.stock[s]?.status ?? '') && !sent()[s]);
  const wrong = () => (props.record.wrongLocation ?? []).filter((s) => !sent()[`loc:${s}`]);
  const writeOff = (serials: readonly string[]) => {
    const d = app.data();
    if (!d) return;
    const ids: Record<string, string> = {};
    for (const serial of serials)
      ids[serial] = appendCommand(d.outbox, app.actor(), 'piece.write-off', {
        serial,
        reason: 'lost',
        note: C.writeOffNote(props.record.scope),
      }).id;
    setSent((s) => ({ ...s, ...ids }));
  };
  const fix = () => {
    const d = app.data();
    const place = props.record.location;
    if (!d || !place) return;
    const c = appendCommand(d.outbox, app.actor(), 'piece.relocate', {
      serials: wrong(),
      location: place as { kind: 'case'; label: string },
      reason: 'count',
      countId: props.record.countId as CountId,
    });
    setSent((s) => ({ ...s, ...Object.fromEntries(wrong().map((x) => [`loc:${x}`, c.id])) }));
  };
  return (
    <Show
      when={
        can(role(), 'write-off') &&
        (missing().length > 0 || wrong().length > 0 || Object.keys(sent()).length > 0)
      }
    >
      <section class="count-adjustments" data-testid="count-adjustments" aria-label={C.adjustments}>
        <h3>{C.adjustments}</h3>
        <ul>
          <For each={missing()}>
            {(serial) => (
              <li data-serial={serial}>
                {serial} <span class="muted">{app.data()?.pieces[serial]?.title}</span>{' '}
                <button type="button" data-testid="adjust-write-off" onClick={() => writeOff([serial])}>
                  {C.writeOff(serial)}
                </button>
              </li>
            )}
          </For>
        </ul>
        <Show when={missing().length > 1}>
          <button type="button" data-testid="adjust-write-off-all" onClick={() => writeOff(missing())}>
            {C.writeOffAll(missing().length)}
          </button>
        </Show>
        <Show when={wrong().length > 0 && props.record.location}>
          <button type="button" data-testid="adjust-fix-location" onClick={fix}>
            {C.fixLocation(wrong().length, props.record.location?.label ?? '')}
          </button>
        </Show>
        <ul>
          <For each={Object.entries(sent())}>
            {([key, id]) => (
              <li data-testid="adjustment-sent">
                {key.replace(/^loc:/, '')} <CommandStatus id={id} />
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
