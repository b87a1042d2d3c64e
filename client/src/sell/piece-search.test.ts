import { describe, expect, it } from 'vitest';
import type { PieceStatus } from '../../../domain/piece-status.ts';
import type { PieceView, StockView } from '../local/records.ts';
import { searchPieces } from './piece-search.ts';

const piece = (serial: string, title: string, over: Partial<PieceView> = {}): PieceView => ({
  serial,
  style: 'RG-01',
  title,
  category: 'ring',
  designer: 'Maison Loupe',
  collection: 'Étoile',
  metal: 'platinum',
  karat: '950',
  weightMg: 4000,
  stones: [],
  certificates: [],
  price: { minor: 100, currency: 'EUR' },
  store: 's',
  location: '',
  ...over,
});
const stock = (status: PieceStatus): StockView => ({
  status,
  location: '',
  reservedFor: null,
  updatedAt: '',
});

const pieces = {
  'LP-1': piece('LP-1', 'Solitaire ring', { certificates: [{ lab: 'GIA', number: '2141438167' }] }),
  'LP-2': piece('LP-2', 'Solitaire pendant', { designer: 'Cartier' }),
  'LP-3': piece('LP-3', 'Tennis bracelet'),
};
const stocks = { 'LP-1': stock('sold'), 'LP-2': stock('in-stock'), 'LP-3': stock('in-stock') };

describe('finding a piece by what the client says', () => {
  it('by title, sellable pieces first', () => {
    const r = searchPieces({ pieces, stock: stocks }, 'solitaire');
    expect(r.map((m) => [m.piece.serial, m.sellable])).toEqual([
      ['LP-2', true],
      ['LP-1', false],
    ]);
  });
  it('by designer, collection without accents, certificate number, style, words in any order', () => {
    expect(searchPieces({ pieces, stock: stocks }, 'cartier').map((m) => m.piece.serial)).toEqual(['LP-2']);
    expect(searchPieces({ pieces, stock: stocks }, 'etoile tennis').map((m) => m.piece.serial)).toEqual([
      'LP-3',
    ]);
    expect(searchPieces({ pieces, stock: stocks }, '2141438').map((m) => m.piece.serial)).toEqual(['LP-1']);
    const styleOf = (s: string) => (s === 'LP-3' ? 'MAI-BR-412' : '');
    expect(searchPieces({ pieces, stock: stocks, styleOf }, 'mai-br-412').map((m) => m.piece.serial)).toEqual(
      ['LP-3'],
    );
  });
  it('nothing for one letter', () => {
    expect(searchPieces({ pieces, stock: stocks }, 's')).toEqual([]);
  });
});
