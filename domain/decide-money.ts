/**
 * Money held for clients: instalment plans (INSTAL-*), layaway (LAYAWAY-*), gift cards and store
 * credit (GIFT-*, CREDIT-*) and trade-ins (TRADEIN-*). The relay decides against SQL; balances
 * never go below zero and a card never pays more than it holds.
 */
import type { CommandOf, Refund, Tender } from './commands.ts';
import { authorize, checkCurrency, pieceHere, reject, statusRefusal } from './decide-common.ts';
import type { CardState, DecisionState, DomainEvent, OrderState, Rejection } from './decision-types.ts';
import type { ClientId, SaleId, StoreId } from './ids.ts';
import { type Currency, type Money, money } from './money.ts';
import { planProblem } from './money-held.ts';
import { err, ok, type Result } from './result.ts';
import { NO_TAX, taxOn } from './tax.ts';

type Decision = Result<DomainEvent[], Rejection>;

/** Paid so far net of refunds, in minor units. */
export const heldOn = (o: OrderState): number => o.paid.minor - o.refunded.minor;
/** What is still owed: total − paid + refunded (MONEY-12). */
export const owedOn = (o: OrderState): number => o.total.minor - heldOn(o);

/** LAYAWAY-4: no payment, plan or refund moves an order that is completed or cancelled. */
export function orderOpen(order: OrderState): Result<OrderState, Rejection> {
  if (order.status && order.status !== 'open')
    return reject(
      'order-closed',
      order.status === 'completed'
        ? 'This layaway is paid off and became a sale; nothing more can be paid on it.'
        : 'This layaway was cancelled; nothing more can be paid on it.',
      { orderId: order.orderId, status: order.status },
    );
  return ok(order);
}

function orderHere(state: DecisionState, store: StoreId, orderId: string): Result<OrderState, Rejection> {
  const order = state.order(orderId as OrderState['orderId']);
  if (!order) return reject('order-unknown', 'No such order is on record; open it first.', { orderId });
  if (order.store !== store)
    return reject('order-at-other-store', 'This order belongs to another store; take payment there.', {
      orderId,
      orderStore: order.store,
    });
  return ok(order);
}

/** INSTAL-1: the plan's amounts add up to what is owed now; days strictly later, none before today. */
export function decidePlan(state: DecisionState, c: CommandOf<'plan.set'>): Decision {
  const actor = authorize(state, c, 'take-deposit');
  if (!actor.ok) return actor;
  const p = c.payload;
  const found = orderHere(state, c.store, p.orderId);
  if (!found.ok) return found;
  const open = orderOpen(found.value);
  if (!open.ok) return open;
  const order = open.value;
  const money = checkCurrency(actor.value.currency, [order.total, ...p.instalments.map((i) => i.amount)]);
  if (!money.ok) return money;
  const problem = planProblem(p.instalments, c.at.slice(0, 10));
  if (problem) return reject('plan-invalid', `This plan cannot be used: ${problem}.`, { orderId: p.orderId });
  const planned = p.instalments.reduce((t, i) => t + i.amount.minor, 0);
  const owed = owedOn(order);
  if (planned !== owed)
    return reject(
      'plan-mismatch',
      `The instalments add up to ${planned} but ${owed} (minor units) is owed; make them match.`,
      { planned, owed },
    );
  return ok([{ type: 'plan.set', orderId: p.orderId, store: c.store, instalments: p.instalments }]);
}

