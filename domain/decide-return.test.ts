import { describe, expect, it } from 'vitest';
import { refundableFor } from './decide-return.ts';
import type { SaleId } from './ids.ts';
import type { MemoryState } from './memory-state.ts';
import {
  code,
  command,
  eur,
  OTHER_STORE,
  pieceState,
  saleOf,
  serial,
  testId,
  USERS,
  world,
} from './test-support.ts';

/** A world where pieces 1 and 2 were sold together for €1 000 each. */
function sold(): { s: MemoryState; saleId: SaleId } {
  const s = world();
  const c = saleOf([serial(1), serial(2)]);
  expect(code(s.execute(c))).toBe('accepted');
  return { s, saleId: (c.payload as { saleId: SaleId }).saleId };
}
const ret = (saleId: string, serials: number[], refund: number, opts = {}) =>
  command(
    'sale.return',
    {
      returnId: testId(),
      saleId,
      serials: serials.map(serial),
      refunds: refund ? [{ kind: 'card', amount: eur(refund) }] : [],
    },
    opts,
  );

/** Two pieces at 100,000 each plus 30,001 tax: shares 15,001 and 15,000 (largest remainder). */
function twoPiecesTaxed(s: ReturnType<typeof world>): SaleId {
  const c = command('sale.complete', {
    saleId: testId(),
    lines: [
      { serial: serial(1), price: eur(100_000) },
      { serial: serial(2), price: eur(100_000) },
    ],
    tax: eur(30_001),
    total: eur(230_001),
    tenders: [{ kind: 'card', amount: eur(230_001) }],
  });
  expect(code(s.execute(c))).toBe('accepted');
  return (c.payload as { saleId: SaleId }).saleId;
}

describe('decide: sale.return', () => {
  it('RET-1: only serials of that sale can be returned, and the sale must exist', () => {
    const { s, saleId } = sold();
    expect(code(s.decide(ret(saleId, [3], 0)))).toBe('serial-not-in-sale');
    expect(code(s.decide(ret(testId(), [1], 0)))).toBe('sale-unknown');
    expect(code(s.decide(ret(saleId, [1, 1], 0)))).toBe('duplicate-serial-in-sale');
  });

  it('RET-2: a serial is returned from a sale at most once', () => {
    const { s, saleId } = sold();
    expect(code(s.execute(ret(saleId, [1], 100_000)))).toBe('accepted');
    expect(s.piece(serial(1))?.status).toBe('returned');
    expect(code(s.decide(ret(saleId, [1], 0)))).toBe('serial-already-returned');
    expect(code(s.decide(ret(saleId, [2], 100_000)))).toBe('accepted');
  });

  it('RET-3: the refund never exceeds the returned lines net, nor what is left paid', () => {
    const { s, saleId } = sold();
    expect(code(s.decide(ret(saleId, [1], 100_001)))).toBe('refund-exceeds-paid');
    expect(code(s.decide(ret(saleId, [1, 2], 200_000)))).toBe('accepted');
    expect(code(s.execute(ret(saleId, [1], 90_000)))).toBe('accepted');
    expect(s.sale(saleId)?.refunded).toEqual(eur(90_000));
  });

  it("RET-3: a returned line gives back its share of the sale's tax too, to the cent", () => {
    const s = world();
    const saleId = twoPiecesTaxed(s);
    expect(code(s.decide(ret(saleId, [1], 115_002)))).toBe('refund-exceeds-paid');
    expect(code(s.execute(ret(saleId, [1], 115_001)))).toBe('accepted');
    expect(code(s.decide(ret(saleId, [2], 115_001)))).toBe('refund-exceeds-paid');
    expect(code(s.execute(ret(saleId, [2], 115_000)))).toBe('accepted');
    expect(s.sale(saleId)?.refunded).toEqual(eur(230_001));
  });

  it('RET-3: refundableFor gives a till the exact cap decideReturn applies, all lines the whole total', () => {
    const s = world();
    const saleId = twoPiecesTaxed(s);
    const sale = s.sale(saleId);
    if (!sale) throw new Error('sale not recorded');
    const one = refundableFor(sale, [serial(1)]);
    expect(one).toEqual(eur(115_001));
    expect(code(s.decide(ret(saleId, [1], one.minor)))).toBe('accepted');
    expect(code(s.decide(ret(saleId, [1], one.minor + 1)))).toBe('refund-exceeds-paid');
    expect(refundableFor(sale, [serial(1), serial(2), serial(2)])).toEqual(eur(230_001));
    expect(refundableFor(sale, [serial(9)])).toEqual(eur(0));
    expect(refundableFor({ lines: sale.lines, paid: eur(200_000) }, [serial(1)])).toEqual(eur(100_000));
  });

  it('RET-4: a returned piece is sold again only after it is restocked', () => {
    const { s, saleId } = sold();
    s.execute(ret(saleId, [1], 100_000));
    expect(code(s.decide(saleOf([serial(1)])))).toBe('piece-not-sellable');
    expect(code(s.execute(command('piece.restock', { serial: serial(1) })))).toBe('accepted');
    expect(code(s.execute(saleOf([serial(1)])))).toBe('accepted');
  });

  it('RET-3: a refund never exceeds what is left paid, even if refunds were recorded elsewhere', () => {
    const { s, saleId } = sold();
    const sale = s.sale(saleId);
    if (!sale) throw new Error('seeded sale missing');
    s.setSale({ ...sale, refunded: eur(150_000) }); // e.g. a goodwill refund booked by head office
    expect(code(s.decide(ret(saleId, [1], 50_001)))).toBe('refund-exceeds-paid');
    expect(code(s.decide(ret(saleId, [1], 50_000)))).toBe('accepted');
  });

  it('RET-1: a piece that is no longer sold (adjusted since) cannot be returned', () => {
    const { s, saleId } = sold();
    s.setPiece(pieceState(1, { status: 'in-stock' }));
    expect(code(s.decide(ret(saleId, [1], 0)))).toBe('illegal-transition');
  });

  it('RET-5: a return is processed at the store of the sale, by a role that may refund', () => {
    const { s, saleId } = sold();
    expect(code(s.decide(ret(saleId, [1], 0, { store: OTHER_STORE })))).toBe('sale-at-other-store');
    expect(code(s.decide(ret(saleId, [1], 0, { user: USERS.associate })))).toBe('not-allowed');
  });

  it("APPROVAL-1, APPROVAL-2: an associate returns with a manager's approval; a designer's or a stale one is refused", () => {
    const { s, saleId } = sold();
    const at = '2026-03-01T10:00:00.000Z';
    const asAssociate = (approvedBy: string, approvedAt = at) =>
      ret(saleId, [1], 0, { user: USERS.associate, at, approvedBy, approvedAt });
    expect(code(s.decide(asAssociate(USERS.designer)))).toBe('approver-not-allowed');
    expect(code(s.decide(asAssociate(USERS.manager, '2026-03-01T09:29:59.000Z')))).toBe('approval-expired');
    expect(code(s.decide(asAssociate(USERS.manager, '2026-03-01T10:05:01.000Z')))).toBe('approval-expired');
    expect(code(s.decide(asAssociate(USERS.manager, '2026-03-01T09:45:00.000Z')))).toBe('accepted');
  });
});

