/**
 * The `print.receipt` job for a completed sale: store header, lines, tax, total, tenders and
 * change, as the sale command recorded them. The bridge lays it out (and prints the sale id as a
 * QR code) but never adds anything up, so every amount here comes from the sale itself.
 */
import { err, type Result } from '../../../domain/result.ts';
import type { TaxRule } from '../../../domain/tax.ts';
import { parseReceipt, type Receipt } from '../../../hardware-bridge/protocol.ts';
import type { Command, PieceView } from '../local/records.ts';
import { receiptTaxLines } from '../sell/receipt-taxes.ts';
import { readSale } from '../sell/sale-record.ts';

export type ReceiptContext = {
  readonly storeName: string;
  /** The store's address lines, printed under its name. */
  readonly address?: readonly string[];
  readonly taxInclusive: boolean;
  /** The store's tax rate in basis points, printed beside the tax line. */
  readonly taxBasisPoints?: number;
  /** The store's whole rule (TAXCAT-1): with category rates, one tax line per rate (TAXCAT-6). */
  readonly tax?: TaxRule;
  /** The store's receipt footer (FOOTER-1), printed last; the default thank-you without one. */
  readonly footer?: readonly string[];
  readonly pieces: Readonly<Record<string, PieceView>>;
  /** TAXCAT-8: what the decided sale recorded per rate (its ledger entry's `saleTax`), when known. */
  readonly recordedTax?: unknown;
  readonly associate?: string;
  readonly locale: string;
  readonly timeZone: string;
};

const TENDER_LABEL: Record<string, string> = {
  card: 'Card',
  cash: 'Cash',
  wallet: 'Wallet',
  'store-credit': 'Store credit',
  'gift-card': 'Gift card',
  'trade-in': 'Trade-in',
  layaway: 'Layaway payments',
};

const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Checked with the bridge's own parser, so a job the bridge would refuse never leaves the till. */
export function receiptJob(command: Command, ctx: ReceiptContext): Result<Receipt, string> {
  const sale = readSale(command, ctx.recordedTax);
  if (!sale || sale.lines.length === 0) return err('This is not a sale with lines to print.');
  const subtotal = sale.lines.reduce((n, l) => n + l.net.minor, 0);
  const change = sale.tenders.reduce(
    (n, t) => n + Math.max(0, (t.tendered?.minor ?? t.amount.minor) - t.amount.minor),
    0,
  );
  const job = parseReceipt({
    saleId: sale.saleId,
    at: command.at,
    currency: sale.total.currency,
    locale: ctx.locale,
    timeZone: ctx.timeZone,
    store: {
      name: clip(ctx.storeName || 'Loupe', 64),
      address: (ctx.address ?? []).slice(0, 6).map((l) => clip(l, 64)),
    },
    ...(ctx.associate ? { associate: clip(ctx.associate, 64) } : {}),
    lines: sale.lines.map((l) => ({
      description: clip(ctx.pieces[l.serial]?.title || l.serial, 120),
      serial: l.serial,
      quantity: 1,
      total: l.net.minor,
    })),
    subtotal,
    taxes:
      sale.tax.minor > 0
        ? receiptTaxLines(
            sale,
            ctx.tax ?? { basisPoints: ctx.taxBasisPoints ?? 0, inclusive: ctx.taxInclusive },
            (serial) => ctx.pieces[serial]?.category,
          ).map((t) => ({ label: clip(t.label, 40), amount: t.amount.minor }))
        : [],
    total: sale.total.minor,
    tenders: sale.tenders.map((t) => ({
      label: clip([TENDER_LABEL[t.kind] ?? t.kind, t.reference].filter(Boolean).join(' '), 40),
      amount: (t.tendered ?? t.amount).minor,
    })),
    change,
    footer: ctx.footer?.length ? ctx.footer.map((l) => clip(l, 64)) : ['Thank you for your visit'],
  });
  return job.ok ? job : err(`The receipt cannot be printed: ${job.error.path} ${job.error.message}`);
}

/** The drawer opens when cash changed hands. */
export const paidInCash = (command: Command): boolean =>
  readSale(command)?.tenders.some((t) => t.kind === 'cash') ?? false;
