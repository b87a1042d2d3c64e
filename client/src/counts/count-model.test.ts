import { describe, expect, it } from 'vitest';
import type { PieceStatus } from '../../../domain/piece-status.ts';
import type { StockView } from '../local/records.ts';
import {
  addReads,
  countAccuracy,
  emptyTally,
  expectedSerials,
  placeVariance,
  variance,
} from './count-model.ts';

const at = (status: PieceStatus): StockView => ({ status, location: '', reservedFor: null, updatedAt: '' });
const LOUPE = '00614141000012';

describe('RFID count on the till', () => {
  it('expects the pieces in stock or reserved here, not the sold or away ones', () => {
    const stock = {
      'LP-001-000001': at('in-stock'),
      'LP-001-000002': at('reserved'),
      'LP-001-000003': at('sold'),
    };
    expect([...expectedSerials({ ...stock, 'LP-001-000004': at('on-memo') })]).toEqual([
      'LP-001-000001',
      'LP-001-000002',
    ]);
  });

  it('RFID-5: Loupe SGTIN reads become serials, repeated reads count once, foreign tags stay unknown', () => {
    let t = emptyTally();
    t = addReads(t, [
      { epc: 'A1', gtin: LOUPE, serial: '1000001', rssi: -40, antenna: 1 },
      { epc: 'A1', gtin: LOUPE, serial: '1000001', rssi: -50, antenna: 2 },
      { epc: 'B2', gtin: '80614141123458', serial: '6789', rssi: -60, antenna: 1 },
    ]);
    t = addReads(t, [
      { epc: 'c3', rssi: -60, antenna: 3 },
      { epc: 'D4', gtin: LOUPE, serial: '1000009', rssi: -40, antenna: 1 },
    ]);
    expect([...t.found]).toEqual(['LP-001-000001', 'LP-001-000009']);
    expect([...t.unknownEpcs]).toEqual(['B2', 'C3']);
  });

  it('COUNT-2/3: the variance lists missing (whole store only), unexpected and found', () => {
    const expected = new Set(['A', 'B', 'C']);
    const found = new Set(['B', 'Z']);
    expect(variance(expected, found, true)).toEqual({
      found: ['B', 'Z'],
      missing: ['A', 'C'],
      unexpected: ['Z'],
      expected: 3,
    });
    expect(variance(expected, found, false).missing).toEqual([]);
  });
});

describe('barcode counts of a place', () => {
  const st = (status: string, location: string) =>
    ({ status, location, reservedFor: null, updatedAt: '' }) as never;
  it('COUNT-4: missing at the place, found but recorded elsewhere, unexpected', () => {
    const stock = {
      'LP-1': st('in-stock', 'Case 1'),
      'LP-2': st('in-stock', 'Case 1'),
      'LP-3': st('reserved', 'Case 2'),
      'LP-4': st('sold', 'Case 1'),
    };
    const v = placeVariance(stock, new Set(['LP-1', 'LP-3', 'LP-4']), 'case 1');
    expect(v).toMatchObject({
      missing: ['LP-2'],
      wrongLocation: ['LP-3'],
      unexpected: ['LP-4'],
      expected: 2,
    });
    expect(placeVariance(stock, new Set(['LP-1']), undefined).missing).toEqual(['LP-2', 'LP-3']);
  });
  it('COUNT-6: accuracy is what was found where expected over everything expected or found', () => {
    expect(countAccuracy({ found: 10, missing: [], unexpected: [] })).toBe(1);
    expect(countAccuracy({ found: 9, missing: ['a'], unexpected: ['b'] })).toBeCloseTo(8 / 10);
    expect(countAccuracy({ found: 0, missing: [], unexpected: [] })).toBe(1);
  });
});
