/**
 * Sales tax per store (TAX-*): a rate in basis points (2 000 = 20 %) and whether ticket prices
 * include it. EU stores (and most of the world) are tax-inclusive: the price on the tag is what
 * the client pays and the receipt shows the VAT it contains. US stores are tax-exclusive: tax is
 * added on top at the till. Exact on Money, rounded half to even once per sale.
 */
import { add, divideHalfEven, type Money, money, subtract } from './money.ts';
import { boolean, integer, object, type Parser, withDefault } from './parse.ts';

export type TaxRule = {
  /** The rate in basis points: 2 000 = 20 %. */
  readonly basisPoints: number;
  /** Prices include the tax (VAT) rather than having it added on top. */
  readonly inclusive: boolean;
};

export const NO_TAX: TaxRule = { basisPoints: 0, inclusive: false };

export const parseTaxRule: Parser<TaxRule> = object({
  basisPoints: integer({ min: 0, max: 10_000 }),
  inclusive: withDefault(boolean, false),
});

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