/** LAYAWAY-1: a piece in stock here (or reserved for this client) is set aside for the client. */
export function decideLayawayOpen(state: DecisionState, c: CommandOf<'layaway.open'>): Decision {
  const actor = authorize(state, c, 'take-deposit');
  if (!actor.ok) return actor;
  const p = c.payload;
  if (state.order(p.orderId))
    return reject('order-exists', 'This order is already open; nothing more to do.', { orderId: p.orderId });
  if (state.sale(p.saleId))
    return reject('sale-exists', 'This sale was already recorded; use a new layaway.', { saleId: p.saleId });
  const found = pieceHere(state, c, p.serial);
  if (!found.ok) return found;
  const piece = found.value;
  if (state.layawayFor?.(p.serial))
    return reject('piece-on-layaway', `Piece ${p.serial} is already on layaway.`, { serial: p.serial });
  const ownReservation = piece.status === 'reserved' && piece.reservedFor === p.clientId;
  if (piece.status !== 'in-stock' && !ownReservation) {
    if (piece.status === 'reserved')
      return reject(
        'piece-reserved-for-other-client',
        `Piece ${p.serial} is reserved; release the reservation first.`,
        { serial: p.serial, reservedFor: piece.reservedFor ?? null },
      );
    return err(statusRefusal(piece, 'reserved'));
  }
  const money = checkCurrency(actor.value.currency, [piece.listPrice]);
  if (!money.ok) return money;
  // A till that does not know the store's rule quotes without tax; the relay always knows it.
  const taxed = taxOn(piece.listPrice, state.storeTax(c.store) ?? NO_TAX);
  const events: DomainEvent[] = [
    {
      type: 'layaway.opened',
      orderId: p.orderId,
      saleId: p.saleId,
      store: c.store,
      serial: p.serial,
      clientId: p.clientId,
      net: piece.listPrice,
      tax: taxed.tax,
      total: taxed.total,
    },
  ];
  if (!ownReservation)
    events.push({
      type: 'piece.status-changed',
      serial: p.serial,
      store: piece.store,
      from: piece.status,
      to: 'reserved',
      reservedFor: p.clientId,
    });
  else if (piece.reservedUntil)
    // The client's reservation had an end; a layaway holds the piece until paid or cancelled.
    events.push(
      {
        type: 'piece.status-changed',
        serial: p.serial,
        store: piece.store,
        from: 'reserved',
        to: 'in-stock',
      },
      {
        type: 'piece.status-changed',
        serial: p.serial,
        store: piece.store,
        from: 'in-stock',
        to: 'reserved',
        reservedFor: p.clientId,
      },
    );
  return ok(events);
}

/**
 * LAYAWAY-2: the payment that brings a layaway's balance to zero also records its sale: the piece
 * sold to the client at the price fixed at opening, paid by the layaway's payments.
 */
export function layawayPayoff(order: OrderState, paying: Money, state: DecisionState): DomainEvent[] {
  const layaway = order.layaway;
  if (!layaway || owedOn(order) - paying.minor !== 0) return [];
  const piece = state.piece(layaway.serial);
  const events: DomainEvent[] = [
    {
      type: 'sale.recorded',
      saleId: layaway.saleId,
      store: order.store,
      lines: [
        { serial: layaway.serial, price: layaway.net, discount: zeroOf(layaway.net), net: layaway.net },
      ],
      tenders: [{ kind: 'layaway', amount: order.total, reference: order.orderId }],
      tax: layaway.tax,
      total: order.total,
      clientId: order.clientId,
    },
    { type: 'layaway.completed', orderId: order.orderId, store: order.store },
  ];
  if (piece)
    events.push({
      type: 'piece.status-changed',
      serial: layaway.serial,
      store: piece.store,
      from: piece.status,
      to: 'sold',
    });
  return events;
}
const zeroOf = (m: Money): Money => money(0, m.currency);

/** LAYAWAY-3: a manager ends a layaway unpaid: the piece goes back, payments refunded or credited. */
export function decideLayawayCancel(state: DecisionState, c: CommandOf<'layaway.cancel'>): Decision {
  const actor = authorize(state, c, 'refund');
  if (!actor.ok) return actor;
  const p = c.payload;
  const found = orderHere(state, c.store, p.orderId);
  if (!found.ok) return found;
  const order = found.value;
  if (!order.layaway)
    return reject('not-a-layaway', 'This order is not a layaway; refund its deposits instead.', {
      orderId: p.orderId,
    });
  const open = orderOpen(order);
  if (!open.ok) return open;
  const held = money(heldOn(order), order.total.currency);
  const events: DomainEvent[] = [
    { type: 'layaway.cancelled', orderId: p.orderId, store: c.store, settlement: p.settlement, amount: held },
  ];
  const piece = state.piece(order.layaway.serial);
  if (piece?.status === 'reserved' && piece.store === c.store)
    events.push({
      type: 'piece.status-changed',
      serial: piece.serial,
      store: piece.store,
      from: 'reserved',
      to: 'in-stock',
    });
  if (held.minor > 0) {
    if (p.settlement === 'refund')
      events.push({
        type: 'deposit.refunded',
        orderId: p.orderId,
        refundId: p.refundId,
        store: c.store,
        amount: held,
      });
    else {
      const credit = creditCard(state, c.store, p.cardNumber ?? '', held, order.clientId, p.orderId);
      if (!credit.ok) return credit;
      // The money leaves the order (refunded) and lands on the client's store credit.
      events.push(
        { type: 'deposit.refunded', orderId: p.orderId, refundId: p.refundId, store: c.store, amount: held },
        ...credit.value,
      );
    }
  }
  return ok(events);
}

