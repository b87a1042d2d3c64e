import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ClientSale, clientValue, mergeClientSales } from './client-value.ts';
import type { SaleId, SerialNumber } from './ids.ts';
import { CLIENT, EUR, eur, JPY, OTHER_CLIENT, serial } from './test-support.ts';
import { isRising, parseTierThresholds, tierFor } from './tiers.ts';

const thresholds = { [EUR]: { loyal: eur(500_000), vip: eur(2_500_000) } };

describe('tiers', () => {
  it('TIER-1: thresholds share a currency, loyal above zero, VIP above loyal', () => {
    expect(parseTierThresholds({ loyal: eur(500_000), vip: eur(2_500_000) }).ok).toBe(true);
    const bad = [
      { loyal: eur(500_000), vip: { minor: 9_000_000, currency: 'JPY' } },
      { loyal: eur(0), vip: eur(1) },
      { loyal: eur(500_000), vip: eur(500_000) },
      { loyal: eur(-1), vip: eur(5) },
      { loyal: eur(5) },
    ];
    for (const b of bad) expect(parseTierThresholds(b).ok, JSON.stringify(b)).toBe(false);
  });

  it('TIER-2: new below loyal, loyal from the loyal threshold, VIP from the VIP threshold', () => {
    expect(tierFor(eur(0), thresholds)).toBe('new');
    expect(tierFor(eur(499_999), thresholds)).toBe('new');
    expect(tierFor(eur(500_000), thresholds)).toBe('loyal');
    expect(tierFor(eur(2_499_999), thresholds)).toBe('loyal');
    expect(tierFor(eur(2_500_000), thresholds)).toBe('vip');
    expect(tierFor({ minor: 9_000_000, currency: JPY }, thresholds)).toBeUndefined();
  });

  it('TIER-2: the tier never falls as spend grows (property)', () => {
    const order = { new: 0, loyal: 1, vip: 2 } as const;
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(10_000_000), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const t1 = tierFor(eur(lo), thresholds);
        const t2 = tierFor(eur(hi), thresholds);
        return t1 !== undefined && t2 !== undefined && order[t1] <= order[t2];
      }),
    );
  });

  it('TIER-3: rising when spend grows by half with history, or two more visits', () => {
    expect(isRising({ spendMinor: 150, visits: 1 }, { spendMinor: 100, visits: 1 })).toBe(true);
    expect(isRising({ spendMinor: 149, visits: 1 }, { spendMinor: 100, visits: 1 })).toBe(false);
    // A first purchase alone is a new client, not a rising one.
    expect(isRising({ spendMinor: 500, visits: 1 }, { spendMinor: 0, visits: 0 })).toBe(false);
    expect(isRising({ spendMinor: 500, visits: 2 }, { spendMinor: 0, visits: 0 })).toBe(true);
    expect(isRising({ spendMinor: 0, visits: 3 }, { spendMinor: 0, visits: 1 })).toBe(true);
    expect(isRising({ spendMinor: 100, visits: 2 }, { spendMinor: 100, visits: 1 })).toBe(false);
    expect(isRising({ spendMinor: 0, visits: 0 }, { spendMinor: 0, visits: 0 })).toBe(false);
  });

  it('TIER-3: less spend and no more visits is never rising (property)', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.nat(1e9), fc.nat(50), fc.nat(50), (s1, s2, v1, v2) => {
        const [lo, hi] = s1 <= s2 ? [s1, s2] : [s2, s1];
        const [vl, vh] = v1 <= v2 ? [v1, v2] : [v2, v1];
        return !isRising({ spendMinor: lo, visits: Math.min(vl, vh + 1) }, { spendMinor: hi, visits: vh });
      }),
    );
  });
});

const NOW = '2026-06-30T12:00:00.000Z';
let n = 0;
const sale = (at: string, minor: number, over: Partial<ClientSale> = {}): ClientSale => ({
  saleId: `01900000-0000-7000-8000-${String(++n).padStart(12, '0')}` as SaleId,
  clientId: CLIENT,
  at,
  total: eur(minor),
  refundedMinor: 0,
  voided: false,
  serials: [serial(n) as SerialNumber],
  ...over,
});

describe('client value', () => {
  it('TIER-4: spend is paid less refunds, voids and other clients and currencies left out', () => {
    const sales = [
      sale('2026-06-01T10:00:00Z', 100_000),
      sale('2026-05-01T10:00:00Z', 50_000, { refundedMinor: 20_000 }),
      sale('2026-04-01T10:00:00Z', 70_000, { voided: true }),
      sale('2026-04-02T10:00:00Z', 70_000, { clientId: OTHER_CLIENT }),
      sale('2026-04-03T10:00:00Z', 9_000, { total: { minor: 9_000, currency: JPY } }),
    ];
    const v = clientValue(sales, CLIENT, EUR, NOW);
    expect(v.spend).toEqual(eur(130_000));
    expect(v.lastVisit).toBe('2026-06-01');
    expect(v.purchases).toHaveLength(2);
  });

  it('TIER-4: the last 90 days against the 90 before, visits counted once a day', () => {
    const sales = [
      sale('2026-06-20T10:00:00Z', 10_000),
      sale('2026-06-20T15:00:00Z', 10_000),
      sale('2026-03-01T10:00:00Z', 5_000), // 121 days before: prior window
      sale('2025-11-01T10:00:00Z', 99_000), // older than 180 days: spend only
    ];
    const v = clientValue(sales, CLIENT, EUR, NOW, ['2026-06-25']);
    expect(v.recent).toEqual({ spendMinor: 20_000, visits: 2 });
    expect(v.prior).toEqual({ spendMinor: 5_000, visits: 1 });
    expect(v.spend.minor).toBe(124_000);
    expect(v.lastVisit).toBe('2026-06-25');
  });

  it('TIER-4: a sale known twice counts once, with what the later copy knows', () => {
    const s = sale('2026-06-01T10:00:00Z', 100_000);
    const later = { ...s, refundedMinor: 40_000, serials: [] };
    const merged = mergeClientSales([s], [later]);
    expect(merged).toHaveLength(1);
    expect(clientValue(merged, CLIENT, EUR, NOW).spend).toEqual(eur(60_000));
    expect(clientValue(mergeClientSales([s], [{ ...s, voided: true }]), CLIENT, EUR, NOW).spend).toEqual(
      eur(0),
    );
  });
});

describe('tiers.set', () => {
  it('TIER-5: only an owner sets the thresholds; a bad pair never parses', async () => {
    const { world, command, code, USERS } = await import('./test-support.ts');
    const s = world(1);
    const set = (user: string) =>
      command('tiers.set', { loyal: eur(500_000), vip: eur(2_500_000) }, { user: user as never });
    expect(code(s.decide(set(USERS.owner)))).toBe('accepted');
    for (const role of ['associate', 'designer', 'manager'] as const)
      expect(code(s.decide(set(USERS[role])))).toBe('not-allowed');
    const { parseCommand } = await import('./commands.ts');
    const bad = JSON.parse(JSON.stringify(set(USERS.owner)));
    bad.payload.vip = eur(100);
    expect(parseCommand(bad).ok).toBe(false);
  });
});
