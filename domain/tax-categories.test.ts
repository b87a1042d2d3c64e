import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from './money.ts';
import { CATEGORIES, type Category } from './piece.ts';
import { unwrap } from './result.ts';
import { parseReceiptFooter, parseStore } from './store.ts';
import {
  basisPointsPercent,
  hasCategoryRates,
  parseTaxRule,
  rateFor,
  type TaxRule,
  taxOn,
  taxSale,
} from './tax.ts';
import { command, EUR, eur, pieceState, STORE, serial, USERS, world } from './test-support.ts';

/** Paris: 20 % VAT included, watches at a reduced 5.5 % (an example rate, not a real one). */
const PARIS: TaxRule = {
  basisPoints: 2_000,
  inclusive: true,
  byCategory: [{ category: 'watch', basisPoints: 550 }],
};
/** New York: 8.88 % added, watches 4 %, "other" (bullion here) exempt. */
const NEW_YORK: TaxRule = {
  basisPoints: 888,
  inclusive: false,
  byCategory: [
    { category: 'watch', basisPoints: 400 },
    { category: 'other', basisPoints: 0 },
  ],
};
const usd = (minor: number) => money(minor, 'USD' as typeof EUR);

describe('tax by category', () => {
  it('TAXCAT-1: a rule has a default rate and an ordered list of category rates, one per category', () => {
    expect(parseTaxRule(PARIS)).toEqual({ ok: true, value: PARIS });
    // An empty list is the one-rate rule, in its old shape.
    expect(parseTaxRule({ basisPoints: 2_000, inclusive: true, byCategory: [] })).toEqual({
      ok: true,
      value: { basisPoints: 2_000, inclusive: true },
    });
    const twice = parseTaxRule({
      basisPoints: 2_000,
      byCategory: [
        { category: 'watch', basisPoints: 550 },
        { category: 'watch', basisPoints: 1_000 },
      ],
    });
    expect(!twice.ok && twice.error.message).toMatch(/watch twice/);
    expect(
      parseTaxRule({ basisPoints: 2_000, byCategory: [{ category: 'bullion', basisPoints: 0 }] }).ok,
    ).toBe(false);
    expect(
      parseTaxRule({ basisPoints: 2_000, byCategory: [{ category: 'watch', basisPoints: 10_001 }] }).ok,
    ).toBe(false);
    // The order is kept as the owner set it.
    const order = parseTaxRule(NEW_YORK);
    expect(order.ok && order.value.byCategory?.map((r) => r.category)).toEqual(['watch', 'other']);
  });

  it("TAXCAT-2: a piece takes its category's rate, any other the default", () => {
    expect(rateFor(PARIS, 'watch')).toBe(550);
    expect(rateFor(PARIS, 'ring')).toBe(2_000);
    expect(rateFor(PARIS, undefined)).toBe(2_000);
    expect(rateFor(NEW_YORK, 'other')).toBe(0);
    expect(hasCategoryRates(PARIS)).toBe(true);
    expect(hasCategoryRates({ basisPoints: 2_000, inclusive: true })).toBe(false);
    // A category listed at the default rate changes nothing.
    expect(
      hasCategoryRates({
        basisPoints: 2_000,
        inclusive: true,
        byCategory: [{ category: 'ring', basisPoints: 2_000 }],
      }),
    ).toBe(false);
  });

  it('TAXCAT-3: each rate is taxed once on its lines, and the sale shows one tax line per rate', () => {
    // €1,200.00 ring at 20 % included: VAT 200.00. €5,275.00 watch at 5.5 % included:
    // 527,500 / 1.055 = 500,000 → VAT 27,500. Highest rate first.
    const t = taxSale(
      [
        { net: eur(120_000), category: 'ring' },
        { net: eur(527_500), category: 'watch' },
      ],
      PARIS,
      EUR,
    );
    expect(t.rates).toEqual([
      { basisPoints: 2_000, net: eur(120_000), beforeTax: eur(100_000), tax: eur(20_000) },
      { basisPoints: 550, net: eur(527_500), beforeTax: eur(500_000), tax: eur(27_500) },
    ]);
    expect(t.tax).toEqual(eur(47_500));
    expect(t.total).toEqual(eur(647_500));
    expect(t.lineTaxes).toEqual([eur(20_000), eur(27_500)]);
  });

  it('TAXCAT-3: rounded once per rate, not per line (two €9.99 rings: VAT 333, not 167 + 167)', () => {
    const t = taxSale(
      [
        { net: eur(999), category: 'ring' },
        { net: eur(999), category: 'ring' },
      ],
      PARIS,
      EUR,
    );
    // 1 998 / 1.2 = 1 665 → VAT 333; per line it would be 167 + 167 = 334.
    expect(t.tax).toEqual(eur(333));
    expect(t.rates).toHaveLength(1);
    // Each line's share adds back to the rate's tax exactly (largest remainder, first line first).
    expect(t.lineTaxes).toEqual([eur(167), eur(166)]);
  });

  it('TAXCAT-3: added on top, each rate on its own lines; an exempt category adds nothing', () => {
    const t = taxSale(
      [
        { net: usd(100_000), category: 'ring' },
        { net: usd(50_000), category: 'watch' },
        { net: usd(200_000), category: 'other' },
      ],
      NEW_YORK,
      usd(0).currency,
    );
    expect(t.rates.map((r) => [r.basisPoints, r.tax.minor])).toEqual([
      [888, 8_880],
      [400, 2_000],
      [0, 0],
    ]);
    expect(t.tax).toEqual(usd(10_880));
    expect(t.total).toEqual(usd(360_880));
    expect(t.lineTaxes).toEqual([usd(8_880), usd(2_000), usd(0)]);
  });

  it('TAXCAT-4: with one rate, taxSale is taxOn on the sum exactly (one-rate stores are unchanged)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50_000_000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.boolean(),
        fc.constantFrom<Category>(...CATEGORIES),
        (nets, basisPoints, inclusive, category) => {
          const rule = { basisPoints, inclusive };
          const t = taxSale(
            nets.map((n) => ({ net: eur(n), category })),
            rule,
            EUR,
          );
          const one = taxOn(eur(nets.reduce((a, b) => a + b, 0)), rule);
          expect({ tax: t.tax, total: t.total, beforeTax: t.beforeTax }).toEqual(one);
        },
      ),
    );
  });

  it('TAXCAT-4: the lines’ taxes add up to the receipt’s tax, and inclusive prices are what the client pays', () => {
    const rate = fc.integer({ min: 0, max: 10_000 });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            net: fc.integer({ min: 0, max: 50_000_000 }),
            category: fc.constantFrom(...CATEGORIES),
          }),
          {
            maxLength: 10,
          },
        ),
        rate,
        fc.boolean(),
        fc.array(fc.record({ category: fc.constantFrom(...CATEGORIES), basisPoints: rate }), {
          maxLength: 4,
        }),
        (lines, basisPoints, inclusive, listed) => {
          const seen = new Set<string>();
          const byCategory = listed.filter((r) => !seen.has(r.category) && seen.add(r.category));
          const rule: TaxRule = { basisPoints, inclusive, byCategory };
          const t = taxSale(
            lines.map((l) => ({ net: eur(l.net), category: l.category })),
            rule,
            EUR,
          );
          const nets = lines.reduce((a, l) => a + l.net, 0);
          expect(t.lineTaxes.reduce((a, m) => a + m.minor, 0)).toBe(t.tax.minor);
          expect(t.rates.reduce((a, r) => a + r.tax.minor, 0)).toBe(t.tax.minor);
          expect(t.rates.reduce((a, r) => a + r.net.minor, 0)).toBe(nets);
          expect(t.beforeTax.minor + t.tax.minor).toBe(t.total.minor);
          expect(t.lineTaxes.every((m) => m.minor >= 0)).toBe(true);
          // Inclusive: the client pays the prices, whatever the rates.
          expect(t.total.minor).toBe(inclusive ? nets : nets + t.tax.minor);
          // Each rate appears once, highest first.
          const bps = t.rates.map((r) => r.basisPoints);
          expect(bps).toEqual([...new Set(bps)].sort((a, b) => b - a));
        },
      ),
    );
  });
});

