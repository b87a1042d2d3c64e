import { describe, expect, it } from 'vitest';
import type { OrderId } from './ids.ts';
import { CLIENT, code, command, eur, OTHER_STORE, testId, USERS, world } from './test-support.ts';

const open = (total: number, orderId: string = testId()) =>
  command('order.open', {
    orderId,
    kind: 'custom',
    clientId: CLIENT,
    total: eur(total),
    description: 'Sapphire ring',
  });
const deposit = (orderId: string, amount: number, opts = {}) =>
  command('deposit.take', { orderId, depositId: testId(), amount: eur(amount), tender: 'card' }, opts);
const refund = (orderId: string, amount: number, opts = {}) =>
  command('deposit.refund', { orderId, refundId: testId(), amount: eur(amount) }, opts);

function opened(total = 500_000) {
  const s = world();
  const orderId = testId<OrderId>();
  expect(code(s.execute(open(total, orderId)))).toBe('accepted');
  return { s, orderId };
}

describe('decide: orders and deposits', () => {
  it('DEP-1: an order is opened once', () => {
    const { s, orderId } = opened();
    expect(code(s.decide(open(500_000, orderId)))).toBe('order-exists');
    expect(s.order(orderId)?.paid).toEqual(eur(0));
  });

  it('DEP-2: deposits never take the balance past the order total', () => {
    const { s, orderId } = opened(500_000);
    expect(code(s.execute(deposit(orderId, 300_000, { user: USERS.associate })))).toBe('accepted');
    expect(code(s.decide(deposit(orderId, 200_001)))).toBe('deposit-exceeds-balance');
    expect(code(s.execute(deposit(orderId, 200_000)))).toBe('accepted');
    expect(code(s.decide(deposit(orderId, 1)))).toBe('deposit-exceeds-balance');
    expect(s.order(orderId)?.paid).toEqual(eur(500_000));
  });

  it('DEP-2: a refunded deposit frees that much of the balance again', () => {
    const { s, orderId } = opened(500_000);
    s.execute(deposit(orderId, 500_000));
    expect(code(s.execute(refund(orderId, 100_000)))).toBe('accepted');
    expect(code(s.decide(deposit(orderId, 100_001)))).toBe('deposit-exceeds-balance');
    expect(code(s.decide(deposit(orderId, 100_000)))).toBe('accepted');
  });

  it('DEP-3: a refund never exceeds what was paid net of earlier refunds; only managers refund', () => {
    const { s, orderId } = opened(500_000);
    expect(code(s.decide(refund(orderId, 1)))).toBe('refund-exceeds-paid');
    s.execute(deposit(orderId, 200_000));
    expect(code(s.decide(refund(orderId, 100_000, { user: USERS.associate })))).toBe('not-allowed');
    expect(code(s.execute(refund(orderId, 150_000)))).toBe('accepted');
    expect(code(s.decide(refund(orderId, 50_001)))).toBe('refund-exceeds-paid');
    expect(code(s.decide(refund(orderId, 50_000)))).toBe('accepted');
  });

  it('DEP-4: deposits go to a known order of this store', () => {
    const { s, orderId } = opened();
    expect(code(s.decide(deposit(testId(), 100)))).toBe('order-unknown');
    expect(code(s.decide(refund(testId(), 100)))).toBe('order-unknown');
    expect(code(s.decide(deposit(orderId, 100, { store: OTHER_STORE })))).toBe('order-at-other-store');
  });
});
