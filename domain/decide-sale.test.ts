import { describe, expect, it } from 'vitest';
import { PIECE_STATUSES, sellableTo } from './piece-status.ts';
import {
  CLIENT,
  code,
  command,
  eur,
  OTHER_CLIENT,
  OTHER_STORE,
  pieceState,
  saleOf,
  serial,
  testId,
  USERS,
  world,
} from './test-support.ts';

type Line = { serial: string; price: number; discount?: number };
const sale = (
  lines: Line[],
  opts: { tax?: number; tenders?: number[]; approvedBy?: string; user?: string } = {},
) => {
  const net = lines.reduce((s, l) => s + l.price - (l.discount ?? 0), 0);
  const total = net + (opts.tax ?? 0);
  return command(
    'sale.complete',
    {
      saleId: testId(),
      lines: lines.map((l) => ({
        serial: l.serial,
        price: eur(l.price),
        discount: l.discount ? eur(l.discount) : undefined,
      })),
      tax: eur(opts.tax ?? 0),
      total: eur(total),
      tenders: (opts.tenders ?? [total]).map((a) => ({ kind: 'card', amount: eur(a) })),
    },
    {
      user: (opts.user ?? USERS.associate) as never,
      ...(opts.approvedBy ? { approvedBy: opts.approvedBy } : {}),
    },
  );
};