describe('TAXCAT-5: a sale decided with category rates', () => {
  const code = (r: ReturnType<ReturnType<typeof world>['decide']>) => (r.ok ? 'accepted' : r.error.code);
  const sale = (tax: number, total: number) =>
    command(
      'sale.complete',
      {
        saleId: '01900000-0000-7000-8000-00000000c001',
        lines: [
          { serial: serial(1), price: eur(120_000) },
          { serial: serial(2), price: eur(527_500) },
        ],
        tax: eur(tax),
        total: eur(total),
        tenders: [{ kind: 'card', amount: eur(total), reference: 'x' }],
      },
      { user: USERS.associate },
    );
  const paris = (categories: boolean, rule: TaxRule | undefined = PARIS) => {
    const s = world(0);
    s.setStore(STORE, EUR, rule);
    s.setPiece(pieceState(1, { listPrice: eur(120_000) }));
    s.setPiece(pieceState(2, { listPrice: eur(527_500) }));
    if (categories) {
      s.setPieceCategory(serial(1), 'ring');
      s.setPieceCategory(serial(2), 'watch');
    }
    return s;
  };

  it('TAXCAT-5: the relay takes each line at its category rate and refuses the one-rate tax', () => {
    expect(code(paris(true).decide(sale(47_500, 647_500)))).toBe('accepted');
    // 20 % on everything (a till that ignored the watch rate): 647,500 / 1.2 → VAT 107,917.
    const wrong = paris(true).decide(sale(107_917, 647_500));
    expect(code(wrong)).toBe('tax-mismatch');
    expect(!wrong.ok && wrong.error.message).toMatch(/20 %, 5\.5 %/);
    expect(!wrong.ok && wrong.error.context).toMatchObject({
      expected: 47_500,
      rates: '2000:20000,550:27500',
    });
    expect(code(paris(true).decide(sale(47_500, 695_000)))).toBe('total-mismatch');
  });

  it('TAXCAT-5: a state that does not know a line’s category leaves the tax to the relay', () => {
    expect(code(paris(false).decide(sale(47_500, 647_500)))).toBe('accepted');
    expect(code(paris(false).decide(sale(107_917, 647_500)))).toBe('accepted');
    expect(code(paris(false).decide(sale(47_500, 700_000)))).toBe('total-mismatch');
  });

  it('TAXCAT-5: a store with one rate decides as before, categories known or not', () => {
    const one = { basisPoints: 2_000, inclusive: true };
    expect(code(paris(true, one).decide(sale(107_917, 647_500)))).toBe('accepted');
    expect(code(paris(false, one).decide(sale(47_500, 647_500)))).toBe('tax-mismatch');
  });
});

