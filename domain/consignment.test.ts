import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agingBucket,
  beforeTax,
  type ConsignmentTerms,
  consignmentPayout,
  daysHeld,
  parseConsignment,
} from './consignment.ts';
import type { SaleId } from './ids.ts';
import { money } from './money.ts';
import { taxOn } from './tax.ts';
import {
  CLIENT,
  code,
  command,
  EUR,
  eur,
  pieceRecord,
  STORE,
  saleOf,
  serial,
  USERS,
  world,
} from './test-support.ts';

const split = (bp: number): ConsignmentTerms => ({ kind: 'split', ownerShareBp: bp });
const VAT20 = { basisPoints: 2_000, inclusive: true };
const SALES_TAX = { basisPoints: 888, inclusive: false };

const receive = (n: number, terms: ConsignmentTerms = split(6_000), basis = 'consignment') =>
  command(
    'consignment.receive',
    {
      piece: pieceRecord(n),
      consignment: { basis, owner: { kind: 'client', id: 'client-7', name: 'Mme Roux' }, terms },
    },
    { user: USERS.manager },
  );

describe('consignment payouts (CONSIGN-4)', () => {
  it('CONSIGN-4: a 60 % split of a €1 000 piece sold in a VAT-inclusive store is 60 % of the price before VAT', () => {
    expect(consignmentPayout(split(6_000), eur(100_000), VAT20)).toEqual(eur(50_000));
    // Tax added on top: the line's net is the amount before tax.
    expect(consignmentPayout(split(6_000), eur(100_000), SALES_TAX)).toEqual(eur(60_000));
  });

  it('CONSIGN-4: a fixed payout is owed whatever the piece sold for', () => {
    const terms: ConsignmentTerms = { kind: 'fixed', payout: eur(45_000) };
    expect(consignmentPayout(terms, eur(100_000), VAT20)).toEqual(eur(45_000));
    expect(consignmentPayout(terms, eur(30_000), undefined)).toEqual(eur(45_000));
  });

  it('CONSIGN-4: the amount before tax agrees with the sale’s own tax arithmetic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (n, bp) => {
          const rule = { basisPoints: bp, inclusive: true };
          expect(beforeTax(eur(n), rule)).toEqual(taxOn(eur(n), rule).beforeTax);
        },
      ),
    );
  });

  it('CONSIGN-4: a split payout never exceeds what was sold before tax, and grows with the share and the price', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.boolean(),
        (n, a, b, inclusive) => {
          const rule = { basisPoints: 2_000, inclusive };
          const base = beforeTax(eur(n), rule).minor;
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const pLo = consignmentPayout(split(lo), eur(n), rule).minor;
          const pHi = consignmentPayout(split(hi), eur(n), rule).minor;
          expect(pLo).toBeGreaterThanOrEqual(0);
          expect(pLo).toBeLessThanOrEqual(pHi);
          expect(pHi).toBeLessThanOrEqual(base);
          expect(consignmentPayout(split(10_000), eur(n), rule).minor).toBe(base);
          expect(consignmentPayout(split(lo), eur(n + 100), rule).minor).toBeGreaterThanOrEqual(pLo);
        },
      ),
    );
  });

  it('CONSIGN-4: the split is exact to the minor unit, half to even', () => {
    // 0.5 cent exactly: 101 × 50 % = 50.5 → 50 (even); 103 × 50 % = 51.5 → 52.
    expect(consignmentPayout(split(5_000), money(101, EUR), undefined).minor).toBe(50);
    expect(consignmentPayout(split(5_000), money(103, EUR), undefined).minor).toBe(52);
  });
});

describe('aging (CONSIGN-6)', () => {
  it('CONSIGN-6: 30/60/90-day buckets by whole days held', () => {
    const since = '2026-01-01T10:00:00.000Z';
    expect(daysHeld(since, '2026-01-31T09:59:59.000Z')).toBe(29);
    expect(agingBucket(30)).toBe('0-30');
    expect(agingBucket(31)).toBe('31-60');
    expect(agingBucket(60)).toBe('31-60');
    expect(agingBucket(61)).toBe('61-90');
    expect(agingBucket(91)).toBe('90+');
    expect(daysHeld(since, '2025-12-01T00:00:00.000Z')).toBe(0);
  });
});

