import { describe, expect, it } from 'vitest';
import { newCommandId, newDeviceId, newSaleId, newStoreId, newUserId } from '../../../domain/ids.ts';
import type { PieceStatus } from '../../../domain/piece-status.ts';
import { TAX_CASES } from '../../../sync/shared/sale-tax-cases.support.test.ts';
import type { Command, PieceView, StockView } from '../local/records.ts';
import { storeTaxRule } from './cart.ts';
import { precheck } from './precheck.ts';

const store = newStoreId();
const user = newUserId();
const eur = (minor: number) => ({ minor, currency: 'EUR' });
const piece = { serial: 'LP-24-000001', price: eur(100_000) } as PieceView;
const stock = (status: PieceStatus): Record<string, StockView> => ({
  'LP-24-000001': { status, location: '', reservedFor: null, updatedAt: '' },
});
const sale = (total: number): Command => ({
  id: newCommandId(),
  type: 'sale.complete',
  store,
  device: newDeviceId(),
  user,
  at: new Date().toISOString(),
  payload: {
    saleId: newSaleId(),
    lines: [{ serial: 'LP-24-000001', price: eur(100_000) }],
    tax: eur(20_000),
    total: eur(total),
    tenders: [{ kind: 'card', amount: eur(total), reference: 'T-1' }],
  },
});
const input = (status: PieceStatus) => ({
  store,
  currency: 'EUR',
  pieces: { 'LP-24-000001': piece },
  stock: stock(status),
  users: [{ id: user, role: 'associate' as const }],
});

describe('offline pre-check with the domain decide', () => {
  it('accepts a consistent sale of a piece in stock', () => {
    expect(precheck(sale(120_000), input('in-stock')).ok).toBe(true);
  });
  it('stops a sale of a piece this till knows is sold', () => {
    const r = precheck(sale(120_000), input('sold'));
    expect(r.ok).toBe(false);
  });
  it('stops a total that does not add up', () => {
    const r = precheck(sale(119_999), input('in-stock'));
    expect(!r.ok && r.error.code).toBe('total-mismatch');
  });
  it('SALE-12: a reservation for another client stops the sale until it expires, then the sale goes', () => {
    const reserved = (reservedUntil: string) => ({
      ...input('reserved'),
      stock: {
        'LP-24-000001': {
          status: 'reserved' as const,
          location: '',
          reservedFor: 'c-7',
          reservedUntil,
          updatedAt: '',
        },
      },
    });
    const c = sale(120_000);
    const later = new Date(Date.parse(c.at) + 60_000).toISOString();
    const earlier = new Date(Date.parse(c.at) - 60_000).toISOString();
    const held = precheck(c, reserved(later));
    expect(!held.ok && held.error.code).toBe('piece-reserved-for-other-client');
    expect(precheck(c, reserved(earlier)).ok).toBe(true);
  });

  it.each(TAX_CASES)('SALE-7a, SALE-7b: $name is $code at the till, as at the relay', (c) => {
    // The rule comes from the till's store record, as the cart reads it.
    const record = { tax: { basisPoints: c.rule.basisPoints, inclusive: c.rule.inclusive } };
    const envelope: Command = {
      ...sale(c.total),
      payload: {
        saleId: newSaleId(),
        lines: [{ serial: 'LP-24-000001', price: eur(c.price) }],
        tax: eur(c.tax),
        total: eur(c.total),
        tenders: [{ kind: 'card', amount: eur(c.total), reference: 'T-1' }],
      },
    };
    const r = precheck(envelope, { ...input('in-stock'), tax: storeTaxRule(record) });
    expect(r.ok ? 'accepted' : r.error.code).toBe(c.code);
  });

  it('SALE-7: without its store record the till lets either consistent form through; the relay decides', () => {
    const vatOnTop = sale(120_000);
    expect(precheck(vatOnTop, input('in-stock')).ok).toBe(true);
    expect(storeTaxRule(undefined)).toBeUndefined();
  });
});
