import type { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientValue } from '../../../domain/client-value.ts';
import type { Command } from '../../../domain/commands.ts';
import type { ClientId, SaleId, SerialNumber } from '../../../domain/ids.ts';
import type { Currency } from '../../../domain/money.ts';
import {
  CLIENT,
  command,
  DEVICE,
  eur,
  OTHER_CLIENT,
  OTHER_STORE,
  STORE,
  saleOf,
  serial,
  testId,
  USERS,
  YEN_STORE,
} from '../../../domain/test-support.ts';
import { tierFor } from '../../../domain/tiers.ts';
import { migrate } from '../db.ts';
import { syncMigrations } from '../migrations.ts';
import { ClientelingApi } from '../validator/clienteling-api.ts';
import { CommandDecider } from '../validator/decider.ts';
import { validatorMigrations } from '../validator/schema.ts';
import { openTestDatabase } from '../validator/test-db.ts';
import { joinSpend } from './client-tiers.ts';
import { Rollups } from './rollups.ts';
import { summarize, type TierMixKey } from './summary.ts';

const TRUSTED = { attribution: 'envelope' } as const;
const plain = (c: Command): unknown => JSON.parse(JSON.stringify(c));
const THIRD_CLIENT = 'd0000000-0000-7000-8000-000000000003' as ClientId;
const YEN_CLIENT = 'd0000000-0000-7000-8000-000000000009' as ClientId;
const MARCH = { from: '2026-03-01', to: '2026-03-31' };
const EUR_ONLY = { currency: 'EUR' as Currency, rates: [] };

/** Pieces of 1,000.00 (or ¥100,000) at each store, and staff who work in all three. */
function chain(): DatabaseSync {
  const db = openTestDatabase(0);
  const piece = db.prepare(
    `INSERT INTO pieces (serial, store, status, list_price_minor, currency, record)
     VALUES (?, ?, 'in-stock', ?, ?, '{}')`,
  );
  for (let i = 1; i <= 30; i++) piece.run(serial(i), STORE, 100_000, 'EUR');
  for (let i = 31; i <= 60; i++) piece.run(serial(i), OTHER_STORE, 100_000, 'EUR');
  for (let i = 61; i <= 70; i++) piece.run(serial(i), YEN_STORE, 100_000, 'JPY');
  db.prepare('UPDATE users SET stores = ?').run(JSON.stringify([STORE, OTHER_STORE, YEN_STORE]));
  return db;
}

/** A decider and its device's outbox, as a till sends it. */
function till(db: DatabaseSync) {
  const decider = new CommandDecider(db, { ...TRUSTED, rollups: true });
  decider.rollups.ensureFresh();
  const outbox: unknown[] = [];
  return (c: Command) => {
    outbox.push(plain(c));
    const decided = decider.decideOutbox(DEVICE, outbox);
    expect(decided.map((d) => d.status)).toEqual(['accepted']);
    return c;
  };
}

const saleIdOf = (c: Command) => (c.payload as { saleId: SaleId }).saleId;

/** The tier mix of a store, tier → [clients, net sales, share in bp]. */
function mixOf(
  db: DatabaseSync,
  store: string,
): Partial<Record<TierMixKey, [number | null, number, number | null]>> {
  const s = summarize(db, { ...MARCH, by: 'all', stock: false }, EUR_ONLY);
  return Object.fromEntries(
    s.clientTiers.rows
      .filter((r) => r.store === store)
      .map((r) => [r.tier, [r.clients, r.revenueMinor, r.shareBp]]),
  );
}

