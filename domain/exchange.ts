/**
 * Currency conversion with dated rates. A rate is a decimal string ("1.0825") so it is
 * exact; the conversion multiplies in bigint and rounds half-to-even once, at the end.
 */
import { assert } from './assert.ts';
import {
  type Currency,
  divideHalfEven,
  type Money,
  minorDigits,
  parseCurrency,
  parseDecimal,
} from './money.ts';
import { isoDate, object, type Parser, refine, string } from './parse.ts';
import { err, ok, type Result } from './result.ts';

/** 1 unit of `from` = `rate` units of `to`, valid from `date` (YYYY-MM-DD) until a newer one. */
export type ExchangeRate = {
  readonly from: Currency;
  readonly to: Currency;
  readonly rate: string;
  readonly date: string;
};

export type ConversionError = {
  readonly code: 'rate-missing' | 'amount-out-of-range';
  readonly message: string;
};

const RATE = /^\d{1,12}(\.\d{1,12})?$/;
export const parseExchangeRate: Parser<ExchangeRate> = object({
  from: parseCurrency,
  to: parseCurrency,
  rate: refine(string({ pattern: RATE }), (r) => (/[1-9]/.test(r) ? undefined : 'must be positive')),
  date: isoDate,
});

/** The latest rate from→to dated on or before `onDate`. */
export function findRate(
  from: Currency,
  to: Currency,
  rates: readonly ExchangeRate[],
  onDate: string,
): ExchangeRate | undefined {
  let best: ExchangeRate | undefined;
  for (const r of rates) {
    if (r.from !== from || r.to !== to || r.date > onDate) continue;
    if (!best || r.date > best.date) best = r;
  }
  return best;
}

/**
 * minor_to = minor_from × rate × 10^digits(to) / 10^digits(from), rounded half-to-even.
 * Same currency returns the amount unchanged. Only direct rates are used: an inverse
 * rate would round differently, and the finance team publishes both directions.
 */
export function convert(
  m: Money,
  to: Currency,
  rates: readonly ExchangeRate[],
  onDate: string,
): Result<Money, ConversionError> {
  if (m.currency === to) return ok(m);
  const rate = findRate(m.currency, to, rates, onDate);
  if (!rate)
    return err({
      code: 'rate-missing',
      message: `No ${m.currency}→${to} exchange rate on or before ${onDate}; enter one in settings.`,
    });
  const n = rateConverter(m.currency, to, rate.rate)(m.minor);
  if (n === undefined)
    return err({ code: 'amount-out-of-range', message: `Converted amount is too large for ${to}.` });
  return ok({ minor: n, currency: to });
}

// Below this every product, quotient and remainder of the conversion is an exact double.
const EXACT = 2 ** 51;

/**
 * `convert`'s arithmetic for one rate, parsed once: amounts of `from` → minor units of `to`, or
 * undefined when the result is not a safe integer. For converting many amounts at one rate
 * (reports, REPORT-7). Exact: in doubles while every intermediate stays below 2^51, otherwise
 * in bigint; both round half to even.
 */
export function rateConverter(
  from: Currency,
  to: Currency,
  rate: string,
): (minor: number) => number | undefined {
  const d = parseDecimal(rate);
  assert(d, `rate ${rate} was not validated`);
  const mulB = d.units * 10n ** BigInt(minorDigits(to));
  const denB = 10n ** BigInt(d.scale + minorDigits(from));
  const mul = Number(mulB);
  const den = Number(denB);
  const fast = mul < EXACT && den < EXACT;
  return (minor) => {
    if (fast) {
      const a = Math.abs(minor) * mul;
      if (a < EXACT) {
        let q = Math.floor(a / den);
        let r = a - q * den;
        if (r < 0) {
          q -= 1;
          r += den;
        } else if (r >= den) {
          q += 1;
          r -= den;
        }
        if (r * 2 > den || (r * 2 === den && q % 2 === 1)) q += 1;
        return minor < 0 && q !== 0 ? -q : q;
      }
    }
    const q = divideHalfEven(BigInt(minor) * mulB, denB);
    const n = Number(q);
    return Number.isSafeInteger(n) && BigInt(n) === q ? (n === 0 ? 0 : n) : undefined;
  };
}
