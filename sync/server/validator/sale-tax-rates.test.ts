import { describe, expect, it } from 'vitest';
import type { SaleId } from '../../../domain/ids.ts';
import { command, DEVICE, eur, STORE, serial, testId, USERS } from '../../../domain/test-support.ts';
import { names } from '../../shared/doc-names.ts';
import { ledgerEntries } from '../../shared/docs/ledger.ts';
import { closeAfterEach } from '../relay-per-test.support.test.ts';
import { saleEnvelope, startTestRelay, storeTax } from '../test-utils.ts';
import { CommandDecider } from './decider.ts';
import { validatorExtensions, validatorMigrations } from './index.ts';
import { SqlDecisionState } from './sql-state.ts';
import { openTestDatabase } from './test-db.ts';

const TRUSTED = { attribution: 'envelope' } as const;
const wire = (c: unknown) => JSON.parse(JSON.stringify(c));
/** Tax added on top: 8.88 %, watches 4 %. */
const NEW_YORK = {
  basisPoints: 888,
  inclusive: false,
  byCategory: [{ category: 'watch', basisPoints: 400 }],
};
const PARIS = { basisPoints: 2_000, inclusive: true, byCategory: [{ category: 'watch', basisPoints: 550 }] };

const update = (tax: unknown) =>
  wire(command('store.update', { storeId: STORE, changes: { tax } }, { user: USERS.owner }));
/** A ring (piece 1) and a watch (piece 2) sold together, paid by card. */
const sold = (saleId: string, prices: [number, number], tax: number, total: number) =>
  wire(
    command(
      'sale.complete',
      {
        saleId,
        lines: [
          { serial: serial(1), price: eur(prices[0]) },
          { serial: serial(2), price: eur(prices[1]) },
        ],
        tax: eur(tax),
        total: eur(total),
        tenders: [{ kind: 'card', amount: eur(total), reference: 'x' }],
      },
      { user: USERS.associate },
    ),
  );
const giveBack = (saleId: string, n: number, refund: number) =>
  wire(
    command('sale.return', {
      returnId: testId(),
      saleId,
      serials: [serial(n)],
      refunds: [{ kind: 'card', amount: eur(refund) }],
    }),
  );

/** Piece 1 a ring, piece 2 a watch, each at €1,000.00. */
function store() {
  const db = openTestDatabase(2);
  const set = db.prepare('UPDATE pieces SET record = ?, list_price_minor = 100000 WHERE serial = ?');
  set.run(JSON.stringify({ category: 'ring' }), serial(1));
  set.run(JSON.stringify({ category: 'watch' }), serial(2));
  return db;
}

describe('the relay records what each rate charged (validator-021)', () => {
  it('TAXCAT-7: SQL keeps the rates with the sale; a later change of rates leaves them as charged', () => {
    const db = store();
    const saleId = testId();
    const decided = new CommandDecider(db, TRUSTED).decideOutbox(DEVICE, [
      update(PARIS),
      // VAT included: 20 % of 100,000 is 16,667; 5.5 % is 5,213.
      sold(saleId, [100_000, 100_000], 21_880, 200_000),
      update({ basisPoints: 2_100, inclusive: true }),
    ]);
    expect(decided.map((d) => d.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(
      JSON.parse(
        String((db.prepare('SELECT tax_rates FROM sales').get() as { tax_rates: string }).tax_rates),
      ),
    ).toEqual({
      inclusive: true,
      rates: [
        { basisPoints: 2_000, netMinor: 100_000, taxMinor: 16_667, serials: [serial(1)] },
        { basisPoints: 550, netMinor: 100_000, taxMinor: 5_213, serials: [serial(2)] },
      ],
    });
    expect(
      new SqlDecisionState(db).sale(saleId as SaleId)?.taxRates?.rates.map((r) => r.basisPoints),
    ).toEqual([2_000, 550]);
  });

  it('TAXCAT-7: a sale decided before validator-021 (no record) reads as none', () => {
    const db = store();
    const saleId = testId();
    new CommandDecider(db, TRUSTED).decideOutbox(DEVICE, [sold(saleId, [100_000, 100_000], 0, 200_000)]);
    db.prepare('UPDATE sales SET tax_rates = NULL').run();
    expect(new SqlDecisionState(db).sale(saleId as SaleId)?.taxRates).toBeUndefined();
  });

  it('RET-3, TAXCAT-9: at a store adding tax on top, the relay refunds a watch its 4 %, not half of the sale’s tax', () => {
    const db = store();
    const saleId = testId();
    const decider = new CommandDecider(db, TRUSTED);
    const decided = decider.decideOutbox(DEVICE, [
      update(NEW_YORK),
      sold(saleId, [100_000, 100_000], 12_880, 212_880),
      // By price the watch would carry 6,440 of the 12,880.
      giveBack(saleId, 2, 106_440),
      giveBack(saleId, 2, 104_000),
      giveBack(saleId, 1, 108_880),
    ]);
    expect(decided.map((d) => [d.status, d.code ?? null])).toEqual([
      ['accepted', null],
      ['accepted', null],
      ['rejected', 'refund-exceeds-paid'],
      ['accepted', null],
      ['accepted', null],
    ]);
    expect(db.prepare('SELECT refunded_minor, paid_minor FROM sales').get()).toEqual({
      refunded_minor: 212_880,
      paid_minor: 212_880,
    });
  });
});

const perTest = closeAfterEach();

describe('the decided sale’s ledger entry', () => {
  it('TAXCAT-7: every till of the store reads the rates charged from the sale’s ledger entry', async () => {
    perTest.relay = await startTestRelay({
      migrations: validatorMigrations,
      extensions: validatorExtensions,
    });
    const r = perTest.relay;
    const { store: at, session, device } = await perTest.till(r, 'associate');
    const piece = r.db
      .prepare(
        "SELECT serial, list_price_minor AS minor, currency FROM pieces WHERE store = ? AND status = 'in-stock' LIMIT 1",
      )
      .get(at) as { serial: string; minor: number; currency: string };
    const rule = storeTax(r, at);
    const c = saleEnvelope(session, at, piece, undefined, rule);
    device.open(names.outbox(session.device));
    device.append(c);
    expect((await device.outcome(c.id, { store: at, at: c.at })).status).toBe('accepted');
    const ledger = device.open(names.ledger(at, c.at));
    await ledger.synced;
    const p = c.payload as { tax: { minor: number } };
    await expect
      .poll(() => ledgerEntries(ledger.doc).get(c.id)?.saleTax, { timeout: 10_000 })
      .toEqual({
        inclusive: rule.inclusive,
        rates: [
          {
            basisPoints: rule.basisPoints,
            netMinor: piece.minor,
            taxMinor: p.tax.minor,
            serials: [piece.serial],
          },
        ],
      });
  });
});
