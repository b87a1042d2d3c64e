import { describe, expect, it } from 'vitest';
import { createReadDebouncer } from './read-debounce.ts';

describe('createReadDebouncer', () => {
  it('CAMCOUNT-2: a code seen in consecutive frames is taken once', () => {
    const d = createReadDebouncer(1500);
    const taken = [0, 100, 200, 300, 1400, 2800, 4000].map((t) => d.see('PAR-1', t));
    expect(taken).toEqual([true, false, false, false, false, false, false]);
  });

  it('CAMCOUNT-2: a code out of sight for the quiet time is taken again, as a second scan', () => {
    const d = createReadDebouncer(1500);
    expect(d.see('PAR-1', 0)).toBe(true);
    expect(d.see('PAR-1', 1499)).toBe(false);
    expect(d.see('PAR-1', 3000)).toBe(true);
  });

  it('CAMCOUNT-2: two tags in view read in turn are each taken once', () => {
    const d = createReadDebouncer(1500);
    const reads = ['A', 'B', 'A', 'B', 'A', 'B'].map((c, i) => (d.see(c, i * 100) ? c : '-'));
    expect(reads).toEqual(['A', 'B', '-', '-', '-', '-']);
  });

  it('CAMCOUNT-2: after a reset (camera stopped and started) the tag in view is taken again', () => {
    const d = createReadDebouncer(1500);
    expect(d.see('A', 0)).toBe(true);
    d.reset();
    expect(d.see('A', 100)).toBe(true);
  });

  it('keeps few codes in memory over a long count, without forgetting the one in view', () => {
    const d = createReadDebouncer(1500);
    for (let i = 0; i < 500; i++) d.see(`C${i}`, i * 2000);
    expect(d.see('C499', 499 * 2000 + 100)).toBe(false);
  });
});