describe('decide: sale.void', () => {
  const voidSale = (saleId: string, opts = {}) =>
    command('sale.void', { saleId, reason: 'sold twice' }, opts);

  it('SALE-11: a void frees the pieces still sold and refunds what was not yet refunded', () => {
    const { s, saleId } = sold();
    s.execute(ret(saleId, [1], 40_000));
    const r = s.execute(voidSale(saleId));
    expect(r.ok && r.value[0]).toMatchObject({
      type: 'sale.voided',
      serials: [serial(2)],
      refund: eur(160_000),
    });
    expect(s.piece(serial(2))?.status).toBe('in-stock');
    expect(s.piece(serial(1))?.status).toBe('returned');
    expect(s.sale(saleId)?.refunded).toEqual(s.sale(saleId)?.paid);
  });

  it('SALE-11: a void leaves alone a piece that was returned, restocked and sold again', () => {
    const { s, saleId } = sold();
    s.execute(ret(saleId, [1], 100_000));
    s.execute(command('piece.restock', { serial: serial(1) }));
    expect(code(s.execute(saleOf([serial(1)])))).toBe('accepted');
    const r = s.execute(voidSale(saleId));
    expect(r.ok && r.value[0]).toMatchObject({ serials: [serial(2)], refund: eur(100_000) });
    expect(s.piece(serial(1))?.status).toBe('sold');
  });

  it('SALE-11: a voided sale cannot be voided or returned again; only managers void', () => {
    const { s, saleId } = sold();
    expect(code(s.decide(voidSale(saleId, { user: USERS.associate })))).toBe('not-allowed');
    expect(code(s.execute(voidSale(saleId)))).toBe('accepted');
    expect(code(s.decide(voidSale(saleId)))).toBe('sale-voided');
    expect(code(s.decide(ret(saleId, [1], 0)))).toBe('sale-voided');
    expect(code(s.decide(voidSale(testId())))).toBe('sale-unknown');
  });
});
