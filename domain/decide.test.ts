import { describe, expect, it } from 'vitest';
import type { CommandType } from './commands.ts';
import type { CommandId, OrderId, SaleId, StoreId, UserId } from './ids.ts';
import type { Role } from './roles.ts';
import {
  CLIENT,
  type CommandOpts,
  code,
  command,
  eur,
  OTHER_CLIENT,
  OTHER_STORE,
  pieceRecord,
  pieceState,
  STORE,
  saleOf,
  serial,
  testCard,
  testId,
  USERS,
  world,
} from './test-support.ts';

/** A world where every command type below is acceptable for a manager. */
function prepared() {
  const s = world(10);
  const sale = saleOf([serial(9), serial(10)]);
  s.execute(sale);
  const saleId = (sale.payload as { saleId: SaleId }).saleId;
  const orderId = testId<OrderId>();
  s.execute(
    command('order.open', {
      orderId,
      kind: 'repair',
      clientId: CLIENT,
      total: eur(50_000),
      description: 'Resize',
    }),
  );
  s.execute(command('deposit.take', { orderId, depositId: testId(), amount: eur(10_000), tender: 'cash' }));
  const layawayId = testId<OrderId>();
  s.execute(
    command('layaway.open', { orderId: layawayId, saleId: testId(), serial: serial(7), clientId: CLIENT }),
  );
  s.setPiece(pieceState(2, { status: 'reserved', reservedFor: CLIENT }));
  s.setPiece(pieceState(3, { status: 'on-memo' }));
  s.setPiece(pieceState(4, { status: 'in-repair' }));
  s.setPiece(pieceState(5, { status: 'returned' }));
  s.setPiece(pieceState(6, { status: 'in-transit' }));
  const rejected = testId<CommandId>();
  s.setConflict({ commandId: rejected, store: STORE, resolved: false });
  const member = (id: UserId, login: string) => ({
    member: { id, name: 'Léa Martin', login, role: 'associate', stores: [STORE] },
  });
  const newcomer = testId<UserId>();
  const leaver = testId<UserId>();
  s.execute(command('staff.add', member(newcomer, 'lea'), { user: USERS.owner }));
  s.execute(command('staff.add', member(leaver, 'paul'), { user: USERS.owner }));
  s.execute(command('staff.deactivate', { userId: leaver }, { user: USERS.owner }));
  s.execute(
    command(
      'consignment.receive',
      {
        piece: pieceRecord(12),
        consignment: {
          basis: 'consignment',
          owner: { kind: 'client', id: 'client-7', name: 'Mme Roux' },
          terms: { kind: 'split', ownerShareBp: 6_000 },
        },
      },
      { user: USERS.owner },
    ),
  );
  // What the relay's records say the day took (EOD-3); a till's own state does not know.
  s.setDayTakings(STORE, '2026-01-02', undefined, {
    currency: eur(0).currency,
    byTender: {},
    sales: 0,
    returns: 0,
    voids: 0,
  });
  const payloads: Record<CommandType, unknown> = {
    'sale.complete': saleOf([serial(1)]).payload,
    'sale.return': {
      returnId: testId(),
      saleId,
      serials: [serial(9)],
      refunds: [{ kind: 'card', amount: eur(100_000) }],
    },
    'sale.void': { saleId, reason: 'conflict' },
    'order.open': {
      orderId: testId(),
      kind: 'custom',
      clientId: CLIENT,
      total: eur(1_000),
      description: 'Pendant',
    },
    'deposit.take': { orderId, depositId: testId(), amount: eur(40_000), tender: 'card' },
    'deposit.refund': { orderId, refundId: testId(), amount: eur(10_000) },
    'reservation.place': { serial: serial(1), clientId: CLIENT },
    'reservation.release': { serial: serial(2) },
    'piece.receive': { piece: pieceRecord(11) },
    'piece.update': { serial: serial(1), changes: { collection: 'Lumière' } },
    'price.change': { serial: serial(1), listPrice: eur(110_000), reason: 'new season' },
    'piece.restock': { serial: serial(5) },
    'memo.out': { serial: serial(1) },
    'memo.return': { serial: serial(3) },
    'repair.in': { serial: serial(1) },
    'repair.out': { serial: serial(4) },
    'transfer.send': { serial: serial(1), toStore: OTHER_STORE },
    'transfer.receive': { serial: serial(6) },
    'piece.write-off': { serial: serial(4), reason: 'lost', note: 'not found since the move' },
    'stock.count': { countId: testId(), scope: 'Case 1', wholeStore: false, found: [serial(1)] },
    'conflict.resolve': { commandId: rejected, resolution: 'refunded-client', note: 'card refunded' },
    'store.open': {
      store: {
        id: testId(),
        name: 'Nice',
        currency: 'EUR',
        tax: { basisPoints: 2000, inclusive: true },
        timeZone: 'Europe/Paris',
        address: ['1 promenade des Anglais', '06000 Nice'],
      },
    },
    'store.update': { storeId: OTHER_STORE, changes: { name: 'Lyon Bellecour' } },
    'staff.add': member(testId<UserId>(), 'new.person'),
    'staff.update': { userId: newcomer, changes: { name: 'Léa M.' } },
    'staff.deactivate': { userId: newcomer },
    'staff.reactivate': { userId: leaver },
    'capabilities.set': { role: 'associate', settings: { discountLimitBp: 1_500, grants: ['refund'] } },
    'exchange-rate.set': { rate: { from: 'USD', to: 'EUR', rate: '0.92', date: '2026-03-01' } },
    'consignment.receive': {
      piece: pieceRecord(13),
      consignment: {
        basis: 'memo-in',
        owner: { kind: 'vendor', id: 'V-ROUX', name: 'Roux & Fils' },
        terms: { kind: 'fixed', payout: eur(50_000) },
      },
    },
    'consignment.return': { serial: serial(12) },
    'client.merge': { survivorId: CLIENT, mergedId: OTHER_CLIENT, picks: { names: 'merged' } },
    'client.erase': { clientId: OTHER_CLIENT, reason: 'asked by the client in store' },
    'tiers.set': { loyal: eur(500_000), vip: eur(2_500_000) },
    'work.stage': { orderId, stage: 'estimated' },
    'plan.set': {
      orderId,
      instalments: [
        { due: '2026-04-01', amount: eur(20_000) },
        { due: '2026-05-01', amount: eur(20_000) },
      ],
    },
    'layaway.open': { orderId: testId(), saleId: testId(), serial: serial(8), clientId: CLIENT },
    'layaway.cancel': { orderId: layawayId, refundId: testId(), settlement: 'refund' },
    'card.issue': { cardNumber: testCard(3), kind: 'gift-card', amount: eur(5_000), note: 'goodwill' },
    'piece.import': {
      importId: testId(),
      source: 'spring.csv',
      part: 0,
      parts: 1,
      pieces: [pieceRecord(12)],
    },
    'piece.relocate': { serials: [serial(1)], location: { kind: 'tray', label: 'Tray A' }, reason: 'move' },
    'day.close': { closeId: testId(), day: '2026-01-02', float: eur(20_000), counted: eur(20_000) },
  };
  const make = (type: CommandType, opts: CommandOpts = {}) => command(type, payloads[type], opts);
  return { s, make, types: Object.keys(payloads) as CommandType[] };
}

