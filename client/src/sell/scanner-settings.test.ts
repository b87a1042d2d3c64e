// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { scannerSettings } from './scanner-settings.ts';

describe('scanner settings', () => {
  it('reads a till’s tuning and ignores values that would break scanning', () => {
    localStorage.setItem('loupe.scanner', JSON.stringify({ maxGapMs: 120, minLength: 6 }));
    expect(scannerSettings()).toEqual({ maxGapMs: 120, minLength: 6 });
    localStorage.setItem('loupe.scanner', JSON.stringify({ maxGapMs: 10_000, minLength: 1 }));
    expect(scannerSettings()).toEqual({});
    localStorage.setItem('loupe.scanner', 'not json');
    expect(scannerSettings()).toEqual({});
  });
});