describe('clients by tier (ROLLUP-11, REPORT-11)', () => {
  it('REPORT-11, ROLLUP-11: a month’s clients and net sales by the tier each client has today, through the validator', () => {
    const db = chain();
    const decide = till(db);
    const owner = { user: USERS.owner };
    // February: the first client buys four pieces (4,000.00); March is the period.
    const february = decide(
      saleOf([serial(1), serial(2), serial(3), serial(4)], {
        clientId: CLIENT,
        at: '2026-02-10T10:00:00.000Z',
      }),
    );
    decide(saleOf([serial(5), serial(6)], { clientId: CLIENT, at: '2026-03-02T10:00:00.000Z' }));
    const second = decide(
      saleOf([serial(7), serial(8)], { clientId: OTHER_CLIENT, at: '2026-03-03T10:00:00.000Z' }),
    );
    decide(saleOf([serial(9)], { clientId: THIRD_CLIENT, at: '2026-03-04T10:00:00.000Z' }));
    decide(saleOf([serial(10)], { at: '2026-03-05T10:00:00.000Z' }));
    decide(
      command(
        'sale.complete',
        {
          saleId: testId(),
          lines: [{ serial: serial(61), price: { minor: 100_000, currency: 'JPY' } }],
          tax: { minor: 0, currency: 'JPY' },
          total: { minor: 100_000, currency: 'JPY' },
          tenders: [{ kind: 'card', amount: { minor: 100_000, currency: 'JPY' } }],
          clientId: YEN_CLIENT,
        },
        { store: YEN_STORE, at: '2026-03-06T10:00:00.000Z' },
      ),
    );

    // No thresholds yet: nobody is given a tier (never guessed).
    expect(mixOf(db, STORE)).toEqual({ none: [3, 500_000, 8_333], unnamed: [null, 100_000, 1_667] });

    // The owner sets EUR thresholds: loyal from 2,000.00, VIP from 5,000.00 (none for JPY).
    decide(command('tiers.set', { loyal: eur(200_000), vip: eur(500_000) }, owner));
    expect(mixOf(db, STORE)).toEqual({
      vip: [1, 200_000, 3_333], // 6,000.00 spent in all, 2,000.00 of it in March
      loyal: [1, 200_000, 3_333],
      new: [1, 100_000, 1_667],
      unnamed: [null, 100_000, 1_667],
    });
    expect(mixOf(db, YEN_STORE)).toEqual({ none: [1, 100_000, 10_000] });

    // The VIP brings back two of February's pieces in March: 4,000.00 spent, now loyal; the
    // return is March's, so loyal clients' net sales fall by what was refunded.
    decide(
      command(
        'sale.return',
        {
          returnId: testId(),
          saleId: saleIdOf(february),
          serials: [serial(1), serial(2)],
          refunds: [{ kind: 'card', amount: eur(200_000) }],
        },
        { at: '2026-03-10T10:00:00.000Z' },
      ),
    );
    expect(mixOf(db, STORE)).toEqual({
      loyal: [2, 200_000, 5_000],
      new: [1, 100_000, 2_500],
      unnamed: [null, 100_000, 2_500],
    });

    // The second client's sale was keyed twice and is voided: they bought nothing in March.
    decide(
      command(
        'sale.void',
        { saleId: saleIdOf(second), reason: 'Keyed twice' },
        { at: '2026-03-11T10:00:00.000Z' },
      ),
    );
    // The VIP did buy in March (and brought back as much): still counted, with no net sales.
    expect(mixOf(db, STORE)).toEqual({
      loyal: [1, 0, 0],
      new: [1, 100_000, 5_000],
      unnamed: [null, 100_000, 5_000],
    });
    expect(one(db, OTHER_CLIENT)).toBeUndefined();

    // Thresholds raised: the same spend is now "new" everywhere, at once.
    decide(command('tiers.set', { loyal: eur(1_000_000), vip: eur(2_000_000) }, owner));
    expect(mixOf(db, STORE)).toEqual({ new: [2, 100_000, 5_000], unnamed: [null, 100_000, 5_000] });

    // Chain totals in the reporting currency: every tier, with what JPY could not be converted into.
    const s = summarize(db, { ...MARCH, by: 'all', stock: false }, EUR_ONLY);
    expect(s.clientTiers.totals.map((t) => [t.tier, t.clients, t.consolidatedMinor, t.shareBp])).toEqual([
      ['vip', 0, 0, 0],
      ['loyal', 0, 0, 0],
      ['new', 2, 100_000, 5_000],
      ['none', 1, 0, 0],
      ['unnamed', null, 100_000, 5_000],
    ]);
    expect(s.clientTiers.missingRates).toEqual({ JPY: 100_000 });
    db.close();
  });

  it('REPORT-11: with a rate, the chain’s tiers are consolidated; a manager’s answer holds only the stores asked', () => {
    const db = chain();
    const decide = till(db);
    decide(command('tiers.set', { loyal: eur(50_000), vip: eur(150_000) }, { user: USERS.owner }));
    decide(saleOf([serial(1), serial(2)], { clientId: CLIENT, at: '2026-03-02T10:00:00.000Z' }));
    decide(saleOf([serial(31)], { clientId: CLIENT, store: OTHER_STORE, at: '2026-03-03T10:00:00.000Z' }));
    const rates = {
      currency: 'USD' as Currency,
      rates: [{ from: 'EUR' as Currency, to: 'USD' as Currency, rate: '1.10', date: '2026-01-01' }],
    };
    const s = summarize(db, { ...MARCH, by: 'category', stock: false }, rates);
    // One client, VIP in Paris (2,000.00) and loyal in Lyon (1,000.00): counted at each store.
    expect(s.clientTiers.totals.filter((t) => t.consolidatedMinor !== 0 || t.clients)).toEqual([
      { tier: 'vip', clients: 1, consolidatedMinor: 220_000, shareBp: 6_667, byCurrency: { EUR: 200_000 } },
      { tier: 'loyal', clients: 1, consolidatedMinor: 110_000, shareBp: 3_333, byCurrency: { EUR: 100_000 } },
    ]);
    const lyon = summarize(db, { ...MARCH, by: 'all', stock: false, stores: [OTHER_STORE] }, rates);
    expect(lyon.clientTiers.rows.map((r) => [r.store, r.tier, r.clients, r.consolidatedMinor])).toEqual([
      [OTHER_STORE, 'loyal', 1, 110_000],
    ]);
    expect(lyon.topClients.map((c) => [c.store, c.revenueMinor])).toEqual([[OTHER_STORE, 100_000]]);
    // clients=0: no client section at all.
    expect(summarize(db, { ...MARCH, by: 'all', clients: 0 }, rates).clientTiers.rows).toEqual([]);
    db.close();
  });

  it('ROLLUP-11, TIER-4, REPORT-11: after any sequence of sales, returns, voids, merges and erasures the kept spend equals the spend each till computes from the sales, and the tier mix sums the client-days by it', () => {
    const clients = [CLIENT, OTHER_CLIENT, THIRD_CLIENT];
    type Op =
      | { kind: 'sale'; store: 0 | 1; client: number; n: number; hour: number }
      | { kind: 'return'; sale: number; take: number }
      | { kind: 'void'; sale: number }
      | { kind: 'merge'; from: number; into: number }
      | { kind: 'erase'; client: number };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record({
          kind: fc.constant('sale' as const),
          store: fc.constantFrom(0 as const, 1 as const),
          client: fc.integer({ min: 0, max: 3 }),
          n: fc.integer({ min: 1, max: 3 }),
          hour: fc.integer({ min: 0, max: 500 }),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constant('return' as const),
          sale: fc.nat(),
          take: fc.integer({ min: 1, max: 2 }),
        }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), sale: fc.nat() }) },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant('merge' as const), from: fc.nat(2), into: fc.nat(2) }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), client: fc.nat(2) }) },
    );
    let checked = 0;
    const accepted = new Set<string>();
    const paths = new Set<boolean>();
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 5, maxLength: 30 }), (ops) => {
        const db = chain();
        const decider = new CommandDecider(db, { ...TRUSTED, rollups: true });
        const outbox: unknown[] = [];
        const send = (c: Command) => {
          outbox.push(plain(c));
          decider.decideOutbox(DEVICE, outbox);
        };
        // Each piece its own price, so that sums tell sales apart.
        db.exec('UPDATE pieces SET list_price_minor = 100000 + 7919 * CAST(substr(serial, -3) AS INTEGER)');
        send(command('tiers.set', { loyal: eur(150_000), vip: eur(400_000) }, { user: USERS.owner }));
        for (const op of ops) {
          const sales = db.prepare('SELECT id FROM sales ORDER BY at, id').all() as { id: SaleId }[];
          if (op.kind === 'sale') {
            const store = op.store === 0 ? STORE : OTHER_STORE;
            const free = db
              .prepare(
                "SELECT serial, list_price_minor AS p FROM pieces WHERE store = ? AND status = 'in-stock' ORDER BY serial LIMIT ?",
              )
              .all(store, op.n) as { serial: SerialNumber; p: number }[];
            if (free.length === 0) continue;
            const total = free.reduce((sum, f) => sum + Number(f.p), 0);
            const client = clients[op.client];
            send(
              command(
                'sale.complete',
                {
                  saleId: testId(),
                  lines: free.map((f) => ({ serial: f.serial, price: eur(Number(f.p)) })),
                  tax: eur(0),
                  total: eur(total),
                  tenders: [{ kind: 'card', amount: eur(total) }],
                  ...(client ? { clientId: client } : {}),
                },
                { store, at: new Date(Date.UTC(2026, 2, 1) + op.hour * 3_600_000).toISOString() },
              ),
            );
          } else if (op.kind === 'return' || op.kind === 'void') {
            const sale = sales[op.sale % Math.max(1, sales.length)];
            if (!sale) continue;
            if (op.kind === 'void') send(command('sale.void', { saleId: sale.id, reason: 'Keyed twice' }));
            else {
              const lines = db
                .prepare(
                  'SELECT serial, net_minor FROM sale_lines WHERE sale_id = ? AND live = 1 ORDER BY line LIMIT ?',
                )
                .all(sale.id, op.take) as { serial: string; net_minor: number }[];
              if (lines.length === 0) continue;
              // Sometimes less is refunded than the pieces' price (a store credit kept apart).
              const refund = lines.reduce((s, l) => s + Number(l.net_minor), 0) - (op.take === 2 ? 1_000 : 0);
              send(
                command('sale.return', {
                  returnId: testId(),
                  saleId: sale.id,
                  serials: lines.map((l) => l.serial),
                  refunds: [{ kind: 'card', amount: eur(refund) }],
                }),
              );
            }
          } else if (op.kind === 'merge') {
            // What a client merge and an erasure do to sales (apply-events.ts: moveSales, detachSales).
            db.prepare('UPDATE sales SET client_id = ? WHERE client_id = ?').run(
              clients[op.into] ?? CLIENT,
              clients[op.from] ?? CLIENT,
            );
          } else
            db.prepare('UPDATE sales SET client_id = NULL WHERE client_id = ?').run(
              clients[op.client] ?? CLIENT,
            );
        }
        const kept = db
          .prepare(
            'SELECT store, client_id, currency, sales, spend_minor FROM report_client_spend ORDER BY store, client_id',
          )
          .all()
          .map((r) => ({ ...r }));
        // Each till's computation (TIER-4) over the relay's answer to GET /api/clienteling/sales.
        const api = new ClientelingApi(db);
        const expected = [STORE, OTHER_STORE].flatMap((store) => {
          const rows = api.sales(store).map((s) => ({
            ...s,
            saleId: s.saleId as SaleId,
            clientId: s.clientId as ClientId,
            total: { ...s.total, currency: s.total.currency as Currency },
            serials: [],
          }));
          const ids = [...new Set(rows.map((r) => r.clientId))].sort();
          return ids.flatMap((id) => {
            const counted = rows.filter((r) => r.clientId === id && !r.voided);
            if (counted.length === 0) return [];
            const v = clientValue(rows, id, 'EUR' as Currency, '2030-01-01T00:00:00.000Z');
            return [
              { store, client_id: id, currency: 'EUR', sales: counted.length, spend_minor: v.spend.minor },
            ];
          });
        });
        expect(kept).toEqual(expected);
        // REPORT-11: the tier mix of a short and a long period (each client-day joined with its
        // spend, or every spend row read once) is the client-days summed by the tier of that spend.
        const thresholds = { EUR: { loyal: eur(150_000), vip: eur(400_000) } };
        for (const period of [MARCH, { from: '2026-02-20', to: '2026-04-20' }]) {
          const want = new Map<string, { clients: number; revenue: number }>();
          for (const r of db
            .prepare(
              `SELECT store, client_id, sum(sales) AS sales, sum(revenue_minor) AS revenue FROM rollup_client_days
               WHERE day BETWEEN ? AND ? GROUP BY store, client_id`,
            )
            .all(period.from, period.to) as {
            store: string;
            client_id: string;
            sales: number;
            revenue: number;
          }[]) {
            const spend = kept.find((k) => k.store === r.store && k.client_id === r.client_id)?.spend_minor;
            const tier = tierFor(eur(Number(spend ?? 0)), thresholds);
            const w = want.get(`${r.store} ${tier}`) ?? { clients: 0, revenue: 0 };
            want.set(`${r.store} ${tier}`, {
              clients: w.clients + (r.sales > 0 ? 1 : 0),
              revenue: w.revenue + r.revenue,
            });
          }
          paths.add(joinSpend(db, period.from, period.to));
          const got = summarize(db, { ...period, by: 'all', stock: false }, EUR_ONLY).clientTiers.rows.filter(
            (r) => r.tier !== 'unnamed',
          );
          expect(
            new Map(
              got.map((r) => [`${r.store} ${r.tier}`, { clients: r.clients, revenue: r.revenueMinor }]),
            ),
          ).toEqual(want);
        }
        // ROLLUP-5: a rebuild recomputes the same rows.
        new Rollups(db, { enabled: true }).rebuild();
        expect(
          db
            .prepare(
              'SELECT store, client_id, currency, sales, spend_minor FROM report_client_spend ORDER BY store, client_id',
            )
            .all()
            .map((r) => ({ ...r })),
        ).toEqual(kept);
        checked += kept.length;
        for (const r of db.prepare("SELECT type FROM commands WHERE status = 'accepted'").all() as {
          type: string;
        }[])
          accepted.add(r.type);
        db.close();
        return true;
      }),
      { numRuns: 25 },
    );
    expect(checked).toBeGreaterThan(25);
    // The sequences did refund and void, not only sell.
    expect([...accepted].sort()).toEqual(['sale.complete', 'sale.return', 'sale.void', 'tiers.set']);
    // Both ways of reading the spend were taken.
    expect(paths).toEqual(new Set([true, false]));
  });

  it('ROLLUP-11: validator-025 fills the spend of the sales recorded before it', () => {
    const db = chain();
    const decide = till(db);
    decide(saleOf([serial(1), serial(2)], { clientId: CLIENT }));
    const sale = decide(saleOf([serial(3)], { clientId: CLIENT }));
    decide(command('sale.void', { saleId: saleIdOf(sale), reason: 'Keyed twice' }));
    const before = one(db, CLIENT);
    expect(before).toEqual({ sales: 1, spend_minor: 200_000 });
    db.exec('DROP TRIGGER report_client_spend_sale');
    db.exec('DROP TRIGGER report_client_spend_changed');
    db.exec('DROP TRIGGER report_client_spend_removed');
    db.exec('DROP TABLE report_client_spend');
    db.prepare("DELETE FROM migrations WHERE id = 'validator-025-report-client-spend'").run();
    migrate(db, [...syncMigrations, ...validatorMigrations]);
    expect(one(db, CLIENT)).toEqual(before);
    db.close();
  });
});

function one(db: DatabaseSync, client: string): Record<string, unknown> | undefined {
  const row = db
    .prepare('SELECT sales, spend_minor FROM report_client_spend WHERE client_id = ?')
    .get(client);
  return row ? { ...row } : undefined;
}
