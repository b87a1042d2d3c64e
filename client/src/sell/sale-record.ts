/** Reading a `sale.complete` command back for receipts and returns (payloads are untrusted JSON). */
import { allocate, type Currency, type Money, money, sum } from '../../../domain/money.ts';
import type { Command } from '../local/records.ts';
import { readAmount } from '../local/records.ts';

export type SaleLineView = { serial: string; price: Money; discount: Money; net: Money; taxShare: Money };
export type SaleView = {
  saleId: string;
  lines: SaleLineView[];
  tax: Money;
  total: Money;
  tenders: Array<{ kind: string; amount: Money; reference?: string; tendered?: Money }>;
  clientId?: string;
  approvedBy?: string;
};

const m = (v: unknown, c: string): Money => {
  const a = readAmount(v);
  return money(a?.minor ?? 0, (a?.currency ?? c) as Currency);
};

export function readSale(c: Command): SaleView | undefined {
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
  // Each line carries its share of the tax added on top (total − Σ net, as RET-3 reads it), so a
  // partial return refunds exactly what was paid; VAT included in the prices adds nothing.
  const added = money(Math.max(0, total.minor - raw.reduce((n, l) => n + l.net.minor, 0)), cur);
  const shares =
    raw.length && raw.some((l) => l.net.minor > 0)
      ? allocate(
          added,
          raw.map((l) => Math.max(0, l.net.minor)),
        )
      : [];
  const lines = raw.map((l, i) => ({ ...l, taxShare: shares[i] ?? money(0, cur) }));
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
    tenders,
    ...(typeof p.clientId === 'string' ? { clientId: p.clientId } : {}),
    ...(c.approval ? { approvedBy: c.approval.by } : {}),
  };
}

/**
 * What returning these serials refunds: their net price plus their share of the tax, shared by
 * net exactly as the domain caps it (RET-3), so returning every line refunds the whole total.
 */
export function refundFor(sale: SaleView, serials: ReadonlySet<string>): Money {
  return sum(
    sale.lines
      .filter((l) => serials.has(l.serial))
      .map((l) => money(l.net.minor + l.taxShare.minor, l.net.currency)),
    sale.total.currency,
  );
}

export type RefundProposal = { kind: string; amount: Money; reference?: string };

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
      kind: t.kind,
      amount: parts[i] ?? money(0, refund.currency),
      ...(t.reference ? { reference: t.reference } : {}),
    }))
    .filter((r) => r.amount.minor > 0);
}
