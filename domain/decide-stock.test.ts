import { describe, expect, it } from 'vitest';
import { parseCommand, WRITE_OFF_REASONS } from './commands.ts';
import { decide } from './decide.ts';
import { MOVES, STOCK_COMMANDS, stockCommandsFor } from './decide-stock.ts';
import { canTransition, PIECE_STATUSES } from './piece-status.ts';
import { ROLES } from './roles.ts';
import {
  CLIENT,
  code,
  command,
  eur,
  JPY,
  OTHER_CLIENT,
  OTHER_STORE,
  pieceRecord,
  pieceState,
  STORE,
  saleOf,
  serial,
  testId,
  USERS,
  world,
  YEN_STORE,
} from './test-support.ts';

const reserve = (n: number, clientId = CLIENT, until?: string) =>
  command('reservation.place', { serial: serial(n), clientId, until }, { user: USERS.associate });

describe('decide: reservations', () => {
  it('RES-1: only a piece in stock can be reserved; a reserved one not again', () => {
    const s = world();
    expect(code(s.execute(reserve(1, CLIENT, '2026-03-08T10:00:00.000Z')))).toBe('accepted');
    expect(s.piece(serial(1))).toMatchObject({ status: 'reserved', reservedFor: CLIENT });
    expect(code(s.decide(reserve(1, OTHER_CLIENT)))).toBe('piece-reserved-for-other-client');
    s.setPiece(pieceState(2, { status: 'sold' }));
    expect(code(s.decide(reserve(2)))).toBe('serial-already-sold');
    s.setPiece(pieceState(3, { status: 'on-memo' }));
    expect(code(s.decide(reserve(3)))).toBe('piece-on-memo');
  });

  it('RES-2: releasing puts a reserved piece back in stock and forgets the client', () => {
    const s = world();
    s.execute(reserve(1));
    expect(code(s.execute(command('reservation.release', { serial: serial(1) })))).toBe('accepted');
    expect(s.piece(serial(1))).toEqual(pieceState(1));
    expect(code(s.decide(command('reservation.release', { serial: serial(1) })))).toBe('illegal-transition');
    expect(code(s.decide(saleOf([serial(1)], { clientId: OTHER_CLIENT })))).toBe('accepted');
  });
});

