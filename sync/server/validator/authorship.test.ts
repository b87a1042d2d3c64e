/**
 * USER-*: who wrote a command, and who approved it, as the validator decides it. The relay's
 * record of each command's writer (the connection that appended it) is set here by hand; the
 * websocket path that records it is tested from outside in authorship-relay.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../domain/commands.ts';
import { command, DEVICE, eur, saleOf, serial, testId, USERS } from '../../../domain/test-support.ts';
import { approveCommand, commandSignature } from '../../shared/command-proof.ts';
import { DeviceKeys } from '../device-keys.ts';
import { CommandDecider } from './decider.ts';
import { openTestDatabase } from './test-db.ts';
import { CommandWriters } from './writers.ts';

const plain = (c: Command) => JSON.parse(JSON.stringify(c)) as Record<string, unknown>;
const AT = '2026-03-01T10:00:00.000Z';

function setup() {
  const db = openTestDatabase();
  const writers = new CommandWriters(db);
  const keys = new DeviceKeys(db);
  const decider = new CommandDecider(db);
  const outbox: unknown[] = [];
  /** Appends as the relay sees it: `writer`'s connection wrote `c`. */
  const append = (c: Record<string, unknown>, writer: string) => {
    writers.record(String(c.id), DEVICE, writer);
    outbox.push(c);
    const [d] = decider.decideOutbox(DEVICE, outbox);
    return d;
  };
  return { db, keys, append };
}

/** A discount of 50 % on piece 1: above an associate's and a manager's own limit. */
const discounted = (user: string, pct = 50) => {
  const price = 100_000;
  const discount = (price * pct) / 100;
  return command(
    'sale.complete',
    {
      saleId: testId(),
      lines: [{ serial: serial(1), price: eur(price), discount: eur(discount) }],
      tax: eur(0),
      total: eur(price - discount),
      tenders: [{ kind: 'card', amount: eur(price - discount) }],
    },
    { user: user as never, at: AT },
  );
};

describe('who wrote a command (USER-*)', () => {
  it('USER-1: a command whose user is the person whose connection wrote it is decided as usual', () => {
    const { append } = setup();
    expect(
      append(plain(saleOf([serial(1)], { user: USERS.associate, at: AT })), USERS.associate),
    ).toMatchObject({
      status: 'accepted',
      user: USERS.associate,
    });
  });

  it("USER-2: an associate's till naming the owner (100 % discount) or the manager (a refund) is rejected as user-mismatch", () => {
    const { append, db } = setup();
    const forged = append(plain(discounted(USERS.owner, 100)), USERS.associate);
    expect(forged).toMatchObject({ status: 'rejected', code: 'user-mismatch' });
    expect(db.prepare('SELECT status FROM pieces WHERE serial = ?').get(serial(1))).toEqual({
      status: 'in-stock',
    });
    const order = plain(
      command(
        'order.open',
        { orderId: testId(), kind: 'custom', clientId: testId(), total: eur(500_000), description: 'Ring' },
        { user: USERS.associate, at: AT },
      ),
    );
    expect(append(order, USERS.associate)?.status).toBe('accepted');
    const deposit = plain(
      command(
        'deposit.take',
        {
          orderId: (order.payload as { orderId: string }).orderId,
          depositId: testId(),
          amount: eur(100_000),
          tender: 'cash',
        },
        { user: USERS.associate, at: AT },
      ),
    );
    expect(append(deposit, USERS.associate)?.status).toBe('accepted');
    const refund = plain(
      command(
        'deposit.refund',
        { orderId: (order.payload as { orderId: string }).orderId, refundId: testId(), amount: eur(100_000) },
        { user: USERS.manager, at: AT },
      ),
    );
    expect(append(refund, USERS.associate)).toMatchObject({ status: 'rejected', code: 'user-mismatch' });
  });

  it("USER-2: after an offline switch, a command signed with the new person's key on this device is theirs", () => {
    const { append, keys } = setup();
    const managerKey = keys.issue(USERS.manager, DEVICE);
    const c = plain(discounted(USERS.manager, 20));
    const signed = { ...c, signature: commandSignature(c as never, managerKey) };
    // The till's connection is still the associate's (the switch happened with no network).
    expect(append(signed, USERS.associate)).toMatchObject({ status: 'accepted', user: USERS.manager });
    // The same proof on a changed payload does not verify.
    const tampered = { ...plain(discounted(USERS.manager, 30)), signature: signed.signature };
    expect(append(tampered, USERS.associate)).toMatchObject({ status: 'rejected', code: 'user-mismatch' });
  });

  it("USER-3: a command the relay never saw written by anyone needs its writer's proof", () => {
    const { db, keys } = setup();
    const decider = new CommandDecider(db);
    const c = plain(saleOf([serial(2)], { user: USERS.associate, at: AT }));
    expect(decider.decideOutbox(DEVICE, [c])[0]).toMatchObject({ code: 'user-mismatch' });
    const key = keys.issue(USERS.associate, DEVICE);
    const again = plain(saleOf([serial(2)], { user: USERS.associate, at: AT }));
    const [d] = decider.decideOutbox(DEVICE, [
      c,
      { ...again, signature: commandSignature(again as never, key) },
    ]);
    expect(d).toMatchObject({ status: 'accepted' });
  });

  it("USER-4: a manager override made offline with the manager's key on this till is accepted; a made-up one is rejected", () => {
    const { append, keys } = setup();
    const managerKey = keys.issue(USERS.manager, DEVICE);
    const c = plain(discounted(USERS.associate, 25));
    const approval = approveCommand(c as never, USERS.manager, managerKey, '2026-03-01T09:58:00.000Z');
    expect(append({ ...c, approval }, USERS.associate)).toMatchObject({ status: 'accepted' });

    const c2 = plain(discounted(USERS.associate, 25));
    const madeUp = { by: USERS.manager, at: AT, sig: 'x'.repeat(43) };
    expect(append({ ...c2, approval: madeUp }, USERS.associate)).toMatchObject({
      status: 'rejected',
      code: 'approval-invalid',
    });
    // A real proof for another command does not carry over.
    const other = plain(discounted(USERS.associate, 25));
    expect(append({ ...other, approval }, USERS.associate)).toMatchObject({ code: 'approval-invalid' });
    // An approval by someone with no key on this device (never signed in here) cannot be checked.
    const c3 = plain(discounted(USERS.associate, 25));
    const ownerApproval = approveCommand(c3 as never, USERS.owner, 'A'.repeat(43), AT);
    expect(append({ ...c3, approval: ownerApproval }, USERS.associate)).toMatchObject({
      code: 'approval-invalid',
    });
  });

  it('USER-4: a verified approval by a designer is still refused by the rules (APPROVAL-1)', () => {
    const { append, keys } = setup();
    const key = keys.issue(USERS.designer, DEVICE);
    const c = plain(discounted(USERS.associate, 25));
    const approval = approveCommand(c as never, USERS.designer, key, AT);
    expect(append({ ...c, approval }, USERS.associate)).toMatchObject({ code: 'approver-not-allowed' });
  });
});
