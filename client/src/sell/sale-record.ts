/** Reading a `sale.complete` command back for receipts and returns (payloads are untrusted JSON). */
import { TENDER_KINDS, type TenderKind } from '../../../domain/commands.ts';
import { refundable } from '../../../domain/decide-return.ts';
import { allocate, type Currency, type Money, money } from '../../../domain/money.ts';
import { readSaleTax, type SaleTaxRecord } from '../../../domain/sale-tax-record.ts';
import type { Command } from '../local/records.ts';
import { readAmount } from '../local/records.ts';

export type SaleLineView = { serial: string; price: Money; discount: Money; net: Money; taxShare: Money };
export type SaleView = {
  saleId: string;
  lines: SaleLineView[];
  tax: Money;
  total: Money;
  /** What the sale took (its total): what a return's refund is shared from (domain RET-3, `refundableFor`). */
  paid: Money;
  tenders: Array<{ kind: string; amount: Money; reference?: string; tendered?: Money }>;
  clientId?: string;
  approvedBy?: string;
  /** TAXCAT-7: what each rate charged, once the relay decided the sale and published it. */
  taxRates?: SaleTaxRecord;
};

const m = (v: unknown, c: string): Money => {
  const a = readAmount(v);
  return money(a?.minor ?? 0, (a?.currency ?? c) as Currency);
};

/**
 * A sale as its command holds it. `recorded` is what the relay published with the decided sale
 * (its ledger entry's `saleTax`, TAXCAT-7); a ledger entry passed as `c` brings its own.
 */
export function readSale(c: Command, recorded?: unknown): SaleView | undefined {
  const p = c.payload as Record<string, unknown> | undefined;
  if (c.type !== 'sale.complete' || !p || !Array.isArray(p.lines)) return undefined;
  const total = m(p.total, 'EUR');
  const cur = total.currency;
  const raw = (p.lines as Array<Record<string, unknown>>).map((l) => {
    const price = m(l.price, cur);
    const discount = m(l.discount, cur);
    return { serial: String(l.serial), price, discount, net: money(price.minor - discount.minor, cur) };
  });
  const tax = m(p.tax, cur);
  const taxRates = readSaleTax(recorded ?? (c as { saleTax?: unknown }).saleTax, cur);
  // Each line carries what returning it gives back less its net: its share of the tax added on
  // top, as the domain reads it (RET-3, by rate when recorded: TAXCAT-9); VAT included adds nothing.
  const basis = { lines: raw, paid: total, taxRates };
  const lines = raw.map((l) => ({
    ...l,
    taxShare: money(refundable(basis, l.serial).minor - l.net.minor, cur),
  }));
  const tenders = (Array.isArray(p.tenders) ? (p.tenders as Array<Record<string, unknown>>) : []).map(
    (t) => ({
      kind: String(t.kind),
      amount: m(t.amount, cur),
      ...(typeof t.reference === 'string' ? { reference: t.reference } : {}),
      ...(t.tendered ? { tendered: m(t.tendered, cur) } : {}),
    }),
  );
  return {
    saleId: String(p.saleId),
    lines,
    tax,
    total,
    paid: total,
    tenders,
    ...(typeof p.clientId === 'string' ? { clientId: p.clientId } : {}),
    ...(c.approval ? { approvedBy: c.approval.by } : {}),
    ...(taxRates ? { taxRates } : {}),
  };
}

export type RefundProposal = { kind: TenderKind; amount: Money; reference?: string };

const isTenderKind = (k: string): k is TenderKind => (TENDER_KINDS as readonly string[]).includes(k);

/**
 * How to refund `refund` for a sale: the way it was paid, tender by tender, in proportion to what
 * each tender paid (a card and cash sale is refunded to the card and in cash). Card references
 * travel with their refund so the terminal's refund can be matched to the original payment.
 */
export function proposeRefunds(sale: SaleView, refund: Money): RefundProposal[] {
  const paid = sale.tenders.filter((t) => t.amount.minor > 0);
  if (refund.minor <= 0) return [];
  if (paid.length === 0) return [{ kind: 'cash', amount: refund }];
  const parts = allocate(
    refund,
    paid.map((t) => t.amount.minor),
  );
  return paid
    .map((t, i) => ({
      // A kind the domain does not know was never part of an accepted sale: refunded as store credit.
      kind: isTenderKind(t.kind) ? t.kind : ('store-credit' as const),
      amount: parts[i] ?? money(0, refund.currency),
      ...(t.reference ? { reference: t.reference } : {}),
    }))
    .filter((r) => r.amount.minor > 0);
}
