import { describe, expect, it } from 'vitest';
import type { PieceStatus } from '../../../domain/piece-status.ts';
import type { PieceView, StockView } from '../local/records.ts';
import { EMPTY_FILTER, facets, filterPieces } from './piece-filter.ts';

const piece = (serial: string, over: Partial<PieceView>): PieceView => ({
  serial,
  style: 'RG-01',
  title: 'Piece',
  category: 'ring',
  designer: 'Maison A',
  collection: '',
  metal: 'yellow gold',
  karat: '18k',
  purity: { scale: 'karat', value: 18, label: '18k' },
  weightMg: 3_000,
  stones: [],
  certificates: [],
  price: { minor: 100_000, currency: 'EUR' },
  store: 's',
  location: '',
  ...over,
});
const pieces = {
  'LP-1': piece('LP-1', {
    title: 'Solitaire',
    stones: [{ kind: 'diamond', milliCarats: 1_000, carat: '1.00', detail: '' }],
    price: { minor: 1_250_000, currency: 'EUR' },
  }),
  'LP-2': piece('LP-2', {
    metal: 'platinum',
    karat: '950 ‰',
    purity: { scale: 'fineness', value: 950, label: '950 ‰' },
    designer: 'Atelier B',
  }),
  'LP-3': piece('LP-3', {
    title: 'Sapphire studs',
    stones: [{ kind: 'sapphire', milliCarats: 500, carat: '0.50', detail: '' }],
  }),
  'LP-4': piece('LP-4', {
    metal: 'silver',
    karat: '925 ‰',
    purity: { scale: 'fineness', value: 925, label: '925 ‰' },
  }),
};
const st = (status: PieceStatus): StockView => ({ status, location: '', reservedFor: null, updatedAt: '' });
const stock = { 'LP-1': st('in-stock'), 'LP-2': st('sold'), 'LP-3': st('in-stock'), 'LP-4': st('sold') };
const serials = (f: Partial<typeof EMPTY_FILTER>) =>
  filterPieces(pieces, stock, { ...EMPTY_FILTER, ...f }).rows.map((r) => r.piece.serial);

describe('inventory filters', () => {
  it('filter by metal, karat, stone, designer and status', () => {
    expect(serials({ metal: 'platinum' })).toEqual(['LP-2']);
    expect(serials({ purity: '18k' })).toEqual(['LP-1', 'LP-3']);
    expect(serials({ stone: 'diamond' })).toEqual(['LP-1']);
    expect(serials({ designer: 'Atelier B' })).toEqual(['LP-2']);
    expect(serials({ status: 'in-stock' })).toEqual(['LP-1', 'LP-3']);
  });
  it('filter by price range in major units and by free text', () => {
    expect(serials({ minPrice: '5000' })).toEqual(['LP-1']);
    expect(serials({ maxPrice: '1000' })).toEqual(['LP-2', 'LP-3', 'LP-4']);
    expect(serials({ text: 'sapph' })).toEqual(['LP-3']);
  });
  it('facets list the values present', () => {
    expect(facets(pieces).stone).toEqual(['diamond', 'sapphire']);
  });
  it('PIECE-5: karats list gold only; platinum and silver are offered by fineness (‰), and filter so', () => {
    expect(facets(pieces).karat).toEqual(['18k']);
    expect(facets(pieces).fineness).toEqual(['925 ‰', '950 ‰']);
    expect(serials({ purity: '950 ‰' })).toEqual(['LP-2']);
    expect(serials({ purity: '925 ‰' })).toEqual(['LP-4']);
  });
});

describe('inventory scope', () => {
  it('shows only pieces of the store (or held in its stock)', () => {
    const other = { ...pieces, 'NY-1': piece('NY-1', { store: 'ny' }) };
    const rows = filterPieces(other, stock, EMPTY_FILTER, 200, 's').rows.map((r) => r.piece.serial);
    expect(rows).toEqual(['LP-1', 'LP-2', 'LP-3', 'LP-4']);
  });
});
