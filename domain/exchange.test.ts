import { describe, expect, it } from 'vitest';
import { convert, type ExchangeRate, findRate } from './exchange.ts';
import { currency, money } from './money.ts';

const USD = currency('USD');
const EUR = currency('EUR');
const JPY = currency('JPY');
const rates: ExchangeRate[] = [
  { from: USD, to: EUR, rate: '0.90', date: '2026-01-01' },
  { from: USD, to: EUR, rate: '0.9231', date: '2026-03-01' },
  { from: JPY, to: EUR, rate: '0.0061', date: '2026-01-01' },
];

describe('exchange rates (RATE-*)', () => {
  it('RATE-2: the rate in force on a date is the latest dated on or before it', () => {
    expect(findRate(USD, EUR, rates, '2026-02-28')?.rate).toBe('0.90');
    expect(findRate(USD, EUR, rates, '2026-03-01')?.rate).toBe('0.9231');
    expect(findRate(USD, EUR, rates, '2025-12-31')).toBeUndefined();
  });

  it('RATE-2: converting uses that rate, exact and half to even, across minor digits', () => {
    const r = convert(money(100_000, USD), EUR, rates, '2026-03-15');
    expect(r.ok && r.value).toEqual(money(92_310, EUR));
    const before = convert(money(100_000, USD), EUR, rates, '2026-02-01');
    expect(before.ok && before.value).toEqual(money(90_000, EUR));
    // ¥12 345 (no minor digits) × 0.0061 = €75.3045 → 7 530 cents.
    const yen = convert(money(12_345, JPY), EUR, rates, '2026-03-01');
    expect(yen.ok && yen.value).toEqual(money(7_530, EUR));
  });

  it('RATE-2: no rate on or before the date is said in words, never guessed', () => {
    const r = convert(money(100, EUR), USD, rates, '2026-03-01');
    expect(r.ok ? null : r.error.code).toBe('rate-missing');
    expect(convert(money(100, EUR), EUR, [], '2026-03-01')).toEqual({ ok: true, value: money(100, EUR) });
  });
});
