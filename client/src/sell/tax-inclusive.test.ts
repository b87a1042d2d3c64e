import { describe, expect, it } from 'vitest';
import { refundableFor } from '../../../domain/decide-return.ts';
import { currency } from '../../../domain/money.ts';
import type { Command } from '../local/records.ts';
import { priceCart, taxLabel } from './cart.ts';
import { readSale } from './sale-record.ts';

const EUR = currency('EUR');
const eur = (minor: number) => ({ minor, currency: EUR });
const PARIS = { basisPoints: 2_000, inclusive: true };

describe('VAT-inclusive store (TAX-2)', () => {
  it('TAX-2: the client pays the ticket price; the VAT is the part it includes', () => {
    const ring = { serial: 'LP-1', title: 'Ring', price: eur(120_000) };
    const t = priceCart([ring], 0, PARIS, [], EUR);
    expect([t.total.minor, t.tax.minor]).toEqual([120_000, 20_000]);
  });

  it('RET-3: returning a line of an inclusive sale refunds its price, not price + VAT again', () => {
    const sale: Command = {
      id: 'c1',
      type: 'sale.complete',
      store: 's',
      device: 'd',
      user: 'u',
      at: '2026-11-25T10:00:00.000Z',
      payload: {
        saleId: 'sale-1',
        lines: [
          { serial: 'LP-1', price: eur(120_000) },
          { serial: 'LP-2', price: eur(60_000) },
        ],
        tax: eur(30_000),
        total: eur(180_000),
        tenders: [{ kind: 'card', amount: eur(180_000), reference: 'T-1' }],
      },
    };
    const s = readSale(sale);
    expect(s && refundableFor(s, new Set(['LP-1'])).minor).toBe(120_000);
    expect(s && refundableFor(s, new Set(['LP-1', 'LP-2'])).minor).toBe(180_000);
  });

  it('TAX-2: the receipt names VAT included with its rate, or tax added with its rate', () => {
    expect(taxLabel({ basisPoints: 2_000, inclusive: true })).toBe('VAT included (20 %)');
    expect(taxLabel({ basisPoints: 888, inclusive: false })).toBe('Tax (8.88 %)');
  });
});
