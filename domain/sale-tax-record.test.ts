import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refundable } from './decide-return.ts';
import type { SaleId, SerialNumber } from './ids.ts';
import { CATEGORIES, type Category } from './piece.ts';
import { readSaleTax, storeSaleTax } from './sale-tax-record.ts';
import { rateFor, type TaxRule, taxSale } from './tax.ts';
import { code, command, EUR, eur, pieceState, STORE, serial, testId, USERS, world } from './test-support.ts';

/** New York: 8.88 % added on top, watches 4 %, "other" (bullion here) exempt. */
const NEW_YORK: TaxRule = {
  basisPoints: 888,
  inclusive: false,
  byCategory: [
    { category: 'watch', basisPoints: 400 },
    { category: 'other', basisPoints: 0 },
  ],
};

type Line = { price: number; category: Category };

/** A store with `rule` whose pieces 1…n are the lines' categories, and the sale of them all. */
function soldAt(rule: TaxRule, lines: readonly Line[], known = true) {
  const s = world(0);
  s.setStore(STORE, EUR, rule);
  lines.forEach((l, i) => {
    s.setPiece(pieceState(i + 1, { listPrice: eur(l.price) }));
    if (known) s.setPieceCategory(serial(i + 1), l.category);
  });
  const taxed = taxSale(
    lines.map((l) => ({ net: eur(l.price), category: l.category })),
    rule,
    EUR,
  );
  const saleId = testId() as SaleId;
  const decided = s.execute(
    command(
      'sale.complete',
      {
        saleId,
        lines: lines.map((l, i) => ({ serial: serial(i + 1), price: eur(l.price) })),
        tax: taxed.tax,
        total: taxed.total,
        tenders: [{ kind: 'card', amount: taxed.total, reference: 'AUTH-1' }],
      },
      { user: USERS.associate },
    ),
  );
  expect(code(decided)).toBe('accepted');
  return { s, saleId, taxed };
}

const returnOne = (saleId: SaleId, sn: SerialNumber, refund: number) =>
  command('sale.return', {
    returnId: testId(),
    saleId,
    serials: [sn],
    refunds: refund > 0 ? [{ kind: 'card', amount: eur(refund) }] : [],
  });

describe('what a sale charged, per rate (sale-tax-record.ts)', () => {
  it('TAXCAT-7: the decided sale records each rate with its net, its tax and its lines', () => {
    const { s, saleId } = soldAt(NEW_YORK, [
      { price: 100_000, category: 'ring' },
      { price: 50_000, category: 'watch' },
      { price: 30_000, category: 'other' },
      { price: 20_000, category: 'ring' },
    ]);
    expect(s.sale(saleId)?.taxRates).toEqual({
      inclusive: false,
      rates: [
        { basisPoints: 888, net: eur(120_000), tax: eur(10_656), serials: [serial(1), serial(4)] },
        { basisPoints: 400, net: eur(50_000), tax: eur(2_000), serials: [serial(2)] },
        { basisPoints: 0, net: eur(30_000), tax: eur(0), serials: [serial(3)] },
      ],
    });
  });

  it('TAXCAT-7: a one-rate store records its one rate; a state that cannot name a category records none', () => {
    const one = soldAt({ basisPoints: 2_000, inclusive: true }, [{ price: 120_000, category: 'ring' }]);
    expect(one.s.sale(one.saleId)?.taxRates).toEqual({
      inclusive: true,
      rates: [{ basisPoints: 2_000, net: eur(120_000), tax: eur(20_000), serials: [serial(1)] }],
    });
    const blind = soldAt(NEW_YORK, [{ price: 100_000, category: 'ring' }], false);
    expect(blind.s.sale(blind.saleId)?.taxRates).toBeUndefined();
  });

  it('TAXCAT-8: after the owner changes the rates, the sale still records what it charged, as receipts show it', () => {
    const { s, saleId } = soldAt(NEW_YORK, [
      { price: 100_000, category: 'ring' },
      { price: 50_000, category: 'watch' },
    ]);
    const before = s.sale(saleId)?.taxRates;
    const raised = {
      basisPoints: 950,
      inclusive: false,
      byCategory: [{ category: 'watch', basisPoints: 800 }],
    };
    expect(
      code(
        s.execute(
          command('store.update', { storeId: STORE, changes: { tax: raised } }, { user: USERS.owner }),
        ),
      ),
    ).toBe('accepted');
    expect(s.storeTax(STORE)).toEqual(raised);
    expect(s.sale(saleId)?.taxRates).toEqual(before);
    expect(s.sale(saleId)?.taxRates?.rates.map((r) => [r.basisPoints, r.tax.minor])).toEqual([
      [888, 8_880],
      [400, 2_000],
    ]);
  });

  it('TAXCAT-7: the stored form (SQL, ledger) reads back to the same record; anything else reads as none', () => {
    const { s, saleId } = soldAt(NEW_YORK, [
      { price: 100_000, category: 'ring' },
      { price: 50_000, category: 'watch' },
    ]);
    const record = s.sale(saleId)?.taxRates;
    if (!record) throw new Error('no record');
    expect(readSaleTax(JSON.stringify(storeSaleTax(record)), EUR)).toEqual(record);
    expect(readSaleTax(storeSaleTax(record), EUR)).toEqual(record);
    expect(readSaleTax('not json', EUR)).toBeUndefined();
    expect(readSaleTax({ inclusive: false, rates: [] }, EUR)).toBeUndefined();
    expect(readSaleTax(null, EUR)).toBeUndefined();
  });
});

