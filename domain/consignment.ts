/**
 * Memo-in and consignment (CONSIGN-*): pieces in the store that belong to someone else — a
 * vendor's goods on memo, a client's piece sold on their behalf. They sell like any piece but are
 * not the store's stock value; when one sells, the payout owed to its owner is fixed at that
 * decision; unsold, it goes back to its owner.
 */
import { type Currency, divideHalfEven, type Money, money } from './money.ts';
import { parseAmount } from './money-parse.ts';
import { fail, integer, literal, object, type Parser, string } from './parse.ts';
import type { TaxRule } from './tax.ts';

/** Memo-in: a vendor's goods the store may sell or send back. Consignment: sold for the owner. */
export const CONSIGNMENT_BASES = ['memo-in', 'consignment'] as const;
export type ConsignmentBasis = (typeof CONSIGNMENT_BASES)[number];

export type ConsignmentOwner = {
  readonly kind: 'vendor' | 'client';
  /** A vendor's code or a client's id: the statement groups by it. */
  readonly id: string;
  readonly name: string;
};

/** The owner's share of the sale before tax (`split`), or a fixed sum whatever the price (`fixed`). */
export type ConsignmentTerms =
  | { readonly kind: 'split'; readonly ownerShareBp: number }
  | { readonly kind: 'fixed'; readonly payout: Money };

export type Consignment = {
  readonly basis: ConsignmentBasis;
  readonly owner: ConsignmentOwner;
  readonly terms: ConsignmentTerms;
};

export const parseConsignmentOwner: Parser<ConsignmentOwner> = object({
  kind: literal('vendor', 'client'),
  id: string({ min: 1, max: 64, pattern: /^[A-Za-z0-9_.:-]+$/ }),
  name: string({ min: 1, max: 120 }),
});

export const parseConsignmentTerms: Parser<ConsignmentTerms> = (input, path = '') => {
  const kind = object({ kind: literal('split', 'fixed') })(input, path);
  if (!kind.ok) return kind;
  if (kind.value.kind === 'split')
    return object({ kind: literal('split'), ownerShareBp: integer({ min: 1, max: 10_000 }) })(input, path);
  const fixed = object({ kind: literal('fixed'), payout: parseAmount })(input, path);
  if (fixed.ok && fixed.value.payout.minor <= 0)
    return fail(path ? `${path}.payout` : 'payout', 'must be more than zero');
  return fixed;
};

export const parseConsignment: Parser<Consignment> = object({
  basis: literal(...CONSIGNMENT_BASES),
  owner: parseConsignmentOwner,
  terms: parseConsignmentTerms,
});

/**
 * CONSIGN-4: a line's amount before tax. Tax added on top: the line's net. Tax included (VAT):
 * the net less the VAT it contains, rounded half to even, as `taxOn` does.
 */
export function beforeTax(net: Money, tax: TaxRule | undefined): Money {
  if (!tax?.inclusive || tax.basisPoints === 0) return net;
  return money(
    Number(divideHalfEven(BigInt(net.minor) * 10_000n, 10_000n + BigInt(tax.basisPoints))),
    net.currency,
  );
}

/**
 * CONSIGN-4: what the owner is owed when the piece sells for `net` (price less discount):
 * a split is the owner's share of the amount before tax, rounded half to even; a fixed payout is
 * owed whatever the price.
 */
export function consignmentPayout(terms: ConsignmentTerms, net: Money, tax: TaxRule | undefined): Money {
  if (terms.kind === 'fixed') return terms.payout;
  const base = beforeTax(net, tax);
  return money(
    Number(divideHalfEven(BigInt(base.minor) * BigInt(terms.ownerShareBp), 10_000n)),
    base.currency,
  );
}

/** CONSIGN-6: how long a piece has been in the store, as the statement's aging buckets. */
export const AGING_BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** Whole days from `since` to `now` (instants), never negative. */
export function daysHeld(since: string, now: string): number {
  const ms = Date.parse(now) - Date.parse(since);
  return ms > 0 ? Math.floor(ms / 86_400_000) : 0;
}

export function agingBucket(days: number): AgingBucket {
  if (days <= 30) return '0-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '90+';
}

/** Terms in words, for a screen or a statement: "60 % to the owner" or the fixed sum. */
export function termsCurrency(terms: ConsignmentTerms): Currency | undefined {
  return terms.kind === 'fixed' ? terms.payout.currency : undefined;
}