/** GIFT-2: a gift card sold (tenders pay for it) or given; store credit given by a manager. */
export function decideCardIssue(state: DecisionState, c: CommandOf<'card.issue'>): Decision {
  const p = c.payload;
  const sold = p.tenders !== undefined && p.tenders.length > 0;
  // Selling a gift card is a sale; giving value away (a gift card or store credit) is a manager's.
  const actor = authorize(state, c, sold && p.kind === 'gift-card' ? 'sell' : 'refund');
  if (!actor.ok) return actor;
  const { currency } = actor.value;
  if (sold && p.kind === 'store-credit')
    return reject('tender-not-accepted', 'Store credit is given, not sold; sell a gift card instead.', {});
  const amounts = checkCurrency(currency, [p.amount, ...(p.tenders ?? []).map((t) => t.amount)]);
  if (!amounts.ok) return amounts;
  if (state.card?.(p.cardNumber))
    return reject('card-exists', `Card ${p.cardNumber} is already issued; use a new card.`, {
      number: p.cardNumber,
    });
  if (sold) {
    for (const t of p.tenders ?? [])
      if (t.kind !== 'card' && t.kind !== 'cash' && t.kind !== 'wallet')
        return reject('tender-not-accepted', 'A gift card is paid by card, cash or wallet.', {
          kind: t.kind,
        });
    const paid = (p.tenders ?? []).reduce((s, t) => s + t.amount.minor, 0);
    if (paid !== p.amount.minor)
      return reject('tenders-do-not-match-total', 'The payments do not add up to the card’s value.', {
        total: p.amount.minor,
        tendered: paid,
      });
  }
  return ok([
    {
      type: 'card.issued',
      number: p.cardNumber,
      kind: p.kind,
      store: c.store,
      amount: p.amount,
      ...(p.clientId ? { clientId: p.clientId } : {}),
      how: sold ? 'sold' : 'given',
      ...(sold ? { tenders: p.tenders } : {}),
    },
  ]);
}

/**
 * GIFT-3: each gift card or store credit tender names a card the relay holds, of that kind, with
 * enough balance for every tender on it in this command. A state that does not know cards (a
 * till's pre-check) leaves it to the relay.
 */
export function redeemCards(
  state: DecisionState,
  store: StoreId,
  currency: Currency,
  tenders: readonly Tender[],
  source: string,
): Result<DomainEvent[], Rejection> {
  const byCard = new Map<string, { kind: Tender['kind']; minor: number }>();
  for (const t of tenders) {
    if (t.kind !== 'gift-card' && t.kind !== 'store-credit') continue;
    const number = cardNumberOf(t.reference);
    if (!number)
      return reject('card-unknown', 'A gift card or store credit payment needs the card’s 12-digit number.', {
        kind: t.kind,
      });
    const prev = byCard.get(number);
    if (prev && prev.kind !== t.kind)
      return reject('card-wrong-kind', `Card ${number} is listed as two kinds of payment.`, { number });
    byCard.set(number, { kind: t.kind, minor: (prev?.minor ?? 0) + t.amount.minor });
  }
  if (!state.card) return ok([]);
  const events: DomainEvent[] = [];
  for (const [number, use] of byCard) {
    const card = state.card(number);
    const found = usable(card, number, use.kind, currency);
    if (!found.ok) return found;
    if (found.value.balance.minor < use.minor)
      return reject(
        'card-balance-too-low',
        `Card ${number} holds ${found.value.balance.minor} (minor units); take the rest another way.`,
        { number, balance: found.value.balance.minor, amount: use.minor },
      );
    events.push({ type: 'card.redeemed', number, store, amount: money(use.minor, currency), source });
  }
  return ok(events);
}

function usable(
  card: CardState | undefined,
  number: string,
  kind: Tender['kind'],
  currency: Currency,
): Result<CardState, Rejection> {
  if (!card)
    return reject('card-unknown', `No card ${number} is on record; check the number on the card.`, {
      number,
    });
  if (card.kind !== kind)
    return reject(
      'card-wrong-kind',
      card.kind === 'gift-card'
        ? `Card ${number} is a gift card; take it as a gift card payment.`
        : `Card ${number} is store credit; take it as a store credit payment.`,
      { number, kind: card.kind },
    );
  if (card.balance.currency !== currency)
    return reject('currency-mismatch', `Card ${number} holds ${card.balance.currency}.`, {
      expected: currency,
      got: card.balance.currency,
    });
  return ok(card);
}

