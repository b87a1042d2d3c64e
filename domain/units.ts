/**
 * Stone and metal weights as exact decimals (UNIT-*): an integer count of thousandths — a
 * stone in thousandths of a carat (1 ct = 1000 mct), a piece's metal in milligrams
 * (1 g = 1000 mg). Never a binary float: 0.13 + 1.3 is 1.43 here, not 1.4300000000000002.
 * Records written before this change held floats (`carat`, `weightGrams`); the parsers still
 * read them, rounding once to the nearest thousandth.
 */
import { describeValue, fail, type ParseError, type Parser } from './parse.ts';
import { err, ok, type Result } from './result.ts';

/** Thousandths of a carat, a non-negative safe integer. */
export type MilliCarats = number;
/** Milligrams, a non-negative safe integer. */
export type Milligrams = number;

const SCALE = 1000;
const DIGITS = 3;

/** An old float record value (1.4300000000000002) → thousandths (1430), rounded once. */
export function thousandthsFromFloat(value: number): number {
  return Math.round(value * SCALE);
}

/** Thousandths → the exact decimal text, with at least `minDigits` decimals: 1430 → "1.43". */
export function decimalText(thousandths: number, minDigits = 2): string {
  const sign = thousandths < 0 ? '-' : '';
  const abs = Math.abs(thousandths);
  const whole = Math.floor(abs / SCALE);
  let fraction = String(abs % SCALE).padStart(DIGITS, '0');
  while (fraction.length > minDigits && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return fraction ? `${sign}${whole}.${fraction}` : `${sign}${whole}`;
}

/**
 * Text typed by a person ("1.43", "1,43", "0.005") → thousandths, digit by digit (no float).
 * More than three decimals, signs, exponents or grouping are refused.
 */
export function parseDecimalText(text: string): Result<number, string> {
  const t = text.trim().replace(',', '.');
  const m = /^(\d{1,7})(?:\.(\d{0,3}))?$/.exec(t) ?? /^()\.(\d{1,3})$/.exec(t);
  if (!m) return err(`"${text}" is not a decimal with at most ${DIGITS} decimals`);
  const whole = Number(m[1] || '0');
  const fraction = Number((m[2] ?? '').padEnd(DIGITS, '0'));
  return ok(whole * SCALE + fraction);
}

/**
 * A record field in thousandths: the new integer field, or else the legacy float field.
 * `min`/`max` are in thousandths.
 */
export function thousandthsField(
  input: Record<string, unknown>,
  field: string,
  legacy: string,
  path: string,
  opts: { min: number; max: number },
): Result<number, ParseError> {
  const join = (k: string) => (path ? `${path}.${k}` : k);
  let value: number;
  let at: string;
  if (input[field] !== undefined) {
    at = join(field);
    const v = input[field];
    if (typeof v !== 'number' || !Number.isSafeInteger(v))
      return fail(at, `expected a whole number of thousandths, got ${describeValue(v)}`);
    value = v;
  } else if (input[legacy] !== undefined) {
    at = join(legacy);
    const v = input[legacy];
    if (typeof v !== 'number' || !Number.isFinite(v))
      return fail(at, `expected a number, got ${describeValue(v)}`);
    value = thousandthsFromFloat(v);
  } else {
    return fail(join(field), 'is required');
  }
  if (value < opts.min) return fail(at, `must be ≥ ${decimalText(opts.min)}`);
  if (value > opts.max) return fail(at, `must be ≤ ${decimalText(opts.max)}`);
  return ok(value);
}

/**
 * Wraps an object parser so `field` (thousandths) is filled from the legacy float `legacy`
 * when only the old one is present, and the legacy key is dropped. Range checks stay with the
 * wrapped parser's `field`.
 */
export function withThousandths<T>(
  parser: Parser<T>,
  fields: ReadonlyArray<{ field: string; legacy: string; min: number; max: number }>,
): Parser<T> {
  return (input, path = '') => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return parser(input, path);
    const copy: Record<string, unknown> = { ...(input as Record<string, unknown>) };
    for (const f of fields) {
      const read = thousandthsField(copy, f.field, f.legacy, path, f);
      if (!read.ok) return read;
      copy[f.field] = read.value;
      delete copy[f.legacy];
    }
    return parser(copy, path);
  };
}

/** "1.43 ct" in the locale's digits; at least two decimals, exact. */
export function formatCarats(mct: MilliCarats, locale = 'en'): string {
  return `${formatThousandths(mct, locale)} ct`;
}

/** "4.20 g" in the locale's digits; at least two decimals, exact. */
export function formatGrams(mg: Milligrams, locale = 'en'): string {
  return `${formatThousandths(mg, locale)} g`;
}

function formatThousandths(value: number, locale: string): string {
  const nf = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: DIGITS });
  // Intl formats a decimal string exactly (no float in between), as formatMoney does.
  return nf.format(decimalText(value) as unknown as number);
}
