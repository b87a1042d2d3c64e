import { describe, expect, it } from 'vitest';
import { command, DEVICE, eur, STORE, serial, USERS } from '../../../domain/test-support.ts';
import { CommandDecider } from './decider.ts';
import { openTestDatabase } from './test-db.ts';

const TRUSTED = { attribution: 'envelope' } as const;
const sale = (n: number, tax: number, total: number) =>
  JSON.parse(
    JSON.stringify(
      command(
        'sale.complete',
        {
          saleId: `01900000-0000-7000-8000-0000000a${String(n).padStart(4, '0')}`,
          lines: [{ serial: serial(n), price: eur(100_000) }],
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
      ['rejected', 'total-does-not-match-lines'],
    ]);
    expect(db.prepare('SELECT tax_minor, total_minor FROM sales').all()).toEqual([
      { tax_minor: 16_667, total_minor: 100_000 },
    ]);
  });

  it('SALE-7: a store adding tax at the till (the default) still needs total = lines + tax', () => {
    const db = openTestDatabase();
    const decided = new CommandDecider(db, TRUSTED).decideOutbox(DEVICE, [
      sale(1, 20_000, 120_000),
      sale(2, 16_667, 100_000),
    ]);
    expect(decided.map((d) => d.status)).toEqual(['accepted', 'rejected']);
  });
});
