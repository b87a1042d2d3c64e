import { describe, expect, it } from 'vitest';
import { readClient, readPiece, readStaff, readStock, readStore } from './records.ts';

describe('records read from the documents', () => {
  it('a domain Piece shows metal, karat, stones and their certificates', () => {
    const p = readPiece(
      {
        serial: 'LP-24-000187',
        style: 'MAI-RI-123',
        title: 'Solitaire, 18k yellow gold',
        category: 'ring',
        metal: 'yellow-gold',
        fineness: 750,
        karat: 18,
        weightGrams: 3.2,
        stones: [
          {
            kind: 'diamond',
            carat: 1.02,
            cut: 'excellent',
            colour: 'F',
            clarity: 'VS1',
            certificate: { lab: 'GIA', number: '2141438171' },
          },
        ],
        designer: 'Maison Loupe',
        listPrice: { minor: 1_250_000, currency: 'EUR' },
        store: 's1',
        location: { kind: 'case', label: 'Case 2' },
      },
      'LP-24-000187',
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
    const base = { serial: 'LP-1', metal: 'platinum', listPrice: { minor: 1, currency: 'EUR' } };
    const old = readPiece(
      { ...base, weightGrams: 3.2, stones: [{ kind: 'diamond', carat: 1.4300000000000002 }] },
      'LP-1',
    );
    expect(old?.weightMg).toBe(3_200);
    expect(old?.stones[0]).toMatchObject({ milliCarats: 1_430, carat: '1.43' });
    const now = readPiece({ ...base, weightMg: 4_250, stones: [{ kind: 'ruby', milliCarats: 5 }] }, 'LP-1');
    expect(now?.weightMg).toBe(4_250);
    expect(now?.stones[0]).toMatchObject({ milliCarats: 5, carat: '0.005' });
  });

  it('PIECE-5: gold is read in karats, platinum, silver and palladium in fineness (‰), never as karats', () => {
    const p = (metal: string, extra: object) =>
      readPiece({ serial: 'LP-1', metal, listPrice: { minor: 1, currency: 'EUR' }, ...extra }, 'LP-1');
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
    // 904L is a steel grade, not a fineness: an old demo watch in `other` metal shows no purity.
    expect(p('other', { fineness: 904 })?.purity).toBeUndefined();
  });

  it('platinum shows its fineness; a record without a price is not a piece', () => {
    const base = {
      serial: 'LP-1',
      metal: 'platinum',
      fineness: 950,
      listPrice: { minor: 1, currency: 'EUR' },
    };
    expect(readPiece(base, 'LP-1')?.karat).toBe('950 ‰');
    expect(readPiece({ ...base, listPrice: undefined }, 'LP-1')).toBeUndefined();
  });

  it('a domain ClientProfile gives name, first e-mail and phone, ring size', () => {
    const c = readClient(
      {
        id: 'c1',
        names: { first: 'Amélie', last: 'Laurent', display: 'Amélie Laurent' },
        contacts: { emails: ['a@example.com'], phones: ['+33 6 12 34 56 78'] },
        ringSizes: [{ hand: 'left', finger: 'ring', size: '52', system: 'EU' }],
        notes: '',
      },
      'c1',
    );
    expect(c).toEqual({
      id: 'c1',
      name: 'Amélie Laurent',
      email: 'a@example.com',
      phone: '+33 6 12 34 56 78',
      ringSize: '52 EU',
      notes: '',
    });
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