describe('returns at a store that adds tax on top, by rate (RET-3, TAXCAT-9)', () => {
  it('RET-3, TAXCAT-9: a watch at 4 % gives back its own 4 %, not a share of the 8.88 % charged on the ring', () => {
    const { s, saleId } = soldAt(NEW_YORK, [
      { price: 100_000, category: 'ring' },
      { price: 100_000, category: 'watch' },
    ]);
    const sale = s.sale(saleId);
    if (!sale) throw new Error('no sale');
    // By price each line would carry half of 8,880 + 4,000: 6,440.
    expect(refundable(sale, serial(2))).toEqual(eur(104_000));
    expect(refundable(sale, serial(1))).toEqual(eur(108_880));
    expect(code(s.decide(returnOne(saleId, serial(2), 106_440)))).toBe('refund-exceeds-paid');
    expect(code(s.execute(returnOne(saleId, serial(2), 104_000)))).toBe('accepted');
    expect(code(s.execute(returnOne(saleId, serial(1), 108_880)))).toBe('accepted');
  });

  it('RET-3: a sale that recorded no rates (before TAXCAT-7) still shares its tax by price', () => {
    const { s, saleId } = soldAt(NEW_YORK, [
      { price: 100_000, category: 'ring' },
      { price: 100_000, category: 'watch' },
    ]);
    const sale = s.sale(saleId);
    if (!sale) throw new Error('no sale');
    const { taxRates: _recorded, ...older } = sale;
    expect(refundable(older, serial(2))).toEqual(eur(106_440));
  });

  it('RET-3, TAXCAT-9: refunding every line of a sale, one by one, refunds exactly the tax charged, per rate', () => {
    const rate = fc.integer({ min: 0, max: 10_000 });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            price: fc.integer({ min: 0, max: 5_000_000 }),
            category: fc.constantFrom(...CATEGORIES),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        rate,
        fc.array(fc.record({ category: fc.constantFrom(...CATEGORIES), basisPoints: rate }), {
          maxLength: 4,
        }),
        fc.infiniteStream(fc.nat()),
        (lines, basisPoints, listed, order) => {
          const seen = new Set<string>();
          const byCategory = listed.filter((r) => !seen.has(r.category) && seen.add(r.category));
          const rule: TaxRule = { basisPoints, inclusive: false, byCategory };
          const { s, saleId, taxed } = soldAt(rule, lines);
          // Returned in a random order, each for exactly what it may give back.
          const left = lines.map((_, i) => i);
          const taxBack = new Map<number, number>();
          let refunded = 0;
          const picks = order[Symbol.iterator]();
          while (left.length > 0) {
            const k = left.splice((picks.next().value as number) % left.length, 1)[0] as number;
            const sale = s.sale(saleId);
            if (!sale) throw new Error('no sale');
            const back = refundable(sale, serial(k + 1)).minor;
            expect(code(s.execute(returnOne(saleId, serial(k + 1), back)))).toBe('accepted');
            const bp = rateFor(rule, lines[k]?.category);
            taxBack.set(bp, (taxBack.get(bp) ?? 0) + back - (lines[k]?.price ?? 0));
            refunded += back;
          }
          for (const r of taxed.rates) expect(taxBack.get(r.basisPoints) ?? 0).toBe(r.tax.minor);
          expect(refunded).toBe(taxed.total.minor);
          expect(s.sale(saleId)?.refunded).toEqual(taxed.total);
        },
      ),
      { numRuns: 150 },
    );
  });
});
