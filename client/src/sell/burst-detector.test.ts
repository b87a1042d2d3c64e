import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBurstDetector, type KeyDecision } from './burst-detector.ts';

/** Feeds keys with the given gaps (ms) and returns the decision on the last key. */
function feed(keys: string[], gaps: number[] | number): KeyDecision[] {
  const d = createBurstDetector();
  let t = 1_000;
  return keys.map((k, i) => {
    t += typeof gaps === 'number' ? gaps : (gaps[i] ?? 0);
    return d.onKey(k, t);
  });
}

const chars = (s: string) => [...s];

describe('burst detector', () => {
  it('a fast burst ending in Enter is a scan with the full code', () => {
    const out = feed([...chars('LP-24-000187'), 'Enter'], 8);
    expect(out.at(-1)).toEqual({ kind: 'scan', code: 'LP-24-000187' });
    expect(out[0]).toEqual({ kind: 'key', startsBurst: true });
    expect(out[1]).toEqual({ kind: 'key', startsBurst: false });
  });

  it('human typing followed by Enter is not a scan', () => {
    const out = feed([...chars('ring'), 'Enter'], 140);
    expect(out.at(-1)).toEqual({ kind: 'key', startsBurst: false });
  });

  it('a short fast run (rollover of two keys) is not a scan', () => {
    const out = feed(['o', 'n', 'Enter'], 10);
    expect(out.at(-1)?.kind).toBe('key');
  });

  it('a scan right after slow typing carries only the burst, not the typed prefix', () => {
    const gaps = [0, 150, 150, 400, 5, 5, 5, 5, 5, 5];
    const out = feed([...chars('ab'), 'x', ...chars('LP-0001'), 'Enter'], [...gaps, 5]);
    expect(out.at(-1)).toEqual({ kind: 'scan', code: 'LP-0001' });
  });

  it('a pause inside the burst cancels it', () => {
    const out = feed([...chars('LP-00'), ...chars('01'), 'Enter'], [5, 5, 5, 5, 5, 200, 5, 5]);
    expect(out.at(-1)?.kind).toBe('key');
  });

  it('Shift between characters (capitals from a scanner) keeps the burst', () => {
    const out = feed(['Shift', 'L', 'Shift', 'P', '-', '1', '2', 'Enter'], 6);
    expect(out.at(-1)).toEqual({ kind: 'scan', code: 'LP-12' });
  });

  it('any code typed at scanner speed is recovered exactly', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 4, maxLength: 40, unit: fc.constantFrom(...'ABC0123-xyz') }),
        (code) => {
          const out = feed([...chars(code), 'Enter'], 3);
          expect(out.at(-1)).toEqual({ kind: 'scan', code });
        },
      ),
    );
  });
});
