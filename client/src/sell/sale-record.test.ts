import { describe, expect, it } from 'vitest';
import { refundableFor } from '../../../domain/decide-return.ts';
import type { Command } from '../local/records.ts';
import { proposeRefunds, readSale } from './sale-record.ts';

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
  it("a return refunds the returned lines' net and their share of the tax (RET-3), all of it for all lines", () => {
    const sale = readSale(command)!;
    expect(refundableFor(sale, new Set(['LP-1']))).toEqual({ minor: 97_232, currency: 'EUR' });
    expect(refundableFor(sale, new Set(['LP-2'])).minor).toBe(54_019);
    expect(refundableFor(sale, new Set(['LP-1', 'LP-2'])).minor).toBe(151_251);
  });
  it('each line carries its share of the tax, and the shares add up to the tax', () => {
    const sale = readSale(command)!;
    expect(sale.lines.reduce((s, l) => s + l.taxShare.minor, 0)).toBe(11_250);
  });
});

describe('sale record with its rates (TAXCAT-7)', () => {
  // New York: a ring at 8.88 % and a watch at 4 %, tax added on top: 8,880 + 4,000.
  const ny: Command = {
    ...command,
    payload: {
      saleId: 'sale-2',
      lines: [
        { serial: 'LP-1', price: eur(100_000) },
        { serial: 'LP-2', price: eur(100_000) },
      ],
      tax: eur(12_880),
      total: eur(212_880),
      tenders: [{ kind: 'card', amount: eur(212_880), reference: 'T-2' }],
    },
  };
  const saleTax = {
    inclusive: false,
    rates: [
      { basisPoints: 888, netMinor: 100_000, taxMinor: 8_880, serials: ['LP-1'] },
      { basisPoints: 400, netMinor: 100_000, taxMinor: 4_000, serials: ['LP-2'] },
    ],
  };
  it('RET-3, TAXCAT-9: with the rates the relay recorded, each line refunds its own rate’s tax', () => {
    const sale = readSale(ny, saleTax)!;
    expect(sale.lines.map((l) => l.taxShare.minor)).toEqual([8_880, 4_000]);
    expect(refundableFor(sale, new Set(['LP-2'])).minor).toBe(104_000);
    // A ledger entry brings its own record.
    expect(readSale({ ...ny, saleTax } as Command)?.lines.map((l) => l.taxShare.minor)).toEqual([
      8_880, 4_000,
    ]);
  });
  it('RET-3: before the relay decided (no record), the tax is shared by price as before', () => {
    expect(readSale(ny)?.lines.map((l) => l.taxShare.minor)).toEqual([6_440, 6_440]);
  });
});

describe('refund proposal', () => {
  const split = readSale({
    ...command,
    payload: {
      ...(command.payload as object),
      tenders: [
        { kind: 'card', amount: eur(100_000), reference: 'T-9' },
        { kind: 'cash', amount: eur(51_251), tendered: eur(60_000) },
      ],
    },
  })!;
  it('a sale paid by card and cash is refunded the same way, to the cent', () => {
    const all = proposeRefunds(split, refundableFor(split, new Set(['LP-1', 'LP-2'])));
    expect(all).toEqual([
      { kind: 'card', amount: eur(100_000), reference: 'T-9' },
      { kind: 'cash', amount: eur(51_251) },
    ]);
    const part = proposeRefunds(split, refundableFor(split, new Set(['LP-2'])));
    expect(part.map((r) => r.kind)).toEqual(['card', 'cash']);
    expect(part.reduce((n, r) => n + r.amount.minor, 0)).toBe(54_019);
  });
});
