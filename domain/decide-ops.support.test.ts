/**
 * The random command sequences of the decide property tests (decide.property.test.ts) and of the
 * relay's rule-state contract (sync/server/validator/rule-state-contract.ts). Test code that uses
 * fast-check but holds no tests: vitest.config.ts leaves `*.support.test.ts` out of the run.
 */
import fc from 'fast-check';
import { ADJUSTABLE_CAPABILITIES } from './capabilities.ts';
import type { Command } from './commands.ts';
import type { DomainEvent } from './decision-types.ts';
import type { ClientId, CommandId, OrderId, SaleId, StoreId, UserId } from './ids.ts';
import type { MemoryState } from './memory-state.ts';
import { allocate } from './money.ts';
import type { Role } from './roles.ts';
import { type TaxRule, taxOn } from './tax.ts';
import {
  CLIENT,
  command,
  eur,
  OTHER_CLIENT,
  OTHER_STORE,
  pieceRecord,
  STORE,
  serial,
  testCard,
  testId,
  USERS,
} from './test-support.ts';
import { firstStage, nextStages, ORDER_STAGES } from './work-order.ts';

export const PIECES = 6;
const role = fc.constantFrom<Role>('associate', 'designer', 'manager', 'manager', 'owner');
const piece = fc.integer({ min: 1, max: PIECES + 1 }); // an unknown serial now and then
// Index into known ids; 0 means an unknown id. Listed first values are favoured by fast-check's bias.
const pick = fc.constantFrom(1, 2, 3, 4, 5, 6, 0);
const client = fc.constantFrom<ClientId | undefined>(CLIENT, OTHER_CLIENT, undefined);
const store = fc.constantFrom(STORE, STORE, STORE, OTHER_STORE);
const staffRole = fc.constantFrom<Role>('associate', 'associate', 'designer', 'manager', 'owner');

