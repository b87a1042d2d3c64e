/**
 * Money from untrusted text or JSON. Text is parsed digit by digit into minor units so
 * "0.1" + "0.2" never meets a binary float.
 */
import { type Currency, type Money, minorDigits, parseCurrency } from './money.ts';
import { describeValue, fail, isPlainObject, type ParseError, type Parser } from './parse.ts';
import { ok, type Result } from './result.ts';

/**
 * The largest amount accepted from outside, in minor units (10^13: 100 billion euros, 10
 * trillion yen). Far inside the safe-integer range (≈ 9 × 10^15), so the sums a command implies
 * (100 lines plus tax, 20 tenders, refunds) stay exact: a bigger amount is refused when parsed
 * (`amount-out-of-range`), never met by an assertion while deciding (MONEY-11).
 */
export const MAX_AMOUNT_MINOR = 10_000_000_000_000;

const outOfRange = (path: string, what: string): Result<never, ParseError> =>
  fail(path, `${what} is out of range (at most ${MAX_AMOUNT_MINOR} minor units)`, 'amount-out-of-range');

// Optional sign, digits either plain or grouped by commas in threes, optional fraction.
const TEXT = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/** "1,234.50", "1234.5", "-12" in `currency`; more decimals than the currency has is an error. */
export function parseMoney(text: string, currency: Currency, path = ''): Result<Money, ParseError> {
  const m = TEXT.exec(text.trim());
  if (!m) return fail(path, `"${text}" is not an amount`);
  const digits = minorDigits(currency);
  const frac = m[3] ?? '';
  if (frac.length > digits)
    return fail(path, `${currency} amounts have at most ${digits} decimal place(s), got "${text}"`);
  const whole = (m[2] ?? '').replaceAll(',', '');
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(frac.padEnd(digits, '0') || '0');
  const n = Number(minor);
  if (minor > BigInt(MAX_AMOUNT_MINOR)) return outOfRange(path, `"${text}"`);
  return ok({ minor: m[1] && n !== 0 ? -n : n, currency });
}

/** `{ minor, currency }` as sent over the wire (minor units, integer, |minor| ≤ MAX_AMOUNT_MINOR). */
export const parseMoneyJson: Parser<Money> = (input, path = '') => {
  if (!isPlainObject(input))
    return fail(path, `expected money {minor, currency}, got ${describeValue(input)}`);
  const c = parseCurrency(input.currency, path ? `${path}.currency` : 'currency');
  if (!c.ok) return c;
  const minor = input.minor;
  const minorPath = path ? `${path}.minor` : 'minor';
  // A number beyond the range (1e300, -2^60, Infinity) is out of range, whatever its form.
  if (typeof minor === 'number' && Math.abs(minor) > MAX_AMOUNT_MINOR)
    return outOfRange(minorPath, String(minor));
  if (typeof minor !== 'number' || !Number.isSafeInteger(minor))
    return fail(minorPath, `expected a safe integer, got ${describeValue(minor)}`);
  return ok({ minor: minor === 0 ? 0 : minor, currency: c.value });
};

/**
 * A non-negative amount (prices, payments): negative money on the wire is refused, as out of
 * range, like one above `MAX_AMOUNT_MINOR`.
 */
export const parseAmount: Parser<Money> = (input, path = '') => {
  const r = parseMoneyJson(input, path);
  if (r.ok && r.value.minor < 0)
    return fail(path ? `${path}.minor` : 'minor', 'must not be negative', 'amount-out-of-range');
  return r;
};