/** A card number as the relay keys it, from a tender reference typed any way; undefined if not one. */
export function cardNumberOf(reference: string | undefined): string | undefined {
  if (!reference) return undefined;
  const digits = reference.replace(/[\s-]/g, '');
  if (!/^\d{12}$/.test(digits)) return undefined;
  return `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`;
}

/**
 * CREDIT-1: money put on store credit: an existing store credit or gift card is credited; an unknown
 * number (checked digit) opens a new store credit account for the client.
 */
export function creditCard(
  state: DecisionState,
  store: StoreId,
  reference: string,
  amount: Money,
  clientId: ClientId | undefined,
  source: string,
): Result<DomainEvent[], Rejection> {
  const number = cardNumberOf(reference);
  if (!number)
    return reject(
      'card-unknown',
      'Store credit needs a 12-digit card number (a new one opens an account).',
      {},
    );
  const card = state.card?.(number);
  if (card) {
    if (card.balance.currency !== amount.currency)
      return reject('currency-mismatch', `Card ${number} holds ${card.balance.currency}.`, {
        expected: amount.currency,
        got: card.balance.currency,
      });
    return ok([{ type: 'card.credited', number, store, amount, source }]);
  }
  if (!state.card) return ok([]);
  return ok([
    {
      type: 'card.issued',
      number,
      kind: 'store-credit',
      store,
      amount,
      ...(clientId ? { clientId } : {}),
      how: 'refund',
      source,
    },
  ]);
}

/** CREDIT-1 for a return: each store-credit or gift-card refund lands on a card. */
export function creditRefunds(
  state: DecisionState,
  store: StoreId,
  refunds: readonly Refund[],
  clientId: ClientId | undefined,
  source: string,
): Result<DomainEvent[], Rejection> {
  const events: DomainEvent[] = [];
  for (const r of refunds) {
    if (r.kind === 'layaway' || r.kind === 'trade-in')
      return reject(
        'tender-not-accepted',
        'A refund is paid by card, cash, wallet, gift card or store credit.',
        {
          kind: r.kind,
        },
      );
    if (r.kind !== 'store-credit' && r.kind !== 'gift-card') continue;
    const number = cardNumberOf(r.reference);
    const card = number ? state.card?.(number) : undefined;
    if (r.kind === 'gift-card' && state.card && !card)
      return reject(
        'card-unknown',
        `No gift card ${r.reference ?? ''} is on record; refund to store credit.`,
        {},
      );
    const credited = creditCard(state, store, r.reference ?? '', r.amount, clientId, source);
    if (!credited.ok) return credited;
    events.push(...credited.value);
  }
  return ok(events);
}

/** TRADEIN-1, TRADEIN-2: each trade-in tender is recorded; one kept in stock is received here. */
export function tradeIns(
  state: DecisionState,
  store: StoreId,
  saleId: SaleId,
  tenders: readonly Tender[],
): Result<DomainEvent[], Rejection> {
  const events: DomainEvent[] = [];
  const serials = new Set<string>();
  for (const t of tenders) {
    if (t.kind !== 'trade-in' || !t.tradeIn) continue;
    const item = t.tradeIn;
    if (item.piece) {
      const serial = item.piece.serial;
      if (state.piece(serial) || serials.has(serial))
        return reject('piece-exists', `Piece ${serial} is already on record; give the trade-in a new tag.`, {
          serial,
        });
      serials.add(serial);
      if (item.piece.store !== store)
        return reject('trade-in-invalid', 'A trade-in kept in stock joins this store’s stock.', { serial });
      if (item.piece.listPrice.currency !== t.amount.currency)
        return reject('currency-mismatch', `The trade-in is priced in ${item.piece.listPrice.currency}.`, {
          expected: t.amount.currency,
          got: item.piece.listPrice.currency,
        });
      const sourcing = `Trade-in on sale ${saleId}: ${item.description}`.slice(0, 4_000);
      events.push({ type: 'piece.received', piece: { ...item.piece, cost: t.amount, sourcing } });
    }
    events.push({
      type: 'trade-in.recorded',
      saleId,
      store,
      description: item.description,
      value: t.amount,
      disposition: item.disposition,
      ...(item.piece ? { serial: item.piece.serial } : {}),
    });
  }
  return ok(events);
}