describe('decide: write-offs', () => {
  const writeOff = (n: number, user = USERS.manager, store = STORE) =>
    command(
      'piece.write-off',
      { serial: serial(n), reason: 'stolen', note: 'taken from case 3' },
      { user, store },
    );

  it('WRITEOFF-1: only a manager or owner writes off a piece of their store', () => {
    const s = world();
    expect(code(s.decide(writeOff(1, USERS.associate)))).toBe('not-allowed');
    expect(code(s.decide(writeOff(1, USERS.designer)))).toBe('not-allowed');
    expect(code(s.decide(writeOff(1, USERS.owner)))).toBe('accepted');
    expect(code(s.decide(writeOff(1, USERS.manager, OTHER_STORE)))).toBe('piece-at-other-store');
    expect(code(s.decide(writeOff(99)))).toBe('piece-unknown');
  });

  it('WRITEOFF-2: the reason is lost, damaged, stolen or other, with a note of 1–500 characters', () => {
    const parse = (payload: Record<string, unknown>) =>
      parseCommand({ ...writeOff(1), payload: { serial: serial(1), ...payload } });
    expect(parse({ reason: 'lost', note: 'gone since Friday' }).ok).toBe(true);
    for (const reason of WRITE_OFF_REASONS) expect(parse({ reason, note: 'n' }).ok, reason).toBe(true);
    expect(parse({ reason: 'sold', note: 'n' }).ok).toBe(false);
    expect(parse({ reason: 'lost', note: '' }).ok).toBe(false);
    expect(parse({ reason: 'lost' }).ok).toBe(false);
    expect(parse({ reason: 'lost', note: 'x'.repeat(501) }).ok).toBe(false);
  });

  it.each(['in-stock', 'reserved', 'returned', 'on-memo', 'in-repair'] as const)(
    'WRITEOFF-3: a piece that is %s is written off, for good',
    (from) => {
      const s = world();
      s.setPiece(pieceState(1, { status: from, ...(from === 'reserved' ? { reservedFor: CLIENT } : {}) }));
      expect(code(s.execute(writeOff(1)))).toBe('accepted');
      expect(s.piece(serial(1))).toEqual(pieceState(1, { status: 'written-off' }));
    },
  );

  it.each([
    ['sold', 'serial-already-sold'],
    ['in-transit', 'piece-in-transit'],
    ['written-off', 'piece-written-off'],
  ] as const)('WRITEOFF-3: a piece that is %s cannot be written off (%s)', (from, expected) => {
    const s = world();
    s.setPiece(pieceState(1, { status: from }));
    expect(code(s.decide(writeOff(1)))).toBe(expected);
  });

  it('WRITEOFF-4: a written-off piece is never sold, reserved, moved or counted as present again', () => {
    const s = world();
    expect(code(s.execute(writeOff(1)))).toBe('accepted');
    expect(code(s.decide(saleOf([serial(1)])))).toBe('piece-written-off');
    expect(code(s.decide(reserve(1)))).toBe('piece-written-off');
    for (const type of ['memo.out', 'repair.in', 'piece.restock', 'reservation.release'] as const)
      expect(code(s.decide(command(type, { serial: serial(1) }))), type).toBe('piece-written-off');
    expect(code(s.decide(command('transfer.send', { serial: serial(1), toStore: OTHER_STORE })))).toBe(
      'piece-written-off',
    );
    expect(s.presentAt(STORE)).not.toContain(serial(1));
    const reprice = command('price.change', { serial: serial(1), listPrice: eur(1), reason: 'scrap' });
    expect(code(s.decide(reprice))).toBe('piece-written-off');
  });

  it('STOCK-6: a screen is offered exactly the stock commands decide would accept for the role and status', () => {
    for (const role of ROLES)
      for (const status of PIECE_STATUSES) {
        const offered = stockCommandsFor(status, role);
        for (const type of Object.keys(STOCK_COMMANDS) as (keyof typeof STOCK_COMMANDS)[]) {
          if (type === 'transfer.send' || type === 'transfer.receive') continue; // two stores: STOCK-3
          const s = world();
          s.setPiece(
            pieceState(1, { status, ...(status === 'reserved' ? { reservedFor: OTHER_CLIENT } : {}) }),
          );
          const payload =
            type === 'reservation.place'
              ? { serial: serial(1), clientId: CLIENT }
              : type === 'piece.write-off'
                ? { serial: serial(1), reason: 'lost', note: 'gone' }
                : { serial: serial(1) };
          const accepted =
            code(s.decide(command(type, payload as never, { user: USERS[role] }))) === 'accepted';
          expect(offered.includes(type), `${role} ${status} ${type}`).toBe(accepted);
        }
      }
    expect(stockCommandsFor('in-stock', 'manager')).toContain('transfer.send');
    expect(stockCommandsFor('in-transit', 'manager')).toEqual(['transfer.receive']);
    expect(stockCommandsFor('in-transit', 'associate')).toEqual([]);
    expect(stockCommandsFor('written-off', 'owner')).toEqual([]);
  });
});

