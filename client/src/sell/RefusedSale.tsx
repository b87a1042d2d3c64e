import { For, Show } from 'solid-js';
import { outcomeText } from '../../../sync/shared/outcome-codes.ts';
import { useApp } from '../app-state.ts';
import { fmtDate } from '../format.ts';
import type { Command } from '../local/records.ts';
import { readSale } from './sale-record.ts';
import { S } from './strings.ts';

/**
 * A sale the store server refused, told to the associate who made it: what happened in plain
 * words (who sold the piece first, where, when) and what to do now, with the client still there.
 */
export function RefusedSale(props: { command: Command }) {
  const app = useApp();
  const d = () => app.data();
  const outcome = () => d()?.outcomes()[props.command.id];
  const entry = () => d()?.entries()[props.command.id];
  const competing = () => {
    const id = entry()?.context?.competingCommandId;
    return typeof id === 'string' ? d()?.entries()[id] : undefined;
  };
  const serials = () => readSale(props.command)?.lines.map((l) => l.serial) ?? [];
  const soldFirst = () => {
    const c = competing();
    const mine = new Set(serials());
    const theirs = c ? (readSale(c)?.lines.map((l) => l.serial) ?? []) : [];
    return theirs.filter((s) => mine.has(s));
  };
  const who = () => {
    const c = competing();
    if (!c) return undefined;
    const name = d()?.staff[c.user]?.name || S.someone;
    const store = d()?.stores[c.store]?.name ?? d()?.storeInfo()?.name ?? '';
    const where = c.device === app.deviceId ? S.onThisTill : S.onAnotherTill(store);
    return S.refusedBy(name, where, fmtDate(c.at));
  };
  const alreadySold = () => outcome()?.code === 'serial-already-sold';
  return (
    <Show when={outcome()?.status === 'rejected'}>
      <section class="refused" role="alert" data-testid="refused-sale" aria-label={S.refusedTitle}>
        <h3>{S.refusedTitle}</h3>
        <Show when={alreadySold()} fallback={<p>{S.refusedReasonOther(outcomeText(outcome() ?? {}))}</p>}>
          <For each={soldFirst().length ? soldFirst() : serials()}>
            {(s) => <p>{S.refusedWhy(d()?.pieces[s]?.title ?? s, s)}</p>}
          </For>
          <p data-testid="refused-who">{who() ?? S.refusedByUnknown}</p>
        </Show>
        <p>{S.refusedNow}</p>
        <ul>
          <For each={S.refusedSteps}>{(step) => <li>{step}</li>}</For>
        </ul>
        <p class="muted">{S.refusedManager}</p>
      </section>
    </Show>
  );
}
