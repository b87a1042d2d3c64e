import { describe, expect, it } from 'vitest';
import { percentToBasisPoints } from './discount.ts';

describe('discount entry', () => {
  it('reads whole and decimal percentages, with a point or a comma', () => {
    expect(percentToBasisPoints('10')).toBe(1_000);
    expect(percentToBasisPoints('12.5')).toBe(1_250);
    expect(percentToBasisPoints('7,25')).toBe(725);
    expect(percentToBasisPoints('0')).toBe(0);
  });
  it('refuses what is not a percentage of the price', () => {
    expect(percentToBasisPoints('101')).toBeUndefined();
    expect(percentToBasisPoints('-5')).toBeUndefined();
    expect(percentToBasisPoints('5.125')).toBeUndefined();
    expect(percentToBasisPoints('ten')).toBeUndefined();
  });
});
