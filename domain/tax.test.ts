import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from './money.ts';
import { parseTaxRule, ratePercent, taxOn } from './tax.ts';
import { command, EUR, eur, pieceState, STORE, serial, USERS, world } from './test-support.ts';

const VAT = { basisPoints: 2_000, inclusive: true } as const;
const SALES_TAX = { basisPoints: 888, inclusive: false } as const;

describe('tax', () => {
  it('TAX-1: a rule is a rate in basis points and whether prices include it', () => {
    expect(parseTaxRule({ basisPoints: 2_000, inclusive: true })).toEqual({ ok: true, value: VAT });
    expect(parseTaxRule({ basisPoints: 888 })).toEqual({ ok: true, value: SALES_TAX });
    expect(parseTaxRule({ basisPoints: 10_001 }).ok).toBe(false);
    expect(ratePercent(VAT)).toBe('20');
    expect(ratePercent(SALES_TAX)).toBe('8.88');
  });

  it('TAX-2: VAT-inclusive prices are what the client pays; the VAT is the part they contain', () => {
    // €1,200.00 at 20 % VAT included: €1,000.00 before VAT, €200.00 VAT, €1,200.00 total.
    expect(taxOn(eur(120_000), VAT)).toEqual({
      tax: eur(20_000),
      total: eur(120_000),
      beforeTax: eur(100_000),
    });
    // €9.99 at 20 %: 999 / 1.2 = 832.5 → 832 (half to even), VAT 167.
    expect(taxOn(eur(999), VAT)).toEqual({ tax: eur(167), total: eur(999), beforeTax: eur(832) });
  });

  it('TAX-2: exclusive tax is added on top, half to even', () => {
    const usd = (minor: number) => money(minor, 'USD' as typeof EUR);
    expect(taxOn(usd(100_000), SALES_TAX)).toEqual({
      tax: usd(8_880),
      total: usd(108_880),
      beforeTax: usd(100_000),
    });
    expect(taxOn(usd(50), { basisPoints: 1_000, inclusive: false }).tax).toEqual(usd(5));
  });

  it('TAX-3: inclusive or not, before tax + tax = total exactly, and the tax is never negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.boolean(),
        (minor, basisPoints, inclusive) => {
          const t = taxOn(eur(minor), { basisPoints, inclusive });
          expect(t.beforeTax.minor + t.tax.minor).toBe(t.total.minor);
          expect(t.tax.minor).toBeGreaterThanOrEqual(0);
          expect(inclusive ? t.total.minor : t.beforeTax.minor).toBe(minor);
        },
      ),
    );
  });
});

describe('SALE-7 with the store tax rule', () => {
  const sale = (tax: number, total: number) =>
    command(
      'sale.complete',
      {
        saleId: '01900000-0000-7000-8000-00000000a001',
        lines: [{ serial: serial(1), price: eur(120_000) }],
        tax: eur(tax),
        total: eur(total),
        tenders: [{ kind: 'card', amount: eur(total), reference: 'x' }],
      },
      { user: USERS.associate },
    );
  const code = (r: ReturnType<ReturnType<typeof world>['decide']>) => (r.ok ? 'accepted' : r.error.code);
  const inStore = (tax?: { basisPoints: number; inclusive: boolean }) => {
    const s = world(0);
    s.setStore(STORE, EUR, tax);
    s.setPiece(pieceState(1, { listPrice: eur(120_000) }));
    return s;
  };

  it('SALE-7, TAX-2: a VAT-inclusive store accepts total = lines with the VAT they include', () => {
    expect(code(inStore(VAT).decide(sale(20_000, 120_000)))).toBe('accepted');
  });

  it('SALE-7a: Paris, 20 % VAT included: a VAT that is not the rate is tax-mismatch, never total-mismatch', () => {
    // VAT added on top (a till that thought the store added tax): the VAT is not the 20 % included.
    expect(code(inStore(VAT).decide(sale(24_000, 144_000)))).toBe('tax-mismatch');
    expect(code(inStore(VAT).decide(sale(19_000, 120_000)))).toBe('tax-mismatch');
    expect(code(inStore(VAT).decide(sale(0, 120_000)))).toBe('tax-mismatch');
    const r = inStore(VAT).decide(sale(19_000, 120_000));
    expect(!r.ok && r.error.context).toMatchObject({ expected: 20_000, tax: 19_000 });
  });

  it('SALE-7b: Paris, 20 % VAT included: the right VAT with a total other than the lines is total-mismatch', () => {
    expect(code(inStore(VAT).decide(sale(20_000, 140_000)))).toBe('total-mismatch');
    expect(code(inStore(VAT).decide(sale(20_000, 119_999)))).toBe('total-mismatch');
  });

  it('SALE-7a, SALE-7b: New York, 8.88 % added at the till: the tax is the rate on the lines, the total lines + tax', () => {
    const usd = (minor: number) => money(minor, 'USD' as typeof EUR);
    const ny = (tax: number, total: number) =>
      command(
        'sale.complete',
        {
          saleId: '01900000-0000-7000-8000-00000000a002',
          lines: [{ serial: serial(1), price: usd(120_000), discount: usd(20_000) }],
          tax: usd(tax),
          total: usd(total),
          tenders: [{ kind: 'card', amount: usd(total), reference: 'x' }],
        },
        { user: USERS.associate },
      );
    const store = () => {
      const s = world(0);
      s.setStore(STORE, 'USD' as typeof EUR, SALES_TAX);
      s.setPiece(pieceState(1, { listPrice: usd(120_000) }));
      return s;
    };
    // Lines less discounts: $1,000.00; 8.88 % on top: $88.80; total $1,088.80.
    expect(code(store().decide(ny(8_880, 108_880)))).toBe('discount-above-limit');
    const manager = (c: ReturnType<typeof ny>) => ({ ...c, user: USERS.manager });
    expect(code(store().decide(manager(ny(8_880, 108_880))))).toBe('accepted');
    expect(code(store().decide(manager(ny(8_881, 108_881))))).toBe('tax-mismatch');
    expect(code(store().decide(manager(ny(0, 100_000))))).toBe('tax-mismatch');
    expect(code(store().decide(manager(ny(8_880, 108_881))))).toBe('total-mismatch');
    expect(code(store().decide(manager(ny(8_880, 100_000))))).toBe('total-mismatch');
  });

  it('SALE-7a: a tax-exclusive store refuses a tax that is not its rate, even when the total adds up', () => {
    const rule = { basisPoints: 2_000, inclusive: false };
    expect(code(inStore(rule).decide(sale(24_000, 144_000)))).toBe('accepted');
    expect(code(inStore(rule).decide(sale(20_000, 140_000)))).toBe('tax-mismatch');
    expect(code(inStore(rule).decide(sale(24_000, 140_000)))).toBe('total-mismatch');
  });

  it('SALE-7: a state that does not know the rule (a pre-check) accepts either consistent form', () => {
    expect(code(inStore().decide(sale(20_000, 120_000)))).toBe('accepted');
    expect(code(inStore().decide(sale(24_000, 144_000)))).toBe('accepted');
    expect(code(inStore().decide(sale(24_000, 150_000)))).toBe('total-mismatch');
  });
});
