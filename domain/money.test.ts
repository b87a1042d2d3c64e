import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convert, type ExchangeRate, parseExchangeRate } from './exchange.ts';
import {
  add,
  allocate,
  applyBasisPoints,
  compare,
  currency,
  equals,
  formatMoney,
  isNegative,
  isZero,
  minorDigits,
  money,
  multiply,
  parseCurrency,
  percentOf,
  subtract,
  sum,
  zero,
} from './money.ts';
import { parseMoney, parseMoneyJson } from './money-parse.ts';

const EUR = currency('EUR');
const JPY = currency('JPY');
const KWD = currency('KWD');
const USD = currency('USD');
const eur = (n: number) => money(n, EUR);
const amount = fc.integer({ min: -(2 ** 45), max: 2 ** 45 });

describe('money', () => {
  it('MONEY-1: amounts are safe integers; an unsafe amount is a bug', () => {
    expect(() => money(0.5, EUR)).toThrow();
    expect(() => money(2 ** 53, EUR)).toThrow();
    expect(() => add(eur(Number.MAX_SAFE_INTEGER), eur(1))).toThrow();
    expect(multiply(eur(250), 3)).toEqual(eur(750));
    expect(() => multiply(eur(2 ** 40), 2 ** 20)).toThrow();
  });

  it('MONEY-2: mixing currencies is a bug and throws', () => {
    expect(() => add(eur(1), money(1, USD))).toThrow(/currency mix/);
    expect(() => compare(eur(1), money(1, USD))).toThrow(/currency mix/);
    expect(() => sum([eur(1), money(1, USD)], EUR)).toThrow(/currency mix/);
  });

  it('MONEY-3: minor-unit digits follow ISO 4217 (JPY 0, EUR 2, KWD 3) and codes are validated', () => {
    expect([minorDigits(JPY), minorDigits(EUR), minorDigits(KWD)]).toEqual([0, 2, 3]);
    expect(parseCurrency('eur')).toEqual({ ok: true, value: 'EUR' });
    expect(parseCurrency('EURO').ok).toBe(false);
    expect(parseCurrency('XYZ').ok).toBe(false);
  });

  it('MONEY-4: text amounts parse digit by digit; too many decimals or bad grouping are refused', () => {
    expect(parseMoney('1,234.50', EUR)).toEqual({ ok: true, value: eur(123_450) });
    expect(parseMoney('1234.5', EUR)).toEqual({ ok: true, value: eur(123_450) });
    expect(parseMoney('0.1', EUR)).toEqual({ ok: true, value: eur(10) });
    expect(parseMoney('-12', EUR)).toEqual({ ok: true, value: eur(-1200) });
    expect(parseMoney('1.234', KWD)).toEqual({ ok: true, value: money(1234, KWD) });
    expect(parseMoney('1500', JPY)).toEqual({ ok: true, value: money(1500, JPY) });
    for (const bad of ['1.234', '12,34.00', '1e3', '', 'abc', '1.', '.5', '1,2345']) {
      expect(parseMoney(bad, EUR).ok, bad).toBe(false);
    }
    expect(parseMoney('1500.5', JPY).ok).toBe(false);
    expect(parseMoney('99999999999999999', EUR).ok).toBe(false);
  });

  it('MONEY-5: basis points and percentages round half to even', () => {
    expect(applyBasisPoints(eur(250), 1000)).toEqual(eur(25));
    expect(applyBasisPoints(eur(5), 1000)).toEqual(eur(0)); // 0.5 → 0 (even)
    expect(applyBasisPoints(eur(15), 1000)).toEqual(eur(2)); // 1.5 → 2 (even)
    expect(applyBasisPoints(eur(25), 1000)).toEqual(eur(2)); // 2.5 → 2 (even)
    expect(applyBasisPoints(eur(-15), 1000)).toEqual(eur(-2));
    expect(percentOf(eur(1000), '7.5')).toEqual(eur(75));
    expect(percentOf(eur(10), '25')).toEqual(eur(2)); // 2.5 → 2
    expect(percentOf(eur(30), 5)).toEqual(eur(2)); // 1.5 → 2
    expect(() => percentOf(eur(30), 0.1)).toThrow();
  });

  it('MONEY-6: allocation sums back exactly; equal weights give parts within one minor unit', () => {
    expect(allocate(eur(100), [1, 1, 1])).toEqual([eur(34), eur(33), eur(33)]);
    expect(allocate(eur(-100), [1, 1, 1])).toEqual([eur(-34), eur(-33), eur(-33)]);
    expect(allocate(eur(1000), [3, 0, 1])).toEqual([eur(750), eur(0), eur(250)]);
    fc.assert(
      fc.property(
        amount,
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 30 }),
        (t, w) => {
          fc.pre(w.some((x) => x > 0));
          const parts = allocate(eur(t), w);
          expect(sum(parts, EUR)).toEqual(eur(t));
          for (const p of parts) expect(Number.isSafeInteger(p.minor)).toBe(true);
          w.forEach((x, i) => {
            if (x === 0) expect(parts[i]?.minor).toBe(0);
          });
        },
      ),
    );
    fc.assert(
      fc.property(amount, fc.integer({ min: 1, max: 50 }), (t, n) => {
        const parts = allocate(eur(t), Array(n).fill(1)).map((p) => p.minor);
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('MONEY-7: add and subtract are inverse, and comparisons agree with the minor units', () => {
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        expect(subtract(add(eur(a), eur(b)), eur(b))).toEqual(eur(a));
        expect(compare(eur(a), eur(b))).toBe(Math.sign(a - b));
        expect(equals(eur(a), eur(b))).toBe(a === b);
      }),
    );
    expect(isZero(zero(EUR))).toBe(true);
    expect(isNegative(subtract(eur(1), eur(2)))).toBe(true);
    expect(Object.is(subtract(eur(1), eur(1)).minor, 0)).toBe(true);
  });

  it('MONEY-1: percentages and basis points of safe amounts stay safe integers', () => {
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 10_000 }), (a, bp) => {
        const r = applyBasisPoints(eur(a), bp);
        expect(Number.isSafeInteger(r.minor)).toBe(true);
        expect(Math.abs(r.minor)).toBeLessThanOrEqual(Math.abs(a));
      }),
    );
  });
});

