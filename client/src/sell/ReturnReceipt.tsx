import { createSignal, For, onMount, Show } from 'solid-js';
import { useApp } from '../app-state.ts';
import { fmt, LOCALE } from '../format.ts';
import { useHardware } from '../hardware/hardware.ts';
import { stateOf } from '../local/outbox.ts';
import type { Command } from '../local/records.ts';
import { CommandStatus } from './CommandStatus.tsx';
import { browserTimeZone, receiptHeader } from './receipt-header.ts';
import { readReturn, returnReceiptJob } from './return-receipt.ts';
import type { SaleView } from './sale-record.ts';
import { S } from './strings.ts';

/**
 * The receipt of a return, printed like a sale's: on screen for the browser's Print (the same
 * `.printable` rule), and on the bridge's receipt printer when one is paired.
 */
export function ReturnReceipt(props: { command: Command; sale: SaleView; onClose: () => void }) {
  const app = useApp();
  const hardware = useHardware();
  const [printed, setPrinted] = createSignal<string>();
  const r = () => readReturn(props.command, props.sale);
  const header = () =>
    receiptHeader(app.data()?.storeInfo(), props.command.at, {
      locale: LOCALE,
      fallbackTimeZone: browserTimeZone(),
    });
  const refused = () => stateOf(props.command.id, app.data()?.outcomes() ?? {}) === 'rejected';
  const money = (minor: number) => fmt({ minor, currency: r()?.currency ?? props.sale.total.currency });
  const kind = (k: string) => S.tender[k] ?? k;

  const printOnBridge = async () => {
    const view = r();
    const d = app.data();
    if (!view || !hardware.pairing()) return;
    const job = returnReceiptJob(view, {
      storeName: header().storeName,
      address: header().address,
      pieces: d?.pieces ?? {},
      associate: d?.staff[props.command.user]?.name ?? app.session()?.user.name ?? '',
      locale: LOCALE,
      timeZone: header().timeZone,
      words: { returned: S.returned, refund: (k) => S.refundedTo(kind(k)), footer: S.returnFooter },
    });
    if (!job.ok) return setPrinted(job.error);
    const cash = view.refunds.some((x) => x.kind === 'cash');
    const res = await hardware.printReceipt(job.value, cash);
    setPrinted(res.ok ? S.returnPrinted : res.error);
  };
  onMount(() => void printOnBridge());

  return (
    <Show when={r()}>
      {(v) => (
        <article
          class="receipt return-receipt"
          classList={{ printable: !refused() }}
          data-testid="return-receipt"
          aria-label={S.returnReceipt}
        >
          <header>
            <h2 class="brand">{header().storeName}</h2>
            <Show when={header().address.length > 0}>
              <address class="muted">
                <For each={header().address}>{(line) => <div>{line}</div>}</For>
              </address>
            </Show>
            <p class="muted">{header().when}</p>
            <h3>{S.returnReceipt}</h3>
            <p class="muted">{S.returnOf(props.sale.saleId.slice(-8))}</p>
          </header>
          <table>
            <tbody>
              <For each={v().lines}>
                {(l) => (
                  <tr>
                    <td>
                      {app.data()?.pieces[l.serial]?.title ?? l.serial}
                      <div class="muted">{l.serial}</div>
                    </td>
                    <td class="num">{money(l.refund)}</td>
                  </tr>
                )}
              </For>
              <For each={v().refunds}>
                {(x) => (
                  <tr data-testid="return-refund">
                    <td>
                      {S.refundedTo(kind(x.kind))} {x.reference ? `· ${x.reference}` : ''}
                    </td>
                    <td class="num">{money(x.amount)}</td>
                  </tr>
                )}
              </For>
              <tr class="grand">
                <td>{S.refundTotal}</td>
                <td class="num">{money(v().total)}</td>
              </tr>
            </tbody>
          </table>
          <p class="no-print">
            <CommandStatus id={props.command.id} />
          </p>
          <Show when={printed()}>
            <p class="muted no-print">{printed()}</p>
          </Show>
          <p class="muted no-print">{S.returnPrintHint}</p>
          <div class="actions no-print">
            <Show when={!refused()}>
              <button type="button" data-testid="print-return" onClick={() => window.print()}>
                {S.print}
              </button>
            </Show>
            <button type="button" class="primary" onClick={() => props.onClose()}>
              {S.close}
            </button>
          </div>
        </article>
      )}
    </Show>
  );
}