/** One random command, as data; `materialize` turns it into a command against a state. */
export const op = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      k: fc.constant('sell' as const),
      // Now and then a consigned piece (PIECES + 2 …, CONSIGN-4).
      pieces: fc.uniqueArray(
        fc.oneof(
          { weight: 6, arbitrary: piece },
          { weight: 1, arbitrary: fc.integer({ min: PIECES + 2, max: PIECES + 4 }) },
        ),
        { minLength: 1, maxLength: 3 },
      ),
      dup: fc.constantFrom(false, false, false, true),
      discountBp: fc.constantFrom(0, 0, 500, 1000, 1001, 2500, 3001, 10_000),
      tax: fc.nat(30_000),
      parts: fc.integer({ min: 1, max: 3 }),
      off: fc.constantFrom(0, 0, 0, 0, 0, 0, 1, -1),
      client,
      user: role,
      approver: fc.option(role, { nil: undefined }),
      store,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('return' as const),
      sale: pick,
      mask: fc.nat(7),
      refundBp: fc.nat(11_000),
      user: role,
    }),
  },
  fc.record({ k: fc.constant('void' as const), sale: pick, user: role }),
  fc.record({
    k: fc.constant('reserve' as const),
    piece,
    client: fc.constantFrom(CLIENT, OTHER_CLIENT),
    user: role,
  }),
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constantFrom(
        'reservation.release' as const,
        'memo.out' as const,
        'memo.return' as const,
        'repair.in' as const,
        'repair.out' as const,
        'piece.restock' as const,
        'transfer.receive' as const,
        // Rarely, so the few pieces of a run are not all written off early (WRITEOFF-3).
        'piece.write-off' as const,
      ),
      piece,
      aim: fc.constantFrom(true, true, true, false),
      user: role,
      store,
    }),
  },
  fc.record({ k: fc.constant('send' as const), piece, user: role, store }),
  fc.record({
    k: fc.constant('update' as const),
    piece,
    title: fc.constantFrom('Solitaire ring, 1.01 ct', 'Halo ring'),
    designer: fc.constantFrom<string | null | undefined>('A. Martin', null, undefined),
    user: role,
    store,
  }),
  fc.record({
    k: fc.constant('price' as const),
    piece,
    bp: fc.constantFrom(9_000, 10_000, 11_500),
    user: role,
    store,
  }),
  fc.record({
    k: fc.constant('receive' as const),
    n: fc.integer({ min: PIECES + 1, max: PIECES + 2 }),
    user: role,
  }),
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('open' as const),
      total: fc.integer({ min: 1, max: 300_000 }),
      user: role,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('deposit' as const),
      order: pick,
      bp: fc.nat(11_000),
      user: role,
    }),
  },
  fc.record({
    k: fc.constant('count' as const),
    found: fc.uniqueArray(piece, { maxLength: PIECES + 1 }),
    wholeStore: fc.boolean(),
    user: role,
  }),
  fc.record({ k: fc.constant('resolve' as const), conflict: pick, user: role }),
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('refund' as const),
      order: pick,
      bp: fc.nat(11_000),
      user: role,
    }),
  },
  // The organisation (ORG-*): new stores and staff, aimed mostly at those added in the run; index
  // 0 aims at the owner (whom managers may not touch and who may not deactivate themselves).
  fc.record({
    k: fc.constant('store.open' as const),
    inclusive: fc.boolean(),
    bp: fc.constantFrom(0, 550, 2000),
    user: role,
  }),
  fc.record({
    k: fc.constant('store.update' as const),
    store: pick,
    bp: fc.constantFrom(0, 550, 2000),
    name: fc.constantFrom('Nice', undefined),
    user: role,
  }),
  fc.record({
    k: fc.constant('staff.add' as const),
    role: staffRole,
    stores: fc.constantFrom('here' as const, 'both' as const, 'new' as const, 'none' as const),
    login: fc.integer({ min: 1, max: 8 }),
    user: role,
  }),
  fc.record({
    k: fc.constant('staff.update' as const),
    who: pick,
    role: fc.option(staffRole, { nil: undefined }),
    stores: fc.constantFrom('here' as const, 'both' as const, undefined),
    user: role,
  }),
  {
    // Twice as often since the money ops joined: a reactivation needs a deactivation before it.
    weight: 2,
    arbitrary: fc.record({
      k: fc.constantFrom('staff.deactivate' as const, 'staff.reactivate' as const),
      who: pick,
      user: role,
    }),
  },
  // Money held for clients (INSTAL-*, LAYAWAY-*, GIFT-*, CREDIT-*, TRADEIN-*).
  fc.record({
    k: fc.constant('plan' as const),
    order: pick,
    parts: fc.integer({ min: 1, max: 3 }),
    off: fc.constantFrom(0, 0, 0, 1, -1),
    user: role,
  }),
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('layaway' as const),
      piece,
      client: fc.constantFrom(CLIENT, OTHER_CLIENT),
      user: role,
      store,
    }),
  },
  fc.record({
    k: fc.constant('layaway.cancel' as const),
    order: pick,
    credit: fc.boolean(),
    card: pick,
    user: role,
  }),
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('card' as const),
      amount: fc.integer({ min: 1, max: 200_000 }),
      sold: fc.boolean(),
      kind: fc.constantFrom('gift-card' as const, 'gift-card' as const, 'store-credit' as const),
      reuse: fc.constantFrom(false, false, false, true),
      user: role,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('redeem' as const),
      piece,
      card: pick,
      bp: fc.constantFrom(5_000, 10_000, 10_000, 12_000),
      credit: fc.constantFrom(false, false, true),
      tradeIn: fc.constantFrom('none' as const, 'none' as const, 'stock' as const, 'scrap' as const),
      user: role,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('deposit.card' as const),
      order: pick,
      card: pick,
      bp: fc.constantFrom(3_000, 10_000, 20_000),
      user: role,
    }),
  },
  fc.record({
    k: fc.constant('return.credit' as const),
    sale: pick,
    card: pick,
    user: role,
  }), // Tier thresholds (TIER-5): owners only; a wrong pair never reaches decide (TIER-1).
  fc.record({
    k: fc.constant('tiers.set' as const),
    loyal: fc.integer({ min: 1, max: 1_000_000 }),
    user: role,
  }),
  // The back office (CAP-*, RATE-*, CONSIGN-*): settings by the owner, rates, consigned pieces
  // with serials of their own (PIECES + 2 …) so selling them records payouts.
  fc.record({
    k: fc.constant('capabilities.set' as const),
    role: fc.constantFrom('associate' as const, 'designer' as const, 'manager' as const),
    bp: fc.constantFrom(0, 1_000, 1_500, 3_000),
    grants: fc.subarray([...ADJUSTABLE_CAPABILITIES]),
    user: role,
  }),
  fc.record({
    k: fc.constant('exchange-rate.set' as const),
    pair: fc.constantFrom<[string, string]>(['USD', 'EUR'], ['JPY', 'EUR'], ['EUR', 'USD']),
    rate: fc.constantFrom('0.92', '1.08', '0.0061'),
    day: fc.integer({ min: 1, max: 28 }),
    user: role,
  }),
  {
    // Three times as likely: a return to the owner needs the piece received on consignment first.
    weight: 3,
    arbitrary: fc.record({
      k: fc.constantFrom('consignment.receive' as const, 'consignment.return' as const),
      n: fc.integer({ min: PIECES + 2, max: PIECES + 4 }),
      split: fc.boolean(),
      user: role,
      store,
    }),
  },
  fc.record({
    k: fc.constantFrom('client.merge' as const, 'client.erase' as const),
    swap: fc.boolean(),
    client: fc.constantFrom<ClientId | undefined>(CLIENT, OTHER_CLIENT, undefined),
    user: role,
    store,
  }),
  // Custom orders moving through their stages (WORK-3, WORK-4), mostly to an allowed next stage.
  fc.record({
    k: fc.constant('work.stage' as const),
    order: pick,
    next: fc.nat(3),
    user: role,
  }),
  // IMPORT-*: a one-part import of pieces, some already on record (skipped); LOCATION-3: moves.
  fc.record({
    k: fc.constantFrom('import' as const, 'relocate' as const),
    from: fc.integer({ min: 1, max: PIECES + 4 }),
    size: fc.integer({ min: 1, max: 3 }),
    pieces: fc.uniqueArray(piece, { minLength: 1, maxLength: 3 }),
    kind: fc.constantFrom('safe' as const, 'case' as const),
    user: role,
    store,
  }),
  // End of day (EOD-*): a few days, closed again or corrected, drawers right or off with a note or not.
  fc.record({
    k: fc.constant('day.close' as const),
    day: fc.integer({ min: 1, max: 3 }),
    off: fc.constantFrom(0, 0, 500, -500),
    note: fc.boolean(),
    correct: fc.boolean(),
    user: role,
  }),
);
export type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

