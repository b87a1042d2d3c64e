import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currency, money } from '../../../domain/money.ts';
import { type CartLine, cashTender, isSettled, priceCart } from './cart.ts';

const EUR = currency('EUR');
const eur = (minor: number) => money(minor, EUR);
const ring: CartLine = { serial: 'LP-1', title: 'Solitaire', price: eur(1_250_000) };
const studs: CartLine = { serial: 'LP-2', title: 'Studs', price: eur(349_999) };
const exclusive = { basisPoints: 825, inclusive: false };

describe('cart arithmetic', () => {
  it('applies the discount per line, then tax on the discounted amount', () => {
    const t = priceCart([ring, studs], 1_000, exclusive, [], EUR);
    expect(t.subtotal).toEqual(eur(1_599_999));
    // 10 % of 349 999 = 34 999.9 → 35 000 (half-even rounds .9 up)
    expect(t.lines.map((l) => l.discount.minor)).toEqual([125_000, 35_000]);
    expect(t.discount).toEqual(eur(160_000));
    // 8.25 % of 1 439 999 = 118 799.9175 → 118 800
    expect(t.tax).toEqual(eur(118_800));
    expect(t.total).toEqual(eur(1_558_799));
    expect(t.due).toEqual(t.total);
  });

  it('with tax-inclusive prices the total is the net and the tax is the part inside it', () => {
    const t = priceCart([ring], 0, { basisPoints: 2_000, inclusive: true }, [], EUR);
    expect(t.total).toEqual(eur(1_250_000));
    expect(t.tax).toEqual(eur(208_333));
  });

  it('split tenders settle the sale; cash over the rest gives change', () => {
    const base = priceCart([studs], 0, { basisPoints: 0, inclusive: false }, [], EUR);
    const card = { kind: 'card' as const, amount: eur(300_000), reference: 'AUTH-1234' };
    const half = priceCart([studs], 0, { basisPoints: 0, inclusive: false }, [card], EUR);
    expect(half.due).toEqual(eur(49_999));
    const cash = cashTender(eur(50_000), half.due);
    const done = priceCart([studs], 0, { basisPoints: 0, inclusive: false }, [card, cash], EUR);
    expect(done.due).toEqual(eur(0));
    expect(done.change).toEqual(eur(1));
    expect(isSettled(done)).toBe(true);
    expect(isSettled(base)).toBe(false);
  });

  it('a card over the total is flagged, never turned into change', () => {
    const t = priceCart([studs], 0, exclusive, [{ kind: 'card', amount: eur(10_000_000) }], EUR);
    expect(t.overpaid).toBe(true);
    expect(t.change).toEqual(eur(0));
    expect(isSettled(t)).toBe(false);
  });

  it('for any prices and rates, lines add up: subtotal − discount + tax = total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 3_000 }),
        (prices, bp, tax) => {
          const lines = prices.map((p, i) => ({ serial: `LP-${i}`, title: '', price: eur(p) }));
          const t = priceCart(lines, bp, { basisPoints: tax, inclusive: false }, [], EUR);
          expect(t.subtotal.minor - t.discount.minor + t.tax.minor).toBe(t.total.minor);
          expect(t.lines.reduce((s, l) => s + l.net.minor, 0)).toBe(t.subtotal.minor - t.discount.minor);
          expect(t.discount.minor).toBeLessThanOrEqual(t.subtotal.minor);
        },
      ),
    );
  });
});
