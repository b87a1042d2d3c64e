import { createSignal, For } from 'solid-js';
import type { TenderKind } from '../../../domain/commands.ts';
import { newReturnId } from '../../../domain/ids.ts';
import { useApp } from '../app-state.ts';
import { fmt } from '../format.ts';
import { appendCommand } from '../local/outbox.ts';
import type { Command } from '../local/records.ts';
import { refundFor, type SaleView } from './sale-record.ts';

/**
 * A return against an earlier sale: pick the pieces, refund to a tender. An exchange is a
 * return followed by a new sale of the replacement piece, with the refund as store credit.
 */
export function ReturnPanel(props: { sale: SaleView; onDone: (command: Command) => void }) {
  const app = useApp();
  const [picked, setPicked] = createSignal<Set<string>>(new Set());
  const [kind, setKind] = createSignal<TenderKind>((props.sale.tenders[0]?.kind as TenderKind) ?? 'card');
  const refund = () => refundFor(props.sale, picked());
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
    const command = appendCommand(d.outbox, app.actor(), 'sale.return', {
      returnId: newReturnId(),
      saleId: props.sale.saleId,
      serials: [...picked()],
      refunds: refund().minor > 0 ? [{ kind: kind(), amount: refund() }] : [],
    });
    props.onDone(command);
  };
  return (
    <form class="return-panel" onSubmit={submit} aria-label="Return">
      <For each={props.sale.lines}>
        {(l) => (
          <label class="check">
            <input type="checkbox" checked={picked().has(l.serial)} onChange={() => toggle(l.serial)} />
            {app.data()?.pieces[l.serial]?.title ?? l.serial} <span class="muted">{l.serial}</span>
          </label>
        )}
      </For>
      <label class="field">
        Refund to
        <select value={kind()} onChange={(e) => setKind(e.currentTarget.value as TenderKind)}>
          <option value="card">Card</option>
          <option value="cash">Cash</option>
          <option value="store-credit">Store credit (exchange)</option>
          <option value="gift-card">Gift card</option>
        </select>
      </label>
      <button type="submit" class="primary" disabled={picked().size === 0}>
        Refund {fmt(refund())}
      </button>
    </form>
  );
}
