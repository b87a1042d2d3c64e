/**
 * Parsing of untrusted input (commands from devices, records read from Yjs, API bodies).
 * Each parser returns a Result whose error names the path of the first failure, e.g.
 * `payload.tenders[1].amount.minor: expected a safe integer`.
 */
import { err, ok, type Result } from './result.ts';

/**
 * `invalid-input`: the shape is wrong. `amount-out-of-range`: a well-formed amount outside
 * `[0, MAX_AMOUNT_MINOR]` (money-parse.ts), refused apart so the relay can say so (MONEY-11).
 */
export type ParseErrorCode = 'invalid-input' | 'amount-out-of-range';
/**
 * What kind of problem, for code that words it for a person (a form naming the field to fix):
 * `format` a text that does not match its pattern (an e-mail, a phone), `date` not a real
 * calendar date, `instant` not an ISO-8601 UTC instant. Decide on this and the path, never on
 * the message's words.
 */
export type ParseProblem = 'format' | 'date' | 'instant';
export type ParseError = {
  readonly code: ParseErrorCode;
  readonly path: string;
  /** For a developer or an operator, in English; never matched by code. */
  readonly message: string;
  readonly problem?: ParseProblem;
};
export type Parser<T> = (input: unknown, path?: string) => Result<T, ParseError>;
export type Parsed<P> = P extends Parser<infer T> ? T : never;

export const fail = (
  path: string,
  message: string,
  code: ParseErrorCode = 'invalid-input',
  problem?: ParseProblem,
): Result<never, ParseError> =>
  err({ code, path: path || '(root)', message, ...(problem ? { problem } : {}) });

const join = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

export const describeValue = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;

export const string =
  (opts: { min?: number; max?: number; pattern?: RegExp; trim?: boolean } = {}): Parser<string> =>
  (input, path = '') => {
    if (typeof input !== 'string') return fail(path, `expected a string, got ${describeValue(input)}`);
    const value = opts.trim === false ? input : input.trim();
    const min = opts.min ?? 0;
    const max = opts.max ?? 10_000;
    if (value.length < min)
      return fail(path, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
    if (value.length > max) return fail(path, `must be at most ${max} characters`);
    if (opts.pattern && !opts.pattern.test(value))
      return fail(path, `has an invalid format`, 'invalid-input', 'format');
    return ok(value);
  };

export const integer =
  (opts: { min?: number; max?: number } = {}): Parser<number> =>
  (input, path = '') => {
    if (typeof input !== 'number' || !Number.isSafeInteger(input))
      return fail(path, `expected a safe integer, got ${describeValue(input)}`);
    if (opts.min !== undefined && input < opts.min) return fail(path, `must be ≥ ${opts.min}`);
    if (opts.max !== undefined && input > opts.max) return fail(path, `must be ≤ ${opts.max}`);
    return ok(input);
  };

/** A finite decimal number (grams, carats, ring sizes) — never used for money. */
export const decimal =
  (opts: { min?: number; max?: number } = {}): Parser<number> =>
  (input, path = '') => {
    if (typeof input !== 'number' || !Number.isFinite(input))
      return fail(path, `expected a number, got ${describeValue(input)}`);
    if (opts.min !== undefined && input < opts.min) return fail(path, `must be ≥ ${opts.min}`);
    if (opts.max !== undefined && input > opts.max) return fail(path, `must be ≤ ${opts.max}`);
    return ok(input);
  };

export const boolean: Parser<boolean> = (input, path = '') =>
  typeof input === 'boolean' ? ok(input) : fail(path, `expected a boolean, got ${describeValue(input)}`);

export const literal =
  <const T extends readonly string[]>(...values: T): Parser<T[number]> =>
  (input, path = '') =>
    typeof input === 'string' && (values as readonly string[]).includes(input)
      ? ok(input as T[number])
      : fail(path, `expected one of ${values.join(', ')}, got ${JSON.stringify(input)}`);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** A calendar date `YYYY-MM-DD` that exists. */
export const isoDate: Parser<string> = (input, path = '') => {
  if (typeof input !== 'string' || !ISO_DATE.test(input))
    return fail(path, 'expected a date YYYY-MM-DD', 'invalid-input', 'date');
  const d = new Date(`${input}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== input)
    return fail(path, 'is not a real date', 'invalid-input', 'date');
  return ok(input);
};

/** An ISO-8601 UTC instant, e.g. `2026-11-24T10:00:00.000Z`. */
export const isoInstant: Parser<string> = (input, path = '') => {
  if (typeof input !== 'string' || !ISO_INSTANT.test(input))
    return fail(path, 'expected an ISO-8601 UTC instant', 'invalid-input', 'instant');
  if (Number.isNaN(Date.parse(input))) return fail(path, 'is not a real instant', 'invalid-input', 'instant');
  return ok(input);
};

export const optional =
  <T>(inner: Parser<T>): Parser<T | undefined> =>
  (input, path = '') =>
    input === undefined || input === null ? ok(undefined) : inner(input, path);

export const withDefault =
  <T>(inner: Parser<T>, fallback: T): Parser<T> =>
  (input, path = '') =>
    input === undefined || input === null ? ok(fallback) : inner(input, path);

export const array =
  <T>(item: Parser<T>, opts: { min?: number; max?: number } = {}): Parser<T[]> =>
  (input, path = '') => {
    if (!Array.isArray(input)) return fail(path, `expected an array, got ${describeValue(input)}`);
    if (opts.min !== undefined && input.length < opts.min)
      return fail(path, `needs at least ${opts.min} item(s)`);
    const max = opts.max ?? 1_000;
    if (input.length > max) return fail(path, `has more than ${max} items`);
    const out: T[] = [];
    for (let i = 0; i < input.length; i++) {
      const r = item(input[i], join(path, i));
      if (!r.ok) return r;
      out.push(r.value);
    }
    return ok(out);
  };

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

type Shape = Record<string, Parser<unknown>>;
type FromShape<S extends Shape> = { [K in keyof S]: Parsed<S[K]> };

/** An object with exactly these keys; unknown keys are dropped, never trusted. */
export const object =
  <S extends Shape>(shape: S): Parser<FromShape<S>> =>
  (input, path = '') => {
    if (!isPlainObject(input)) return fail(path, `expected an object, got ${describeValue(input)}`);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) {
      const r = (shape[key] as Parser<unknown>)(input[key], join(path, key));
      if (!r.ok) return r;
      if (r.value !== undefined) out[key] = r.value;
    }
    return ok(out as FromShape<S>);
  };

export const record =
  <T>(value: Parser<T>, opts: { max?: number; key?: Parser<string> } = {}): Parser<Record<string, T>> =>
  (input, path = '') => {
    if (!isPlainObject(input)) return fail(path, `expected an object, got ${describeValue(input)}`);
    const keys = Object.keys(input);
    if (keys.length > (opts.max ?? 1_000)) return fail(path, 'has too many entries');
    const out: Record<string, T> = {};
    for (const key of keys) {
      if (opts.key) {
        const k = opts.key(key, join(path, key));
        if (!k.ok) return k;
      }
      const r = value(input[key], join(path, key));
      if (!r.ok) return r;
      out[key] = r.value;
    }
    return ok(out);
  };

/** Adds a check on an already-parsed value. */
export const refine =
  <T>(inner: Parser<T>, check: (value: T) => string | undefined): Parser<T> =>
  (input, path = '') => {
    const r = inner(input, path);
    if (!r.ok) return r;
    const problem = check(r.value);
    return problem ? fail(path, problem) : r;
  };
