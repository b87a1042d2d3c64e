/**
 * Random command sequences against the in-memory state. Each run prints its seed on
 * failure (fast-check's report); pin a failing seed in PINNED below to keep it as a
 * regression test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMAND_TYPES, type Command } from './commands.ts';
import type { DomainEvent, PieceState } from './decision-types.ts';
import type { ClientId, CommandId, OrderId, SaleId, SerialNumber } from './ids.ts';
import type { MemoryState } from './memory-state.ts';
import { allocate } from './money.ts';
import { canTransition } from './piece-status.ts';
import type { Role } from './roles.ts';
import {
  CLIENT,
  command,
  eur,
  OTHER_CLIENT,
  OTHER_STORE,
  pieceRecord,
  STORE,
  serial,
  testId,
  USERS,
  world,
} from './test-support.ts';

const PIECES = 6;
const role = fc.constantFrom<Role>('associate', 'designer', 'manager', 'manager', 'owner');
const piece = fc.integer({ min: 1, max: PIECES + 1 }); // an unknown serial now and then
// Index into known ids; 0 means an unknown id. Listed first values are favoured by fast-check's bias.
const pick = fc.constantFrom(1, 2, 3, 4, 5, 6, 0);
const client = fc.constantFrom<ClientId | undefined>(CLIENT, OTHER_CLIENT, undefined);
const store = fc.constantFrom(STORE, STORE, STORE, OTHER_STORE);

const op = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      k: fc.constant('sell' as const),
      pieces: fc.uniqueArray(piece, { minLength: 1, maxLength: 3 }),
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
      ),
      piece,
      aim: fc.constantFrom(true, true, true, false),
      user: role,
      store,
    }),
  },
  fc.record({ k: fc.constant('send' as const), piece, user: role, store }),
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
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

const NEEDS = {
  'reservation.release': 'reserved',
  'memo.out': 'in-stock',
  'memo.return': 'on-memo',
  'repair.in': 'in-stock',
  'repair.out': 'in-repair',
  'piece.restock': 'returned',
  'transfer.receive': 'in-transit',
} as const;

/** Known ids so that ops mostly hit real sales and orders, sometimes unknown ones. */
type Known = { sales: SaleId[]; orders: OrderId[]; conflicts: CommandId[] };
/** Mostly a known id; index 0 (and an empty list) gives an unknown one. */
const at = (list: readonly string[], i: number): string =>
  (i > 0 && list.length > 0 ? list[i % list.length] : undefined) ?? testId();

