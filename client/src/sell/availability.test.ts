import { describe, expect, it } from 'vitest';
import type { PieceStatus } from '../../../domain/piece-status.ts';
import type { PieceView, StockView } from '../local/records.ts';
import { type AvailabilityInput, checkAvailability } from './availability.ts';

const piece = (serial: string): PieceView => ({
  serial,
  style: 'RG-01',
  title: 'Solitaire ring',
  category: 'ring',
  designer: '',
  collection: '',
  metal: 'platinum',
  karat: '950 ‰',
  weightMg: 4_000,
  stones: [],
  certificates: [],
  price: { minor: 100, currency: 'EUR' },
  store: 's1',
  location: 'Case 1',
});
const at = (status: PieceStatus, reservedFor: string | null = null): StockView => ({
  status,
  location: '',
  reservedFor,
  updatedAt: '',
});

const input = (over: Partial<AvailabilityInput> = {}): AvailabilityInput => ({
  pieces: { 'LP-1': piece('LP-1'), 'LP-2': piece('LP-2') },
  stock: { 'LP-1': at('in-stock'), 'LP-2': at('sold') },
  store: 's1',
  inCart: new Set(),
  pendingSold: new Set(),
  ...over,
});

describe('availability pre-check', () => {
  it('a piece in stock goes in the cart, whatever case the scanner sent', () => {
    expect(checkAvailability('lp-1', input()).ok).toBe(true);
  });
  it('explains why a piece cannot be sold', () => {
    const r = checkAvailability('LP-2', input());
    expect(!r.ok && r.error.message).toMatch(/already been sold/);
    const u = checkAvailability('LP-9', input());
    expect(!u.ok && u.error.code).toBe('piece-unknown');
    const bad = checkAvailability('??', input());
    expect(!bad.ok && bad.error.code).toBe('invalid-serial');
  });
  it('a piece sold on this till but not yet confirmed cannot be sold twice', () => {
    const r = checkAvailability('LP-1', input({ pendingSold: new Set(['LP-1']) }));
    expect(!r.ok && r.error.code).toBe('pending-sale');
  });
  it('a reservation lets only its client buy the piece', () => {
    const stock = { 'LP-1': at('reserved', 'c-7') };
    expect(checkAvailability('LP-1', input({ stock })).ok).toBe(false);
    expect(checkAvailability('LP-1', input({ stock, clientId: 'c-7' })).ok).toBe(true);
  });
  it('SALE-12: a reservation for another client that has expired lets the piece be scanned and sold', () => {
    const stock = { 'LP-1': { ...at('reserved', 'c-7'), reservedUntil: '2026-03-01T09:00:00.000Z' } };
    const before = '2026-03-01T08:59:59.999Z';
    const after = '2026-03-01T09:00:00.000Z';
    const held = checkAvailability('LP-1', input({ stock, clientId: 'c-8', at: before }));
    expect(!held.ok && held.error.message).toMatch(/reserved for another client/);
    expect(checkAvailability('LP-1', input({ stock, clientId: 'c-8', at: after })).ok).toBe(true);
    expect(checkAvailability('LP-1', input({ stock, at: after })).ok).toBe(true);
    // The till's own checks still come first: in the cart, or sold here and not yet decided.
    const inCart = checkAvailability('LP-1', input({ stock, at: after, inCart: new Set(['LP-1']) }));
    expect(!inCart.ok && inCart.error.code).toBe('in-cart');
    const pending = checkAvailability('LP-1', input({ stock, at: after, pendingSold: new Set(['LP-1']) }));
    expect(!pending.ok && pending.error.code).toBe('pending-sale');
  });
  it('the same piece cannot be scanned twice into one cart', () => {
    const r = checkAvailability('LP-1', input({ inCart: new Set(['LP-1']) }));
    expect(!r.ok && r.error.code).toBe('in-cart');
  });
});
