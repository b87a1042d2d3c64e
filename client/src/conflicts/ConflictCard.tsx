import { createSignal, For, Show } from 'solid-js';
import { useApp } from '../app-state.ts';
import { fmt, fmtDate, statusLabel } from '../format.ts';
import { appendCommand } from '../local/outbox.ts';
import type { Command } from '../local/records.ts';
import { readSale } from '../sell/sale-record.ts';
import { S } from '../sell/strings.ts';
import { advice, RESOLVE } from './conflicts.ts';
import type { RemoteConflict } from './conflicts-api.ts';
import { T } from './strings.ts';

/** The domain's `conflict.resolve` resolutions. */
type Resolution = 'refunded-client' | 'sold-another-piece' | 'voided-competing-sale' | 'dismissed';

/** One side of a conflict: who sold, on which till, when, to which client, paid how. */
function SaleSide(props: { title: string; command: Command | undefined; testid: string }) {
  const app = useApp();
  const d = () => app.data();
  const sale = () => (props.command ? readSale(props.command) : undefined);
  const who = () => {
    const c = props.command;
    if (!c?.user) return T.unknown;
    return d()?.staff[c.user]?.name || T.unknownPerson;
  };
  const where = () => {
    const c = props.command;
    if (!c) return T.unknown;
    const store = d()?.stores[c.store]?.name ?? d()?.storeInfo()?.name ?? '';
    if (!c.device) return T.tillOf(T.unknown, store);
    return T.tillOf(c.device === app.deviceId ? T.thisTill : T.anotherTill, store);
  };
  const client = () => {
    const id = sale()?.clientId;
    return id ? (d()?.clients[id]?.name ?? id) : T.noClient;
  };
  return (
    <div data-testid={props.testid}>
      <h3>{props.title}</h3>
      <dl class="who">
        <dt>{T.soldBy}</dt>
        <dd data-testid="side-who">{who()}</dd>
        <dt>{T.where}</dt>
        <dd data-testid="side-where">{where()}</dd>
        <dt>{T.when}</dt>
        <dd>{props.command?.at ? fmtDate(props.command.at) : T.unknown}</dd>
        <dt>{T.client}</dt>
        <dd data-testid="side-client">{client()}</dd>
        <Show when={sale()}>
          {(s) => (
            <>
              <dt>{T.total}</dt>
              <dd>{fmt(s().total)}</dd>
              <dt>{T.paid}</dt>
              <dd data-testid="side-tenders">
                <Show when={s().tenders.length > 0} fallback={T.noPayment}>
                  <For each={s().tenders}>
                    {(t) => (
                      <div>
                        {S.tender[t.kind] ?? t.kind} {fmt(t.amount)}
                        {t.reference ? ` · ${t.reference}` : ''}
                      </div>
                    )}
                  </For>
                </Show>
              </dd>
            </>
          )}
        </Show>
      </dl>
    </div>
  );
}

/** One refused command, the sale that won, and the ways out — the most common first. */
export function ConflictCard(props: { conflict: RemoteConflict; onResolved: () => void }) {
  const app = useApp();
  const [note, setNote] = createSignal('');
  const c = () => props.conflict;
  // The sale that won: from the relay's list or the ledger, else an accepted sale of the same serial here.
  const competing = () => {
    const d = app.data();
    if (c().competing) {
      // The relay's copy has no till; the ledger's entry for the same command does.
      const entry = d?.entries()[c().competing?.id ?? ''];
      return entry ?? c().competing;
    }
    if (!d) return undefined;
    const outcomes = d.outcomes();
    return d.commands.items.find(
      (x) =>
        x.type === 'sale.complete' &&
        x.id !== c().id &&
        outcomes[x.id]?.status === 'accepted' &&
        readSale(x)?.lines.some((l) => c().serials.includes(l.serial)),
    );
  };
  const rejected = () => c().command ?? app.data()?.entries()[c().id];
  const resolve = (resolution: Resolution, fallbackNote: string) => {
    const d = app.data();
    if (!d) return;
    const text = note().trim() || fallbackNote;
    appendCommand(d.outbox, app.actor(), RESOLVE, { commandId: c().id, resolution, note: text });
    props.onResolved();
  };
  const voidCompeting = () => {
    const d = app.data();
    const other = competing();
    const saleId = (other?.payload as { saleId?: unknown } | undefined)?.saleId;
    if (!d || typeof saleId !== 'string') return;
    const reason = note().trim() || T.voidReason(c().id);
    appendCommand(d.outbox, app.actor(), 'sale.void', { saleId, reason });
    resolve('voided-competing-sale', T.voidOtherNote(saleId));
  };
  const isSale = () => rejected()?.type === 'sale.complete';

  return (
    <li
      class="card conflict"
      data-testid="conflict"
      data-command-id={c().id}
      data-serials={c().serials.join(' ')}
    >
      <header>
        <strong>
          {c()
            .serials.map((s) => app.data()?.pieces[s]?.title ?? s)
            .join(', ') || T.aCommand}
        </strong>
        <span class="muted">
          {' '}
          · {c().serials.join(', ')} · {T.rejectedAt(fmtDate(c().outcome.decidedAt))}
        </span>
      </header>
      <p class="reason" data-testid="conflict-reason">
        {c().outcome.reason ?? c().outcome.code ?? T.rejectedByServer}
      </p>
      <p class="advice">{advice(c().outcome.code)}</p>
      <div class="sides">
        <SaleSide title={isSale() ? T.refusedSide : T.aCommand} command={rejected()} testid="refused-side" />
        <Show
          when={competing()}
          fallback={
            <div>
              <h3>{T.winningSide}</h3>
              <For each={c().serials}>
                {(s) => <p>{T.stockNow(s, statusLabel(app.data()?.stock[s]?.status))}</p>}
              </For>
            </div>
          }
        >
          {(o) => <SaleSide title={T.winningSide} command={o()} testid="competing-sale" />}
        </Show>
      </div>
      <label class="field">
        {T.note}
        <input
          value={note()}
          onInput={(e) => setNote(e.currentTarget.value)}
          placeholder={T.notePlaceholder}
        />
      </label>
      <div class="actions">
        <Show when={isSale()}>
          <button type="button" class="primary" onClick={() => resolve('refunded-client', T.refundThisNote)}>
            {T.refundThis}
          </button>
          <button type="button" onClick={() => resolve('sold-another-piece', T.tookAnotherNote)}>
            {T.tookAnother}
          </button>
        </Show>
        <Show when={competing()}>
          <button type="button" onClick={voidCompeting}>
            {T.voidOther}
          </button>
        </Show>
        <button
          type="button"
          classList={{ primary: !isSale(), link: isSale() }}
          onClick={() => resolve('dismissed', T.dismissNote)}
        >
          {T.dismiss}
        </button>
      </div>
    </li>
  );
}
