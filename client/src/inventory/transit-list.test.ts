import { describe, expect, it } from 'vitest';
import type { PieceView, StockView } from '../local/records.ts';
import { statusText } from './InventoryPage.tsx';
import { EMPTY_FILTER, filterPieces } from './piece-filter.ts';

const piece = (serial: string, store: string): PieceView => ({
  serial,
  style: 'RG-01',
  title: 'Piece',
  category: 'ring',
  designer: '',
  collection: '',
  metal: 'platinum',
  karat: '950 ‰',
  purity: { scale: 'fineness', value: 950, label: '950 ‰' },
  weightMg: 3_000,
  stones: [],
  certificates: [],
  price: { minor: 100_000, currency: 'EUR' },
  store,
  location: '',
});
const entry = (status: StockView['status'], transit?: { to?: string; from?: string }): StockView => ({
  status,
  location: '',
  reservedFor: null,
  updatedAt: '2026-12-01T10:00:00.000Z',
  ...(transit?.to ? { transitTo: transit.to } : {}),
  ...(transit?.from ? { transitFrom: transit.from } : {}),
});
const names: Record<string, string> = { paris: 'Loupe Paris', ny: 'Loupe New York' };
const name = (id: string) => names[id] ?? id;

describe('pieces in transit in the sender’s inventory list', () => {
  // Paris sent LP-2 to New York: the catalog record names New York; Paris's stock says in transit.
  const pieces = { 'LP-1': piece('LP-1', 'paris'), 'LP-2': piece('LP-2', 'ny') };
  const sender = { 'LP-1': entry('in-stock'), 'LP-2': entry('in-transit', { to: 'ny' }) };
  const receiver = { 'LP-2': entry('in-transit', { from: 'paris' }) };

  it('TRANSIT-3: the sender lists the piece it sent, as in transit to the destination', () => {
    const { rows } = filterPieces(pieces, sender, EMPTY_FILTER, 200, 'paris');
    expect(rows.map((r) => [r.piece.serial, statusText(r, name)])).toEqual([
      ['LP-1', 'in stock'],
      ['LP-2', 'in transit to Loupe New York'],
    ]);
  });

  it('TRANSIT-3, TRANSIT-4: the "in transit" filter shows it on both sides, each naming the other store', () => {
    const inTransit = { ...EMPTY_FILTER, status: 'in-transit' };
    const atSender = filterPieces(pieces, sender, inTransit, 200, 'paris').rows;
    const atReceiver = filterPieces(
      { 'LP-2': pieces['LP-2'] as PieceView },
      receiver,
      inTransit,
      200,
      'ny',
    ).rows;
    expect(atSender.map((r) => r.piece.serial)).toEqual(['LP-2']);
    expect(atReceiver.map((r) => r.piece.serial)).toEqual(['LP-2']);
    expect(atReceiver.map((r) => statusText(r, name))).toEqual(['in transit from Loupe Paris']);
  });

  it('TRANSIT-4: the search finds it by the other store’s name, on both sides', () => {
    const text = (q: string) => ({ ...EMPTY_FILTER, text: q });
    const received = { 'LP-2': pieces['LP-2'] as PieceView };
    const atReceiver = (q: string) =>
      filterPieces(received, receiver, text(q), 200, 'ny', name).rows.map((r) => r.piece.serial);
    expect(atReceiver('paris')).toEqual(['LP-2']);
    expect(atReceiver('new york')).toEqual([]);
    expect(
      filterPieces(pieces, sender, text('new york'), 200, 'paris', name).rows.map((r) => r.piece.serial),
    ).toEqual(['LP-2']);
    // An entry without a transit (no longer on its way) is not found by a store's name.
    expect(
      filterPieces(received, { 'LP-2': entry('in-stock') }, text('paris'), 200, 'ny', name).rows,
    ).toEqual([]);
  });

  it('TRANSIT-3: once received, the sender’s projection drops it and the list no longer shows it', () => {
    const { rows } = filterPieces(
      { 'LP-1': pieces['LP-1'] as PieceView },
      { 'LP-1': sender['LP-1'] },
      EMPTY_FILTER,
      200,
      'paris',
    );
    expect(rows.map((r) => r.piece.serial)).toEqual(['LP-1']);
  });
});
