/**
 * Money from untrusted text or JSON. Text is parsed digit by digit into minor units so
 * "0.1" + "0.2" never meets a binary float.
 */
import { type Currency, type Money, minorDigits, parseCurrency } from './money.ts';
import { describeValue, fail, isPlainObject, type ParseError, type Parser } from './parse.ts';
import { ok, type Result } from './result.ts';

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
  if (!Number.isSafeInteger(n)) return fail(path, `"${text}" is too large`);
  return ok({ minor: m[1] && n !== 0 ? -n : n, currency });
}

/** `{ minor, currency }` as sent over the wire (minor units, integer). */
export const parseMoneyJson: Parser<Money> = (input, path = '') => {
  if (!isPlainObject(input))
    return fail(path, `expected money {minor, currency}, got ${describeValue(input)}`);
  const c = parseCurrency(input.currency, path ? `${path}.currency` : 'currency');
  if (!c.ok) return c;
  const minor = input.minor;
  if (typeof minor !== 'number' || !Number.isSafeInteger(minor))
    return fail(path ? `${path}.minor` : 'minor', `expected a safe integer, got ${describeValue(minor)}`);
  return ok({ minor: minor === 0 ? 0 : minor, currency: c.value });
};

/** A non-negative amount (prices, payments): negative money on the wire is refused. */
export const parseAmount: Parser<Money> = (input, path = '') => {
  const r = parseMoneyJson(input, path);
  if (r.ok && r.value.minor < 0) return fail(path ? `${path}.minor` : 'minor', 'must not be negative');
  return r;
};
