/**
 * The sale receipt as ESC/POS bytes (ESCPOS-1…4). Layout only: the numbers arrive computed by
 * the app from domain rules; the bridge never adds up a sale.
 */

import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { formatMinor } from '../format-money.ts';
import type { Receipt } from '../protocol.ts';

export type LayoutOptions = { readonly columns?: number };

const newEncoder = (columns: number): ReceiptPrinterEncoder =>
  // Epson's code page numbering is the de-facto standard; cp858 is cp850 plus the euro sign.
  new ReceiptPrinterEncoder({ language: 'esc-pos', columns, codepageMapping: 'epson' });

function formatInstant(r: Receipt): string {
  try {
    return new Intl.DateTimeFormat(r.locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: r.timeZone,
    }).format(new Date(r.at));
  } catch {
    return r.at; // an unknown time zone or locale still prints a truthful (UTC) time
  }
}

/** Intl uses (narrow) no-break spaces as separators (fr-FR); printer code pages lack U+202F. */
const paper = (s: string): string => s.replace(/[\u202f\u00a0\u2009]/g, ' ');

export function encodeReceipt(
  r: Receipt,
  options: LayoutOptions & { openDrawer?: boolean } = {},
): Uint8Array {
  const columns = options.columns ?? 42;
  const money = (minor: number): string => paper(formatMinor(minor, r.currency, r.locale));
  const amountWidth = 16;
  const cols = [
    { width: columns - amountWidth - 1, marginRight: 1, align: 'left' as const },
    { width: amountWidth, align: 'right' as const },
  ];
  const e = newEncoder(columns).initialize().codepage('cp858');

  e.align('center').bold(true).size(2, 2).line(r.store.name).size(1, 1).bold(false);
  for (const line of r.store.address) e.line(line);
  e.newline()
    .align('left')
    .line(paper(formatInstant(r)))
    .line(`Sale ${r.saleId}`);
  if (r.associate) e.line(`Served by ${r.associate}`);
  e.rule();

  for (const item of r.lines) {
    const label = item.quantity > 1 ? `${item.quantity} x ${item.description}` : item.description;
    e.table(cols, [[label, money(item.total)]]);
    if (item.serial) e.line(`  Serial ${item.serial}`);
  }
  e.rule();
  const rows: [string, string][] = [['Subtotal', money(r.subtotal)]];
  for (const t of r.taxes) rows.push([t.label, money(t.amount)]);
  e.table(cols, rows);
  e.bold(true)
    .table(cols, [['TOTAL', money(r.total)]])
    .bold(false);
  if (r.tenders.length > 0)
    e.table(
      cols,
      r.tenders.map((t): [string, string] => [t.label, money(t.amount)]),
    );
  if (r.change !== 0) e.table(cols, [['Change', money(r.change)]]);
  e.rule();

  e.align('center');
  for (const line of r.footer) e.line(line);
  e.qrcode(r.saleId, { model: 2, size: 6, errorlevel: 'm' }).newline();
  if (options.openDrawer) e.pulse();
  return e.cut().encode();
}

export function encodeDrawerKick(): Uint8Array {
  return newEncoder(42).initialize().pulse().encode();
}
