import { For, Show } from 'solid-js';
import { useApp } from '../app-state.ts';
import { fmt, LOCALE } from '../format.ts';
import { ReceiptPrintStatus } from '../hardware/ReceiptPrintStatus.tsx';
import type { ReceiptPrinting } from '../hardware/receipt-printing.ts';
import type { Command } from '../local/records.ts';
import { taxLabel } from './cart.ts';
import { CommandStatus } from './CommandStatus.tsx';
import { browserTimeZone, receiptHeader } from './receipt-header.ts';
import { readSale } from './sale-record.ts';

/** On screen after a sale, and the only thing that prints (see `@media print`). */
export function Receipt(props: { command: Command; onClose: () => void; printing?: ReceiptPrinting }) {
  const app = useApp();
  const sale = () => readSale(props.command);
  const header = () =>
    receiptHeader(app.data()?.storeInfo(), props.command.at, {
      locale: LOCALE,
      fallbackTimeZone: browserTimeZone(),
    });
  const piece = (serial: string) => app.data()?.pieces[serial];
  const client = () => {
    const id = sale()?.clientId;
    return id ? app.data()?.clients[id] : undefined;
  };
  return (
    <Show when={sale()}>
      {(s) => (
        <article class="receipt printable" data-testid="receipt" aria-label="Receipt">
          <header>
            <h2 class="brand">{header().storeName}</h2>
            <Show when={header().address.length > 0}>
              <address class="muted" data-testid="receipt-address">
                <For each={header().address}>{(line) => <div>{line}</div>}</For>
              </address>
            </Show>
            <p class="muted" data-testid="receipt-time" data-time-zone={header().timeZone}>
              {header().when}
            </p>
            <p class="muted">
              Served by {app.data()?.staff[props.command.user]?.name ?? app.session()?.user.name}
            </p>
            <Show when={client()}>{(c) => <p>Client: {c().name}</p>}</Show>
          </header>
          <table>
            <tbody>
              <For each={s().lines}>
                {(l) => (
                  <tr>
                    <td>
                      {piece(l.serial)?.title ?? l.serial}
                      <div class="muted">{l.serial}</div>
                      <For each={piece(l.serial)?.certificates ?? []}>
                        {(c) => (
                          <div class="muted">
                            {c.lab} certificate {c.number}
                          </div>
                        )}
                      </For>
                    </td>
                    <td class="num">
                      {fmt(l.price)}
                      <Show when={l.discount.minor > 0}>
                        <div class="muted">− {fmt(l.discount)}</div>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
              <tr>
                <td data-testid="receipt-tax-label">{taxLabel(app.data()?.storeInfo())}</td>
                <td class="num">{fmt(s().tax)}</td>
              </tr>
              <tr class="grand">
                <td>Total</td>
                <td class="num">{fmt(s().total)}</td>
              </tr>
              <For each={s().tenders}>
                {(t) => (
                  <tr>
                    <td>
                      {t.kind.replace('-', ' ')} {t.reference ? `· ${t.reference}` : ''}
                    </td>
                    <td class="num">{fmt(t.tendered ?? t.amount)}</td>
                  </tr>
                )}
              </For>
              <For each={s().tenders.filter((t) => t.tendered && t.tendered.minor > t.amount.minor)}>
                {(t) => (
                  <tr>
                    <td>Change</td>
                    <td class="num">
                      {fmt({ minor: (t.tendered?.minor ?? 0) - t.amount.minor, currency: t.amount.currency })}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <p class="muted">Sale {s().saleId.slice(-8)}</p>
          <p class="no-print">
            <CommandStatus id={props.command.id} />
          </p>
          <Show when={props.printing}>
            {(p) => <ReceiptPrintStatus command={props.command} printing={p()} />}
          </Show>
          <div class="actions no-print">
            <button type="button" onClick={() => window.print()}>
              Print
            </button>
            <button type="button" class="primary" onClick={() => props.onClose()}>
              Next client
            </button>
          </div>
        </article>
      )}
    </Show>
  );
}
