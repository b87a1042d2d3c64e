/**
 * Sales tax per store (TAX-*): a rate in basis points (2 000 = 20 %) and whether ticket prices
 * include it. EU stores (and most of the world) are tax-inclusive: the price on the tag is what
 * the client pays and the receipt shows the VAT it contains. US stores are tax-exclusive: tax is
 * added on top at the till. Exact on Money, rounded half to even once per sale.
 */
import {
  add,
  allocate,
  type Currency,
  divideHalfEven,
  type Money,
  money,
  subtract,
  sum,
  zero,
} from './money.ts';
import {
  array,
  boolean,
  integer,
  literal,
  object,
  optional,
  type Parser,
  refine,
  withDefault,
} from './parse.ts';
import { CATEGORIES, type Category } from './piece.ts';

export type TaxRule = {
  /** The rate in basis points: 2 000 = 20 %. */
  readonly basisPoints: number;
  /** Prices include the tax (VAT) rather than having it added on top. */
  readonly inclusive: boolean;
  /**
   * TAXCAT-1: other rates for pieces of some categories, in the order the owner set them; absent
   * (never empty) when every piece takes `basisPoints`.
   */
  readonly byCategory?: readonly CategoryRate[];
};

export const NO_TAX: TaxRule = { basisPoints: 0, inclusive: false };

const parseRule = object({
  basisPoints: integer({ min: 0, max: 10_000 }),
  inclusive: withDefault(boolean, false),
  byCategory: optional((input, path) => parseCategoryRates(input, path)),
});

/** TAX-1, TAXCAT-1: an empty category list is left out, so one-rate rules keep their old shape. */
export const parseTaxRule: Parser<TaxRule> = (input, path = '') => {
  const r = parseRule(input, path);
  if (!r.ok) return r;
  const { byCategory, ...rest } = r.value;
  return { ok: true, value: byCategory && byCategory.length > 0 ? { ...rest, byCategory } : rest };
};

export type Taxed = {
  /** The tax: included in `net` (inclusive) or added to it (exclusive). */
  readonly tax: Money;
  /** What the client pays: `net` (inclusive) or `net + tax` (exclusive). */
  readonly total: Money;
  /** The amount before tax: `net − tax` (inclusive) or `net` (exclusive). */
  readonly beforeTax: Money;
};

/**
 * The tax on a sale whose lines come to `net` (prices less discounts).
 * Exclusive: tax = net × rate, half-even; total = net + tax.
 * Inclusive: before tax = net ÷ (1 + rate), half-even; tax = net − before tax; total = net.
 */
export function taxOn(net: Money, rule: TaxRule): Taxed {
  const bp = BigInt(rule.basisPoints);
  if (rule.inclusive) {
    const beforeTax = money(Number(divideHalfEven(BigInt(net.minor) * 10_000n, 10_000n + bp)), net.currency);
    return { tax: subtract(net, beforeTax), total: net, beforeTax };
  }
  const tax = money(Number(divideHalfEven(BigInt(net.minor) * bp, 10_000n)), net.currency);
  return { tax, total: add(net, tax), beforeTax: net };
}