/** Which roles may issue each command (from the capability matrix, restated as the spec). */
const ALLOWED: Record<CommandType, readonly Role[]> = {
  'sale.complete': ['associate', 'designer', 'manager', 'owner'],
  'sale.return': ['manager', 'owner'],
  'sale.void': ['manager', 'owner'],
  'order.open': ['associate', 'designer', 'manager', 'owner'],
  'work.stage': ['associate', 'designer', 'manager', 'owner'],
  'deposit.take': ['associate', 'designer', 'manager', 'owner'],
  'deposit.refund': ['manager', 'owner'],
  'reservation.place': ['associate', 'designer', 'manager', 'owner'],
  'reservation.release': ['associate', 'designer', 'manager', 'owner'],
  'piece.receive': ['manager', 'owner'],
  'piece.update': ['manager', 'owner'],
  'price.change': ['manager', 'owner'],
  'piece.restock': ['manager', 'owner'],
  'memo.out': ['manager', 'owner'],
  'memo.return': ['manager', 'owner'],
  'repair.in': ['associate', 'designer', 'manager', 'owner'],
  'repair.out': ['associate', 'designer', 'manager', 'owner'],
  'transfer.send': ['manager', 'owner'],
  'transfer.receive': ['manager', 'owner'],
  'piece.write-off': ['manager', 'owner'],
  'stock.count': ['manager', 'owner'],
  'conflict.resolve': ['manager', 'owner'],
  'store.open': ['owner'],
  'store.update': ['owner'],
  'staff.add': ['manager', 'owner'],
  'staff.update': ['manager', 'owner'],
  'staff.deactivate': ['manager', 'owner'],
  'staff.reactivate': ['manager', 'owner'],
  'capabilities.set': ['owner'],
  'exchange-rate.set': ['manager', 'owner'],
  'consignment.receive': ['manager', 'owner'],
  'consignment.return': ['manager', 'owner'],
  'client.merge': ['manager', 'owner'],
  'client.erase': ['manager', 'owner'],
  'tiers.set': ['owner'],
  'plan.set': ['associate', 'designer', 'manager', 'owner'],
  'layaway.open': ['associate', 'designer', 'manager', 'owner'],
  'layaway.cancel': ['manager', 'owner'],
  // Given: a manager's (GIFT-2); sold, anyone who sells.
  'card.issue': ['manager', 'owner'],
  'piece.import': ['manager', 'owner'],
  'piece.relocate': ['manager', 'owner'],
  'day.close': ['manager', 'owner'],
};

