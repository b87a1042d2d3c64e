/** Custom orders and repairs: a balance that never goes below zero or above the total. */
import type { CommandOf } from './commands.ts';
import { authorize, checkCurrency, reject } from './decide-common.ts';
import { layawayPayoff, orderOpen, redeemCards } from './decide-money.ts';
import type { DecisionState, DomainEvent, OrderState, Rejection } from './decision-types.ts';
import type { OrderId } from './ids.ts';
import { ok, type Result } from './result.ts';
import { claimCheckOf } from './work-order.ts';

type Decision = Result<DomainEvent[], Rejection>;

function orderHere(state: DecisionState, store: string, orderId: OrderId): Result<OrderState, Rejection> {
  const order = state.order(orderId);
  if (!order) return reject('order-unknown', 'No such order is on record; open it first.', { orderId });
  if (order.store !== store)
    return reject('order-at-other-store', 'This order belongs to another store; take payment there.', {
      orderId,
      orderStore: order.store,
    });
  return ok(order);
}

export function decideOpenOrder(state: DecisionState, c: CommandOf<'order.open'>): Decision {
  const actor = authorize(state, c, 'edit-work-orders');
  if (!actor.ok) return actor;
  const p = c.payload;
  if (state.order(p.orderId))
    return reject('order-exists', 'This order is already open; nothing more to do.', { orderId: p.orderId });
  const money = checkCurrency(actor.value.currency, [p.total]);
  if (!money.ok) return money;
  return ok([
    {
      type: 'order.opened',
      orderId: p.orderId,
      store: c.store,
      kind: p.kind,
      clientId: p.clientId,
      total: p.total,
      description: p.description,
      ...(p.dueDate ? { dueDate: p.dueDate } : {}),
      claimCheck: claimCheckOf(p.kind, p.orderId),
    },
  ]);
}

/** Paid so far net of refunds, in minor units; currencies were checked by the caller. */
const balancePaid = (o: OrderState): number => o.paid.minor - o.refunded.minor;

export function decideDeposit(state: DecisionState, c: CommandOf<'deposit.take'>): Decision {
  const actor = authorize(state, c, 'take-deposit');
  if (!actor.ok) return actor;
  const p = c.payload;
  const found = orderHere(state, c.store, p.orderId);
  if (!found.ok) return found;
  const open = orderOpen(found.value);
  if (!open.ok) return open;
  const order = open.value;
  const money = checkCurrency(actor.value.currency, [p.amount, order.total, order.paid, order.refunded]);
  if (!money.ok) return money;
  if (p.tender === 'layaway' || p.tender === 'trade-in')
    return reject(
      'tender-not-accepted',
      p.tender === 'trade-in'
        ? 'A trade-in is taken as part of a sale; take this payment another way.'
        : 'Pay a layaway with card, cash, wallet, gift card or store credit.',
      { tender: p.tender },
    );
  const outstanding = order.total.minor - balancePaid(order);
  if (p.amount.minor > outstanding)
    return reject(
      'deposit-exceeds-balance',
      `Only ${outstanding} (minor units) is still owed on this order.`,
      {
        outstanding,
        amount: p.amount.minor,
      },
    );
  // GIFT-3: a gift card or store credit pays a deposit as it pays a sale.
  const redeemed = redeemCards(
    state,
    c.store,
    actor.value.currency,
    [{ kind: p.tender, amount: p.amount, ...(p.reference ? { reference: p.reference } : {}) }],
    p.orderId,
  );
  if (!redeemed.ok) return redeemed;
  return ok([
    {
      type: 'deposit.recorded',
      orderId: p.orderId,
      depositId: p.depositId,
      store: c.store,
      amount: p.amount,
      tender: p.tender,
      ...(p.reference ? { reference: p.reference } : {}),
    },
    ...redeemed.value,
    // LAYAWAY-2: the last payment on a layaway records its sale.
    ...layawayPayoff(order, p.amount, state),
  ]);
}

export function decideDepositRefund(state: DecisionState, c: CommandOf<'deposit.refund'>): Decision {
  const actor = authorize(state, c, 'refund');
  if (!actor.ok) return actor;
  const p = c.payload;
  const found = orderHere(state, c.store, p.orderId);
  if (!found.ok) return found;
  const open = orderOpen(found.value);
  if (!open.ok) return open;
  const order = open.value;
  const money = checkCurrency(actor.value.currency, [p.amount, order.paid, order.refunded]);
  if (!money.ok) return money;
  if (p.amount.minor > balancePaid(order))
    return reject('refund-exceeds-paid', 'The refund is more than the client has paid on this order.', {
      paid: balancePaid(order),
      amount: p.amount.minor,
    });
  return ok([
    { type: 'deposit.refunded', orderId: p.orderId, refundId: p.refundId, store: c.store, amount: p.amount },
  ]);
}
