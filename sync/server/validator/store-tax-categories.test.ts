import { describe, expect, it } from 'vitest';
import { command, DEVICE, eur, STORE, serial, USERS } from '../../../domain/test-support.ts';
import { OrgSource } from '../org-projection.ts';
import { CommandDecider } from './decider.ts';
import { openTestDatabase } from './test-db.ts';

const TRUSTED = { attribution: 'envelope' } as const;
const wire = (c: unknown) => JSON.parse(JSON.stringify(c));
const PARIS_RULE = {
  basisPoints: 2_000,
  inclusive: true,
  byCategory: [{ category: 'watch', basisPoints: 550 }],
};
const FOOTER = ['Returns within 30 days with this receipt', 'VAT FR 12 345678901', 'Thank you'];

const update = (changes: unknown, user: (typeof USERS)[keyof typeof USERS] = USERS.owner) =>
  wire(command('store.update', { storeId: STORE, changes }, { user }));
const sale = (n: number, tax: number, total: number) =>
  wire(
    command(
      'sale.complete',
      {
        saleId: `01900000-0000-7000-8000-0000000c${String(n).padStart(4, '0')}`,
        lines: [
          { serial: serial(2 * n - 1), price: eur(120_000) },
          { serial: serial(2 * n), price: eur(527_500) },
        ],
        tax: eur(tax),
        total: eur(total),
        tenders: [{ kind: 'card', amount: eur(total), reference: 'x' }],
      },
      { user: USERS.associate },
    ),
  );

/** Pieces 1, 3… are rings at €1,200.00; 2, 4… watches at €5,275.00. */
function paris() {
  const db = openTestDatabase(6);
  const set = db.prepare('UPDATE pieces SET record = ?, list_price_minor = ? WHERE serial = ?');
  for (let n = 1; n <= 6; n++)
    set.run(JSON.stringify({ category: n % 2 ? 'ring' : 'watch' }), n % 2 ? 120_000 : 527_500, serial(n));
  return db;
}

describe('the relay decides with the store’s category rates (validator-020)', () => {
  it('TAXCAT-1, FOOTER-2: the owner sets category rates and a footer; SQL and the org projection carry them', () => {
    const db = paris();
    const decided = new CommandDecider(db, TRUSTED).decideOutbox(DEVICE, [
      update({ tax: PARIS_RULE, receiptFooter: FOOTER }),
      // ORG-1: stores are the owner's; a manager's change is refused and changes nothing.
      update({ receiptFooter: ['Mine'] }, USERS.manager),
    ]);
    expect(decided.map((d) => d.status)).toEqual(['accepted', 'rejected']);
    expect(db.prepare('SELECT tax_categories, receipt_footer FROM stores WHERE id = ?').get(STORE)).toEqual({
      tax_categories: JSON.stringify(PARIS_RULE.byCategory),
      receipt_footer: JSON.stringify(FOOTER),
    });
    const store = new OrgSource(db).all().stores.get(STORE);
    expect(store?.tax).toEqual(PARIS_RULE);
    expect(store?.receiptFooter).toEqual(FOOTER);
  });

  it('TAXCAT-5: a sale of a ring and a watch is decided at 20 % and 5.5 %; the one-rate VAT is refused', () => {
    const db = paris();
    const decided = new CommandDecider(db, TRUSTED).decideOutbox(DEVICE, [
      update({ tax: PARIS_RULE }),
      sale(1, 47_500, 647_500),
      sale(2, 107_917, 647_500),
    ]);
    expect(decided.map((d) => [d.status, d.code ?? null])).toEqual([
      ['accepted', null],
      ['accepted', null],
      ['rejected', 'tax-mismatch'],
    ]);
    expect(db.prepare('SELECT tax_minor, total_minor FROM sales').all()).toEqual([
      { tax_minor: 47_500, total_minor: 647_500 },
    ]);
  });

  it('TAXCAT-1: a new rule without categories removes them; an empty footer removes it', () => {
    const db = paris();
    const decided = new CommandDecider(db, TRUSTED).decideOutbox(DEVICE, [
      update({ tax: PARIS_RULE, receiptFooter: FOOTER }),
      update({ tax: { basisPoints: 2_000, inclusive: true }, receiptFooter: [] }),
      sale(1, 107_917, 647_500),
    ]);
    expect(decided.map((d) => d.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const store = new OrgSource(db).all().stores.get(STORE);
    expect(store?.tax).toEqual({ basisPoints: 2_000, inclusive: true });
    expect(store?.receiptFooter).toBeUndefined();
  });

  it('FOOTER-1: a footer line wider than the printer, or too many lines, is refused as invalid', () => {
    const db = paris();
    // A hand-made envelope: the test helper would refuse to build these.
    const forged = (changes: unknown) => ({ ...update({ name: 'x' }), payload: { storeId: STORE, changes } });
    const decided = new CommandDecider(db, TRUSTED).decideOutbox(DEVICE, [
      forged({ receiptFooter: ['x'.repeat(43)] }),
      forged({ receiptFooter: ['a', 'b', 'c', 'd', 'e'] }),
      forged({
        tax: {
          basisPoints: 2_000,
          byCategory: [
            { category: 'watch', basisPoints: 550 },
            { category: 'watch', basisPoints: 0 },
          ],
        },
      }),
    ]);
    expect(decided.map((d) => [d.status, d.code ?? null])).toEqual([
      ['rejected', 'invalid-command'],
      ['rejected', 'invalid-command'],
      ['rejected', 'invalid-command'],
    ]);
    expect(db.prepare('SELECT receipt_footer FROM stores WHERE id = ?').get(STORE)).toEqual({
      receipt_footer: '[]',
    });
  });
});