const NEEDS = {
  'reservation.release': 'reserved',
  'memo.out': 'in-stock',
  'memo.return': 'on-memo',
  'repair.in': 'in-stock',
  'repair.out': 'in-repair',
  'piece.restock': 'returned',
  'transfer.receive': 'in-transit',
} as const;

/** Known ids so that ops mostly hit real sales, orders, stores and staff, sometimes unknown ones. */
export type Known = {
  sales: SaleId[];
  orders: OrderId[];
  conflicts: CommandId[];
  /** Stores opened and staff added during the run. */
  stores: StoreId[];
  staff: UserId[];
  /** Gift cards and store credit issued, open layaways' orders, and fresh card numbers handed out. */
  cards: string[];
  layaways: OrderId[];
  minted: number;
};
export const emptyKnown = (): Known => ({
  sales: [],
  orders: [],
  conflicts: [],
  stores: [],
  staff: [],
  cards: [],
  layaways: [],
  minted: 0,
});

/** Remembers the ids an accepted command's events created, for later commands to aim at. */
export function learn(known: Known, events: readonly { readonly type: string }[]): void {
  for (const e of events as readonly DomainEvent[]) {
    if (e.type === 'order.opened') known.orders.push(e.orderId);
    if (e.type === 'sale.recorded') known.sales.push(e.saleId);
    if (e.type === 'store.opened') known.stores.push(e.store.id);
    if (e.type === 'staff.added') known.staff.push(e.member.id);
    if (e.type === 'card.issued') known.cards.push(e.number);
    if (e.type === 'layaway.opened') {
      known.layaways.push(e.orderId);
      known.orders.push(e.orderId);
    }
  }
}
/** Mostly a known id; index 0 (and an empty list) gives an unknown one. */
const at = (list: readonly string[], i: number): string =>
  (i > 0 && list.length > 0 ? list[i % list.length] : undefined) ?? testId();

