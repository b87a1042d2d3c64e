import { describe, expect, it } from 'vitest';
import { andThen, err, mapResult, ok, unwrap } from './result.ts';

describe('Result', () => {
  it('maps and chains only Ok values', () => {
    expect(mapResult(ok(2), (n) => n * 3)).toEqual(ok(6));
    expect(mapResult(err('no'), (n: number) => n * 3)).toEqual(err('no'));
    expect(andThen(ok(2), (n) => (n > 1 ? err('big') : ok(n)))).toEqual(err('big'));
  });
  it('unwrap throws on Err: that is a bug, not a business outcome', () => {
    expect(() => unwrap(err({ code: 'x' }))).toThrow(/unwrap of an Err/);
    expect(unwrap(ok(1))).toBe(1);
  });
});
