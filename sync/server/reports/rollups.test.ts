import type { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../domain/commands.ts';
import type { ClientId } from '../../../domain/ids.ts';
import type { Currency } from '../../../domain/money.ts';
import {
  CLIENT,
  command,
  DEVICE,
  eur,
  OTHER_CLIENT,
  pieceRecord,
  STORE,
  saleOf,
  serial,
  testId,
} from '../../../domain/test-support.ts';
import { CommandDecider } from '../validator/decider.ts';
import { openTestDatabase } from '../validator/test-db.ts';
import { Rollups } from './rollups.ts';
import { summarize } from './summary.ts';

const TRUSTED = { attribution: 'envelope' } as const;
const plain = (c: Command): unknown => JSON.parse(JSON.stringify(c));
const EUR_ONLY = { currency: 'EUR' as Currency, rates: [] };
const THIRD_CLIENT = 'd0000000-0000-7000-8000-000000000003' as ClientId;
const CLIENTS = [CLIENT, OTHER_CLIENT, THIRD_CLIENT] as const;

const TABLES = {
  rollup_sales: 'store, day, dim, key',
  rollup_sales_months: 'dim, month, store, key, currency',
  rollup_stock: 'store, received, category, consigned, currency',
  report_clients: 'client_id',
  rollup_client_days: 'store, day, client_id',
  report_client_spend: 'store, client_id, currency',
} as const;

/** Every rollup table, rows with nothing in them left out (a sale and its full return net to zeros in stock). */
function snapshot(db: DatabaseSync): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(TABLES)) {
    const rows = db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all() as Record<string, unknown>[];
    out[table] =
      table === 'rollup_stock'
        ? rows.filter(
            (r) => Number(r.pieces) !== 0 || Number(r.cost_minor) !== 0 || Number(r.price_minor) !== 0,
          )
        : rows.map((r) => ({ ...r }));
  }
  return out;
}

/** The test's clients as the client book lists them (the relay learns them from `clients/<store>`). */
function openWithClients(): DatabaseSync {
  const db = openTestDatabase(8);
  const known = db.prepare(
    "INSERT INTO client_directory (id, store, seen_at) VALUES (?, ?, '2026-01-01T00:00:00Z')",
  );
  for (const id of CLIENTS) known.run(id, STORE);
  return db;
}

const one = (db: DatabaseSync, sql: string, ...args: string[]) =>
  db.prepare(sql).get(...args) as Record<string, number | string>;