export type MaterializeOptions = {
  /** The store's tax rule, when the state under test knows it (the relay always does): sales then
   *  mostly carry the tax the rule gives (TAX-2), and sometimes the generated, usually wrong, one. */
  readonly tax?: TaxRule;
};

/** A fresh, valid card number (GIFT-1) no run has issued yet. */
const mint = (known: Known): string => testCard(10_000 + known.minted++);
/** Mostly a card issued in the run; index 0 gives a fresh number (unknown to the relay). */
const cardAt = (known: Known, i: number): string =>
  (i > 0 && known.cards.length > 0 ? known.cards[i % known.cards.length] : undefined) ?? mint(known);

/** A member of staff added in the run, or (index 0) the owner. */
const staffAt = (known: Known, i: number): string => (i === 0 ? USERS.owner : at(known.staff, i));

/** Turns an op into a command, reading `s` for prices, balances and statuses so most commands are plausible. */
export function materialize(o: Op, s: MemoryState, known: Known, options: MaterializeOptions = {}): Command {
  const user = USERS[o.user];
  switch (o.k) {
    case 'sell': {
      const serials = o.pieces.map(serial);
      if (o.dup && serials[0]) serials.push(serials[0]);
      const lines = serials.map((sn) => {
        const list = s.piece(sn)?.listPrice.minor ?? 100_000;
        return { serial: sn, price: eur(list), discount: eur(Math.floor((list * o.discountBp) / 10_000)) };
      });
      const net = lines.reduce((t, l) => t + l.price.minor - l.discount.minor, 0);
      const taxed = options.tax && o.tax >= 3_000 ? taxOn(eur(net), options.tax) : undefined;
      const tax = taxed ? taxed.tax.minor : o.tax;
      const total = taxed ? taxed.total.minor : net + o.tax;
      const tenders = allocate(eur(total), Array(o.parts).fill(1)).map((amount, i) => ({
        kind: 'card',
        amount: i === 0 ? eur(Math.max(0, amount.minor + o.off)) : amount,
      }));
      const saleId = testId<SaleId>();
      const approvedBy = o.approver ? USERS[o.approver] : undefined;
      const payload = {
        saleId,
        lines,
        tax: eur(tax),
        total: eur(total),
        tenders,
        clientId: o.client,
      };
      return command('sale.complete', payload, {
        user,
        store: o.store,
        ...(approvedBy ? { approvedBy } : {}),
      });
    }
    case 'return': {
      const saleId = at(known.sales, o.sale);
      const lines = s.sale(saleId as SaleId)?.lines ?? [{ serial: serial(1), net: eur(0) }];
      const chosen = lines.filter((_, i) => o.mask & (1 << i));
      const serials = (chosen.length ? chosen : lines.slice(0, 1)).map((l) => l.serial);
      const net = (chosen.length ? chosen : lines.slice(0, 1)).reduce((t, l) => t + l.net.minor, 0);
      const refund = Math.floor((net * o.refundBp) / 10_000);
      const refunds = refund > 0 ? [{ kind: 'card', amount: eur(refund) }] : [];
      return command('sale.return', { returnId: testId(), saleId, serials, refunds }, { user });
    }
    case 'void':
      return command('sale.void', { saleId: at(known.sales, o.sale), reason: 'test' }, { user });
    case 'reserve':
      return command('reservation.place', { serial: serial(o.piece), clientId: o.client }, { user });
    case 'send':
      return command(
        'transfer.send',
        { serial: serial(o.piece), toStore: o.store === STORE ? OTHER_STORE : STORE },
        {
          user,
          store: o.store,
        },
      );
    case 'receive':
      return command('piece.receive', { piece: pieceRecord(o.n) }, { user });
    case 'update': {
      const changes = { title: o.title, ...(o.designer !== undefined ? { designer: o.designer } : {}) };
      return command('piece.update', { serial: serial(o.piece), changes }, { user, store: o.store });
    }
    case 'price': {
      const list = s.piece(serial(o.piece))?.listPrice.minor ?? 100_000;
      const listPrice = eur(Math.max(1, Math.floor((list * o.bp) / 10_000)));
      const payload = { serial: serial(o.piece), listPrice, reason: 'repriced' };
      return command('price.change', payload, { user, store: o.store });
    }
    case 'open': {
      const orderId = testId<OrderId>();
      const payload = { orderId, kind: 'custom', clientId: CLIENT, total: eur(o.total), description: 'Ring' };
      return command('order.open', payload, { user });
    }
    case 'deposit': {
      // Amounts around the outstanding balance: a little under, exactly, or a little over.
      const orderId = at(known.orders, o.order);
      const order = s.order(orderId as OrderId);
      const owed = order ? order.total.minor - order.paid.minor + order.refunded.minor : 10_000;
      const amount = eur(Math.max(1, Math.floor((owed * o.bp) / 10_000)));
      const payload = { orderId, depositId: testId(), amount, tender: 'cash' };
      return command('deposit.take', payload, { user });
    }
    case 'refund': {
      const orderId = at(known.orders, o.order);
      const order = s.order(orderId as OrderId);
      const paid = order ? order.paid.minor - order.refunded.minor : 10_000;
      const payload = {
        orderId,
        refundId: testId(),
        amount: eur(Math.max(1, Math.floor((paid * o.bp) / 10_000))),
      };
      return command('deposit.refund', payload, { user });
    }
    case 'count': {
      const payload = {
        countId: testId(),
        scope: 'test',
        wholeStore: o.wholeStore,
        found: o.found.map(serial),
      };
      return command('stock.count', payload, { user });
    }
    case 'store.open': {
      const id = testId<StoreId>();
      const payload = {
        store: {
          id,
          name: `Store ${id.slice(-4)}`,
          currency: 'EUR',
          tax: { basisPoints: o.bp, inclusive: o.inclusive },
          timeZone: 'Europe/Paris',
          address: ['1 rue de la Paix'],
        },
      };
      return command('store.open', payload, { user });
    }
    case 'store.update': {
      const storeId = at(known.stores, o.store);
      const changes = { tax: { basisPoints: o.bp, inclusive: true }, ...(o.name ? { name: o.name } : {}) };
      return command('store.update', { storeId, changes }, { user });
    }
    case 'staff.add': {
      const stores = {
        here: [STORE],
        both: [STORE, OTHER_STORE],
        new: [at(known.stores, 1)],
        none: [],
      }[o.stores];
      const member = { id: testId(), name: 'New person', login: `staff${o.login}`, role: o.role, stores };
      return command('staff.add', { member }, { user });
    }
    case 'staff.update': {
      const stores = o.stores === 'here' ? [STORE] : o.stores === 'both' ? [STORE, OTHER_STORE] : undefined;
      const changes = {
        ...(o.role ? { role: o.role } : {}),
        ...(stores ? { stores } : {}),
        ...(!o.role && !stores ? { name: 'Renamed' } : {}),
      };
      return command('staff.update', { userId: staffAt(known, o.who), changes }, { user });
    }
    case 'staff.deactivate':
    case 'staff.reactivate':
      return command(o.k, { userId: staffAt(known, o.who) }, { user });
    case 'capabilities.set':
      return command(
        'capabilities.set',
        { role: o.role, settings: { discountLimitBp: o.bp, grants: o.grants } },
        { user },
      );
    case 'exchange-rate.set': {
      const [from, to] = o.pair;
      const rate = { from, to, rate: o.rate, date: `2026-02-${String(o.day).padStart(2, '0')}` };
      return command('exchange-rate.set', { rate }, { user });
    }
    case 'consignment.receive': {
      const terms = o.split ? { kind: 'split', ownerShareBp: 6_000 } : { kind: 'fixed', payout: eur(45_000) };
      const payload = {
        piece: pieceRecord(o.n, { store: o.store }),
        consignment: {
          basis: 'consignment',
          owner: { kind: 'client', id: `owner-${o.n}`, name: 'Owner' },
          terms,
        },
      };
      return command('consignment.receive', payload, { user, store: o.store });
    }
    case 'consignment.return':
      return command('consignment.return', { serial: serial(o.n) }, { user, store: o.store });
    case 'client.merge': {
      const [a, b] = o.swap ? [OTHER_CLIENT, CLIENT] : [CLIENT, OTHER_CLIENT];
      const payload = { survivorId: a, mergedId: b, picks: {} };
      return command('client.merge', payload, { user, store: o.store });
    }
    case 'client.erase':
      return command(
        'client.erase',
        { clientId: o.client ?? testId(), reason: 'asked to be forgotten' },
        { user, store: o.store },
      );
    case 'tiers.set':
      return command('tiers.set', { loyal: eur(o.loyal), vip: eur(o.loyal * 5) }, { user });
    case 'work.stage': {
      const orderId = at(known.orders, o.order);
      const order = s.order(orderId as OrderId);
      const kind = order?.kind === 'repair' ? 'repair' : 'custom';
      const allowed = nextStages(kind, order?.stage ?? firstStage(kind));
      const stage = allowed[o.next] ?? ORDER_STAGES[o.next] ?? 'design';
      const place = stage === 'at-bench' ? { place: { bench: 'Bench 1' } } : {};
      return command('work.stage', { orderId, stage, ...place }, { user });
    }
    case 'import': {
      const pieces = Array.from({ length: o.size }, (_, i) => pieceRecord(o.from + i));
      const payload = { importId: testId(), source: 'test.csv', part: 0, parts: 1, pieces };
      return command('piece.import', payload, { user });
    }
    case 'relocate': {
      const location = o.kind === 'safe' ? { kind: 'safe', label: 'Safe' } : { kind: 'case', label: 'C1' };
      const payload = { serials: o.pieces.map(serial), location, reason: 'move' };
      return command('piece.relocate', payload, { user, store: o.store });
    }
    case 'day.close': {
      // Days before every other command of the run (those are dated 2026-03-01): nothing was taken,
      // as the relay's records and the rule states' `dayTakings` both say.
      const day = `2026-02-0${o.day}`;
      const previous = s.dayClose?.(STORE, day, undefined);
      const payload = {
        closeId: testId(),
        day,
        float: eur(10_000),
        counted: eur(10_000 + o.off),
        ...(o.note ? { note: 'counted twice' } : {}),
        ...(o.correct && previous ? { corrects: previous.closeId } : {}),
      };
      return command('day.close', payload, { user });
    }
    case 'resolve': {
      const payload = { commandId: at(known.conflicts, o.conflict), resolution: 'dismissed', note: 'test' };
      return command('conflict.resolve', payload, { user });
    }
    case 'plan': {
      const orderId = at(known.orders, o.order);
      const order = s.order(orderId as OrderId);
      const owed = order ? order.total.minor - order.paid.minor + order.refunded.minor : 10_000;
      const parts = allocate(eur(Math.max(o.parts, owed + o.off)), Array(o.parts).fill(1));
      const instalments = parts.map((amount, i) => ({ due: `2026-0${4 + i}-01`, amount }));
      return command('plan.set', { orderId, instalments }, { user });
    }
    case 'layaway': {
      const payload = { orderId: testId(), saleId: testId(), serial: serial(o.piece), clientId: o.client };
      return command('layaway.open', payload, { user, store: o.store });
    }
    case 'layaway.cancel': {
      const payload = {
        orderId: at(known.layaways, o.order),
        refundId: testId(),
        settlement: o.credit ? 'store-credit' : 'refund',
        ...(o.credit ? { cardNumber: cardAt(known, o.card) } : {}),
      };
      return command('layaway.cancel', payload, { user });
    }
    case 'card': {
      const cardNumber = o.reuse ? cardAt(known, 1) : mint(known);
      const amount = eur(o.amount);
      const payload = {
        cardNumber,
        kind: o.kind,
        amount,
        ...(o.sold ? { tenders: [{ kind: 'cash', amount }] } : {}),
      };
      return command('card.issue', payload, { user });
    }
    case 'redeem': {
      // One piece at its list price, part paid by a card (a little under, all of, or over its balance).
      const sn = serial(o.piece);
      const net = s.piece(sn)?.listPrice.minor ?? 100_000;
      const taxed = options.tax ? taxOn(eur(net), options.tax) : undefined;
      const total = taxed ? taxed.total.minor : net;
      const number = cardAt(known, o.card);
      const card = s.card?.(number);
      const onCard = Math.max(
        1,
        Math.min(total, Math.floor(((card?.balance.minor ?? 5_000) * o.bp) / 10_000)),
      );
      const kind = card?.kind ?? 'gift-card';
      const traded = o.tradeIn !== 'none' && total - onCard > 1 ? 1 : 0;
      const tenders = [
        { kind, amount: eur(onCard), reference: number },
        ...(traded
          ? [
              {
                kind: 'trade-in',
                amount: eur(1),
                tradeIn: {
                  description: 'Old gold band',
                  disposition: o.tradeIn,
                  ...(o.tradeIn === 'stock' ? { piece: pieceRecord(100 + known.minted++) } : {}),
                },
              },
            ]
          : []),
        ...(total - onCard - traded > 0 ? [{ kind: 'card', amount: eur(total - onCard - traded) }] : []),
      ];
      const payload = {
        saleId: testId(),
        lines: [{ serial: sn, price: eur(net) }],
        tax: eur(taxed ? taxed.tax.minor : 0),
        total: eur(total),
        tenders,
        clientId: CLIENT,
      };
      return command('sale.complete', payload, { user });
    }
    case 'deposit.card': {
      const orderId = at(known.orders, o.order);
      const order = s.order(orderId as OrderId);
      const owed = order ? order.total.minor - order.paid.minor + order.refunded.minor : 10_000;
      const number = cardAt(known, o.card);
      const card = s.card?.(number);
      const amount = eur(
        Math.max(1, Math.min(owed, Math.floor(((card?.balance.minor ?? 5_000) * o.bp) / 10_000))),
      );
      const payload = {
        orderId,
        depositId: testId(),
        amount,
        tender: card?.kind ?? 'gift-card',
        reference: number,
      };
      return command('deposit.take', payload, { user });
    }
    case 'return.credit': {
      const saleId = at(known.sales, o.sale);
      const sale = s.sale(saleId as SaleId);
      const line = sale?.lines.find((l) => !sale.returnedSerials.includes(l.serial)) ?? sale?.lines[0];
      const serials = [line?.serial ?? serial(1)];
      const amount = Math.min(line?.net.minor ?? 0, (sale?.paid.minor ?? 0) - (sale?.refunded.minor ?? 0));
      const refunds =
        amount > 0 ? [{ kind: 'store-credit', amount: eur(amount), reference: cardAt(known, o.card) }] : [];
      return command('sale.return', { returnId: testId(), saleId, serials, refunds }, { user });
    }
    case 'piece.write-off': {
      // Aimed at a piece at the bench or back from a client (there are few), else at any serial.
      const target = o.aim
        ? s.pieces().find((p) => p.status === 'in-repair' || p.status === 'returned')
        : undefined;
      const payload = { serial: target?.serial ?? serial(o.piece), reason: 'damaged', note: 'test' };
      return command('piece.write-off', payload, { user, store: target?.store ?? o.store });
    }
    default: {
      // Mostly aim at a piece in the status the move starts from, so every move gets exercised.
      const from = NEEDS[o.k];
      const candidates = s.pieces().filter((p) => p.status === from);
      const target = o.aim ? candidates[o.piece % Math.max(1, candidates.length)] : undefined;
      if (target) return command(o.k, { serial: target.serial }, { user, store: target.store });
      return command(o.k, { serial: serial(o.piece) }, { user, store: o.store });
    }
  }
}
