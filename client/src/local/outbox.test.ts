import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendCommand, pendingCount, stateOf } from './outbox.ts';
import { readCommand } from './records.ts';

const actor = { store: 's1', device: 'd1', user: 'u1' };

describe('outbox', () => {
  it('appends the public envelope, attributed to the signed-in user', () => {
    const doc = new Y.Doc();
    const c = appendCommand(
      doc,
      actor,
      'sale.complete',
      { lines: [{ serial: 'LP-1' }] },
      new Date('2026-11-25T10:00:00Z'),
    );
    const stored = doc.getArray('commands').toArray()[0];
    expect(stored).toEqual({
      ...actor,
      id: c.id,
      type: 'sale.complete',
      at: '2026-11-25T10:00:00.000Z',
      payload: { lines: [{ serial: 'LP-1' }] },
    });
    expect(readCommand(stored)?.user).toBe('u1');
  });

  it('a command is pending until the ledger has its outcome', () => {
    const doc = new Y.Doc();
    const a = appendCommand(doc, actor, 'sale.complete', {});
    const b = appendCommand(doc, actor, 'sale.complete', {});
    const commands = doc
      .getArray('commands')
      .toArray()
      .map((v) => readCommand(v)!);
    const outcomes = { [a.id]: { status: 'rejected' as const, decidedAt: '' } };
    expect(pendingCount(commands, outcomes)).toBe(1);
    expect(stateOf(a.id, outcomes)).toBe('rejected');
    expect(stateOf(b.id, outcomes)).toBe('pending');
  });
});
