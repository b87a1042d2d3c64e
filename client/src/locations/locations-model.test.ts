import { describe, expect, it } from 'vitest';
import type { PieceView, StockView } from '../local/records.ts';
import { checkScan, stillOut, storePlaces } from './locations-model.ts';

const piece = (serial: string, location: string, locationKind = 'case'): PieceView =>
  ({ serial, location, locationKind }) as PieceView;
const stock = (status: string, location: string): StockView =>
  ({ status, location, reservedFor: null, updatedAt: '' }) as StockView;

describe('locations on the till', () => {
  it('LOCATION-1: the places are the pieces’ own and the defaults, the safe first, each once', () => {
    const places = storePlaces({
      A: piece('LP-1', 'Case 2'),
      B: piece('LP-2', 'case 2'),
      C: piece('LP-3', 'Tray A', 'tray'),
    });
    expect(places.map((p) => p.label)).toEqual(['Safe', 'Back office', 'Case 2', 'Tray A', 'Workshop']);
  });

  it('LOCATION-3: a scan is a serial of a piece in the store, else why not', () => {
    const pieces = { 'LP-26-000001': piece('LP-26-000001', 'Case 1') };
    const st = { 'LP-26-000001': stock('in-stock', 'Case 1'), 'LP-26-000002': stock('sold', 'Case 1') };
    expect(checkScan(' lp-26-000001 ', pieces, st)).toEqual({ ok: true, serial: 'LP-26-000001' });
    expect(checkScan('LP-26-000002', pieces, st)).toMatchObject({ ok: false, reason: 'not-in-store' });
    expect(checkScan('LP-26-000009', pieces, st)).toMatchObject({ ok: false, reason: 'unknown' });
    expect(checkScan('!!', pieces, st)).toMatchObject({ ok: false, reason: 'not-a-serial' });
  });

  it('LOCATION-4: the safe check lists what is in the store and not scanned back, by place', () => {
    const st = {
      'LP-1': stock('in-stock', 'Case 2'),
      'LP-2': stock('reserved', 'Case 1'),
      'LP-3': stock('sold', 'Case 1'),
      'LP-4': stock('in-stock', 'Safe'),
    };
    expect(stillOut(st, new Set(['LP-4']))).toEqual([
      { serial: 'LP-2', location: 'Case 1' },
      { serial: 'LP-1', location: 'Case 2' },
    ]);
  });
});
