import { describe, expect, it } from 'vitest';
import type { OrderId } from './ids.ts';
import { CLIENT, code, command, eur, OTHER_STORE, testId, USERS, world } from './test-support.ts';
import { claimCheckOf, type WorkKind } from './work-order.ts';

const AT = '2026-03-01T10:00:00.000Z';

function opened(kind: WorkKind, total = 50_000) {
  const s = world();
  const orderId = testId<OrderId>();
  const r = s.execute(
    command('order.open', {
      orderId,
      kind,
      clientId: CLIENT,
      total: eur(total),
      description: 'Job',
      dueDate: '2026-03-20',
    }),
  );
  expect(code(r)).toBe('accepted');
  return { s, orderId };
}
const move = (orderId: string, stage: string, extra: object = {}, opts = {}) =>
  command('work.stage', { orderId, stage, ...extra }, { user: USERS.associate, ...opts });

function walk(s: ReturnType<typeof world>, orderId: string, stages: [string, object?][]) {
  for (const [stage, extra] of stages)
    expect(code(s.execute(move(orderId, stage, extra))), stage).toBe('accepted');
}

describe('decide: work stages', () => {
  it('WORK-3: opening a job starts it at its first stage with a claim check', () => {
    const { s, orderId } = opened('repair');
    expect(s.order(orderId)?.stage).toBe('received');
    expect(s.order(orderId)?.claimCheck).toBe(claimCheckOf('repair', orderId));
    const o = opened('custom');
    expect(o.s.order(o.orderId)?.stage).toBe('consultation');
  });

  it('WORK-4: a move out of order is refused with the stages allowed', () => {
    const { s, orderId } = opened('custom');
    const r = s.decide(move(orderId, 'in-production'));
    expect(code(r)).toBe('work-stage-illegal');
    if (!r.ok) expect(r.error.context.allowed).toBe('design');
    walk(s, orderId, [
      ['design'],
      ['quote-approved'],
      ['in-production'],
      ['quality-check'],
      ['in-production'],
    ]);
    expect(s.order(orderId)?.stage).toBe('in-production');
  });

  it('WORK-4: an unknown order or one of another store is refused', () => {
    const { s } = opened('custom');
    expect(code(s.decide(move(testId(), 'design')))).toBe('order-unknown');
    const o = opened('custom');
    expect(code(o.s.decide(move(o.orderId, 'design', {}, { store: OTHER_STORE, user: USERS.owner })))).toBe(
      'order-at-other-store',
    );
  });

  it('REPAIR-4: at the bench needs a bench or an outside workshop, and only then', () => {
    const { s, orderId } = opened('repair');
    walk(s, orderId, [['estimated'], ['approved']]);
    expect(code(s.decide(move(orderId, 'at-bench')))).toBe('bench-required');
    walk(s, orderId, [['at-bench', { place: { workshop: 'Atelier Roux', sentOn: '2026-03-02' } }]]);
    walk(s, orderId, [
      ['at-bench', { place: { workshop: 'Atelier Roux', sentOn: '2026-03-02', returnedOn: '2026-03-05' } }],
    ]);
    expect(code(s.decide(move(orderId, 'quality-check', { place: { bench: 'Bench 1' } })))).toBe(
      'bench-required',
    );
  });

  it('WORK-5: the price is set when the quote is approved, never below what was paid', () => {
    const { s, orderId } = opened('custom', 10_000);
    expect(
      code(
        s.execute(
          command('deposit.take', { orderId, depositId: testId(), amount: eur(10_000), tender: 'card' }),
        ),
      ),
    ).toBe('accepted');
    expect(code(s.decide(move(orderId, 'design', { total: eur(90_000) })))).toBe('total-not-allowed');
    walk(s, orderId, [['design']]);
    expect(code(s.decide(move(orderId, 'quote-approved', { total: eur(9_999) })))).toBe('total-below-paid');
    walk(s, orderId, [['quote-approved', { total: eur(250_000) }]]);
    expect(s.order(orderId)?.total).toEqual(eur(250_000));
  });

  it('WORK-9: a job is collected with nothing owed', () => {
    const { s, orderId } = opened('custom', 50_000);
    walk(s, orderId, [['design'], ['quote-approved'], ['in-production'], ['quality-check'], ['ready']]);
    expect(code(s.decide(move(orderId, 'collected')))).toBe('balance-due');
    s.execute(command('deposit.take', { orderId, depositId: testId(), amount: eur(50_000), tender: 'card' }));
    expect(code(s.execute(move(orderId, 'collected')))).toBe('accepted');
    expect(code(s.decide(move(orderId, 'ready')))).toBe('work-stage-illegal');
  });

  it('WORK-10: with money owed only on a manager’s approval, recorded on the event', () => {
    const { s, orderId } = opened('custom', 50_000);
    walk(s, orderId, [['design'], ['quote-approved'], ['in-production'], ['quality-check'], ['ready']]);
    expect(code(s.decide(move(orderId, 'collected', {}, { approvedBy: USERS.designer, at: AT })))).toBe(
      'approver-not-allowed',
    );
    const r = s.decide(move(orderId, 'collected', {}, { approvedBy: USERS.manager, at: AT }));
    expect(code(r)).toBe('accepted');
    if (r.ok)
      expect(r.value[0]).toMatchObject({
        type: 'work.staged',
        override: { by: USERS.manager, owedMinor: 50_000 },
      });
  });

  it('REPAIR-5: a repair goes back on its claim check or to its identified client', () => {
    const { s, orderId } = opened('repair', 8_000);
    walk(s, orderId, [
      ['estimated'],
      ['approved'],
      ['at-bench', { place: { bench: 'Bench 1' } }],
      ['quality-check'],
      ['ready'],
    ]);
    s.execute(command('deposit.take', { orderId, depositId: testId(), amount: eur(8_000), tender: 'cash' }));
    expect(code(s.decide(move(orderId, 'collected')))).toBe('collection-unverified');
    expect(code(s.decide(move(orderId, 'collected', { collection: { claimCheck: 'R-00000000' } })))).toBe(
      'claim-check-mismatch',
    );
    expect(code(s.decide(move(orderId, 'collected', { collection: { clientIdentified: true } })))).toBe(
      'accepted',
    );
    const claim = claimCheckOf('repair', orderId).toLowerCase();
    expect(code(s.execute(move(orderId, 'collected', { collection: { claimCheck: claim } })))).toBe(
      'accepted',
    );
    expect(s.order(orderId)?.stage).toBe('collected');
  });
});
