import { describe, expect, it } from 'vitest';
import type { ExchangeRate } from './exchange.ts';
import { currency } from './money.ts';
import {
  ageBucket,
  annualTurn,
  consolidate,
  convertFigures,
  dayStart,
  derived,
  emptyFigures,
  lineShares,
  localDay,
  periodOf,
  previousPeriod,
  sellThroughBp,
  toReporting,
} from './report.ts';

const EUR = currency('EUR');
const USD = currency('USD');
const rates: ExchangeRate[] = [
  { from: USD, to: EUR, rate: '0.9', date: '2026-01-01' },
  { from: USD, to: EUR, rate: '0.8', date: '2026-03-01' },
];

describe('reports (REPORT-*)', () => {
  it('REPORT-1: a sale belongs to the store’s local day; a local day starts at local midnight, DST included', () => {
    expect(localDay('2026-03-01T23:30:00.000Z', 'Europe/Paris')).toBe('2026-03-02');
    expect(localDay('2026-03-02T03:30:00.000Z', 'America/New_York')).toBe('2026-03-01');
    expect(localDay('2026-03-01T23:30:00.000Z', 'Not/AZone')).toBe('2026-03-01');
    expect(dayStart('2026-01-15', 'Europe/Paris')).toBe('2026-01-14T23:00:00.000Z');
    expect(dayStart('2026-07-15', 'Europe/Paris')).toBe('2026-07-14T22:00:00.000Z');
    // The day clocks go forward: midnight is still UTC+1.
    expect(dayStart('2026-03-29', 'Europe/Paris')).toBe('2026-03-28T23:00:00.000Z');
    expect(dayStart('2026-11-01', 'America/New_York')).toBe('2026-11-01T04:00:00.000Z');
  });

  it('REPORT-2: today, this week from Monday, this month, this year; and the period before', () => {
    expect(periodOf('today', '2026-12-03')).toEqual({ from: '2026-12-03', to: '2026-12-03' });
    expect(periodOf('week', '2026-12-03')).toEqual({ from: '2026-11-30', to: '2026-12-03' }); // a Thursday
    expect(periodOf('week', '2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-11-30' }); // a Monday
    expect(periodOf('week', '2026-12-06')).toEqual({ from: '2026-11-30', to: '2026-12-06' }); // a Sunday
    expect(periodOf('month', '2026-12-03')).toEqual({ from: '2026-12-01', to: '2026-12-03' });
    expect(periodOf('year', '2026-12-03')).toEqual({ from: '2026-01-01', to: '2026-12-03' });
    expect(previousPeriod({ from: '2026-12-01', to: '2026-12-03' })).toEqual({
      from: '2026-11-28',
      to: '2026-11-30',
    });
  });

  it('REPORT-3: revenue and tax are shared by line net, adding up to the sale exactly', () => {
    const shares = lineShares([100, 200, 0], 361, 61, EUR);
    expect(shares.reduce((s, x) => s + x.revenue, 0)).toBe(300);
    expect(shares.reduce((s, x) => s + x.tax, 0)).toBe(61);
    expect(shares[2]).toEqual({ revenue: 0, tax: 0 });
    expect(lineShares([0, 0], 0, 0, EUR)).toEqual([
      { revenue: 0, tax: 0 },
      { revenue: 0, tax: 0 },
    ]);
  });

  it('REPORT-4: net sales, margin and returning clients from the summed figures', () => {
    const f = {
      ...emptyFigures(),
      sales: 4,
      units: 5,
      revenueMinor: 10_000,
      costMinor: 6_000,
      returnUnits: 1,
      returnRevenueMinor: 2_000,
      returnCostMinor: 1_000,
      clientSales: 3,
      newClientSales: 1,
    };
    expect(derived(f)).toMatchObject({
      netSalesMinor: 8_000,
      netCostMinor: 5_000,
      marginMinor: 3_000,
      marginBp: 3_750,
      netUnits: 4,
      averageMinor: 2_500,
      returningClientSales: 2,
    });
    expect(derived(emptyFigures()).marginBp).toBeNull();
  });

  it('REPORT-5: sell-through and stock turn', () => {
    expect(sellThroughBp(25, 75)).toBe(2_500);
    expect(sellThroughBp(0, 0)).toBeNull();
    expect(annualTurn(1_000, 4_000, 365)).toBe(0.25);
    expect(annualTurn(1_000, 0, 365)).toBeNull();
  });

  it('REPORT-6: stock age by months since received; unknown when the receipt is not known', () => {
    expect(ageBucket('2026-11', '2026-12-03')).toBe('0-3m');
    expect(ageBucket('2026-09', '2026-12-03')).toBe('3-6m');
    expect(ageBucket('2026-01', '2026-12-03')).toBe('6-12m');
    expect(ageBucket('2025-12', '2026-12-03')).toBe('12m+');
    expect(ageBucket(null, '2026-12-03')).toBe('unknown');
  });

  it('REPORT-7: each day converts at the rate in force that day; a missing rate keeps the original', () => {
    expect(toReporting({ minor: 1_000, currency: USD }, EUR, rates, '2026-02-15')).toEqual({
      ok: true,
      money: { minor: 900, currency: EUR },
      rateDate: '2026-01-01',
    });
    expect(toReporting({ minor: 1_000, currency: USD }, EUR, rates, '2026-03-01')).toMatchObject({
      money: { minor: 800 },
    });
    const missing = toReporting({ minor: 1_000, currency: USD }, EUR, rates, '2025-12-31');
    expect(missing.ok).toBe(false);
    expect(
      consolidate(
        [
          { minor: 1_000, currency: 'USD', day: '2026-02-01' },
          { minor: 1_000, currency: 'USD', day: '2026-03-02' },
          { minor: 500, currency: 'EUR', day: '2026-03-02' },
          { minor: 700, currency: 'JPY', day: '2026-03-02' },
        ],
        EUR,
        rates,
      ),
    ).toEqual({ minor: 2_200, missing: { JPY: 700 } });
    const f = { ...emptyFigures(), sales: 2, revenueMinor: 1_000, costMinor: 500 };
    expect(convertFigures(f, 'USD', EUR, rates, '2026-03-05')).toMatchObject({
      sales: 2,
      revenueMinor: 800,
      costMinor: 400,
    });
    expect(convertFigures(f, 'JPY', EUR, rates, '2026-03-05')).toBeUndefined();
  });
});
