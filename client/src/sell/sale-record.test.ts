import { describe, expect, it } from 'vitest';
import type { Command } from '../local/records.ts';
import { readSale, refundFor } from './sale-record.ts';

const eur = (minor: number) => ({ minor, currency: 'EUR' });
const command: Command = {
  id: 'c1',
  type: 'sale.complete',
  store: 's',
  device: 'd',
  user: 'u',
  at: '2026-11-25T10:00:00.000Z',
  payload: {
    saleId: 'sale-1',
    lines: [
      { serial: 'LP-1', price: eur(100_000), discount: eur(10_000) },
      { serial: 'LP-2', price: eur(50_001) },
    ],
    tax: eur(11_250),
    total: eur(151_251),
    tenders: [{ kind: 'card', amount: eur(151_251), reference: 'T-1' }],
  },
};

describe('sale record', () => {
  it('returning every piece refunds exactly the total', () => {
    const sale = readSale(command)!;
    expect(refundFor(sale, new Set(['LP-1', 'LP-2']))).toEqual(sale.total);
  });
  it('a partial return refunds the net price and that line’s share of the tax', () => {
    const sale = readSale(command)!;
    const one = refundFor(sale, new Set(['LP-1']));
    const two = refundFor(sale, new Set(['LP-2']));
    expect(one.minor + two.minor).toBe(151_251);
    expect(one.minor).toBe(90_000 + Math.round((11_250 * 90_000) / 140_001));
  });
});
