import { For, Show } from 'solid-js';
import { useApp } from '../app-state.ts';
import { fmt, LOCALE } from '../format.ts';
import { ReceiptPrintStatus } from '../hardware/ReceiptPrintStatus.tsx';
import type { ReceiptPrinting } from '../hardware/receipt-printing.ts';
import { stateOf } from '../local/outbox.ts';
import type { Command } from '../local/records.ts';
import { CommandStatus } from './CommandStatus.tsx';
import { RefusedSale } from './RefusedSale.tsx';
import { browserTimeZone, receiptHeader } from './receipt-header.ts';
import { receiptTaxLines } from './receipt-taxes.ts';
import { readSale } from './sale-record.ts';
import { S } from './strings.ts';

/** On screen after a sale, and the only thing that prints (see `@media print`). */
export function Receipt(props: {
  command: Command;
  onClose: () => void;
  printing?: ReceiptPrinting;
  /** The close button's words ("Next client" at the counter). */
  closeLabel?: string;
  /** Scroll to it and focus its close button (after a sale); off in lists. */
  focus?: boolean;
}) {
  const app = useApp();
  // TAXCAT-8: once decided, the rates the relay recorded with the sale (its ledger entry).
  const sale = () => readSale(props.command, app.data()?.entries()[props.command.id]?.saleTax);
  const header = () =>
    receiptHeader(app.data()?.storeInfo(), props.command.at, {
      locale: LOCALE,
      fallbackTimeZone: browserTimeZone(),
    });
  const piece = (serial: string) => app.data()?.pieces[serial];
  const taxLines = () => {
    const s = sale();
    return s ? receiptTaxLines(s, app.data()?.storeInfo()?.tax, (serial) => piece(serial)?.category) : [];
  };
  const footer = () => app.data()?.storeInfo()?.receiptFooter ?? [];
  // A refused sale is no receipt: nothing offers to print it, and the browser's print skips it.
  const refused = () => stateOf(props.command.id, app.data()?.outcomes() ?? {}) === 'rejected';
  let closeButton: HTMLButtonElement | undefined;
  // Where the eye is: the receipt scrolls into view and Enter goes to the next client.
  queueMicrotask(() => {
    if (props.focus === false) return;
    closeButton?.closest('article')?.scrollIntoView?.({ block: 'nearest' });
    closeButton?.focus({ preventScroll: true });
  });
  const client = () => {
    const id = sale()?.clientId;
    return id ? app.data()?.clients[id] : undefined;
  };
  return (
    <Show when={sale()}>
      {(s) => (
        <article
          class="receipt"
          classList={{ printable: !refused(), 'refused-receipt': refused() }}
          data-testid="receipt"
          data-state={stateOf(props.command.id, app.data()?.outcomes() ?? {})}
          aria-label={S.receipt}
        >
          <Show when={refused()}>
            <p class="refused-banner" data-testid="receipt-refused">
              {S.rejectedReceipt}
            </p>
          </Show>
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
              {S.servedBy(app.data()?.staff[props.command.user]?.name ?? app.session()?.user.name ?? '')}
            </p>
            <Show when={client()}>{(c) => <p>{S.client(c().name)}</p>}</Show>
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
                        {(c) => <div class="muted">{S.certificate(c.lab, c.number)}</div>}
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
              {/* TAXCAT-6: one line per rate; one line with the recorded tax when unsure. */}
              <For each={taxLines()}>
                {(line) => (
                  <tr data-testid="receipt-tax-line">
                    <td data-testid="receipt-tax-label">{line.label}</td>
                    <td class="num">{fmt(line.amount)}</td>
                  </tr>
                )}
              </For>
              <tr class="grand">
                <td>{S.total}</td>
                <td class="num">{fmt(s().total)}</td>
              </tr>
              <For each={s().tenders}>
                {(t) => (
                  <tr>
                    <td>
                      {S.tender[t.kind] ?? t.kind} {t.reference ? `· ${t.reference}` : ''}
                    </td>
                    <td class="num">{fmt(t.tendered ?? t.amount)}</td>
                  </tr>
                )}
              </For>
              <For each={s().tenders.filter((t) => t.tendered && t.tendered.minor > t.amount.minor)}>
                {(t) => (
                  <tr>
                    <td>{S.change}</td>
                    <td class="num">
                      {fmt({ minor: (t.tendered?.minor ?? 0) - t.amount.minor, currency: t.amount.currency })}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <p class="muted">{S.saleRef(s().saleId.slice(-8))}</p>
          {/* FOOTER-3: the store's own words, from this till's copy of org (offline too). */}
          <Show when={footer().length > 0}>
            <footer class="receipt-footer" data-testid="receipt-footer">
              <For each={footer()}>{(line) => <p>{line}</p>}</For>
            </footer>
          </Show>
          <p class="no-print">
            <CommandStatus id={props.command.id} />
          </p>
          <div class="no-print">
            <RefusedSale command={props.command} />
          </div>
          <Show when={props.printing && !refused()}>
            <ReceiptPrintStatus command={props.command} printing={props.printing as ReceiptPrinting} />
          </Show>
          <div class="actions no-print">
            <Show when={!refused()}>
              <button type="button" data-testid="print-browser" onClick={() => window.print()}>
                {S.print}
              </button>
            </Show>
            <button
              type="button"
              class="primary"
              data-testid="next-client"
              ref={closeButton}
              onClick={() => props.onClose()}
            >
              {props.closeLabel ?? S.nextClient}
            </button>
          </div>
        </article>
      )}
    </Show>
  );
}
