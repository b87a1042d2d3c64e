import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ClientProfile, parseClient } from './client.ts';
import type { SerialNumber } from './ids.ts';
import type { CatalogPiece } from './piece.ts';
import { available, type RecoStock, reasonsFor, recommend } from './recommend.ts';
import { CLIENT, OTHER_CLIENT, OTHER_STORE, pieceRecord, STORE, serial } from './test-support.ts';

const NOW = '2026-06-30T12:00:00.000Z';
const client = (over: Record<string, unknown> = {}): ClientProfile => {
  const r = parseClient({
    id: CLIENT,
    names: { first: 'Ada', last: 'Lovelace' },
    preferences: { metals: ['rose-gold'], stones: ['Sapphire'], designers: ['Élise Marchand'] },
    ringSizes: [{ hand: 'left', finger: 'ring', size: '6.5', system: 'US' }],
    budget: { min: { minor: 100_000, currency: 'EUR' }, max: { minor: 500_000, currency: 'EUR' } },
    homeStore: STORE,
    createdAt: '2026-01-10T09:00:00.000Z',
    ...over,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const piece = (n: number, over: Partial<CatalogPiece> = {}): CatalogPiece => {
  const { cost: _c, ...p } = pieceRecord(n, { stones: [], metal: 'silver', category: 'brooch', ...over });
  return p;
};
const inStock: RecoStock = { status: 'in-stock', store: STORE };

describe('recommendations', () => {
  it('RECO-1: only pieces here and free, or reserved for this client, or held by a lapsed reservation', () => {
    expect(available(inStock, STORE, CLIENT, NOW)).toBe('free');
    expect(available({ ...inStock, store: OTHER_STORE }, STORE, CLIENT, NOW)).toBeUndefined();
    for (const status of ['sold', 'on-memo', 'in-repair', 'in-transit', 'returned', 'written-off'] as const)
      expect(available({ status, store: STORE }, STORE, CLIENT, NOW)).toBeUndefined();
    const reserved = { status: 'reserved', store: STORE } as const;
    expect(available({ ...reserved, reservedFor: CLIENT }, STORE, CLIENT, NOW)).toBe('theirs');
    expect(available({ ...reserved, reservedFor: OTHER_CLIENT }, STORE, CLIENT, NOW)).toBeUndefined();
    expect(
      available(
        { ...reserved, reservedFor: OTHER_CLIENT, reservedUntil: '2026-06-30T11:00:00.000Z' },
        STORE,
        CLIENT,
        NOW,
      ),
    ).toBe('free');
  });

  it('RECO-2: each match has its reason (accents and case ignored)', () => {
    const bought = [
      piece(90, { title: 'Rose band', category: 'ring', designer: 'Nadia K', collection: 'Aube' }),
    ];
    const p = piece(1, {
      metal: 'rose-gold',
      designer: 'elise marchand',
      category: 'earrings',
      collection: 'aube',
      stones: [{ kind: 'sapphire', milliCarats: 500 as never }],
      listPrice: { minor: 300_000, currency: 'EUR' as never },
    });
    const kinds = reasonsFor(p, client(), bought).map((r) => r.kind);
    expect(kinds).toEqual(['designer', 'metal', 'stone', 'same-collection', 'complements', 'within-budget']);
    const ring = piece(2, {
      category: 'ring',
      designer: 'Nadia K',
      listPrice: { minor: 50_000, currency: 'EUR' as never },
    });
    expect(reasonsFor(ring, client(), bought)).toEqual([
      { kind: 'same-designer', designer: 'Nadia K', bought: 'Rose band' },
      { kind: 'ring-size', size: '6.5', system: 'US' },
    ]);
  });

  it('RECO-3: best matches first, never above budget, never sold or reserved for someone else', () => {
    const pieces = [
      piece(1, { metal: 'rose-gold' }), // 3
      piece(2, {
        metal: 'rose-gold',
        designer: 'Élise Marchand',
        listPrice: { minor: 400_000, currency: 'EUR' as never },
      }), // 4+3+2
      piece(3, {
        metal: 'rose-gold',
        designer: 'Élise Marchand',
        listPrice: { minor: 900_000, currency: 'EUR' as never },
      }), // above budget
      piece(4, { metal: 'rose-gold' }), // sold
      piece(5, { metal: 'rose-gold' }), // reserved for someone else
      piece(6, { metal: 'silver' }), // no match
      piece(7, { metal: 'rose-gold' }), // bought by the client
    ];
    const stock = (s: SerialNumber): RecoStock =>
      s === serial(4)
        ? { status: 'sold', store: STORE }
        : s === serial(5)
          ? { status: 'reserved', store: STORE, reservedFor: OTHER_CLIENT }
          : inStock;
    const out = recommend({
      client: client(),
      store: STORE,
      now: NOW,
      pieces,
      stock,
      purchases: [serial(7)],
    });
    expect(out.map((r) => r.serial)).toEqual([serial(2), serial(1)]);
    expect(out[0]?.score).toBe(9);
  });

  it('RECO-3: every suggestion is available, within budget and has a matching reason (property)', () => {
    const statuses = ['in-stock', 'reserved', 'sold', 'on-memo'] as const;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            metal: fc.constantFrom('rose-gold', 'silver', 'platinum'),
            price: fc.integer({ min: 1, max: 1_000_000 }),
            status: fc.constantFrom(...statuses),
            forOther: fc.boolean(),
          }),
          { maxLength: 30 },
        ),
        (specs) => {
          const pieces = specs.map((s, i) =>
            piece(i + 1, { metal: s.metal, listPrice: { minor: s.price, currency: 'EUR' as never } }),
          );
          const stock = (ser: SerialNumber): RecoStock => {
            const s = specs[Number(ser.slice(-6)) - 1];
            return {
              status: s?.status ?? 'sold',
              store: STORE,
              reservedFor: s?.forOther ? OTHER_CLIENT : CLIENT,
            };
          };
          const out = recommend({ client: client(), store: STORE, now: NOW, pieces, stock, purchases: [] });
          return out.every((r) => {
            const s = specs[Number(r.serial.slice(-6)) - 1];
            return (
              !!s &&
              s.price <= 500_000 &&
              (s.status === 'in-stock' || (s.status === 'reserved' && !s.forOther)) &&
              r.reasons.length > 0
            );
          });
        },
      ),
    );
  });
});
