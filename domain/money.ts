/**
 * Money: integer minor units (cents, fils, yen) plus an ISO-4217 currency. Never a float.
 * Arithmetic that can produce fractions of a minor unit (percentages, exchange) goes
 * through bigint and rounds half-to-even, so totals do not drift upwards over many lines.
 * Mixing currencies is a programming error (the caller must convert first): it throws.
 */
import { assert } from './assert.ts';
import type { Brand } from './ids.ts';
import { fail, type Parser } from './parse.ts';
import { ok } from './result.ts';

export type Currency = Brand<string, 'Currency'>;
export type Money = { readonly minor: number; readonly currency: Currency };

const CODE = /^[A-Z]{3}$/;
const known: ReadonlySet<string> = new Set(
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [],
);

/** A 3-letter ISO-4217 code that Intl knows (`eur` is accepted and upper-cased). */
export const parseCurrency: Parser<Currency> = (input, path = '') => {
  if (typeof input !== 'string') return fail(path, 'expected a currency code');
  const code = input.trim().toUpperCase();
  if (!CODE.test(code)) return fail(path, `"${input}" is not a 3-letter currency code`);
  if (known.size > 0 && !known.has(code)) return fail(path, `"${code}" is not a known currency`);
  return ok(code as Currency);
};

/** For literals in code and tests; a bad code here is a bug. */
export function currency(code: string): Currency {
  const r = parseCurrency(code);
  assert(r.ok, `invalid currency ${code}`);
  return r.value;
}

const digitsCache = new Map<string, number>();
/** Minor-unit digits as Intl knows them: JPY 0, EUR 2, KWD 3. */
export function minorDigits(c: Currency): number {
  let d = digitsCache.get(c);
  if (d === undefined) {
    d = new Intl.NumberFormat('en', { style: 'currency', currency: c }).resolvedOptions()
      .maximumFractionDigits as number;
    digitsCache.set(c, d);
  }
  return d;
}

function safe(minor: number | bigint, what: string): number {
  const n = typeof minor === 'bigint' ? Number(minor) : minor;
  assert(
    Number.isSafeInteger(n) && (typeof minor !== 'bigint' || BigInt(n) === minor),
    `${what}: ${minor} is not a safe integer amount`,
  );
  return n === 0 ? 0 : n; // no -0: it would make equal amounts compare unequal in tests and JSON
}

export function money(minor: number, c: Currency): Money {
  return { minor: safe(minor, 'money'), currency: c };
}
export const zero = (c: Currency): Money => ({ minor: 0, currency: c });

function same(a: Money, b: Money): void {
  assert(a.currency === b.currency, `currency mix: ${a.currency} and ${b.currency}`);
}

export function add(a: Money, b: Money): Money {
  same(a, b);
  return money(a.minor + b.minor, a.currency);
}
export function subtract(a: Money, b: Money): Money {
  same(a, b);
  return money(a.minor - b.minor, a.currency);
}
export function negate(a: Money): Money {
  return money(-a.minor, a.currency);
}
/** Sum of a list that may be empty, so the currency is given. */
export function sum(list: readonly Money[], c: Currency): Money {
  let total = zero(c);
  for (const m of list) {
    assert(m.currency === c, `currency mix: ${m.currency} in a ${c} sum`);
    total = add(total, m);
  }
  return total;
}
export function multiply(m: Money, quantity: number): Money {
  assert(Number.isSafeInteger(quantity), 'quantity must be an integer');
  return money(safe(BigInt(m.minor) * BigInt(quantity), 'multiply'), m.currency);
}

/** n / d rounded half-to-even (banker's rounding); d > 0. */
export function divideHalfEven(n: bigint, d: bigint): bigint {
  assert(d > 0n, 'divisor must be positive');
  const negative = n < 0n;
  const a = negative ? -n : n;
  let q = a / d;
  const r2 = (a % d) * 2n;
  if (r2 > d || (r2 === d && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

/** m × bp / 10 000, half-even: 1 000 bp = 10 %. Used for discounts and tax rates. */
export function applyBasisPoints(m: Money, basisPoints: number): Money {
  assert(Number.isSafeInteger(basisPoints), 'basis points must be an integer');
  return money(safe(divideHalfEven(BigInt(m.minor) * BigInt(basisPoints), 10_000n), 'bp'), m.currency);
}

/** An exact decimal as numerator / 10^scale. */
export type Decimal = { readonly units: bigint; readonly scale: number };
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;
export function parseDecimal(text: string): Decimal | undefined {
  const m = DECIMAL.exec(text.trim());
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const units = BigInt(`${m[2]}${frac}`);
  return { units: m[1] ? -units : units, scale: frac.length };
}

/** `percent` of m, half-even; percent is an integer or an exact decimal string ("7.5"). */
export function percentOf(m: Money, percent: number | string): Money {
  const d =
    typeof percent === 'number'
      ? Number.isSafeInteger(percent)
        ? { units: BigInt(percent), scale: 0 }
        : undefined
      : parseDecimal(percent);
  assert(d, `percent must be an integer or a decimal string, got ${percent}`);
  const den = 100n * 10n ** BigInt(d.scale);
  return money(safe(divideHalfEven(BigInt(m.minor) * d.units, den), 'percent'), m.currency);
}

/**
 * Splits total into parts proportional to weights that sum back exactly. Each part gets
 * the floor of its share; the leftover minor units go one each to the largest
 * remainders (earlier index first on ties). A negative total is split as its mirror.
 */
export function allocate(total: Money, weights: readonly number[]): Money[] {
  assert(weights.length > 0, 'allocate needs at least one weight');
  assert(
    weights.every((w) => Number.isSafeInteger(w) && w >= 0),
    'weights must be non-negative integers',
  );
  const W = weights.reduce((s, w) => s + BigInt(w), 0n);
  assert(W > 0n, 'weights must not all be zero');
  const negative = total.minor < 0;
  const T = BigInt(Math.abs(total.minor));
  const parts = weights.map((w) => (T * BigInt(w)) / W);
  const rems = weights.map((w, i) => ({ i, r: (T * BigInt(w)) % W }));
  let left = T - parts.reduce((s, p) => s + p, 0n);
  rems.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of rems) {
    if (left === 0n) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts.map((p) => money(safe(negative ? -p : p, 'allocate'), total.currency));
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  same(a, b);
  return a.minor < b.minor ? -1 : a.minor > b.minor ? 1 : 0;
}
export const equals = (a: Money, b: Money): boolean => compare(a, b) === 0;
export const isZero = (m: Money): boolean => m.minor === 0;
export const isNegative = (m: Money): boolean => m.minor < 0;
export const isPositive = (m: Money): boolean => m.minor > 0;

/** The amount as an exact decimal string in major units: 123450 EUR → "1234.50". */
export function toDecimalString(m: Money): string {
  const d = minorDigits(m.currency);
  const abs = Math.abs(m.minor)
    .toString()
    .padStart(d + 1, '0');
  const sign = m.minor < 0 ? '-' : '';
  return d === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -d)}.${abs.slice(-d)}`;
}

/** Locale formatting; the decimal string keeps Intl exact even beyond 2^53 / 100. */
export function formatMoney(m: Money, locale: string): string {
  const nf = new Intl.NumberFormat(locale, { style: 'currency', currency: m.currency });
  return nf.format(toDecimalString(m) as unknown as number);
}