describe('decide: sale.complete', () => {
  it('SALE-10: an accepted sale records the lines and marks each piece sold', () => {
    const s = world();
    const r = s.execute(sale([{ serial: serial(1), price: 100_000, discount: 5_000 }], { tax: 19_000 }));
    expect(r.ok && r.value.map((e) => e.type)).toEqual(['sale.recorded', 'piece.status-changed']);
    expect(s.piece(serial(1))?.status).toBe('sold');
    expect(s.sales()[0]?.paid).toEqual(eur(114_000));
    expect(s.sales()[0]?.lines).toEqual([{ serial: serial(1), net: eur(95_000) }]);
  });

  it('SALE-3: a sold serial cannot be sold again', () => {
    const s = world();
    expect(code(s.execute(saleOf([serial(1)], { user: USERS.associate })))).toBe('accepted');
    expect(code(s.execute(saleOf([serial(1)], { user: USERS.associate })))).toBe('serial-already-sold');
  });

  it('SALE-1: a sale id is recorded once', () => {
    const s = world();
    const first = saleOf([serial(1)]);
    expect(code(s.execute(first))).toBe('accepted');
    const again = {
      ...first,
      payload: { ...first.payload, lines: [{ serial: serial(2), price: eur(100_000) }] },
    };
    expect(code(s.execute(again as typeof first))).toBe('sale-exists');
  });

  it('SALE-2: a serial appears at most once in a sale', () => {
    const line = { serial: serial(1), price: 100_000 };
    expect(code(world().execute(sale([line, line])))).toBe('duplicate-serial-in-sale');
  });

  it('SALE-4: a piece reserved for another client cannot be sold; for the same client it can', () => {
    const s = world();
    s.setPiece(pieceState(1, { status: 'reserved', reservedFor: CLIENT }));
    expect(code(s.decide(saleOf([serial(1)], { clientId: OTHER_CLIENT })))).toBe(
      'piece-reserved-for-other-client',
    );
    expect(code(s.decide(saleOf([serial(1)])))).toBe('piece-reserved-for-other-client');
    expect(code(s.decide(saleOf([serial(1)], { clientId: CLIENT })))).toBe('accepted');
  });

  it('SALE-4: an expired reservation no longer blocks a sale to someone else', () => {
    const s = world();
    s.setPiece(
      pieceState(1, { status: 'reserved', reservedFor: CLIENT, reservedUntil: '2026-02-28T00:00:00.000Z' }),
    );
    expect(code(s.decide(saleOf([serial(1)], { clientId: OTHER_CLIENT })))).toBe('accepted');
    s.setPiece(
      pieceState(1, { status: 'reserved', reservedFor: CLIENT, reservedUntil: '2026-03-02T00:00:00.000Z' }),
    );
    expect(code(s.decide(saleOf([serial(1)], { clientId: OTHER_CLIENT })))).toBe(
      'piece-reserved-for-other-client',
    );
  });

  it.each([
    ['on-memo', 'piece-on-memo'],
    ['in-repair', 'piece-in-repair'],
    ['in-transit', 'piece-in-transit'],
    ['returned', 'piece-not-sellable'],
    ['sold', 'serial-already-sold'],
  ] as const)('SALE-5: a piece that is %s cannot be sold (%s)', (status, expected) => {
    const s = world();
    s.setPiece(pieceState(1, { status }));
    expect(code(s.decide(saleOf([serial(1)])))).toBe(expected);
  });

  it('SALE-12: sellableTo gives the answer decide gives, for every status, client and reservation', () => {
    const at = '2026-03-01T10:00:00.000Z';
    const clients = [undefined, CLIENT, OTHER_CLIENT];
    const untils = [undefined, '2026-03-01T09:59:59.999Z', at, '2026-03-01T10:00:00.001Z'];
    for (const status of PIECE_STATUSES)
      for (const reservedFor of [undefined, CLIENT])
        for (const reservedUntil of untils)
          for (const clientId of clients) {
            const piece = pieceState(1, {
              status,
              ...(reservedFor ? { reservedFor } : {}),
              ...(reservedUntil ? { reservedUntil } : {}),
            });
            const s = world();
            s.setPiece(piece);
            const decided = code(s.decide(saleOf([serial(1)], clientId ? { clientId } : {})));
            const answer = sellableTo(piece, clientId, at);
            expect([status, reservedFor, reservedUntil, clientId, answer.ok]).toEqual([
              status,
              reservedFor,
              reservedUntil,
              clientId,
              decided === 'accepted',
            ]);
            if (!answer.ok && answer.error === 'reserved-for-other-client')
              expect(decided).toBe('piece-reserved-for-other-client');
          }
  });

  it('SALE-12: a reservation for another client that has expired lets anyone buy the piece', () => {
    const held = {
      status: 'reserved',
      reservedFor: CLIENT,
      reservedUntil: '2026-03-01T09:00:00.000Z',
    } as const;
    expect(sellableTo(held, OTHER_CLIENT, '2026-03-01T10:00:00.000Z').ok).toBe(true);
    expect(sellableTo(held, undefined, '2026-03-01T10:00:00.000Z').ok).toBe(true);
    expect(sellableTo(held, OTHER_CLIENT, '2026-03-01T08:00:00.000Z')).toEqual({
      ok: false,
      error: 'reserved-for-other-client',
    });
    expect(sellableTo({ status: 'sold' }, CLIENT, '2026-03-01T08:00:00.000Z')).toEqual({
      ok: false,
      error: 'status',
    });
  });

  it('SALE-6: the piece must be known and at this store', () => {
    const s = world();
    expect(code(s.decide(saleOf([serial(99)])))).toBe('piece-unknown');
    s.setPiece(pieceState(1, { store: OTHER_STORE }));
    expect(code(s.decide(saleOf([serial(1)])))).toBe('piece-at-other-store');
  });

  it('SALE-7: the total must be the lines less discounts plus tax', () => {
    const c = sale([{ serial: serial(1), price: 100_000, discount: 1_000 }], { tax: 500 });
    const wrong = {
      ...c,
      payload: { ...c.payload, total: eur(100_500), tenders: [{ kind: 'card', amount: eur(100_500) }] },
    };
    expect(code(world().decide(wrong as typeof c))).toBe('total-mismatch');
    expect(code(world().decide(c))).toBe('accepted');
  });

  it('SALE-8: the tenders must add up to the total exactly', () => {
    const lines = [{ serial: serial(1), price: 100_000 }];
    expect(code(world().decide(sale(lines, { tenders: [60_000, 40_000] })))).toBe('accepted');
    expect(code(world().decide(sale(lines, { tenders: [60_000, 39_999] })))).toBe(
      'tenders-do-not-match-total',
    );
    expect(code(world().decide(sale(lines, { tenders: [60_000, 40_001] })))).toBe(
      'tenders-do-not-match-total',
    );
  });

  it('SALE-9: a discount above the cashier limit needs an approver whose role allows it', () => {
    const line = [{ serial: serial(1), price: 100_000, discount: 10_001 }];
    expect(code(world().decide(sale([{ serial: serial(1), price: 100_000, discount: 10_000 }])))).toBe(
      'accepted',
    );
    expect(code(world().decide(sale(line)))).toBe('discount-above-limit');
    expect(code(world().decide(sale(line, { approvedBy: USERS.designer })))).toBe('approver-not-allowed');
    expect(code(world().decide(sale(line, { approvedBy: testId() })))).toBe('approver-not-allowed');
    expect(code(world().decide(sale(line, { approvedBy: USERS.manager })))).toBe('accepted');
    expect(code(world().decide(sale(line, { user: USERS.manager })))).toBe('accepted');
    const deep = [{ serial: serial(1), price: 100_000, discount: 30_001 }];
    expect(code(world().decide(sale(deep, { approvedBy: USERS.manager })))).toBe('discount-above-limit');
    expect(code(world().decide(sale(deep, { approvedBy: USERS.owner })))).toBe('accepted');
  });

  it('SALE-9: lowering the price below the list price counts as a discount', () => {
    expect(code(world().decide(sale([{ serial: serial(1), price: 89_999 }])))).toBe('discount-above-limit');
    expect(code(world().decide(sale([{ serial: serial(1), price: 90_000 }])))).toBe('accepted');
  });
});
