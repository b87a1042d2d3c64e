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
  const d = parseDecimal(rate.rate);
  assert(d, `rate ${rate.rate} was not validated`);
  const num = BigInt(m.minor) * d.units * 10n ** BigInt(minorDigits(to));
  const den = 10n ** BigInt(d.scale + minorDigits(m.currency));
  const q = divideHalfEven(num, den);
  const n = Number(q);
  if (!Number.isSafeInteger(n) || BigInt(n) !== q)
    return err({ code: 'amount-out-of-range', message: `Converted amount is too large for ${to}.` });
  return ok({ minor: n === 0 ? 0 : n, currency: to });
}
