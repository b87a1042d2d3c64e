/**
 * Custom orders and repairs moving through their stages (WORK-3…6, REPAIR-3, REPAIR-4, WORK-9, WORK-10, REPAIR-5),
 * decided once by the relay: who moved it and when is the command's envelope.
 */
import type { CommandOf } from './commands.ts';
import { approverRole, authorize, checkCurrency, reject } from './decide-common.ts';
import type { DecisionState, DomainEvent, Rejection } from './decision-types.ts';
import { ok, type Result } from './result.ts';
import { canMove, firstStage, nextStages, priceStage, type WorkKind } from './work-order.ts';

type Decision = Result<DomainEvent[], Rejection>;

export function decideWorkStage(state: DecisionState, c: CommandOf<'work.stage'>): Decision {
  const actor = authorize(state, c, 'edit-work-orders');
  if (!actor.ok) return actor;
  const p = c.payload;
  const order = state.order(p.orderId);
  if (!order)
    return reject('order-unknown', 'No such order is on record; open it first.', { orderId: p.orderId });
  if (order.store !== c.store)
    return reject('order-at-other-store', 'This order belongs to another store; move it there.', {
      orderId: p.orderId,
      orderStore: order.store,
    });
  if (order.kind === 'layaway')
    return reject(
      'work-stage-illegal',
      'A layaway has no work stages; it ends when it is paid off or cancelled.',
      {
        orderId: p.orderId,
      },
    );
  const kind: WorkKind = order.kind ?? 'custom';
  const from = order.stage ?? firstStage(kind);
  // WORK-4: only the next stage, back from quality check to the work, or another bench.
  if (!canMove(kind, from, p.stage))
    return reject(
      'work-stage-illegal',
      `This ${kind === 'repair' ? 'repair' : 'order'} is at "${from}" and cannot go to "${p.stage}".`,
      { orderId: p.orderId, from, to: p.stage, allowed: nextStages(kind, from).join(',') },
    );
  // REPAIR-4: a repair at the bench says which bench, or which outside workshop and when it left.
  if (p.place && (kind !== 'repair' || p.stage !== 'at-bench'))
    return reject('bench-required', 'A bench or workshop is given only when a repair goes to the bench.', {
      stage: p.stage,
    });
  if (kind === 'repair' && p.stage === 'at-bench' && !p.place)
    return reject('bench-required', 'Say which bench, or which outside workshop and the day it was sent.', {
      orderId: p.orderId,
    });
  // WORK-5: the price agreed with the client is set when entering the price stage, never below
  // what is already held.
  if (p.total) {
    if (p.stage !== priceStage(kind))
      return reject('total-not-allowed', `The price is agreed at "${priceStage(kind)}" only.`, {
        stage: p.stage,
      });
    const money = checkCurrency(actor.value.currency, [p.total, order.total]);
    if (!money.ok) return money;
    const held = order.paid.minor - order.refunded.minor;
    if (p.total.minor < held)
      return reject('total-below-paid', 'The client has already paid more than this price; refund first.', {
        held,
        total: p.total.minor,
      });
  }
  let override: { by: typeof c.user; owedMinor: number } | undefined;
  if (p.stage === 'collected') {
    // REPAIR-5: a repair goes back to whoever shows its claim check, or to its identified client.
    if (kind === 'repair') {
      const shown = p.collection?.claimCheck;
      if (shown !== undefined && order.claimCheck !== undefined && shown !== order.claimCheck)
        return reject('claim-check-mismatch', 'This claim check is not the one for this repair.', {
          orderId: p.orderId,
        });
      if (shown === undefined && p.collection?.clientIdentified !== true)
        return reject(
          'collection-unverified',
          'Scan the client’s claim check, or check their identity, before handing the repair over.',
          { orderId: p.orderId },
        );
    }
    // WORK-9, WORK-10: nothing owed, or a manager's approval to hand it over anyway.
    const money = checkCurrency(actor.value.currency, [order.total, order.paid, order.refunded]);
    if (!money.ok) return money;
    const owed = order.total.minor - (order.paid.minor - order.refunded.minor);
    if (owed > 0) {
      if (!c.approval)
        return reject('balance-due', `${owed} (minor units) is still owed; take payment or ask a manager.`, {
          owed,
        });
      const approver = approverRole(state, c, 'release-unpaid-work');
      if (!approver.ok) return approver;
      override = { by: c.approval.by, owedMinor: owed };
    }
  }
  return ok([
    {
      type: 'work.staged',
      orderId: p.orderId,
      store: c.store,
      kind,
      from,
      to: p.stage,
      ...(p.place ? { place: p.place } : {}),
      ...(p.total ? { total: p.total } : {}),
      ...(p.collection && p.stage === 'collected' ? { collection: p.collection } : {}),
      ...(override ? { override } : {}),
      ...(p.note ? { note: p.note } : {}),
    },
  ]);
}
