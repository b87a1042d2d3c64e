import { describe, expect, it } from 'vitest';
import { command, DEVICE, eur, STORE, serial, USERS } from '../../../domain/test-support.ts';
import { TAX_CASES } from '../../shared/sale-tax-cases.support.test.ts';
import { CommandDecider } from './decider.ts';
import { openTestDatabase } from './test-db.ts';

const TRUSTED = { attribution: 'envelope' } as const;
const sale = (n: number, tax: number, total: number, price = 100_000) =>
  JSON.parse(
    JSON.stringify(
      command(
        'sale.complete',
        {
          saleId: `01900000-0000-7000-8000-0000000a${String(n).padStart(4, '0')}`,
          lines: [{ serial: serial(n), price: eur(price) }],
          tax: eur(tax),
          total: eur(total),
          tenders: [{ kind: 'card', amount: eur(total), reference: 'x' }],
        },
        { user: USERS.associate },
      ),
    ),
  );

describe('the relay checks a sale against its store tax rule', () => {
  it('SALE-7, TAX-2: a VAT-inclusive store (sync-005) accepts the VAT included and refuses it on top', () => {
    const db = openTestDatabase();
    db.prepare('UPDATE stores SET tax_rate_bp = 2000, tax_inclusive = 1 WHERE id = ?').run(STORE);
    const decided = new CommandDecider(db, TRUSTED).decideOutbox(DEVICE, [
      // €1,000.00 with 20 % VAT included: €166.67 VAT (1000 / 1.2 = 833.33).
      sale(1, 16_667, 100_000),
      sale(2, 20_000, 120_000),
    ]);
    expect(decided.map((d) => [d.status, d.code ?? null])).toEqual([
      ['accepted', null],
      ['rejected', 'tax-mismatch'],
    ]);
    expect(db.prepare('SELECT tax_minor, total_minor FROM sales').all()).toEqual([
      { tax_minor: 16_667, total_minor: 100_000 },
    ]);
  });

  it('SALE-7a, SALE-7b: Paris, 20 % VAT included: a wrong VAT is tax-mismatch, a wrong total total-mismatch', () => {
    const db = openTestDatabase();
    db.prepare('UPDATE stores SET tax_rate_bp = 2000, tax_inclusive = 1 WHERE id = ?').run(STORE);
    const decided = new CommandDecider(db, TRUSTED).decideOutbox(DEVICE, [
      sale(1, 16_666, 100_000),
      sale(2, 16_667, 100_001),
      sale(3, 16_667, 100_000),
    ]);
    expect(decided.map((d) => [d.status, d.code ?? null])).toEqual([
      ['rejected', 'tax-mismatch'],
      ['rejected', 'total-mismatch'],
      ['accepted', null],
    ]);
    expect(decided[0]?.context).toMatchObject({ expected: 16_667, tax: 16_666 });
  });

  it('SALE-7a, SALE-7b: New York, 8.88 % added at the till: tax = rate × lines, total = lines + tax', () => {
    const db = openTestDatabase();
    db.prepare('UPDATE stores SET tax_rate_bp = 888, tax_inclusive = 0 WHERE id = ?').run(STORE);
    const decided = new CommandDecider(db, TRUSTED).decideOutbox(DEVICE, [
      sale(1, 8_880, 108_880),
      sale(2, 20_000, 120_000),
      sale(3, 8_880, 100_000),
      sale(4, 0, 100_000),
    ]);
    expect(decided.map((d) => [d.status, d.code ?? null])).toEqual([
      ['accepted', null],
      ['rejected', 'tax-mismatch'],
      ['rejected', 'total-mismatch'],
      ['rejected', 'tax-mismatch'],
    ]);
  });

  it.each(TAX_CASES)(
    'SALE-7a, SALE-7b: $name is $code at the relay (the pre-check gives the same code)',
    (c) => {
      const db = openTestDatabase(1);
      db.prepare('UPDATE stores SET tax_rate_bp = ?, tax_inclusive = ? WHERE id = ?').run(
        c.rule.basisPoints,
        c.rule.inclusive ? 1 : 0,
        STORE,
      );
      const [d] = new CommandDecider(db, TRUSTED).decideOutbox(DEVICE, [sale(1, c.tax, c.total, c.price)]);
      expect(d?.code ?? d?.status).toBe(c.code);
    },
  );
});