function materialize(o: Op, s: MemoryState, known: Known): Command {
  const user = USERS[o.user];
  switch (o.k) {
    case 'sell': {
      const serials = o.pieces.map(serial);
      if (o.dup && serials[0]) serials.push(serials[0]);
      const lines = serials.map((sn) => {
        const list = s.piece(sn)?.listPrice.minor ?? 100_000;
        return { serial: sn, price: eur(list), discount: eur(Math.floor((list * o.discountBp) / 10_000)) };
      });
      const total = lines.reduce((t, l) => t + l.price.minor - l.discount.minor, o.tax);
      const tenders = allocate(eur(total), Array(o.parts).fill(1)).map((amount, i) => ({
        kind: 'card',
        amount: i === 0 ? eur(Math.max(0, amount.minor + o.off)) : amount,
      }));
      const saleId = testId<SaleId>();
      const approvedBy = o.approver ? USERS[o.approver] : undefined;
      const payload = {
        saleId,
        lines,
        tax: eur(o.tax),
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
    case 'resolve': {
      const payload = { commandId: at(known.conflicts, o.conflict), resolution: 'dismissed', note: 'test' };
      return command('conflict.resolve', payload, { user });
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

/** Checks each accepted event against the state it was decided on. */
function checkEvents(
  before: (sn: SerialNumber) => PieceState | undefined,
  c: Command,
  events: DomainEvent[],
) {
  for (const e of events) {
    if (e.type === 'piece.status-changed') {
      expect(canTransition(e.from, e.to), `${e.from}→${e.to}`).toBe(true);
      expect(before(e.serial)?.status).toBe(e.from);
    }
    if (e.type === 'sale.recorded') {
      const net = e.lines.reduce((t, l) => t + l.net.minor, 0);
      expect(e.total.minor).toBe(net + e.tax.minor);
      expect(e.tenders.reduce((t, x) => t + x.amount.minor, 0)).toBe(e.total.minor);
      for (const l of e.lines) {
        const p = before(l.serial);
        expect(p?.store).toBe(c.store);
        const clientId = c.type === 'sale.complete' ? c.payload.clientId : undefined;
        const expired = p?.reservedUntil !== undefined;
        expect(
          p?.status === 'in-stock' || (p?.status === 'reserved' && (p.reservedFor === clientId || expired)),
        ).toBe(true);
      }
    }
  }
}

function checkState(s: MemoryState, openSaleOf: Map<string, string>) {
  for (const o of s.orders()) {
    const balance = o.paid.minor - o.refunded.minor;
    expect(balance).toBeGreaterThanOrEqual(0);
    expect(balance).toBeLessThanOrEqual(o.total.minor);
  }
  for (const sale of s.sales()) {
    expect(sale.refunded.minor).toBeLessThanOrEqual(sale.paid.minor);
    expect(Number.isSafeInteger(sale.paid.minor) && Number.isSafeInteger(sale.refunded.minor)).toBe(true);
  }
  for (const p of s.pieces()) {
    // A piece is sold exactly when exactly one open (unreturned, unvoided) sale holds it.
    expect(p.status === 'sold', p.serial).toBe(openSaleOf.has(p.serial));
    if (p.status !== 'reserved') expect(p.reservedFor).toBeUndefined();
  }
}

function run(ops: readonly Op[], tally = new Map<string, number>()) {
  const s = world(PIECES);
  const known: Known = { sales: [], orders: [], conflicts: [] };
  const openSaleOf = new Map<string, string>();
  let accepted = 0;
  for (const o of ops) {
    const c = materialize(o, s, known);
    const snapshot = new Map(s.pieces().map((p) => [p.serial, p]));
    const r = s.decide(c);
    if (!r.ok) {
      // As the relay does: a rejection waits in the conflicts inbox of its store.
      s.setConflict({ commandId: c.id, store: c.store, resolved: false });
      known.conflicts.push(c.id);
      tally.set(`${c.type}:${r.error.code}`, (tally.get(`${c.type}:${r.error.code}`) ?? 0) + 1);
      continue;
    }
    accepted++;
    tally.set(c.type, (tally.get(c.type) ?? 0) + 1);
    checkEvents((sn) => snapshot.get(sn), c, r.value);
    for (const e of r.value) {
      if (e.type === 'order.opened') known.orders.push(e.orderId);
      if (e.type === 'sale.recorded') known.sales.push(e.saleId);
      if (e.type === 'sale.recorded')
        for (const l of e.lines) {
          // SALE-3: never sold twice without a return or void in between.
          expect(openSaleOf.has(l.serial), `${l.serial} sold twice`).toBe(false);
          openSaleOf.set(l.serial, e.saleId);
        }
      if (e.type === 'return.recorded') for (const sn of e.serials) openSaleOf.delete(sn);
      if (e.type === 'sale.voided') for (const sn of e.serials) openSaleOf.delete(sn);
    }
    s.apply(r.value);
    checkState(s, openSaleOf);
  }
  return accepted;
}

// Seeds that once found a bug; each replays exactly.
const PINNED: readonly number[] = [];

describe('decide over random command sequences', () => {
  const ops = fc.array(op, { minLength: 1, maxLength: 60 });

  it('SALE-3, DEP-2, DEP-3, RET-3, STOCK-4: invariants hold after every accepted command', () => {
    fc.assert(
      fc.property(ops, (list) => {
        run(list);
      }),
      { numRuns: 150 },
    );
  });

  it.each(PINNED)('SALE-3: pinned seed %i still passes', (seed) => {
    fc.assert(
      fc.property(ops, (list) => void run(list)),
      { seed, numRuns: 150 },
    );
  });

  it('CMD-14: every kind of command gets accepted in random runs (the generator is not vacuous)', () => {
    const tally = new Map<string, number>();
    const long = fc.array(op, { minLength: 60, maxLength: 120 });
    for (const list of fc.sample(long, { numRuns: 60, seed: 42 })) run(list, tally);
    for (const type of COMMAND_TYPES) expect(tally.get(type) ?? 0, type).toBeGreaterThan(0);
  });
});