describe('decide: who and where', () => {
  const { types } = prepared();

  it.each(types)('CMD-10: %s is accepted only from a role allowed to do it', (type) => {
    for (const role of ['associate', 'designer', 'manager', 'owner'] as const) {
      const { s, make } = prepared();
      const expected = ALLOWED[type].includes(role) ? 'accepted' : 'not-allowed';
      expect(code(s.decide(make(type, { user: USERS[role] }))), role).toBe(expected);
    }
  });

  it.each(types)('CMD-9: %s from an unknown store or an unknown user is refused', (type) => {
    const { s, make } = prepared();
    expect(code(s.decide(make(type, { store: testId<StoreId>() })))).toBe('store-unknown');
    expect(code(s.decide(make(type, { user: testId<UserId>() })))).toBe('user-unknown');
  });

  it('CMD-11: money in another currency than the store is refused', () => {
    const { s } = prepared();
    const usd = { minor: 100_000, currency: 'USD' };
    const sale = command('sale.complete', {
      saleId: testId(),
      lines: [{ serial: serial(1), price: usd }],
      tax: eur(0),
      total: eur(100_000),
      tenders: [{ kind: 'card', amount: eur(100_000) }],
    });
    expect(code(s.decide(sale))).toBe('currency-mismatch');
    const order = command('order.open', {
      orderId: testId(),
      kind: 'custom',
      clientId: CLIENT,
      total: usd,
      description: 'x',
    });
    expect(code(s.decide(order))).toBe('currency-mismatch');
    const orderId = s.orders()[0]?.orderId;
    const dep = command('deposit.take', {
      orderId,
      depositId: testId(),
      amount: { minor: 1, currency: 'USD' },
      tender: 'card',
    });
    expect(code(s.decide(dep))).toBe('currency-mismatch');
    const refund = command('deposit.refund', {
      orderId,
      refundId: testId(),
      amount: { minor: 1, currency: 'USD' },
    });
    expect(code(s.decide(refund))).toBe('currency-mismatch');
    const saleId = s.sales()[0]?.saleId;
    const ret = command('sale.return', {
      returnId: testId(),
      saleId,
      serials: [serial(9)],
      refunds: [{ kind: 'card', amount: { minor: 1, currency: 'USD' } }],
    });
    expect(code(s.decide(ret))).toBe('currency-mismatch');
  });

  it('CMD-12: deciding never changes the state; only applying the events does', () => {
    const { s, make, types: all } = prepared();
    const before = JSON.stringify([s.pieces(), s.sales(), s.orders()]);
    // Stores are the owner's (ORG-1); everything else the manager's.
    for (const type of all)
      expect(
        code(
          s.decide(
            make(
              type,
              type.startsWith('store.') || type === 'capabilities.set' || type === 'tiers.set'
                ? { user: USERS.owner }
                : {},
            ),
          ),
        ),
      ).toBe('accepted');
    expect(JSON.stringify([s.pieces(), s.sales(), s.orders()])).toBe(before);
  });

  it('CMD-13: a rejection explains itself to a human and carries its context', () => {
    const { s, make } = prepared();
    s.execute(make('sale.complete'));
    const r = s.decide(saleOf([serial(1)]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/already sold/);
    expect(r.error.context).toMatchObject({ serial: serial(1) });
  });
});
