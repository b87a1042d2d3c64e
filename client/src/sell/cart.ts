/**
 * Cart arithmetic on domain Money (integer minor units, half-even rounding). The discount
 * is a rate in basis points applied per line, so the `sale.complete` lines carry exactly
 * the discount the validator re-checks against the role's limit. Tax follows the store's rule
 * (domain/tax.ts, TAX-*): VAT included in the prices (Paris) or added on top (New York).
 */
import type { TenderKind, TradeIn } from '../../../domain/commands.ts';
import { applyBasisPoints, type Currency, type Money, subtract, sum, zero } from '../../../domain/money.ts';
import { CATEGORIES, type Category } from '../../../domain/piece.ts';
import { type RateTax, ratePercent, type TaxRule, taxSale } from '../../../domain/tax.ts';

/** A category as the domain spells it, or undefined for anything else. */
export const asCategory = (c: string | undefined): Category | undefined =>
  c !== undefined && (CATEGORIES as readonly string[]).includes(c) ? (c as Category) : undefined;

export type CartLine = {
  readonly serial: string;
  readonly title: string;
  readonly price: Money;
  /** The piece's category: the tax rate it takes (TAXCAT-2); the default rate without it. */
  readonly category?: string;
};
export type TenderEntry = {
  readonly kind: TenderKind;
  readonly amount: Money;
  readonly reference?: string;
  /** Cash handed over by the client (cash only). */
  readonly tendered?: Money;
  /** A trade-in tender's item (TRADEIN-1). */
  readonly tradeIn?: TradeIn;
};
export type { TaxRule };

export type PricedLine = CartLine & { readonly discount: Money; readonly net: Money };
export type CartTotals = {
  readonly lines: readonly PricedLine[];
  readonly subtotal: Money;
  readonly discount: Money;
  readonly tax: Money;
  /** The tax per rate the lines use, highest rate first (TAXCAT-3); one entry for one rate. */
  readonly rates: readonly RateTax[];
  readonly total: Money;
  readonly paid: Money;
  /** What the client still owes (never negative). */
  readonly due: Money;
  /** Cash to hand back. */
  readonly change: Money;
  /** Card, wallet, credit or gift card over the total: the cashier must lower it. */
  readonly overpaid: boolean;
};

export function priceCart(
  lines: readonly CartLine[],
  discountBasisPoints: number,
  tax: TaxRule,
  tenders: readonly TenderEntry[],
  currency: Currency,
): CartTotals {
  const priced = lines.map((l) => {
    const discount = applyBasisPoints(l.price, discountBasisPoints);
    return { ...l, discount, net: subtract(l.price, discount) };
  });
  const subtotal = sum(
    priced.map((l) => l.price),
    currency,
  );
  const discount = sum(
    priced.map((l) => l.discount),
    currency,
  );
  // TAXCAT-3: each line at its category's rate, rounded once per rate; one rate is taxOn(net).
  const taxed = taxSale(
    priced.map((l) => ({ net: l.net, category: asCategory(l.category) })),
    tax,
    currency,
  );
  const { tax: taxAmount, total } = taxed;

  const paid = sum(
    tenders.map((t) => t.amount),
    currency,
  );
  const nonCash = sum(
    tenders.filter((t) => t.kind !== 'cash').map((t) => t.amount),
    currency,
  );
  const cashHanded = sum(
    tenders.filter((t) => t.kind === 'cash').map((t) => t.tendered ?? t.amount),
    currency,
  );
  const cashApplied = sum(
    tenders.filter((t) => t.kind === 'cash').map((t) => t.amount),
    currency,
  );
  const due = paid.minor >= total.minor ? zero(currency) : subtract(total, paid);
  return {
    lines: priced,
    subtotal,
    discount,
    tax: taxAmount,
    rates: taxed.rates,
    total,
    paid,
    due,
    change: subtract(cashHanded, cashApplied),
    overpaid: nonCash.minor > total.minor || paid.minor > total.minor,
  };
}

/**
 * A cash tender from what the client hands over: only what is still due is applied to
 * the sale; the rest is change. The validator checks tenders sum to the total exactly.
 */
export function cashTender(handed: Money, due: Money): TenderEntry {
  const applied = handed.minor > due.minor ? due : handed;
  return { kind: 'cash', amount: applied, tendered: handed };
}

/**
 * The store's tax rule (TAX-1) from this till's store record: what the cart prices with and what
 * the pre-check decides with, so the till answers as the relay does (domain SALE-7a, SALE-7b).
 * Undefined while the record is not loaded.
 */
export function storeTaxRule(store: { readonly tax: TaxRule } | undefined): TaxRule | undefined {
  return store?.tax;
}

/** The tax line of a receipt: the VAT a price includes, or the tax added to it, with its rate. */
export function taxLabel(rule: TaxRule | undefined): string {
  if (!rule) return 'Tax';
  const rate = ratePercent(rule);
  return rule.inclusive ? `VAT included (${rate} %)` : `Tax (${rate} %)`;
}

export const isSettled = (t: CartTotals): boolean =>
  t.lines.length > 0 && t.due.minor === 0 && !t.overpaid && t.paid.minor === t.total.minor;