/** A shop's day: receive, sell (discounts, clients, several days across midnight), return, void, memo, price. */
type Op =
  | { kind: 'receive'; n: number; category: 'ring' | 'necklace' | 'watch'; cost: number; price: number }
  | { kind: 'sale'; picks: number[]; discountPct: number; client: number; hour: number; tax: number }
  | { kind: 'return'; sale: number; take: number; hour: number }
  | { kind: 'void'; sale: number; hour: number }
  | { kind: 'memo-out' | 'memo-return' | 'write-off'; pick: number }
  | { kind: 'price'; pick: number; price: number }
  | { kind: 'merge'; survivor: number; merged: number }
  | { kind: 'erase'; client: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('receive' as const),
    n: fc.integer({ min: 100, max: 140 }),
    category: fc.constantFrom('ring' as const, 'necklace' as const, 'watch' as const),
    cost: fc.integer({ min: 0, max: 90_000 }),
    price: fc.integer({ min: 1, max: 200_000 }),
  }),
  fc.record({
    kind: fc.constant('sale' as const),
    picks: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 3 }),
    discountPct: fc.integer({ min: 0, max: 10 }),
    client: fc.integer({ min: 0, max: 3 }),
    hour: fc.integer({ min: 0, max: 96 }),
    tax: fc.integer({ min: 0, max: 999 }),
  }),
  fc.record({
    kind: fc.constant('return' as const),
    sale: fc.nat(),
    take: fc.integer({ min: 1, max: 3 }),
    hour: fc.integer({ min: 0, max: 120 }),
  }),
  fc.record({ kind: fc.constant('void' as const), sale: fc.nat(), hour: fc.integer({ min: 0, max: 120 }) }),
  fc.record({
    kind: fc.constantFrom('memo-out' as const, 'memo-return' as const, 'write-off' as const),
    pick: fc.integer({ min: 0, max: 60 }),
  }),
  fc.record({
    kind: fc.constant('price' as const),
    pick: fc.integer({ min: 0, max: 60 }),
    price: fc.integer({ min: 1, max: 300_000 }),
  }),
  // A duplicate client merged into another, or a client erased (their sales kept without them).
  fc.record({
    kind: fc.constant('merge' as const),
    survivor: fc.integer({ min: 0, max: 2 }),
    merged: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({ kind: fc.constant('erase' as const), client: fc.integer({ min: 0, max: 2 }) }),
);

/** The command an op means against the database as it is now (pieces and sales read from SQL). */
function toCommand(db: DatabaseSync, op: Op): Command | undefined {
  const at = (hour: number) => new Date(Date.UTC(2026, 2, 1, 20) + hour * 3_600_000).toISOString();
  const serials = (db.prepare('SELECT serial FROM pieces ORDER BY serial').all() as { serial: string }[]).map(
    (r) => r.serial,
  );
  const pick = (i: number) => serials[i % serials.length] as ReturnType<typeof serial>;
  const price = (s: string) =>
    Number(one(db, 'SELECT list_price_minor AS p FROM pieces WHERE serial = ?', s).p);
  const sales = db.prepare('SELECT id FROM sales ORDER BY at, id').all() as { id: string }[];
  switch (op.kind) {
    case 'receive':
      return command(
        'piece.receive',
        { piece: pieceRecord(op.n, { category: op.category, cost: eur(op.cost), listPrice: eur(op.price) }) },
        { at: at(0) },
      );
    case 'sale': {
      const chosen = [...new Set(op.picks.map(pick))];
      const lines = chosen.map((s) => {
        const p = price(s);
        return { serial: s, price: eur(p), discount: eur(Math.floor((p * op.discountPct) / 100)) };
      });
      const net = lines.reduce((sum, l) => sum + l.price.minor - l.discount.minor, 0);
      const client = op.client === 0 ? undefined : CLIENTS[op.client - 1];
      // The test stores add no tax (test-db.ts): a sale's tax is part of its total, as in a VAT store.
      return command(
        'sale.complete',
        {
          saleId: testId(),
          lines,
          tax: eur(0),
          total: eur(net),
          tenders: [{ kind: 'card', amount: eur(net) }],
          ...(client ? { clientId: client } : {}),
        },
        { at: at(op.hour) },
      );
    }
    case 'return': {
      const sale = sales[op.sale % Math.max(1, sales.length)];
      if (!sale) return undefined;
      const lines = db
        .prepare('SELECT serial, net_minor FROM sale_lines WHERE sale_id = ? AND live = 1 ORDER BY line')
        .all(sale.id) as { serial: string; net_minor: number }[];
      const taken = lines.slice(0, op.take);
      if (taken.length === 0) return undefined;
      const refund = taken.reduce((s, l) => s + Number(l.net_minor), 0);
      return command(
        'sale.return',
        {
          returnId: testId(),
          saleId: sale.id,
          serials: taken.map((l) => l.serial),
          refunds: refund > 0 ? [{ kind: 'card', amount: eur(refund) }] : [],
        },
        { at: at(op.hour) },
      );
    }
    case 'void': {
      const sale = sales[op.sale % Math.max(1, sales.length)];
      return sale
        ? command('sale.void', { saleId: sale.id, reason: 'Keyed twice' }, { at: at(op.hour) })
        : undefined;
    }
    case 'memo-out':
      return command('memo.out', { serial: pick(op.pick), consignee: 'Maison R.' });
    case 'memo-return':
      return command('memo.return', { serial: pick(op.pick) });
    case 'write-off':
      return command('piece.write-off', { serial: pick(op.pick), reason: 'damaged', note: 'Dropped' });
    case 'price':
      return command('price.change', {
        serial: pick(op.pick),
        listPrice: eur(op.price),
        reason: 'Gold price',
      });
    case 'merge': {
      const survivorId = CLIENTS[op.survivor];
      const mergedId = CLIENTS[op.merged];
      return survivorId && mergedId && survivorId !== mergedId
        ? command('client.merge', { survivorId, mergedId, picks: {} })
        : undefined;
    }
    case 'erase': {
      const clientId = CLIENTS[op.client];
      return clientId ? command('client.erase', { clientId, reason: 'Asked to be forgotten' }) : undefined;
    }
  }
}

describe('report rollups', () => {
  it('ROLLUP-2, ROLLUP-4, ROLLUP-5, ROLLUP-9, PERF-2: after any sequence of commands the rollups equal a full recomputation from history', () => {
    let total = 0;
    const types: string[] = [];
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 20, maxLength: 40 }), (ops) => {
        const db = openWithClients();
        const decider = new CommandDecider(db, { ...TRUSTED, rollups: true });
        // The test's pieces are inserted without a command, as a seed does: the relay's start catches up.
        expect(decider.rollups.ensureFresh()).toBe(true);
        const outbox: unknown[] = [];
        let accepted = 0;
        for (const op of ops) {
          const c = toCommand(db, op);
          if (!c) continue;
          outbox.push(plain(c));
          accepted += decider.decideOutbox(DEVICE, outbox).filter((d) => d.status === 'accepted').length;
        }
        const incremental = snapshot(db);
        // ROLLUP-9: each month row is the sum of its day rows.
        const measures = (db.prepare('PRAGMA table_info(rollup_sales)').all() as { name: string }[])
          .map((c) => c.name)
          .filter((c) => !['store', 'day', 'dim', 'key', 'currency'].includes(c));
        expect(incremental.rollup_sales_months).toEqual(
          db
            .prepare(
              `SELECT dim, substr(day, 1, 7) AS month, store, key, currency, count(*) AS days,
                 ${measures.map((m) => `sum(${m}) AS ${m}`).join(', ')}
               FROM rollup_sales GROUP BY dim, month, store, key, currency ORDER BY dim, month, store, key, currency`,
            )
            .all()
            .map((r) => ({ ...r })),
        );
        // PERF-2: the same outbox replayed with group commit (sums kept in memory, written before
        // the commit) leaves the same rollups.
        const replay = openWithClients();
        const grouped = new CommandDecider(replay, { ...TRUSTED, rollups: true });
        grouped.rollups.ensureFresh();
        grouped.decideOutbox(DEVICE, outbox, { groupCommit: true });
        expect(snapshot(replay)).toEqual(incremental);
        replay.close();
        new Rollups(db, { enabled: true }).rebuild();
        expect(snapshot(db)).toEqual(incremental);
        total += accepted;
        types.push(
          ...(
            db.prepare("SELECT type FROM commands WHERE status = 'accepted'").all() as { type: string }[]
          ).map((r) => r.type),
        );
        db.close();
        return true;
      }),
      { numRuns: 30 },
    );
    // The sequences did exercise the rollups: sales, returns and voids were accepted, not only refused.
    for (const t of [
      'sale.complete',
      'sale.return',
      'sale.void',
      'piece.receive',
      'memo.out',
      'price.change',
      'client.merge',
      'client.erase',
    ])
      expect(types, t).toContain(t);
    expect(total).toBeGreaterThan(100);
  });

  it('ROLLUP-12: a merge makes two client records one person in the top clients and the new clients; an erasure keeps the sales and names nobody', () => {
    const db = openWithClients();
    const decider = new CommandDecider(db, { ...TRUSTED, rollups: true });
    decider.rollups.ensureFresh();
    const outbox: unknown[] = [];
    const send = (c: Command) => {
      outbox.push(plain(c));
      expect(decider.decideOutbox(DEVICE, outbox).map((d) => d.status)).toEqual(['accepted']);
    };
    const march = () =>
      summarize(db, { from: '2026-03-01', to: '2026-03-31', by: 'all', stock: false }, EUR_ONLY);
    // One person entered twice: a first sale under CLIENT, a later one under OTHER_CLIENT.
    send(saleOf([serial(1)], { at: '2026-03-02T10:00:00.000Z', clientId: CLIENT }));
    send(saleOf([serial(2), serial(3)], { at: '2026-03-05T10:00:00.000Z', clientId: OTHER_CLIENT }));
    const before = march();
    expect(before.topClients.map((c) => c.clientId).sort()).toEqual([CLIENT, OTHER_CLIENT].sort());
    expect(before.totals.consolidated).toMatchObject({ sales: 2, clientSales: 2, newClientSales: 2 });
    const spent = before.topClients.reduce((t, c) => t + c.revenueMinor, 0);

    // Merged into the later record: one client, two sales, new once, since her first sale.
    send(command('client.merge', { survivorId: OTHER_CLIENT, mergedId: CLIENT, picks: {} }));
    const merged = march();
    expect(merged.topClients.map((c) => [c.clientId, c.sales, c.revenueMinor, c.firstDay])).toEqual([
      [OTHER_CLIENT, 2, spent, '2026-03-02'],
    ]);
    expect(merged.totals.consolidated).toMatchObject({ sales: 2, clientSales: 2, newClientSales: 1 });

    // Erased: the sales and their money stay; no client figure names or counts her.
    send(command('client.erase', { clientId: OTHER_CLIENT, reason: 'Asked to be forgotten' }));
    const erased = march();
    expect(erased.topClients).toEqual([]);
    expect(erased.totals.consolidated).toMatchObject({ sales: 2, clientSales: 0, newClientSales: 0 });
    expect(erased.totals.consolidated.revenueMinor).toBe(before.totals.consolidated.revenueMinor);
    for (const table of ['report_clients', 'rollup_client_days', 'report_client_spend'])
      expect(one(db, `SELECT count(*) AS n FROM ${table}`).n, table).toBe(0);

    // ROLLUP-6: a database kept before ROLLUP-12 still counts a merged client: the start rebuilds.
    db.prepare(
      "INSERT INTO report_clients (client_id, first_store, first_day) VALUES (?, ?, '2026-03-02')",
    ).run(CLIENT, STORE);
    expect(decider.rollups.ensureFresh()).toBe(true);
    expect(one(db, 'SELECT count(*) AS n FROM report_clients').n).toBe(0);
    expect(decider.rollups.ensureFresh()).toBe(false);
    db.close();
  });

  it('ROLLUP-1: a sale, a discount and a return land on the store’s local day, by category and associate', () => {
    const db = openTestDatabase(0);
    const decider = new CommandDecider(db, TRUSTED);
    const receive = (n: number, category: 'ring' | 'watch') =>
      plain(command('piece.receive', { piece: pieceRecord(n, { category, cost: eur(40_000) }) }));
    // 23:30 UTC on 1 March is already 2 March in Paris (UTC+1).
    const sale = saleOf([serial(1), serial(2)], { at: '2026-03-01T23:30:00.000Z', clientId: CLIENT });
    const outbox = [receive(1, 'ring'), receive(2, 'watch'), plain(sale)];
    decider.decideOutbox(DEVICE, outbox);
    const all = one(db, "SELECT * FROM rollup_sales WHERE dim = 'all'");
    expect(all).toMatchObject({
      day: '2026-03-02',
      sales: 1,
      units: 2,
      revenue_minor: 200_000,
      cost_minor: 80_000,
    });
    expect(all.new_client_sales).toBe(1);
    const rings = one(db, "SELECT * FROM rollup_sales WHERE dim = 'category' AND key = 'ring'");
    expect(rings).toMatchObject({ sales: 1, units: 1, revenue_minor: 100_000 });
    outbox.push(
      plain(
        command(
          'sale.return',
          {
            returnId: testId(),
            saleId: (sale.payload as { saleId: string }).saleId,
            serials: [serial(2)],
            refunds: [{ kind: 'card', amount: eur(100_000) }],
          },
          { at: '2026-03-03T09:00:00.000Z' },
        ),
      ),
    );
    expect(decider.decideOutbox(DEVICE, outbox).map((d) => d.status)).toEqual(['accepted']);
    const back = one(
      db,
      "SELECT * FROM rollup_sales WHERE dim = 'category' AND key = 'watch' AND day = '2026-03-03'",
    );
    expect(back).toMatchObject({
      returns: 1,
      return_units: 1,
      return_revenue_minor: 100_000,
      return_cost_minor: 40_000,
    });
    // The watch is back on hand, the ring is not.
    const stock = one(db, 'SELECT sum(pieces) AS n, sum(cost_minor) AS c FROM rollup_stock');
    expect(stock).toEqual({ n: 1, c: 40_000 });
  });

  it('ROLLUP-2: with rollups off nothing is kept, and a rebuild catches up', () => {
    const db = openTestDatabase(3);
    const decider = new CommandDecider(db, { ...TRUSTED, rollups: false });
    decider.decideOutbox(DEVICE, [plain(saleOf([serial(1)], { clientId: CLIENT }))]);
    expect(one(db, 'SELECT count(*) AS n FROM rollup_sales').n).toBe(0);
    new Rollups(db, { enabled: true }).rebuild();
    expect(one(db, "SELECT sales, revenue_minor FROM rollup_sales WHERE dim = 'all'")).toEqual({
      sales: 1,
      revenue_minor: 100_000,
    });
    expect(one(db, 'SELECT sum(pieces) AS n FROM rollup_stock').n).toBe(2);
  });
});
