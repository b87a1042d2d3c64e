import { describe, expect, it } from 'vitest';
import { currency, money } from '../../../domain/money.ts';
import type { MoneyOrder } from '../../../sync/shared/docs/money.ts';
import { addMonths, evenPlan, pendingMoves, statementJob } from './order-money.ts';

const EUR = currency('EUR');
const order: MoneyOrder = {
  orderId: 'o1',
  kind: 'custom',
  clientId: 'c1',
  description: 'Emerald ring',
  currency: 'EUR',
  totalMinor: 100_000,
  paidMinor: 60_000,
  refundedMinor: 10_000,
  balanceMinor: 50_000,
  status: 'open',
  moves: [
    {
      id: 'd1',
      kind: 'payment',
      amountMinor: 60_000,
      at: '2026-03-01T10:00:00Z',
      tender: 'card',
      commandId: 'c-1',
    },
    { id: 'r1', kind: 'refund', amountMinor: 10_000, at: '2026-03-02T10:00:00Z', commandId: 'c-2' },
  ],
};

describe('order money on the till', () => {
  it('INSTAL-1: an even plan adds up to what is owed, one instalment a month, end of month kept', () => {
    const plan = evenPlan(money(100_001, EUR), 3, '2026-01-31');
    expect(plan.map((i) => i.due)).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
    expect(plan.reduce((t, i) => t + i.amount.minor, 0)).toBe(100_001);
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
  });

  it('MONEY-13: a payment counted by the relay is no longer pending; one refused shows its reason', () => {
    const commands = [
      {
        id: 'c-1',
        type: 'deposit.take',
        payload: { orderId: 'o1', amount: { minor: 60_000, currency: 'EUR' }, tender: 'card' },
      },
      {
        id: 'c-3',
        type: 'deposit.take',
        payload: { orderId: 'o1', amount: { minor: 5_000, currency: 'EUR' }, tender: 'cash' },
      },
      {
        id: 'c-4',
        type: 'deposit.take',
        payload: { orderId: 'o1', amount: { minor: 90_000, currency: 'EUR' }, tender: 'cash' },
      },
      {
        id: 'c-5',
        type: 'deposit.take',
        payload: { orderId: 'o2', amount: { minor: 1, currency: 'EUR' }, tender: 'cash' },
      },
    ] as never[];
    const outcomes = {
      'c-4': { status: 'rejected', code: 'deposit-exceeds-balance', reason: 'too much', decidedAt: '' },
    } as never;
    const pending = pendingMoves('o1', order, commands, outcomes);
    expect(pending.map((p) => [p.id, p.state])).toEqual([
      ['c-3', 'pending'],
      ['c-4', 'rejected'],
    ]);
  });

  it('MONEY-14: the statement prints each move with the balance after it', () => {
    const job = statementJob(order, '2026-03-03T10:00:00Z', {
      storeName: 'Loupe Paris',
      locale: 'en-GB',
      timeZone: 'Europe/Paris',
      format: (m) => (m / 100).toFixed(2),
      labels: { payment: 'Payment', refund: 'Refund', balance: 'Balance', paid: 'Paid', total: 'Total' },
    });
    expect(job.ok).toBe(true);
    if (!job.ok) return;
    expect(job.value.lines.map((l) => l.description)).toEqual([
      '2026-03-01 Payment (card) · Balance 400.00',
      '2026-03-02 Refund · Balance 500.00',
    ]);
    expect(job.value.footer).toContain('Balance: 500.00');
  });
});
