import { describe, expect, it } from 'vitest';
import { type HistoryLine, mergeHistory, summarizeHistory } from './client-history.ts';
import { currency } from './money.ts';

const EUR = currency('EUR');
const USD = currency('USD');
const line = (over: Partial<HistoryLine> & Pick<HistoryLine, 'id' | 'kind' | 'at'>): HistoryLine => ({
  store: 's',
  source: 'relay',
  ...over,
});
const rates = [{ from: USD, to: EUR, rate: '0.9', date: '2026-01-01' }];

describe('client history', () => {
  it('HISTORY-1: lines from the till and the relay make one list, once per id, newest first', () => {
    const a = line({ id: 's1', kind: 'purchase', at: '2026-03-01T10:00:00Z', source: 'device' });
    const b = line({ id: 's1', kind: 'purchase', at: '2026-03-01T10:00:00Z' });
    const c = line({ id: 's2', kind: 'purchase', at: '2026-04-01T10:00:00Z', source: 'device' });
    const merged = mergeHistory([a, c], [b]);
    expect(merged.map((l) => [l.id, l.source])).toEqual([
      ['s2', 'device'],
      ['s1', 'relay'],
    ]);
  });

  it('HISTORY-2: lifetime value is purchases less refunds, other currencies at the rate of their day, originals kept', () => {
    const lines = [
      line({
        id: 'p1',
        kind: 'purchase',
        at: '2026-01-10T10:00:00Z',
        amount: { minor: 100_000, currency: EUR },
      }),
      line({
        id: 'p2',
        kind: 'purchase',
        at: '2026-02-10T10:00:00Z',
        amount: { minor: 50_000, currency: USD },
      }),
      line({
        id: 'r1',
        kind: 'return',
        at: '2026-02-20T10:00:00Z',
        amount: { minor: 20_000, currency: EUR },
      }),
      line({
        id: 'o1',
        kind: 'order',
        at: '2026-03-01T10:00:00Z',
        amount: { minor: 900_000, currency: EUR },
      }),
      line({
        id: 'p3',
        kind: 'purchase',
        at: '2025-12-01T10:00:00Z',
        amount: { minor: 10_000, currency: USD },
      }),
    ];
    const s = summarizeHistory(lines, EUR, rates);
    expect(s.lifetimeValue).toEqual({ minor: 100_000 + 45_000 - 20_000, currency: EUR });
    expect(s.converted).toEqual([
      expect.objectContaining({
        original: { minor: 50_000, currency: USD },
        value: { minor: 45_000, currency: EUR },
      }),
    ]);
    // No USD rate before 2026: the December purchase is shown apart, not guessed.
    expect(s.unconverted.map((l) => l.id)).toEqual(['p3']);
    expect(s.purchases).toBe(2);
    expect(s.averageBasket).toEqual({ minor: 72_500, currency: EUR });
  });

  it('HISTORY-3: visits are distinct days; frequency is the mean gap; last visit the latest day', () => {
    const lines = [
      line({ id: 'a', kind: 'purchase', at: '2026-01-01T10:00:00Z', amount: { minor: 1, currency: EUR } }),
      line({ id: 'b', kind: 'purchase', at: '2026-01-01T15:00:00Z', amount: { minor: 1, currency: EUR } }),
      line({ id: 'c', kind: 'order', at: '2026-01-11T10:00:00Z' }),
      line({ id: 'd', kind: 'reservation', at: '2026-03-01T10:00:00Z' }),
      line({ id: 'e', kind: 'return', at: '2026-01-21T10:00:00Z', amount: { minor: 1, currency: EUR } }),
    ];
    const s = summarizeHistory(lines, EUR, []);
    expect(s.visits).toBe(3);
    expect(s.lastVisit).toBe('2026-01-21');
    expect(s.daysBetweenVisits).toBe(10);
    expect(summarizeHistory([], EUR, []).averageBasket).toBeUndefined();
  });
});
