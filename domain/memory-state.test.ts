import { describe, expect, it } from 'vitest';
import { createMemoryState } from './memory-state.ts';
import { code, STORE, saleOf, serial, USERS, world } from './test-support.ts';

describe('memory state reading through another', () => {
  it('CMD-15: an overlay decides like its base and leaves the base untouched', () => {
    const base = world(3);
    const overlay = createMemoryState({ readThrough: base });
    expect(overlay.role(USERS.associate)).toBe('associate');
    expect(overlay.storeCurrency(STORE)).toBe('EUR');
    expect(code(overlay.execute(saleOf([serial(1)])))).toBe('accepted');
    expect(overlay.piece(serial(1))?.status).toBe('sold');
    expect(base.piece(serial(1))?.status).toBe('in-stock');
    expect(code(overlay.execute(saleOf([serial(1)])))).toBe('serial-already-sold');
    expect(code(base.decide(saleOf([serial(1)])))).toBe('accepted');
    expect([...overlay.presentAt(STORE)].sort()).toEqual([serial(2), serial(3)]);
    expect([...base.presentAt(STORE)].sort()).toEqual([serial(1), serial(2), serial(3)]);
  });
});
