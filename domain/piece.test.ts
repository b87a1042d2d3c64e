import { describe, expect, it } from 'vitest';
import { parsePiece, purityOf } from './piece.ts';
import { canTransition, isSellable, PIECE_STATUSES, type PieceStatus } from './piece-status.ts';
import { pieceRecord } from './test-support.ts';

const LEGAL: readonly (readonly [PieceStatus, PieceStatus])[] = [
  ['in-stock', 'reserved'],
  ['in-stock', 'on-memo'],
  ['in-stock', 'sold'],
  ['in-stock', 'in-repair'],
  ['in-stock', 'in-transit'],
  ['reserved', 'in-stock'],
  ['reserved', 'sold'],
  ['on-memo', 'in-stock'],
  ['sold', 'returned'],
  ['sold', 'in-stock'],
  ['returned', 'in-stock'],
  ['returned', 'in-repair'],
  ['in-repair', 'in-stock'],
  ['in-transit', 'in-stock'],
  // WRITEOFF-3: from anywhere at the store but sold and in transit; nothing leaves written-off.
  ['in-stock', 'written-off'],
  ['reserved', 'written-off'],
  ['on-memo', 'written-off'],
  ['returned', 'written-off'],
  ['in-repair', 'written-off'],
];
const isLegal = (from: PieceStatus, to: PieceStatus) => LEGAL.some(([f, t]) => f === from && t === to);
const ALL_PAIRS = PIECE_STATUSES.flatMap((from) => PIECE_STATUSES.map((to) => [from, to] as const));

describe('piece status machine', () => {
  it.each(LEGAL)('PIECE-3: %s → %s is allowed', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each(ALL_PAIRS.filter(([f, t]) => !isLegal(f, t)))('PIECE-3: %s → %s is refused', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('PIECE-4: only pieces in stock or reserved are sellable', () => {
    expect(PIECE_STATUSES.filter(isSellable)).toEqual(['in-stock', 'reserved']);
  });
});

describe('parsePiece', () => {
  const json = (p: unknown) => JSON.parse(JSON.stringify(p));

  it('PIECE-1: a complete record parses; serials are normalised', () => {
    const r = parsePiece(json({ ...pieceRecord(1), serial: ' lp-26-000001 ' }));
    expect(r.ok && r.value.serial).toBe('LP-26-000001');
    expect(r.ok && r.value.stones[0]?.clarity).toBe('VS1');
  });

  it('PIECE-1: invalid input is refused with the path of the problem', () => {
    const cases: [unknown, string][] = [
      [{ ...pieceRecord(1), category: 'tiara' }, 'category'],
      [{ ...pieceRecord(1), listPrice: { minor: -1, currency: 'EUR' } }, 'listPrice.minor'],
      [{ ...pieceRecord(1), stones: [{ kind: 'diamond', carat: 0 }] }, 'stones[0].carat'],
      [{ ...pieceRecord(1), stones: [{ kind: 'diamond', milliCarats: 0 }] }, 'stones[0].milliCarats'],
      [
        {
          ...pieceRecord(1),
          stones: [{ kind: 'diamond', milliCarats: 1_000, certificate: { lab: 'XYZ', number: '1' } }],
        },
        'stones[0].certificate.lab',
      ],
      [{ ...pieceRecord(1), location: { kind: 'drawer', label: 'x' } }, 'location.kind'],
      [{ ...pieceRecord(1), store: 'nope' }, 'store'],
    ];
    for (const [input, path] of cases) {
      const r = parsePiece(json(input));
      expect(r.ok ? null : r.error.path, path).toBe(path);
    }
  });

  it('PIECE-2: karat applies to gold only and must agree with fineness', () => {
    expect(parsePiece(json(pieceRecord(1, { metal: 'yellow-gold', karat: 18, fineness: 750 }))).ok).toBe(
      true,
    );
    expect(parsePiece(json(pieceRecord(1, { metal: 'rose-gold', karat: 14, fineness: 585 }))).ok).toBe(true);
    expect(parsePiece(json(pieceRecord(1, { metal: 'yellow-gold', karat: 18, fineness: 585 }))).ok).toBe(
      false,
    );
    expect(parsePiece(json(pieceRecord(1, { metal: 'platinum', karat: 18 }))).ok).toBe(false);
  });
});

describe('purity', () => {
  it('PIECE-5: gold in karats, platinum, silver and palladium in fineness (‰), never a fineness as karats', () => {
    expect(purityOf('yellow-gold', 18, 750)).toEqual({ scale: 'karat', value: 18, label: '18k' });
    expect(purityOf('white gold', undefined, 585)).toEqual({ scale: 'karat', value: 14, label: '14k' });
    expect(purityOf('platinum', undefined, 950)).toEqual({ scale: 'fineness', value: 950, label: '950 ‰' });
    expect(purityOf('silver', undefined, 925)?.label).toBe('925 ‰');
    expect(purityOf('palladium', undefined, 500)?.scale).toBe('fineness');
    // 904L is a steel grade, not a fineness; titanium has none.
    expect(purityOf('other', undefined, 904)).toBeUndefined();
    expect(purityOf('titanium', undefined, undefined)).toBeUndefined();
    expect(purityOf('platinum', 18, undefined)).toBeUndefined();
  });
});