describe('decide: stock movements', () => {
  it('STOCK-1: a new piece is received once, into this store, priced in its currency', () => {
    const s = world(0);
    const receive = (piece = pieceRecord(1), store = STORE) => command('piece.receive', { piece }, { store });
    expect(code(s.execute(receive()))).toBe('accepted');
    expect(s.piece(serial(1))).toEqual(pieceState(1));
    expect(code(s.decide(receive()))).toBe('piece-exists');
    expect(code(s.decide(receive(pieceRecord(2), OTHER_STORE)))).toBe('piece-at-other-store');
    expect(code(s.decide(receive(pieceRecord(2, { store: YEN_STORE }), YEN_STORE)))).toBe(
      'currency-mismatch',
    );
    const yen = pieceRecord(2, { store: YEN_STORE, listPrice: { minor: 150_000, currency: JPY } });
    expect(code(s.decide(receive(yen, YEN_STORE)))).toBe('accepted');
  });

  it.each([
    ['memo.out', 'in-stock', 'on-memo'],
    ['memo.return', 'on-memo', 'in-stock'],
    ['repair.in', 'in-stock', 'in-repair'],
    ['repair.in', 'returned', 'in-repair'],
    ['repair.out', 'in-repair', 'in-stock'],
    ['piece.restock', 'returned', 'in-stock'],
    ['reservation.release', 'reserved', 'in-stock'],
    ['transfer.receive', 'in-transit', 'in-stock'],
  ] as const)('STOCK-2: %s moves a piece from %s to %s', (type, from, to) => {
    const s = world();
    s.setPiece(pieceState(1, { status: from }));
    expect(code(s.execute(command(type, { serial: serial(1) })))).toBe('accepted');
    expect(s.piece(serial(1))?.status).toBe(to);
  });

  it.each([
    ['memo.out', 'sold', 'serial-already-sold'],
    ['memo.out', 'reserved', 'illegal-transition'],
    ['memo.return', 'in-stock', 'illegal-transition'],
    ['repair.in', 'on-memo', 'piece-on-memo'],
    ['repair.out', 'in-stock', 'illegal-transition'],
    ['piece.restock', 'sold', 'serial-already-sold'],
    ['transfer.receive', 'in-stock', 'illegal-transition'],
    ['memo.out', 'in-transit', 'piece-in-transit'],
    ['memo.return', 'in-transit', 'piece-in-transit'],
    ['repair.out', 'on-memo', 'piece-on-memo'],
    ['transfer.receive', 'returned', 'illegal-transition'],
    ['piece.restock', 'in-repair', 'piece-in-repair'],
    ['reservation.release', 'sold', 'serial-already-sold'],
    ['reservation.release', 'in-transit', 'piece-in-transit'],
  ] as const)('STOCK-2: %s is refused for a piece that is %s (%s)', (type, from, expected) => {
    const s = world();
    s.setPiece(pieceState(1, { status: from }));
    expect(code(s.decide(command(type, { serial: serial(1) })))).toBe(expected);
  });

  it('STOCK-4: every stock move starts from statuses the status machine allows', () => {
    for (const [type, [, to, from]] of Object.entries(MOVES)) {
      for (const f of from) expect(canTransition(f, to), `${type}: ${f} → ${to}`).toBe(true);
    }
  });

  it('STOCK-3: a transfer hands the piece to the destination in transit; it is received there', () => {
    const s = world();
    const send = (toStore: string) => command('transfer.send', { serial: serial(1), toStore });
    expect(code(s.decide(send(testId())))).toBe('store-unknown');
    expect(code(s.decide(send(STORE)))).toBe('illegal-transition');
    expect(
      code(
        s.decide(
          command('transfer.send', { serial: serial(1), toStore: OTHER_STORE }, { user: USERS.associate }),
        ),
      ),
    ).toBe('not-allowed');
    expect(code(s.execute(send(OTHER_STORE)))).toBe('accepted');
    expect(s.piece(serial(1))).toMatchObject({ store: OTHER_STORE, status: 'in-transit' });
    expect(code(s.decide(command('transfer.receive', { serial: serial(1) })))).toBe('piece-at-other-store');
    expect(code(s.execute(command('transfer.receive', { serial: serial(1) }, { store: OTHER_STORE })))).toBe(
      'accepted',
    );
    expect(code(s.decide(saleOf([serial(1)], { store: OTHER_STORE })))).toBe('accepted');
  });

  it('STOCK-5: a piece priced in another currency than the store must be repriced before sale', () => {
    const s = world();
    s.setPiece(pieceState(1, { store: YEN_STORE }));
    const c = command(
      'sale.complete',
      {
        saleId: testId(),
        lines: [{ serial: serial(1), price: { minor: 100, currency: 'JPY' } }],
        tax: { minor: 0, currency: 'JPY' },
        total: { minor: 100, currency: 'JPY' },
        tenders: [{ kind: 'cash', amount: { minor: 100, currency: 'JPY' } }],
      },
      { store: YEN_STORE },
    );
    expect(code(decide(s, c))).toBe('currency-mismatch');
  });
});
