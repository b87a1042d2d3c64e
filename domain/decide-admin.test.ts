import { describe, expect, it } from 'vitest';
import type { CommandId } from './ids.ts';
import {
  code,
  command,
  OTHER_STORE,
  pieceState,
  STORE,
  serial,
  testId,
  USERS,
  world,
} from './test-support.ts';

const count = (found: number[], wholeStore: boolean, user = USERS.manager) =>
  command(
    'stock.count',
    { countId: testId(), scope: wholeStore ? 'whole store' : 'Case 1', wholeStore, found: found.map(serial) },
    { user },
  );

describe('decide: stock.count', () => {
  it('COUNT-1: a manager records a count and nothing moves; an associate may not', () => {
    const s = world(3);
    const before = JSON.stringify(s.pieces());
    expect(code(s.execute(count([1, 2, 3], true)))).toBe('accepted');
    expect(JSON.stringify(s.pieces())).toBe(before);
    expect(code(s.decide(count([1], false, USERS.associate)))).toBe('not-allowed');
  });

  it('COUNT-2: found pieces that should not be on the shelf are unexpected', () => {
    const s = world(4);
    s.setPiece(pieceState(2, { status: 'sold' }));
    s.setPiece(pieceState(3, { store: OTHER_STORE }));
    s.setPiece(pieceState(4, { status: 'in-repair' }));
    const r = s.decide(count([1, 2, 3, 4, 99], false));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value[0]).toMatchObject({ type: 'count.recorded', found: 5, missing: [] });
    expect(r.value[0]?.type === 'count.recorded' && [...r.value[0].unexpected].sort()).toEqual(
      [serial(2), serial(3), serial(4), serial(99)].sort(),
    );
  });

  it('COUNT-3: a whole-store count lists what is missing; a partial count does not', () => {
    const s = world(5);
    s.setPiece(pieceState(5, { status: 'reserved' }));
    s.setPiece(pieceState(4, { status: 'on-memo' })); // out on memo: not expected on the shelf
    const whole = s.decide(count([1, 3], true));
    if (!whole.ok) throw new Error(whole.error.message);
    expect(whole.value[0]).toMatchObject({ missing: [serial(2), serial(5)], unexpected: [] });
    const partial = s.decide(count([1], false));
    expect(partial.ok && partial.value[0]).toMatchObject({ missing: [] });
  });
});

describe('decide: conflict.resolve', () => {
  const resolve = (commandId: CommandId, user = USERS.manager, store = STORE) =>
    command(
      'conflict.resolve',
      { commandId, resolution: 'refunded-client', note: 'refunded on the terminal' },
      { user, store },
    );

  it('CONFLICT-1: managers resolve rejections of their own store only', () => {
    const s = world(1);
    const id = testId<CommandId>();
    s.setConflict({ commandId: id, store: STORE, resolved: false });
    expect(code(s.decide(resolve(id, USERS.associate)))).toBe('not-allowed');
    expect(code(s.decide(resolve(testId<CommandId>())))).toBe('conflict-unknown');
    expect(code(s.decide(resolve(id, USERS.manager, OTHER_STORE)))).toBe('conflict-at-other-store');
    expect(code(s.decide(resolve(id)))).toBe('accepted');
  });

  it('CONFLICT-2: a conflict is resolved once', () => {
    const s = world(1);
    const id = testId<CommandId>();
    s.setConflict({ commandId: id, store: STORE, resolved: false });
    expect(code(s.execute(resolve(id)))).toBe('accepted');
    expect(s.conflict(id)?.resolved).toBe(true);
    expect(code(s.execute(resolve(id, USERS.owner)))).toBe('conflict-resolved');
  });
});