describe('receipt footer and per-rate receipt lines (store.ts, tax.ts)', () => {
  const store = {
    id: '01900000-0000-7000-8000-0000000000f1',
    name: 'Maison Loupe — Paris',
    currency: 'EUR',
    tax: PARIS,
    timeZone: 'Europe/Paris',
  };

  it('FOOTER-1: up to 4 trimmed lines of at most 42 characters; none when absent', () => {
    const ok = parseStore({ ...store, receiptFooter: ['  Returns within 30 days  ', 'x'.repeat(42)] });
    expect(ok.ok && ok.value.receiptFooter).toEqual(['Returns within 30 days', 'x'.repeat(42)]);
    expect(parseStore(store).ok && 'receiptFooter' in (unwrap(parseStore(store)) as object)).toBe(false);
    expect(parseReceiptFooter(['x'.repeat(43)]).ok).toBe(false);
    expect(parseReceiptFooter(['a', 'b', 'c', 'd', 'e']).ok).toBe(false);
    expect(parseReceiptFooter(['   ']).ok).toBe(false);
  });

  it('FOOTER-2, TAXCAT-1: store.update carries the footer ([] removes it) and a whole new tax rule', () => {
    const update = (changes: unknown) => {
      const c = command('store.update', { storeId: STORE, changes }, { user: USERS.owner });
      return c.type === 'store.update' ? c.payload.changes : undefined;
    };
    expect(update({ receiptFooter: [] })).toEqual({ receiptFooter: [] });
    expect(update({ tax: PARIS })?.tax).toEqual(PARIS);
    expect(() => update({ receiptFooter: ['x'.repeat(43)] })).toThrow(/at most 42 characters/);
  });

  it('FOOTER-3: the lines keep the order the owner wrote them in, as the receipt prints them', () => {
    const lines = ['Merci de votre visite', 'TVA FR 12 345678901', 'Retours sous 30 jours'];
    expect(unwrap(parseStore({ ...store, receiptFooter: lines })).receiptFooter).toEqual(lines);
  });

  it('TAXCAT-6: each rate of a sale has its own receipt line label, in the rate’s own words', () => {
    const t = taxSale(
      [
        { net: eur(120_000), category: 'ring' },
        { net: eur(527_500), category: 'watch' },
      ],
      PARIS,
      EUR,
    );
    expect(t.rates.map((r) => basisPointsPercent(r.basisPoints))).toEqual(['20', '5.5']);
  });
});