describe('exchange', () => {
  const rates: ExchangeRate[] = [
    { from: USD, to: EUR, rate: '0.90', date: '2026-01-01' },
    { from: USD, to: EUR, rate: '0.925', date: '2026-02-01' },
    { from: USD, to: EUR, rate: '0.95', date: '2026-03-01' },
    { from: EUR, to: JPY, rate: '161.235', date: '2026-01-01' },
    { from: EUR, to: KWD, rate: '0.3311', date: '2026-01-01' },
  ];

  it('MONEY-8: the latest rate on or before the date is used, exactly, rounding half to even', () => {
    expect(convert(money(10_000, USD), EUR, rates, '2026-02-15')).toEqual({ ok: true, value: eur(9250) });
    expect(convert(money(10_000, USD), EUR, rates, '2026-03-01')).toEqual({ ok: true, value: eur(9500) });
    expect(convert(money(10_000, USD), EUR, rates, '2026-01-31')).toEqual({ ok: true, value: eur(9000) });
    // €100.00 × 161.235 = ¥16 123.5 → ¥16 124 (half to even: 16 123.5 → 16 124)
    expect(convert(eur(10_000), JPY, rates, '2026-06-01')).toEqual({ ok: true, value: money(16_124, JPY) });
    // €1.00 × 0.3311 = 0.3311 KWD → 331 fils
    expect(convert(eur(100), KWD, rates, '2026-06-01')).toEqual({ ok: true, value: money(331, KWD) });
    // $0.10 × 0.925 = €0.0925 → 9 cents
    expect(convert(money(10, USD), EUR, rates, '2026-02-02')).toEqual({ ok: true, value: eur(9) });
    expect(convert(eur(5), eur(5).currency, rates, '2020-01-01')).toEqual({ ok: true, value: eur(5) });
  });

  it('MONEY-8: a missing rate is a Result error, never a guess', () => {
    const r = convert(money(100, USD), EUR, rates, '2025-12-31');
    expect(r.ok ? null : r.error.code).toBe('rate-missing');
    const back = convert(eur(100), USD, rates, '2026-06-01');
    expect(back.ok).toBe(false);
    expect(parseExchangeRate({ from: 'USD', to: 'EUR', rate: '0.9', date: '2026-01-01' }).ok).toBe(true);
    expect(parseExchangeRate({ from: 'USD', to: 'EUR', rate: 0.9, date: '2026-01-01' }).ok).toBe(false);
    expect(parseExchangeRate({ from: 'USD', to: 'EUR', rate: '0.000', date: '2026-01-01' }).ok).toBe(false);
  });
});

describe('money on the wire and on screen', () => {
  it('MONEY-9: formatting uses Intl with the currency digits', () => {
    expect(formatMoney(eur(123_450), 'en-US')).toBe('€1,234.50');
    expect(formatMoney(money(1500, JPY), 'en-US')).toBe('¥1,500');
    expect(formatMoney(money(1234, KWD), 'en-US')).toMatch(/^KWD\s1\.234$/);
    expect(formatMoney(eur(-5), 'en-US')).toBe('-€0.05');
    expect(formatMoney(eur(123_450), 'de-DE')).toBe('1.234,50\u00a0€');
  });

  it('MONEY-10: JSON money needs a safe integer and a known currency, with the failing path', () => {
    expect(parseMoneyJson({ minor: 100, currency: 'EUR' })).toEqual({ ok: true, value: eur(100) });
    const bad = parseMoneyJson({ minor: 1.5, currency: 'EUR' }, 'price');
    expect(bad.ok ? null : bad.error.path).toBe('price.minor');
    const cur = parseMoneyJson({ minor: 1, currency: 'EURO' }, 'price');
    expect(cur.ok ? null : cur.error.path).toBe('price.currency');
    expect(parseMoneyJson('1.00').ok).toBe(false);
  });
});
