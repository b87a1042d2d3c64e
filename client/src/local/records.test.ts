import { describe, expect, it } from 'vitest';
import type { Metal, Piece } from '../../../domain/piece.ts';
import { CLIENT, eur, STORE } from '../../../domain/test-support.ts';
import type { MilliCarats, Milligrams } from '../../../domain/units.ts';
import { readClient, readPiece, readStaff, readStock, readStore } from './records.ts';
import { catalogPiece } from './test-records.ts';

describe('records read from the documents', () => {
  it('a catalog record shows metal, karat, stones and their certificates', () => {
    const p = readPiece(
      catalogPiece('LP-24-000187', STORE, {
        title: 'Solitaire, 18k yellow gold',
        metal: 'yellow-gold',
        fineness: 750,
        karat: 18,
        weightMg: 3_200 as Milligrams,
        stones: [
          {
            kind: 'diamond',
            milliCarats: 1_020 as MilliCarats,
            cut: 'excellent',
            colour: 'F',
            clarity: 'VS1',
            certificate: { lab: 'GIA', number: '2141438171' },
          },
        ],
        designer: 'Maison Loupe',
        listPrice: eur(1_250_000),
        location: { kind: 'case', label: 'Case 2' },
      }),
    );
    expect(p).toMatchObject({
      metal: 'yellow gold',
      karat: '18k',
      location: 'Case 2',
      price: { minor: 1_250_000 },
    });
    expect(p?.certificates).toEqual([{ lab: 'GIA', number: '2141438171' }]);
    expect(p?.stones[0]?.detail).toBe('excellent · F · VS1');
  });

  it('UNIT-3: old float weights read as exact thousandths; new records are read as they are', () => {
    const { weightMg: _w, stones: _s, ...base } = catalogPiece('LP-1', STORE);
    const old = readPiece({
      ...base,
      weightGrams: 3.2,
      stones: [{ kind: 'diamond', carat: 1.4300000000000002 }],
    });
    expect(old?.weightMg).toBe(3_200);
    expect(old?.stones[0]).toMatchObject({ milliCarats: 1_430, carat: '1.43' });
    const now = readPiece({ ...base, weightMg: 4_250, stones: [{ kind: 'ruby', milliCarats: 5 }] });
    expect(now?.weightMg).toBe(4_250);
    expect(now?.stones[0]).toMatchObject({ milliCarats: 5, carat: '0.005' });
  });

  it('PIECE-5: gold is read in karats, platinum, silver and palladium in fineness (‰), never as karats', () => {
    const p = (metal: Metal, extra: Partial<Piece>) =>
      readPiece({ ...catalogPiece('LP-1', STORE, { metal, fineness: undefined, ...extra }) });
    expect(p('yellow-gold', { karat: 18, fineness: 750 })?.purity).toEqual({
      scale: 'karat',
      value: 18,
      label: '18k',
    });
    expect(p('white-gold', { fineness: 585 })?.purity).toEqual({ scale: 'karat', value: 14, label: '14k' });
    expect(p('platinum', { fineness: 950 })?.purity).toEqual({
      scale: 'fineness',
      value: 950,
      label: '950 ‰',
    });
    expect(p('silver', { fineness: 925 })?.purity?.scale).toBe('fineness');
    expect(p('titanium', {})?.purity).toBeUndefined();
    // 904L is a steel grade, not a fineness: a watch in `other` metal shows no purity.
    expect(p('other', { fineness: 904 })?.purity).toBeUndefined();
  });

  it('DOC-4: a record the domain does not accept is not shown (no price, no store, a cost is dropped)', () => {
    const piece = catalogPiece('LP-1', STORE);
    expect(readPiece(piece)?.karat).toBe('950 ‰');
    expect(readPiece({ ...piece, listPrice: undefined })).toBeUndefined();
    expect(readPiece({ ...piece, store: 's1' })).toBeUndefined();
    expect(readPiece({ ...piece, cost: eur(1) })).not.toHaveProperty('cost');
  });

  it('a domain ClientProfile gives name, first e-mail and phone, ring size; an invalid one is not shown', () => {
    const profile = {
      id: CLIENT,
      names: { first: 'Amélie', last: 'Laurent', display: 'Amélie Laurent' },
      contacts: { emails: ['a@example.com'], phones: ['+33 6 12 34 56 78'] },
      ringSizes: [{ hand: 'left', finger: 'ring', size: '52', system: 'EU' }],
      notes: '',
      homeStore: STORE,
      createdAt: '2026-11-01T10:00:00.000Z',
    };
    expect(readClient(profile)).toEqual({
      id: CLIENT,
      name: 'Amélie Laurent',
      email: 'a@example.com',
      phone: '+33 6 12 34 56 78',
      ringSize: '52 EU',
      notes: '',
    });
    expect(readClient({ ...profile, contacts: { emails: ['no-at-sign'], phones: [] } })).toBeUndefined();
  });

  const PARIS = 'a0000000-0000-7000-8000-000000000001';
  const paris = {
    id: PARIS,
    name: 'Paris',
    currency: 'EUR',
    tax: { basisPoints: 2000, inclusive: true },
    timeZone: 'Europe/Paris',
    address: ['12 rue de la Paix', '75002 Paris'],
  };

  it('store tax from the org document, one spelling (tax: {basisPoints, inclusive}); stock entries need a status', () => {
    expect(readStore(paris, PARIS)?.tax).toEqual({ basisPoints: 2000, inclusive: true });
    // The old spellings are gone: a record without `tax` does not parse.
    expect(readStore({ ...paris, tax: undefined, taxRateBp: 2000 }, PARIS)).toBeUndefined();
    expect(readStock({ location: 'safe' })).toBeUndefined();
    expect(readStock({ status: 'sold', location: 'safe', reservedFor: null, updatedAt: '' })?.status).toBe(
      'sold',
    );
  });

  it('a store’s time zone and address lines, as the domain parses them (parseStore)', () => {
    expect(readStore(paris, PARIS)).toMatchObject({
      timeZone: 'Europe/Paris',
      address: ['12 rue de la Paix', '75002 Paris'],
    });
    expect(readStore({ ...paris, address: undefined }, PARIS)?.address).toEqual([]);
    expect(readStore({ ...paris, timeZone: 'Mars/Olympus_Mons' }, PARIS)).toBeUndefined();
    expect(readStore({ name: 'Old' }, 's3')).toBeUndefined();
  });

  it('staff from org: public fields only, parsed by parseStaffMember', () => {
    const lea = {
      id: 'b0000000-0000-7000-8000-000000000001',
      name: 'Léa',
      login: 'lea.par',
      role: 'associate',
      stores: [PARIS],
      active: true,
    };
    expect(readStaff(lea, lea.id)).toEqual(lea);
    expect(readStaff({ ...lea, role: 'boss' }, lea.id)).toBeUndefined();
  });
});
