import { createSignal, For, Show } from 'solid-js';
import type { TenderKind } from '../../../domain/commands.ts';
import { refundableFor } from '../../../domain/decide-return.ts';
import { newReturnId } from '../../../domain/ids.ts';
import { newCardNumber } from '../../../domain/money-held.ts';
import { useApp } from '../app-state.ts';
import { fmt } from '../format.ts';
import { appendCommand } from '../local/outbox.ts';
import type { Command } from '../local/records.ts';
import { proposeRefunds, type SaleView } from './sale-record.ts';
import { S } from './strings.ts';

type Mode = 'as-paid' | TenderKind;

/**
 * A return against an earlier sale: pick the pieces; the refund is proposed the way the sale was
 * paid (card and cash split as they were), or all to one tender. An exchange is a return followed
 * by a new sale of the replacement piece, with the refund as store credit.
 */
export function ReturnPanel(props: { sale: SaleView; onDone: (command: Command) => void }) {
  const app = useApp();
  const [picked, setPicked] = createSignal<Set<string>>(new Set());
  const [mode, setMode] = createSignal<Mode>('as-paid');
  const refund = () => refundableFor(props.sale, picked());
  const split = () => proposeRefunds(props.sale, refund());
  const kind = (k: string) => S.tender[k] ?? k;
  const asPaid = () =>
    split()
      .map((r) => `${kind(r.kind)} ${fmt(r.amount)}`)
      .join(' + ');
  const toggle = (serial: string) =>
    setPicked((s) => {
      const n = new Set(s);
      if (n.has(serial)) n.delete(serial);
      else n.add(serial);
      return n;
    });
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const d = app.data();
    if (!d || picked().size === 0) return;
    const m = mode();
    const refunds =
      refund().minor <= 0
        ? []
        : m === 'as-paid'
          ? split().map((r) => ({
              kind: r.kind,
              amount: r.amount,
              ...(r.reference ? { reference: r.reference } : {}),
            }))
          : m === 'store-credit'
            ? // CREDIT-1: store credit lands on a new account in the buyer's name; its number is on the receipt.
              [{ kind: m, amount: refund(), reference: newCardNumber((b) => crypto.getRandomValues(b)) }]
            : [{ kind: m, amount: refund() }];
    const command = appendCommand(d.outbox, app.actor(), 'sale.return', {
      returnId: newReturnId(),
      saleId: props.sale.saleId,
      serials: [...picked()],
      refunds,
    });
    props.onDone(command);
  };
  return (
    <form class="return-panel" onSubmit={submit} aria-label={S.returnForm}>
      <For each={props.sale.lines}>
        {(l) => (
          <label class="check">
            <input type="checkbox" checked={picked().has(l.serial)} onChange={() => toggle(l.serial)} />
            {app.data()?.pieces[l.serial]?.title ?? l.serial} <span class="muted">{l.serial}</span>
          </label>
        )}
      </For>
      <label class="field">
        {S.refundTo}
        <select
          data-testid="refund-to"
          value={mode()}
          onChange={(e) => setMode(e.currentTarget.value as Mode)}
        >
          <option value="as-paid">{picked().size > 0 ? S.refundAsPaid(asPaid()) : S.refundSplit}</option>
          <option value="card">{S.tender.card}</option>
          <option value="cash">{S.tender.cash}</option>
          <option value="store-credit">{S.refundStoreCredit}</option>
        </select>
      </label>
      <Show when={mode() === 'as-paid' && picked().size > 0}>
        <ul class="refund-split" data-testid="refund-split">
          <For each={split()}>
            {(r) => (
              <li>
                {kind(r.kind)} {r.reference ? `· ${r.reference}` : ''} — {fmt(r.amount)}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <button type="submit" class="primary" disabled={picked().size === 0}>
        {S.refundButton(fmt(refund()))}
      </button>
    </form>
  );
}
