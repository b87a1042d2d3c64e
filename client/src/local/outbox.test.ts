import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { command } from '../../../sync/shared/command-builder.ts';
import { newSigningKey, verifyApproval, verifyCommandSignature } from '../../../sync/shared/command-proof.ts';
import { appendCommand, pendingCount, stateOf } from './outbox.ts';
import { readCommand } from './records.ts';

const actor = { store: 's1', device: 'd1', user: 'u1' };

describe('outbox', () => {
  it('appends the public envelope, attributed to the signed-in user', () => {
    const doc = new Y.Doc();
    const c = appendCommand(
      doc,
      actor,
      'repair.in',
      { serial: 'LP-1' },
      { now: new Date('2026-11-25T10:00:00Z') },
    );
    const stored = doc.getArray('commands').toArray()[0];
    expect(stored).toEqual({
      ...actor,
      id: c.id,
      type: 'repair.in',
      at: '2026-11-25T10:00:00.000Z',
      payload: { serial: 'LP-1' },
    });
    expect(readCommand(stored)?.user).toBe('u1');
  });

  it('a command is pending until the ledger has its outcome', () => {
    const doc = new Y.Doc();
    const a = appendCommand(doc, actor, 'repair.in', { serial: 'LP-1' });
    const b = appendCommand(doc, actor, 'repair.in', { serial: 'LP-1' });
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

describe('outbox proofs (sync/SPEC.md USER-2, USER-4)', () => {
  it('USER-2, USER-4: a command made with the signed-in key and a manager grant carries proofs the relay can check', () => {
    const key = newSigningKey();
    const managerKey = newSigningKey();
    const grant = { userId: 'm1', at: '2026-11-25T09:58:00.000Z', signingKey: managerKey };
    const c = command(
      { ...actor, signingKey: key },
      'sale.void',
      { saleId: 'x', reason: 'test' },
      { approval: grant },
    );
    expect(c.signature && verifyCommandSignature(c, c.signature, key)).toBe(true);
    expect(c.approval && verifyApproval(c, c.approval, managerKey)).toBe(true);
    expect(c.approval?.by).toBe('m1');
    // Another person's key does not verify, and neither does a changed payload.
    expect(c.signature && verifyCommandSignature(c, c.signature, managerKey)).toBe(false);
    expect(
      c.approval &&
        verifyApproval({ ...c, payload: { saleId: 'y', reason: 'test' } }, c.approval, managerKey),
    ).toBe(false);
  });
});
