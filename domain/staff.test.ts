import { describe, expect, it } from 'vitest';
import { createMemoryState } from './memory-state.ts';
import {
  code,
  command,
  EUR,
  OTHER_STORE,
  pieceState,
  STORE,
  saleOf,
  serial,
  testId,
  USERS,
} from './test-support.ts';

/** Staff with their stores, as the relay knows them: the associate and the manager work at STORE only. */
const world = () =>
  createMemoryState({
    stores: [
      { id: STORE, currency: EUR },
      { id: OTHER_STORE, currency: EUR },
    ],
    users: [
      { id: USERS.associate, role: 'associate', stores: [STORE] },
      { id: USERS.manager, role: 'manager', stores: [STORE] },
      { id: USERS.owner, role: 'owner', stores: [] },
    ],
    pieces: [pieceState(1), pieceState(2, { store: OTHER_STORE })],
  });

describe('who works where (STAFF-*)', () => {
  it('STAFF-1: a command at a store its user does not work at is refused; the owner works everywhere', () => {
    const elsewhere = saleOf([serial(2)], { user: USERS.associate, store: OTHER_STORE });
    expect(code(world().decide(elsewhere))).toBe('user-not-at-store');
    expect(code(world().decide(saleOf([serial(1)], { user: USERS.associate })))).toBe('accepted');
    expect(code(world().decide(saleOf([serial(2)], { user: USERS.owner, store: OTHER_STORE })))).toBe(
      'accepted',
    );
  });

  it("STAFF-1: a state that does not know staff stores (a till's pre-check) leaves it to the relay", () => {
    const s = createMemoryState({
      stores: [{ id: OTHER_STORE, currency: EUR }],
      users: [{ id: USERS.associate, role: 'associate' }],
      pieces: [pieceState(2, { store: OTHER_STORE })],
    });
    expect(code(s.decide(saleOf([serial(2)], { user: USERS.associate, store: OTHER_STORE })))).toBe(
      'accepted',
    );
  });

  it('STAFF-2: an approval by a manager of another store does not count', () => {
    const other = createMemoryState({
      stores: [{ id: STORE, currency: EUR }],
      users: [
        { id: USERS.associate, role: 'associate', stores: [STORE] },
        { id: USERS.manager, role: 'manager', stores: [OTHER_STORE] },
      ],
      pieces: [pieceState(1)],
    });
    const order = command(
      'order.open',
      {
        orderId: testId(),
        kind: 'repair',
        clientId: testId(),
        total: { minor: 100, currency: 'EUR' },
        description: 'x',
      },
      { user: USERS.associate },
    );
    expect(code(other.execute(order))).toBe('accepted');
    const refund = command(
      'deposit.refund',
      {
        orderId: (order.payload as { orderId: string }).orderId,
        refundId: testId(),
        amount: { minor: 1, currency: 'EUR' },
      },
      { user: USERS.associate, approvedBy: USERS.manager },
    );
    expect(code(other.decide(refund))).toBe('approver-not-allowed');
  });
});
