import { describe, expect, it } from 'vitest';
import { anyFilter, profileFilters, segmentFilter } from './ClientFilterBar.tsx';

describe('the client list filter bar', () => {
  it('SEARCH-3: the address says every filter; the index checks size, metal and milestone', () => {
    expect(profileFilters({ size: ' 52,5 ', sys: 'EU', metal: 'platinum', ms: '14' }, '2026-12-01')).toEqual([
      { kind: 'ring-size', size: '52,5', system: 'EU' },
      { kind: 'metal', metal: 'platinum' },
      { kind: 'milestone-within', days: 14, today: '2026-12-01' },
    ]);
    // Anything the address holds that is not a filter value is left out, not guessed.
    expect(profileFilters({ sys: 'EU', metal: 'unobtainium', ms: 'soon' }, '2026-12-01')).toEqual([]);
    expect(profileFilters({ ms: '0' }, '2026-12-01')).toEqual([]);
    expect(profileFilters({ ms: '45' }, '2026-12-01')).toEqual([
      { kind: 'milestone-within', days: 45, today: '2026-12-01' },
    ]);
  });

  it('SEARCH-3: tier, rising and designer are one more condition, absent when none is chosen', () => {
    expect(segmentFilter({})).toBeUndefined();
    expect(segmentFilter({ tier: 'gold-ish', designer: '  ' })).toBeUndefined();
    expect(segmentFilter({ tier: 'vip', rising: '1', designer: ' Cartier ' })).toEqual({
      tier: 'vip',
      rising: true,
      designer: 'Cartier',
    });
    expect(anyFilter({ q: 'martin' })).toBe(false);
    expect(anyFilter({ q: 'martin', metal: 'silver' })).toBe(true);
  });
});