/** The rate as text for a receipt line: 2 000 → "20", 888 → "8.88". */
export function ratePercent(rule: TaxRule): string {
  const whole = Math.floor(rule.basisPoints / 100);
  const cents = rule.basisPoints % 100;
  return cents === 0 ? String(whole) : `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

/**
 * TAXCAT-1: a reduced (or zero, or higher) rate for pieces of one category, in basis points.
 * The store's `inclusive` applies to every rate: a store's prices either all include tax or none.
 */
export type CategoryRate = { readonly category: Category; readonly basisPoints: number };

/** TAXCAT-1: at most one rate per category, so the list has at most one entry per category. */
export const MAX_CATEGORY_RATES = CATEGORIES.length;

const parseCategoryRates: Parser<CategoryRate[]> = refine(
  array(object({ category: literal(...CATEGORIES), basisPoints: integer({ min: 0, max: 10_000 }) }), {
    max: MAX_CATEGORY_RATES,
  }),
  (rates) => {
    const seen = new Set<string>();
    for (const r of rates) {
      if (seen.has(r.category)) return `names ${r.category} twice; give each category one rate`;
      seen.add(r.category);
    }
    return undefined;
  },
);

/** The rate that applies to a piece of this category (TAXCAT-2): its category's, else the default. */
export function rateFor(rule: TaxRule, category: Category | undefined): number {
  if (category === undefined || !rule.byCategory) return rule.basisPoints;
  return rule.byCategory.find((r) => r.category === category)?.basisPoints ?? rule.basisPoints;
}

/** Whether the rule taxes some category at a rate other than its default. */
export const hasCategoryRates = (rule: TaxRule): boolean =>
  (rule.byCategory ?? []).some((r) => r.basisPoints !== rule.basisPoints);

export type TaxedLine = { readonly net: Money; readonly category?: Category | undefined };

/** One rate's part of a sale (TAXCAT-3): the lines' net at that rate and the tax on it. */
export type RateTax = {
  readonly basisPoints: number;
  /** Σ(price − discount) of the lines at this rate. */
  readonly net: Money;
  readonly beforeTax: Money;
  readonly tax: Money;
};

export type SaleTax = Taxed & {
  /** One entry per distinct rate the lines use, highest rate first; empty for an empty sale. */
  readonly rates: readonly RateTax[];
  /** Each line's share of its rate's tax, in the lines' order; they add up to `tax` exactly. */
  readonly lineTaxes: readonly Money[];
};

/**
 * The tax on a sale's lines under a store's rule (TAXCAT-3, TAXCAT-4). Lines are grouped by the
 * rate their category takes; each group is taxed once as `taxOn` does (rounded once per rate, as
 * a VAT invoice's per-rate summary is), and the sale's tax is the sum over rates. Each group's tax
 * is then shared among its lines by net, exactly (largest remainder), for receipts and returns.
 * With one rate this is `taxOn(Σ net, rule)` exactly, so single-rate stores are unchanged.
 */
export function taxSale(lines: readonly TaxedLine[], rule: TaxRule, currency: Currency): SaleTax {
  const groups = new Map<number, number[]>();
  lines.forEach((l, i) => {
    const bp = rateFor(rule, l.category);
    const at = groups.get(bp);
    if (at) at.push(i);
    else groups.set(bp, [i]);
  });
  const lineTaxes: Money[] = lines.map(() => zero(currency));
  const rates: RateTax[] = [];
  for (const [basisPoints, indexes] of [...groups].sort((a, b) => b[0] - a[0])) {
    const net = sum(
      indexes.map((i) => (lines[i] as TaxedLine).net),
      currency,
    );
    const taxed = taxOn(net, { basisPoints, inclusive: rule.inclusive });
    rates.push({ basisPoints, net, beforeTax: taxed.beforeTax, tax: taxed.tax });
    const weights = indexes.map((i) => (lines[i] as TaxedLine).net.minor);
    if (taxed.tax.minor === 0 || weights.every((w) => w === 0)) continue;
    allocate(taxed.tax, weights).forEach((share, k) => {
      lineTaxes[indexes[k] as number] = share;
    });
  }
  const net = sum(
    lines.map((l) => l.net),
    currency,
  );
  const tax = sum(
    rates.map((r) => r.tax),
    currency,
  );
  return {
    tax,
    total: rule.inclusive ? net : add(net, tax),
    beforeTax: rule.inclusive ? subtract(net, tax) : net,
    rates,
    lineTaxes,
  };
}

/** A rate in basis points as text for a receipt line: 2 000 → "20", 550 → "5.5". */
export function basisPointsPercent(basisPoints: number): string {
  return ratePercent({ basisPoints, inclusive: false });
}