describe('decide: consignment (CONSIGN-*)', () => {
  it('CONSIGN-2: terms parse; a split share or a fixed payout must be positive', () => {
    const owner = { kind: 'vendor', id: 'V-1', name: 'Roux' };
    expect(parseConsignment({ basis: 'memo-in', owner, terms: { kind: 'split', ownerShareBp: 0 } }).ok).toBe(
      false,
    );
    expect(parseConsignment({ basis: 'memo-in', owner, terms: { kind: 'fixed', payout: eur(0) } }).ok).toBe(
      false,
    );
    expect(parseConsignment({ basis: 'sale', owner, terms: split(5_000) }).ok).toBe(false);
    expect(parseConsignment({ basis: 'memo-in', owner, terms: split(5_000) }).ok).toBe(true);
  });

  it('CONSIGN-1: a consigned piece is received with its owner and terms, by a manager', () => {
    const s = world(0);
    expect(code(s.decide({ ...receive(1), user: USERS.associate }))).toBe('not-allowed');
    const r = s.execute(receive(1));
    expect(r.ok && r.value.map((e) => e.type)).toEqual(['piece.received', 'consignment.recorded']);
    expect(s.consignment?.(serial(1))?.owner.id).toBe('client-7');
    expect(code(s.decide(receive(1)))).toBe('piece-exists');
  });

  it('CONSIGN-2: a fixed payout in another currency than the store’s is refused', () => {
    const s = world(0);
    const usd = { kind: 'fixed', payout: { minor: 100, currency: 'USD' } } as ConsignmentTerms;
    expect(code(s.decide(receive(1, usd)))).toBe('currency-mismatch');
  });

  it('CONSIGN-4: selling a consigned piece records the payout owed at the sale’s decision', () => {
    const s = world(2);
    expect(code(s.execute(receive(7, split(6_000))))).toBe('accepted');
    const sale = saleOf([serial(1), serial(7)], { user: USERS.associate });
    const r = s.execute(sale);
    expect(r.ok).toBe(true);
    const payouts = r.ok ? r.value.filter((e) => e.type === 'consignment.sold') : [];
    expect(payouts).toEqual([
      {
        type: 'consignment.sold',
        serial: serial(7),
        saleId: (sale.payload as { saleId: SaleId }).saleId,
        store: STORE,
        ownerId: 'client-7',
        soldBeforeTax: eur(100_000),
        payout: eur(60_000),
      },
    ]);
  });

  it('CONSIGN-3: a consigned piece reserves, goes to the bench and sells like any piece', () => {
    const s = world(0);
    expect(code(s.execute(receive(7)))).toBe('accepted');
    const reserve = command(
      'reservation.place',
      { serial: serial(7), clientId: CLIENT },
      { user: USERS.associate },
    );
    expect(code(s.execute(reserve))).toBe('accepted');
    expect(
      code(s.execute(command('reservation.release', { serial: serial(7) }, { user: USERS.associate }))),
    ).toBe('accepted');
    expect(code(s.execute(command('repair.in', { serial: serial(7) }, { user: USERS.associate })))).toBe(
      'accepted',
    );
    expect(code(s.execute(command('repair.out', { serial: serial(7) }, { user: USERS.associate })))).toBe(
      'accepted',
    );
    expect(code(s.execute(saleOf([serial(7)], { user: USERS.associate })))).toBe('accepted');
    expect(s.consignment?.(serial(7))?.owner.name).toBe('Mme Roux');
  });

  it('CONSIGN-5: an unsold consigned piece goes back to its owner and leaves the store', () => {
    const s = world(1);
    expect(code(s.execute(receive(7)))).toBe('accepted');
    const back = (n: number, user = USERS.manager) =>
      command('consignment.return', { serial: serial(n), note: 'owner asked' }, { user });
    expect(code(s.decide(back(1)))).toBe('piece-not-consigned');
    expect(code(s.decide(back(7, USERS.associate)))).toBe('not-allowed');
    expect(code(s.execute(back(7)))).toBe('accepted');
    expect(s.piece(serial(7))).toBeUndefined();
    expect(s.consignment?.(serial(7))).toBeUndefined();
    // It may come back later on new terms.
    expect(code(s.execute(receive(7, split(5_000))))).toBe('accepted');
  });

  it('CONSIGN-5: a sold consigned piece does not go back to its owner', () => {
    const s = world(0);
    expect(code(s.execute(receive(7)))).toBe('accepted');
    expect(code(s.execute(saleOf([serial(7)])))).toBe('accepted');
    expect(code(s.decide(command('consignment.return', { serial: serial(7) }, {})))).toBe(
      'illegal-transition',
    );
  });

  it('CONSIGN-1: a memo-in from a vendor sells like any piece', () => {
    const s = world(0);
    const memo = receive(8, { kind: 'fixed', payout: eur(40_000) }, 'memo-in');
    expect(code(s.execute(memo))).toBe('accepted');
    const r = s.execute(saleOf([serial(8)], { price: 90_000, user: USERS.manager }));
    expect(r.ok && r.value.find((e) => e.type === 'consignment.sold')).toMatchObject({ payout: eur(40_000) });
  });
});

describe('decide: exchange-rate.set (RATE-*)', () => {
  const rate = (r: unknown, user = USERS.manager) => command('exchange-rate.set', { rate: r }, { user });
  it('RATE-1: managers and owners enter dated rates; associates cannot', () => {
    const s = world();
    const r = { from: 'USD', to: 'EUR', rate: '0.9231', date: '2026-03-01' };
    expect(code(s.decide(rate(r, USERS.associate)))).toBe('not-allowed');
    expect(code(s.execute(rate(r)))).toBe('accepted');
    expect(s.exchangeRates()).toEqual([r]);
  });
  it('RATE-1: a rate between a currency and itself, or not positive, is refused at parse', () => {
    expect(() => rate({ from: 'EUR', to: 'EUR', rate: '1', date: '2026-03-01' })).toThrow();
    expect(() => rate({ from: 'USD', to: 'EUR', rate: '0', date: '2026-03-01' })).toThrow();
  });
});
