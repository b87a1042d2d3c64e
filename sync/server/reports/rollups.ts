/**
 * Report rollups (ROLLUP-*): sums by store × local day × key, kept in the same SQL transaction
 * as each decision, so a figure never disagrees with the sales it counts. Plain, portable SQL
 * (no STRICT, no JSON functions, upserts with ON CONFLICT … DO UPDATE): the same statements run
 * on PostgreSQL (the one SQLite-only word is `WITHOUT ROWID` on `rollup_sales`, ROLLUP-7: there the
 * same primary key, without it). `rebuild` recomputes every rollup from the history tables (sales, sale_lines,
 * returns, the void commands, pieces): after a restore, after running with rollups off, and in
 * the property test that checks the incremental path against it.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { DomainEvent } from '../../../domain/decision-types.ts';
import type { Currency } from '../../../domain/money.ts';
import { lineShares, localDay } from '../../../domain/report.ts';
import type { Migration } from '../db.ts';
import { CLIENT_SPEND_BACKFILL, clientSpendSql } from './client-tiers.ts';

export const reportMigrations: readonly Migration[] = [
  {
    id: 'validator-016-report-rollups',
    up: (db) =>
      db.exec(`
      -- ROLLUP-1: one row per store, local day, dimension and key; amounts in the store's currency.
      CREATE TABLE rollup_sales (
        store TEXT NOT NULL,
        day TEXT NOT NULL,
        dim TEXT NOT NULL CHECK (dim IN ('all','category','metal','designer','associate')),
        key TEXT NOT NULL,
        currency TEXT NOT NULL,
        sales BIGINT NOT NULL DEFAULT 0,
        units BIGINT NOT NULL DEFAULT 0,
        gross_minor BIGINT NOT NULL DEFAULT 0,
        discount_minor BIGINT NOT NULL DEFAULT 0,
        revenue_minor BIGINT NOT NULL DEFAULT 0,
        tax_minor BIGINT NOT NULL DEFAULT 0,
        cost_minor BIGINT NOT NULL DEFAULT 0,
        returns BIGINT NOT NULL DEFAULT 0,
        return_units BIGINT NOT NULL DEFAULT 0,
        return_revenue_minor BIGINT NOT NULL DEFAULT 0,
        return_tax_minor BIGINT NOT NULL DEFAULT 0,
        return_cost_minor BIGINT NOT NULL DEFAULT 0,
        refund_minor BIGINT NOT NULL DEFAULT 0,
        client_sales BIGINT NOT NULL DEFAULT 0,
        new_client_sales BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (store, day, dim, key)
      );
      CREATE INDEX rollup_sales_by_day ON rollup_sales (dim, day);
      -- ROLLUP-3: stock on hand by store, month received, category and consigned (on memo).
      CREATE TABLE rollup_stock (
        store TEXT NOT NULL,
        received TEXT NOT NULL,
        category TEXT NOT NULL,
        consigned INTEGER NOT NULL CHECK (consigned IN (0, 1)),
        currency TEXT NOT NULL,
        pieces BIGINT NOT NULL DEFAULT 0,
        cost_minor BIGINT NOT NULL DEFAULT 0,
        price_minor BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (store, received, category, consigned, currency)
      );
      -- ROLLUP-4: each client's first decided sale (new vs returning) and spend per store and day.
      CREATE TABLE report_clients (
        client_id TEXT PRIMARY KEY,
        first_store TEXT NOT NULL,
        first_day TEXT NOT NULL
      );
      CREATE TABLE rollup_client_days (
        store TEXT NOT NULL,
        day TEXT NOT NULL,
        client_id TEXT NOT NULL,
        currency TEXT NOT NULL,
        sales BIGINT NOT NULL DEFAULT 0,
        revenue_minor BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (store, day, client_id)
      );
      CREATE INDEX rollup_client_days_by_day ON rollup_client_days (day);
      -- Facts the rollups keep: what each sold line was when sold (its cost may change later) and
      -- the month each piece was received (stock age). Rebuilt from pieces when missing.
      CREATE TABLE report_sale_lines (
        sale_id TEXT NOT NULL,
        serial TEXT NOT NULL,
        category TEXT NOT NULL,
        metal TEXT NOT NULL,
        designer TEXT NOT NULL,
        cost_minor BIGINT NOT NULL,
        PRIMARY KEY (sale_id, serial)
      );
      CREATE TABLE report_received (
        serial TEXT PRIMARY KEY,
        month TEXT NOT NULL
      );
      -- Drill-down to a store's day of sales without scanning every sale.
      CREATE INDEX sales_store_at ON sales (store, at);
    `),
  },
  {
    // ROLLUP-7: the dashboard reads one dimension over a range of days, so the rows are kept in
    // that order (dim, day, store, key), clustered: a year of whole-store figures is one range of
    // the table, read without a lookup per row, and an upsert writes one b-tree instead of three
    // (rowid table, primary key, the old (dim, day) index).
    id: 'validator-023-report-rollups-by-day',
    up: (db) =>
      db.exec(`
      CREATE TABLE rollup_sales_by_dim_day (
        store TEXT NOT NULL,
        day TEXT NOT NULL,
        dim TEXT NOT NULL CHECK (dim IN ('all','category','metal','designer','associate')),
        key TEXT NOT NULL,
        currency TEXT NOT NULL,
        sales BIGINT NOT NULL DEFAULT 0,
        units BIGINT NOT NULL DEFAULT 0,
        gross_minor BIGINT NOT NULL DEFAULT 0,
        discount_minor BIGINT NOT NULL DEFAULT 0,
        revenue_minor BIGINT NOT NULL DEFAULT 0,
        tax_minor BIGINT NOT NULL DEFAULT 0,
        cost_minor BIGINT NOT NULL DEFAULT 0,
        returns BIGINT NOT NULL DEFAULT 0,
        return_units BIGINT NOT NULL DEFAULT 0,
        return_revenue_minor BIGINT NOT NULL DEFAULT 0,
        return_tax_minor BIGINT NOT NULL DEFAULT 0,
        return_cost_minor BIGINT NOT NULL DEFAULT 0,
        refund_minor BIGINT NOT NULL DEFAULT 0,
        client_sales BIGINT NOT NULL DEFAULT 0,
        new_client_sales BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (dim, day, store, key)
      ) WITHOUT ROWID;
      INSERT INTO rollup_sales_by_dim_day SELECT store, day, dim, key, currency, sales, units, gross_minor,
        discount_minor, revenue_minor, tax_minor, cost_minor, returns, return_units, return_revenue_minor,
        return_tax_minor, return_cost_minor, refund_minor, client_sales, new_client_sales
        FROM rollup_sales ORDER BY dim, day, store, key;
      DROP TABLE rollup_sales;
      ALTER TABLE rollup_sales_by_dim_day RENAME TO rollup_sales;
    `),
  },
  {
    // ROLLUP-9: the same sums by calendar month (a month or a year is a few hundred rows, not tens
    // of thousands), kept by triggers on `rollup_sales` so that every path that writes a day row
    // (a decision, a group commit's flush, a rebuild) writes its month too. ROLLUP-10: a version
    // of the stores' names, currencies and time zones, bumped by triggers on `stores`, so the
    // report queries keep the list of stores until it changes (in this process or another one
    // sharing the file).
    id: 'validator-024-report-months-stores-version',
    up: (db) => db.exec(monthsAndStoresVersionSql()),
  },
  {
    // ROLLUP-11: each client's spend per store (TIER-4), kept by triggers on `sales` and
    // backfilled from the sales already recorded; what the tier mix of a period reads (REPORT-11).
    id: 'validator-025-report-client-spend',
    up: (db) => db.exec(clientSpendSql()),
  },
];

/** validator-024 (ROLLUP-9, ROLLUP-10), written out from MEASURES. */
function monthsAndStoresVersionSql(): string {
  const cols = MEASURES.join(', ');
  // `days` counts the day rows a month row sums (a period's part of a month is the month less
  // the days outside it; a key with no day inside is then no row, ROLLUP-9).
  const months = (sign: (m: Measure) => string, days: number, row: 'NEW' | 'OLD') =>
    `INSERT INTO rollup_sales_months (dim, month, store, key, currency, days, ${cols})
       VALUES (${row}.dim, substr(${row}.day, 1, 7), ${row}.store, ${row}.key, ${row}.currency, ${days}, ${MEASURES.map(sign).join(', ')})
       ON CONFLICT (dim, month, store, key, currency) DO UPDATE SET days = rollup_sales_months.days + excluded.days,
         ${MEASURES.map((m) => `${m} = rollup_sales_months.${m} + excluded.${m}`).join(', ')};`;
  const sameKey = ['dim', 'day', 'store', 'key', 'currency'].map((c) => `OLD.${c} = NEW.${c}`).join(' AND ');
  const bump = "UPDATE report_versions SET version = version + 1 WHERE name = 'stores';";
  return `
    CREATE TABLE rollup_sales_months (
      dim TEXT NOT NULL,
      month TEXT NOT NULL,
      store TEXT NOT NULL,
      key TEXT NOT NULL,
      currency TEXT NOT NULL,
      days BIGINT NOT NULL DEFAULT 0,
      ${MEASURES.map((m) => `${m} BIGINT NOT NULL DEFAULT 0`).join(',\n      ')},
      PRIMARY KEY (dim, month, store, key, currency)
    ) WITHOUT ROWID;
    INSERT INTO rollup_sales_months (dim, month, store, key, currency, days, ${cols})
      SELECT dim, substr(day, 1, 7), store, key, currency, count(*), ${MEASURES.map((m) => `sum(${m})`).join(', ')}
      FROM rollup_sales GROUP BY dim, substr(day, 1, 7), store, key, currency;
    CREATE TRIGGER rollup_sales_months_insert AFTER INSERT ON rollup_sales BEGIN
      ${months((m) => `NEW.${m}`, 1, 'NEW')}
    END;
    -- An upsert's DO UPDATE: the difference goes to the same month row.
    CREATE TRIGGER rollup_sales_months_update AFTER UPDATE ON rollup_sales WHEN ${sameKey} BEGIN
      ${months((m) => `NEW.${m} - OLD.${m}`, 0, 'NEW')}
    END;
    -- A row moved to another key (no code does it): out of the old month row, into the new one.
    CREATE TRIGGER rollup_sales_months_move AFTER UPDATE ON rollup_sales WHEN NOT (${sameKey}) BEGIN
      ${months((m) => `-OLD.${m}`, -1, 'OLD')}
      ${months((m) => `NEW.${m}`, 1, 'NEW')}
    END;
    CREATE TABLE report_versions (
      name TEXT PRIMARY KEY,
      version BIGINT NOT NULL
    );
    INSERT INTO report_versions (name, version) VALUES ('stores', 1);
    CREATE TRIGGER report_stores_added AFTER INSERT ON stores BEGIN ${bump} END;
    CREATE TRIGGER report_stores_changed AFTER UPDATE OF id, name, currency, time_zone ON stores BEGIN ${bump} END;
    CREATE TRIGGER report_stores_removed AFTER DELETE ON stores BEGIN ${bump} END;
  `;
}

export const DIMENSIONS = ['all', 'category', 'metal', 'designer', 'associate'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const MEASURES = [
  'sales',
  'units',
  'gross_minor',
  'discount_minor',
  'revenue_minor',
  'tax_minor',
  'cost_minor',
  'returns',
  'return_units',
  'return_revenue_minor',
  'return_tax_minor',
  'return_cost_minor',
  'refund_minor',
  'client_sales',
  'new_client_sales',
] as const;
type Measure = (typeof MEASURES)[number];
type Delta = Partial<Record<Measure, number>>;

/** A sold line as the rollups see it. */
type LineFact = {
  serial: string;
  priceMinor: number;
  discountMinor: number;
  netMinor: number;
  category: string;
  metal: string;
  designer: string;
  costMinor: number;
};

type StockKey = { store: string; received: string; category: string; consigned: 0 | 1; currency: string };
type Contribution = StockKey & { costMinor: number; priceMinor: number };

const OFF_HAND = new Set(['sold', 'written-off']);

const zeroDelta = (): Required<Delta> => ({
  sales: 0,
  units: 0,
  gross_minor: 0,
  discount_minor: 0,
  revenue_minor: 0,
  tax_minor: 0,
  cost_minor: 0,
  returns: 0,
  return_units: 0,
  return_revenue_minor: 0,
  return_tax_minor: 0,
  return_cost_minor: 0,
  refund_minor: 0,
  client_sales: 0,
  new_client_sales: 0,
});

/** Whether rollups are kept: on unless LOUPE_ROLLUPS=off (the benchmark's comparison run). */
export const rollupsEnabledByEnv = (): boolean => process.env.LOUPE_ROLLUPS !== 'off';

function parseRecord(json: string): Record<string, unknown> {
  try {
    const v = JSON.parse(json) as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const costOf = (r: Record<string, unknown>): number => {
  const m = (r.cost as { minor?: unknown } | undefined)?.minor;
  return typeof m === 'number' ? m : 0;
};

/** The (store, day) pairs and stores whose figures a decision changed: what the report document republishes. */
export type Touched = { days: Set<string>; stockStores: Set<string> };

type PieceRow = { store: string; status: string; currency: string; list_price_minor: number; record: string };
type StoreRow = { timeZone: string; currency: string };
type SaleRow = {
  store: string;
  user_id: string;
  client_id: string | null;
  currency: string;
  total_minor: number;
  tax_minor: number;
  at: string;
};
type ClientChange =
  | { kind: 'merged'; survivor: string; merged: string; firstSurvivor?: string; firstMerged?: string }
  | { kind: 'erased'; client: string; sales: string[] };

/** Rows of one `rollup_sales` upsert statement at most (a sale's five or so go in one). */
const UPSERT_ROWS_MAX = 8;

export class Rollups {
  readonly enabled: boolean;
  readonly #db: DatabaseSync;
  readonly #s: Record<string, StatementSync>;
  /** `rollup_sales` upserts of 1…UPSERT_ROWS_MAX rows, prepared on first use. */
  readonly #upsertSalesN: StatementSync[] = [];
  #touched: Touched = { days: new Set(), stockStores: new Set() };
  /** Stores' time zones and currencies for a batch of decisions (`resetCache`; PERF-2). */
  readonly #stores = new Map<string, StoreRow | undefined>();
  /** Pieces' records parsed during one decision: the same record is read before and after. */
  readonly #parsed = new Map<string, Record<string, unknown>>();
  /** Group commit (PERF-2): the batch's additive rows, summed in memory until `flushBatch`. */
  #batch: Sums | undefined;
  /** The additive rows of the decision being kept, while batching. */
  #sink: Sums | undefined;

  constructor(db: DatabaseSync, options: { enabled?: boolean } = {}) {
    this.#db = db;
    this.enabled = options.enabled ?? rollupsEnabledByEnv();
    const p = (sql: string) => db.prepare(sql);
    const cols = MEASURES.join(', ');
    const set = MEASURES.map((m) => `${m} = rollup_sales.${m} + excluded.${m}`).join(', ');
    this.#s = {
      upsertSales: p(
        `INSERT INTO rollup_sales (store, day, dim, key, currency, ${cols})
         VALUES (?, ?, ?, ?, ?, ${MEASURES.map(() => '?').join(', ')})
         ON CONFLICT (store, day, dim, key) DO UPDATE SET ${set}`,
      ),
      upsertStock: p(
        `INSERT INTO rollup_stock (store, received, category, consigned, currency, pieces, cost_minor, price_minor)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (store, received, category, consigned, currency) DO UPDATE SET
           pieces = rollup_stock.pieces + excluded.pieces,
           cost_minor = rollup_stock.cost_minor + excluded.cost_minor,
           price_minor = rollup_stock.price_minor + excluded.price_minor`,
      ),
      upsertClientDay: p(
        `INSERT INTO rollup_client_days (store, day, client_id, currency, sales, revenue_minor) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (store, day, client_id) DO UPDATE SET
           sales = rollup_client_days.sales + excluded.sales,
           revenue_minor = rollup_client_days.revenue_minor + excluded.revenue_minor`,
      ),
      insertClient: p('INSERT INTO report_clients (client_id, first_store, first_day) VALUES (?, ?, ?)'),
      insertClientOnce: p(
        `INSERT INTO report_clients (client_id, first_store, first_day) VALUES (?, ?, ?)
         ON CONFLICT (client_id) DO NOTHING`,
      ),
      store: p('SELECT time_zone, currency FROM stores WHERE id = ?'),
      piece: p(
        'SELECT serial, store, status, currency, list_price_minor, record FROM pieces WHERE serial = ?',
      ),
      received: p('SELECT month FROM report_received WHERE serial = ?'),
      insertReceived: p(
        'INSERT INTO report_received (serial, month) VALUES (?, ?) ON CONFLICT (serial) DO NOTHING',
      ),
      insertFact: p(
        `INSERT INTO report_sale_lines (sale_id, serial, category, metal, designer, cost_minor) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (sale_id, serial) DO NOTHING`,
      ),
      sale: p(
        'SELECT store, user_id, client_id, currency, total_minor, tax_minor, at FROM sales WHERE id = ?',
      ),
      // A client's sales in decision order, as `rebuild` reads them (the first made them new).
      salesOfClient: p(
        `SELECT s.id FROM sales s LEFT JOIN commands c ON c.id = s.command_id
         WHERE s.client_id = ? ORDER BY coalesce(c.seq, 0), s.at, s.id`,
      ),
      clientDaysOf: p('SELECT DISTINCT store, day FROM rollup_client_days WHERE client_id = ?'),
      moveClientDays: p(
        `INSERT INTO rollup_client_days (store, day, client_id, currency, sales, revenue_minor)
         SELECT store, day, ?, currency, sales, revenue_minor FROM rollup_client_days WHERE client_id = ?
         ON CONFLICT (store, day, client_id) DO UPDATE SET
           sales = rollup_client_days.sales + excluded.sales,
           revenue_minor = rollup_client_days.revenue_minor + excluded.revenue_minor`,
      ),
      dropClientDays: p('DELETE FROM rollup_client_days WHERE client_id = ?'),
      firstFrom: p(
        `UPDATE report_clients SET
           first_store = (SELECT first_store FROM report_clients WHERE client_id = ?),
           first_day = (SELECT first_day FROM report_clients WHERE client_id = ?)
         WHERE client_id = ?`,
      ),
      renameClient: p('UPDATE report_clients SET client_id = ? WHERE client_id = ?'),
      dropClient: p('DELETE FROM report_clients WHERE client_id = ?'),
      saleLines: p(
        `SELECT l.serial, l.price_minor, l.discount_minor, l.net_minor, f.category, f.metal, f.designer, f.cost_minor
         FROM sale_lines l LEFT JOIN report_sale_lines f ON f.sale_id = l.sale_id AND f.serial = l.serial
         WHERE l.sale_id = ? ORDER BY l.line, l.serial`,
      ),
    };
  }

  /**
   * Forgets the stores read so far: the decider calls it where it re-reads staff and stores (each
   * batch, and after a decision that changed a store).
   */
  resetCache(): void {
    this.#stores.clear();
  }

  /**
   * Group commit (PERF-2): from now on the additive rows (`rollup_sales`, `rollup_client_days`,
   * `rollup_stock`) of each kept decision are summed in memory, and `flushBatch` writes the sums,
   * one upsert per row, inside the same transaction before its commit. Nothing in a decision reads
   * those tables, and a sum of additions is the additions, so the committed figures are the same
   * as writing them one decision at a time. The other rows (first sales, sold lines' facts, months
   * received) are still written with each decision: later decisions of the batch read them.
   */
  beginBatch(): void {
    this.#batch = this.enabled ? new Sums() : undefined;
  }

  /** Writes the batch's sums (call inside the batch's transaction, before it commits). */
  flushBatch(): void {
    const batch = this.#batch;
    this.#batch = undefined;
    if (!batch) return;
    const sales = [...batch.sales.values()];
    for (let i = 0; i < sales.length; i += UPSERT_ROWS_MAX) {
      const chunk = sales.slice(i, i + UPSERT_ROWS_MAX);
      const args: (string | number)[] = [];
      for (const r of chunk) {
        args.push(r.store, r.day, r.dim, r.key, r.currency);
        for (const m of MEASURES) args.push(r.d[m]);
      }
      this.#upsertSalesOf(chunk.length).run(...args);
    }
    for (const c of batch.clientDays.values())
      this.#s.upsertClientDay?.run(c.store, c.day, c.client, c.currency, c.sales, c.revenue);
    for (const c of batch.stock.values())
      this.#s.upsertStock?.run(
        c.store,
        c.received,
        c.category,
        c.consigned,
        c.currency,
        c.pieces,
        c.costMinor,
        c.priceMinor,
      );
  }

  /** Leaves batch mode without writing (the batch's transaction rolled back). */
  abandonBatch(): void {
    this.#batch = undefined;
  }

  /** Pairs `store|day` and stores changed since the last call (the report publisher drains it). */
  drainTouched(): Touched {
    const t = this.#touched;
    this.#touched = { days: new Set(), stockStores: new Set() };
    return t;
  }

  /**
   * ROLLUP-2: runs `write` (the decision's SQL writes) and keeps the rollups in step, in the same
   * transaction: stock contributions of the pieces the events touch are taken before and after,
   * sales and returns are added as they are recorded.
   */
  around(events: readonly DomainEvent[], origin: { userId: string; at: string }, write: () => void): void {
    if (!this.enabled) {
      write();
      return;
    }
    this.#parsed.clear();
    // While batching, this decision's additions are kept apart and join the batch only if the
    // decision's writes all went through (a refused write rolls back its savepoint, not the batch).
    this.#sink = this.#batch ? new Sums() : undefined;
    try {
      this.#around(events, origin, write);
      if (this.#sink) this.#batch?.merge(this.#sink);
    } finally {
      this.#sink = undefined;
      this.#parsed.clear();
    }
  }

  #around(events: readonly DomainEvent[], origin: { userId: string; at: string }, write: () => void): void {
    const serials = stockSerials(events);
    const before = serials.map((s) => this.#contribution(s, this.#piece(s)));
    const clients = this.#clientChanges(events);
    write();
    for (const c of clients) this.#clientChanged(c);
    for (const e of events) {
      if (e.type === 'piece.received') {
        const tz = this.#storeOf(e.piece.store)?.timeZone ?? 'UTC';
        this.#s.insertReceived?.run(e.piece.serial, localDay(origin.at, tz).slice(0, 7));
      }
    }
    // The pieces as the decision left them: their stock contribution now, and what a sale reads.
    const written = new Map<string, PieceRow | undefined>();
    const after = serials.map((s) => {
      const row = this.#piece(s);
      written.set(s, row);
      return this.#contribution(s, row);
    });
    for (const [i, b] of before.entries()) {
      const a = after[i];
      // A piece whose contribution did not change (reserved, released) adds -1 then +1 to one
      // row: nothing to write, its store is still republished as before.
      if (b && a && sameContribution(b, a)) this.#touched.stockStores.add(b.store);
      else {
        if (b) this.#addStock(b, -1);
        if (a) this.#addStock(a, 1);
      }
    }
    for (const e of events) this.#salesEvent(e, origin, written);
  }

  /** A merge's or an erasure's clients and their sales in decision order, read before its writes. */
  #clientChanges(events: readonly DomainEvent[]): ClientChange[] {
    const out: ClientChange[] = [];
    for (const e of events) {
      if (e.type === 'client.merged')
        out.push({
          kind: 'merged',
          survivor: e.survivorId,
          merged: e.mergedId,
          firstSurvivor: this.#salesOf(e.survivorId)[0],
          firstMerged: this.#salesOf(e.mergedId)[0],
        });
      else if (e.type === 'client.erased')
        out.push({ kind: 'erased', client: e.clientId, sales: this.#salesOf(e.clientId) });
    }
    return out;
  }

  #salesOf(client: string): string[] {
    return ((this.#s.salesOfClient?.all(client) ?? []) as { id: string }[]).map((r) => r.id);
  }

  /**
   * ROLLUP-12: the client figures as if history had always been so. A merge: the merged client's
   * days are the survivor's, and of their two first sales only the earlier still counts as a new
   * client's. An erasure: the client's sales stay but no longer count as a client's, and nothing
   * names the client any more.
   */
  #clientChanged(c: ClientChange): void {
    const gone = c.kind === 'merged' ? c.merged : c.client;
    for (const r of (this.#s.clientDaysOf?.all(gone) ?? []) as { store: string; day: string }[])
      this.#touched.days.add(`${r.store}|${r.day}`);
    if (c.kind === 'merged') {
      this.#s.moveClientDays?.run(c.survivor, c.merged);
      if (c.firstMerged && c.firstSurvivor) {
        const first = this.#salesOf(c.survivor)[0];
        this.#notAClient(first === c.firstSurvivor ? c.firstMerged : c.firstSurvivor, { newOnly: true });
        if (first === c.firstMerged) this.#s.firstFrom?.run(c.merged, c.merged, c.survivor);
      } else if (c.firstMerged) this.#s.renameClient?.run(c.survivor, c.merged);
    } else
      for (const [i, sale] of c.sales.entries()) this.#notAClient(sale, { newOnly: false, first: i === 0 });
    this.#s.dropClientDays?.run(gone);
    this.#s.dropClient?.run(gone);
    // Group commit: the batch's pending rows of the client move when this decision joins it.
    this.#sink?.renameClient(gone, c.kind === 'merged' ? c.survivor : null);
  }

  /** Takes a sale out of the client counts (`newOnly`: out of the new clients' only) on its rows. */
  #notAClient(saleId: string, how: { newOnly: boolean; first?: boolean }): void {
    const found = this.#saleWithLines(saleId);
    if (!found) return;
    const { sale, lines } = found;
    const day = localDay(sale.at, this.#storeOf(sale.store)?.timeZone ?? 'UTC');
    const keys = saleDeltas(
      {
        currency: sale.currency,
        user: sale.user_id,
        totalMinor: Number(sale.total_minor),
        taxMinor: Number(sale.tax_minor),
        clientId: null,
        isNew: false,
      },
      lines,
    );
    const d: Delta = how.newOnly
      ? { new_client_sales: -1 }
      : { client_sales: -1, new_client_sales: how.first ? -1 : 0 };
    this.#upsertAll(
      sale.store,
      day,
      sale.currency,
      keys.map(([dim, key]) => [dim, key, d]),
    );
    this.#touched.days.add(`${sale.store}|${day}`);
  }

  #storeOf(id: string): StoreRow | undefined {
    if (this.#stores.has(id)) return this.#stores.get(id);
    const row = this.#s.store?.get(id) as { time_zone: string; currency: string } | undefined;
    const store = row ? { timeZone: row.time_zone, currency: row.currency } : undefined;
    this.#stores.set(id, store);
    return store;
  }

  #piece(serial: string): PieceRow | undefined {
    return this.#s.piece?.get(serial) as PieceRow | undefined;
  }

  #record(json: string): Record<string, unknown> {
    let r = this.#parsed.get(json);
    if (!r) {
      r = parseRecord(json);
      this.#parsed.set(json, r);
    }
    return r;
  }

  #contribution(serial: string, row: PieceRow | undefined): Contribution | undefined {
    if (!row || OFF_HAND.has(row.status)) return undefined;
    const received = (this.#s.received?.get(serial) as { month: string } | undefined)?.month ?? '';
    return pieceContribution(row, received, this.#record(row.record));
  }

  #addStock(c: Contribution, sign: 1 | -1): void {
    this.#touched.stockStores.add(c.store);
    if (this.#sink) {
      this.#sink.addStock(c, sign);
      return;
    }
    this.#s.upsertStock?.run(
      c.store,
      c.received,
      c.category,
      c.consigned,
      c.currency,
      sign,
      sign * c.costMinor,
      sign * c.priceMinor,
    );
  }

  /**
   * A decision's `rollup_sales` rows in as few statements as possible (multi-row upserts; the
   * rows of one decision have distinct keys, as PostgreSQL requires of one statement).
   */
  #upsertAll(
    store: string,
    day: string,
    currency: string,
    rows: readonly [Dimension, string, Delta][],
  ): void {
    if (this.#sink) {
      for (const [dim, key, d] of rows) this.#sink.addSales(store, day, currency, dim, key, d);
      return;
    }
    for (let i = 0; i < rows.length; i += UPSERT_ROWS_MAX) {
      const chunk = rows.slice(i, i + UPSERT_ROWS_MAX);
      const args: (string | number)[] = [];
      for (const [dim, key, d] of chunk) {
        args.push(store, day, dim, key, currency);
        for (const m of MEASURES) args.push(d[m] ?? 0);
      }
      this.#upsertSalesOf(chunk.length).run(...args);
    }
  }

  #upsertSalesOf(n: number): StatementSync {
    let stmt = this.#upsertSalesN[n];
    if (!stmt) {
      const row = `(?, ?, ?, ?, ?, ${MEASURES.map(() => '?').join(', ')})`;
      stmt = this.#db.prepare(
        `INSERT INTO rollup_sales (store, day, dim, key, currency, ${MEASURES.join(', ')})
         VALUES ${Array.from({ length: n }, () => row).join(', ')}
         ON CONFLICT (store, day, dim, key) DO UPDATE SET ${MEASURES.map((m) => `${m} = rollup_sales.${m} + excluded.${m}`).join(', ')}`,
      );
      this.#upsertSalesN[n] = stmt;
    }
    return stmt;
  }

  #salesEvent(
    e: DomainEvent,
    origin: { userId: string; at: string },
    written: ReadonlyMap<string, PieceRow | undefined>,
  ): void {
    switch (e.type) {
      case 'sale.recorded': {
        const store = this.#storeOf(e.store);
        const day = localDay(origin.at, store?.timeZone ?? 'UTC');
        const lines: LineFact[] = e.lines.map((l) => {
          const piece = written.has(l.serial) ? written.get(l.serial) : this.#piece(l.serial);
          const r = this.#record(piece?.record ?? '{}');
          const fact = {
            serial: l.serial,
            priceMinor: l.price.minor,
            discountMinor: l.discount.minor,
            netMinor: l.net.minor,
            category: str(r.category),
            metal: str(r.metal),
            designer: str(r.designer),
            costMinor: costOf(r),
          };
          this.#s.insertFact?.run(
            e.saleId,
            l.serial,
            fact.category,
            fact.metal,
            fact.designer,
            fact.costMinor,
          );
          return fact;
        });
        // Their first decided sale makes them new: the insert does nothing for a known client.
        const isNew =
          !!e.clientId && Number(this.#s.insertClientOnce?.run(e.clientId, e.store, day).changes) === 1;
        const sale = {
          store: e.store,
          day,
          currency: e.total.currency,
          user: origin.userId,
          totalMinor: e.total.minor,
          taxMinor: e.tax.minor,
          clientId: e.clientId ?? null,
          isNew,
        };
        this.#upsertAll(e.store, day, sale.currency, saleDeltas(sale, lines));
        if (e.clientId)
          this.#clientDay(e.store, day, e.clientId, sale.currency, 1, sale.totalMinor - sale.taxMinor);
        this.#touched.days.add(`${e.store}|${day}`);
        return;
      }
      case 'return.recorded':
      case 'sale.voided': {
        const refund = e.type === 'return.recorded' ? e.refunded.minor : e.refund.minor;
        this.#returned(e.saleId, e.serials, refund, origin.at, e.type === 'sale.voided');
        return;
      }
      default:
        return;
    }
  }

  #clientDay(
    store: string,
    day: string,
    client: string,
    currency: string,
    sales: number,
    revenue: number,
  ): void {
    if (this.#sink) this.#sink.addClientDay(store, day, client, currency, sales, revenue);
    else this.#s.upsertClientDay?.run(store, day, client, currency, sales, revenue);
  }

  /** A return, or a void (`voided`: the client's sale is taken back from their sales, ROLLUP-4). */
  #returned(
    saleId: string,
    serials: readonly string[],
    refundMinor: number,
    at: string,
    voided: boolean,
  ): void {
    const found = this.#saleWithLines(saleId);
    if (!found) return;
    const { sale, lines } = found;
    const day = localDay(at, this.#storeOf(sale.store)?.timeZone ?? 'UTC');
    const deltas = returnDeltas(
      { currency: sale.currency, user: sale.user_id, totalMinor: sale.total_minor, taxMinor: sale.tax_minor },
      lines,
      new Set(serials),
      refundMinor,
    );
    this.#upsertAll(sale.store, day, sale.currency, deltas.rows);
    if (sale.client_id)
      this.#clientDay(sale.store, day, sale.client_id, sale.currency, voided ? -1 : 0, -deltas.revenueMinor);
    this.#touched.days.add(`${sale.store}|${day}`);
  }

  /** A recorded sale and its lines as sold (their facts: category, metal, designer, cost). */
  #saleWithLines(saleId: string): { sale: SaleRow; lines: LineFact[] } | undefined {
    const sale = this.#s.sale?.get(saleId) as SaleRow | undefined;
    if (!sale) return undefined;
    const lines = (this.#s.saleLines?.all(saleId) ?? []).map((row) => this.#lineFact(saleId, row));
    return { sale, lines };
  }

  #lineFact(saleId: string, row: Record<string, unknown>): LineFact {
    const serial = String(row.serial);
    let category = row.category as string | null;
    let metal = row.metal as string | null;
    let designer = row.designer as string | null;
    let cost = row.cost_minor as number | null;
    if (category === null || category === undefined) {
      // A sale decided while rollups were off: its facts are the piece's as it is now.
      const piece = this.#s.piece?.get(serial) as { record: string } | undefined;
      const r = parseRecord(piece?.record ?? '{}');
      category = str(r.category);
      metal = str(r.metal);
      designer = str(r.designer);
      cost = costOf(r);
      this.#s.insertFact?.run(saleId, serial, category, metal, designer, cost);
    }
    return {
      serial,
      priceMinor: Number(row.price_minor),
      discountMinor: Number(row.discount_minor),
      netMinor: Number(row.net_minor),
      category,
      metal: metal ?? '',
      designer: designer ?? '',
      costMinor: Number(cost ?? 0),
    };
  }

  /**
   * ROLLUP-6: on start, rollups that do not match the tables they sum (pieces seeded without a
   * command, a run with rollups off, a restored backup) are rebuilt. Counts decide: the sales (by
   * day and by month, ROLLUP-9) and the pieces on hand; and no client merged or erased may still
   * be counted (kept before ROLLUP-12). Returns whether it rebuilt.
   */
  ensureFresh(): boolean {
    if (!this.enabled) return false;
    const n = (sql: string) => Number((this.#db.prepare(sql).get() as { n: number | null }).n ?? 0);
    const sales = n('SELECT count(*) AS n FROM sales');
    const rolled = n("SELECT sum(sales) AS n FROM rollup_sales WHERE dim = 'all'");
    const byMonth = n("SELECT sum(sales) AS n FROM rollup_sales_months WHERE dim = 'all'");
    const onHand = n("SELECT count(*) AS n FROM pieces WHERE status NOT IN ('sold', 'written-off')");
    const stocked = n('SELECT sum(pieces) AS n FROM rollup_stock');
    const gone = n(
      `SELECT count(*) AS n FROM client_directory d
       WHERE d.status <> 'active' AND EXISTS (SELECT 1 FROM report_clients r WHERE r.client_id = d.id)`,
    );
    if (sales === rolled && rolled === byMonth && onHand === stocked && gone === 0) return false;
    this.rebuild();
    return true;
  }

  /**
   * ROLLUP-5: every rollup recomputed from history: sales with their lines (in decision order,
   * so "a client's first sale" is the same), returns, voids (their day from the void command),
   * stock from the pieces table, and clients' spend from the sales (ROLLUP-11). Replaces what the
   * tables held; one transaction.
   */
  rebuild(): { sales: number; returns: number; voids: number; pieces: number } {
    const db = this.#db;
    const counts = { sales: 0, returns: 0, voids: 0, pieces: 0 };
    db.exec('BEGIN IMMEDIATE');
    try {
      // No trigger on deleting day rows: their months go with them here (ROLLUP-9).
      for (const t of [
        'rollup_sales',
        'rollup_sales_months',
        'rollup_stock',
        'report_clients',
        'rollup_client_days',
        'report_client_spend',
      ])
        db.exec(`DELETE FROM ${t}`);
      // ROLLUP-11: clients' spend from the sales as they are (its triggers keep it from then on).
      db.exec(CLIENT_SPEND_BACKFILL);
      const zones = new Map<string, string>();
      for (const s of db.prepare('SELECT id, time_zone FROM stores').all() as {
        id: string;
        time_zone: string;
      }[])
        zones.set(s.id, s.time_zone);
      const zone = (store: string) => zones.get(store) ?? 'UTC';

      // Received months missing (rollups were off): the day of the accepted piece.receive.
      const insertReceived = db.prepare(
        'INSERT INTO report_received (serial, month) VALUES (?, ?) ON CONFLICT (serial) DO NOTHING',
      );
      for (const c of db
        .prepare(
          "SELECT store, at, envelope FROM commands WHERE type = 'piece.receive' AND status = 'accepted'",
        )
        .all() as { store: string; at: string; envelope: string }[]) {
        const serial = (parseRecord(c.envelope).payload as { piece?: { serial?: unknown } } | undefined)
          ?.piece?.serial;
        if (typeof serial === 'string') insertReceived.run(serial, localDay(c.at, zone(c.store)).slice(0, 7));
      }

      // Sales, in decision order (history loaded without commands first, by time).
      type Agg = {
        store: string;
        day: string;
        dim: Dimension;
        key: string;
        currency: string;
        d: Required<Delta>;
      };
      const agg = new Map<string, Agg>();
      const add = (store: string, day: string, currency: string, dim: Dimension, key: string, d: Delta) => {
        const k = `${store}\u0000${day}\u0000${dim}\u0000${key}`;
        let a = agg.get(k);
        if (!a) {
          a = {
            store,
            day,
            dim,
            key,
            currency,
            d: zeroDelta(),
          };
          agg.set(k, a);
        }
        for (const m of MEASURES) a.d[m] += d[m] ?? 0;
      };
      const clientDays = new Map<
        string,
        { store: string; day: string; client: string; currency: string; sales: number; revenue: number }
      >();
      const addClientDay = (
        store: string,
        day: string,
        client: string,
        currency: string,
        sales: number,
        revenue: number,
      ) => {
        const k = `${store}\u0000${day}\u0000${client}`;
        const c = clientDays.get(k) ?? { store, day, client, currency, sales: 0, revenue: 0 };
        c.sales += sales;
        c.revenue += revenue;
        clientDays.set(k, c);
      };
      const firstSale = new Map<string, { store: string; day: string }>();
      const lineStmt = db.prepare(
        `SELECT l.sale_id, l.serial, l.price_minor, l.discount_minor, l.net_minor, f.category, f.metal, f.designer,
                f.cost_minor, p.record
         FROM sale_lines l
         LEFT JOIN report_sale_lines f ON f.sale_id = l.sale_id AND f.serial = l.serial
         LEFT JOIN pieces p ON p.serial = l.serial
         ORDER BY l.sale_id, l.line, l.serial`,
      );
      const linesBySale = new Map<string, LineFact[]>();
      for (const row of lineStmt.iterate() as Iterable<Record<string, unknown>>) {
        const r = row.category === null ? parseRecord(String(row.record ?? '{}')) : undefined;
        const fact: LineFact = {
          serial: String(row.serial),
          priceMinor: Number(row.price_minor),
          discountMinor: Number(row.discount_minor),
          netMinor: Number(row.net_minor),
          category: r ? str(r.category) : String(row.category),
          metal: r ? str(r.metal) : String(row.metal),
          designer: r ? str(r.designer) : String(row.designer),
          costMinor: r ? costOf(r) : Number(row.cost_minor),
        };
        const id = String(row.sale_id);
        const list = linesBySale.get(id);
        if (list) list.push(fact);
        else linesBySale.set(id, [fact]);
      }
      const sales = db
        .prepare(
          `SELECT s.id, s.store, s.user_id, s.client_id, s.currency, s.total_minor, s.tax_minor, s.at, s.refunded_minor,
                  s.voided, c.seq
           FROM sales s LEFT JOIN commands c ON c.id = s.command_id
           ORDER BY coalesce(c.seq, 0), s.at, s.id`,
        )
        .all() as (SaleRow & {
        id: string;
        refunded_minor: number;
        voided: number;
      })[];
      const saleById = new Map<string, (typeof sales)[number]>();
      for (const s of sales) {
        counts.sales++;
        saleById.set(s.id, s);
        const day = localDay(s.at, zone(s.store));
        let isNew = false;
        if (s.client_id && !firstSale.has(s.client_id)) {
          firstSale.set(s.client_id, { store: s.store, day });
          isNew = true;
        }
        const lines = linesBySale.get(s.id) ?? [];
        const sale = {
          store: s.store,
          day,
          currency: s.currency,
          user: s.user_id,
          totalMinor: Number(s.total_minor),
          taxMinor: Number(s.tax_minor),
          clientId: s.client_id,
          isNew,
        };
        for (const [dim, key, d] of saleDeltas(sale, lines)) add(s.store, day, s.currency, dim, key, d);
        if (s.client_id)
          addClientDay(s.store, day, s.client_id, s.currency, 1, sale.totalMinor - sale.taxMinor);
      }
      // Returns, then voids: a void takes back the lines no return had taken, and pays what was left.
      const returnedBySale = new Map<string, { serials: Set<string>; refund: number }>();
      const returned = (
        saleId: string,
        serials: readonly string[],
        refund: number,
        at: string,
        voided: boolean,
      ) => {
        const s = saleById.get(saleId);
        if (!s) return;
        const day = localDay(at, zone(s.store));
        const deltas = returnDeltas(
          {
            currency: s.currency,
            user: s.user_id,
            totalMinor: Number(s.total_minor),
            taxMinor: Number(s.tax_minor),
          },
          linesBySale.get(saleId) ?? [],
          new Set(serials),
          refund,
        );
        for (const [dim, key, d] of deltas.rows) add(s.store, day, s.currency, dim, key, d);
        if (s.client_id)
          addClientDay(s.store, day, s.client_id, s.currency, voided ? -1 : 0, -deltas.revenueMinor);
      };
      for (const r of db.prepare('SELECT sale_id, serials, refund_minor, at FROM returns').all() as {
        sale_id: string;
        serials: string;
        refund_minor: number;
        at: string;
      }[]) {
        counts.returns++;
        const serials = JSON.parse(r.serials) as string[];
        const prev = returnedBySale.get(r.sale_id) ?? { serials: new Set<string>(), refund: 0 };
        for (const x of serials) prev.serials.add(x);
        prev.refund += Number(r.refund_minor);
        returnedBySale.set(r.sale_id, prev);
        returned(r.sale_id, serials, Number(r.refund_minor), r.at, false);
      }
      for (const c of db
        .prepare("SELECT at, envelope FROM commands WHERE type = 'sale.void' AND status = 'accepted'")
        .all() as { at: string; envelope: string }[]) {
        const saleId = (parseRecord(c.envelope).payload as { saleId?: unknown } | undefined)?.saleId;
        const s = typeof saleId === 'string' ? saleById.get(saleId) : undefined;
        if (!s || Number(s.voided) !== 1) continue;
        counts.voids++;
        const before = returnedBySale.get(s.id);
        const serials = (linesBySale.get(s.id) ?? [])
          .map((l) => l.serial)
          .filter((x) => !before?.serials.has(x));
        returned(s.id, serials, Number(s.refunded_minor) - (before?.refund ?? 0), c.at, true);
      }
      const upsert = this.#s.upsertSales;
      for (const a of agg.values())
        upsert?.run(a.store, a.day, a.dim, a.key, a.currency, ...MEASURES.map((m) => a.d[m]));
      const insertClient = this.#s.insertClient;
      for (const [client, f] of firstSale) insertClient?.run(client, f.store, f.day);
      const clientDay = this.#s.upsertClientDay;
      for (const c of clientDays.values())
        clientDay?.run(c.store, c.day, c.client, c.currency, c.sales, c.revenue);

      // Stock on hand: every piece as it is now.
      const stock = new Map<string, Contribution & { pieces: number }>();
      for (const row of db
        .prepare(
          `SELECT p.serial, p.store, p.status, p.currency, p.list_price_minor, p.record, r.month
           FROM pieces p LEFT JOIN report_received r ON r.serial = p.serial`,
        )
        .iterate() as Iterable<{
        store: string;
        status: string;
        currency: string;
        list_price_minor: number;
        record: string;
        month: string | null;
      }>) {
        if (OFF_HAND.has(row.status)) continue;
        counts.pieces++;
        const c = pieceContribution(row, row.month ?? '');
        const k = `${c.store}\u0000${c.received}\u0000${c.category}\u0000${c.consigned}\u0000${c.currency}`;
        const s = stock.get(k);
        if (s) {
          s.pieces++;
          s.costMinor += c.costMinor;
          s.priceMinor += c.priceMinor;
        } else stock.set(k, { ...c, pieces: 1 });
      }
      const upsertStock = this.#s.upsertStock;
      for (const s of stock.values())
        upsertStock?.run(
          s.store,
          s.received,
          s.category,
          s.consigned,
          s.currency,
          s.pieces,
          s.costMinor,
          s.priceMinor,
        );
      db.exec('COMMIT');
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
    return counts;
  }
}

function pieceContribution(
  row: { store: string; status: string; currency: string; list_price_minor: number; record: string },
  received: string,
  r: Record<string, unknown> = parseRecord(row.record),
): Contribution {
  return {
    store: row.store,
    received,
    category: str(r.category),
    consigned: row.status === 'on-memo' ? 1 : 0,
    currency: row.currency,
    costMinor: costOf(r),
    priceMinor: Number(row.list_price_minor),
  };
}

/** Additive rollup rows summed in memory (group commit, PERF-2); keys as the tables' primary keys. */
class Sums {
  readonly sales = new Map<
    string,
    { store: string; day: string; dim: Dimension; key: string; currency: string; d: Required<Delta> }
  >();
  readonly clientDays = new Map<
    string,
    { store: string; day: string; client: string; currency: string; sales: number; revenue: number }
  >();
  readonly stock = new Map<string, Contribution & { pieces: number }>();
  /** Clients merged (`to`: the survivor) or erased (`null`) by the decision these sums are of. */
  readonly renames: [from: string, to: string | null][] = [];

  /** A merge or an erasure: the rows summed so far for `from` are `to`'s, or nobody's. */
  renameClient(from: string, to: string | null): void {
    this.renames.push([from, to]);
    for (const [k, r] of [...this.clientDays]) {
      if (r.client !== from) continue;
      this.clientDays.delete(k);
      if (to) this.addClientDay(r.store, r.day, to, r.currency, r.sales, r.revenue);
    }
  }

  addSales(store: string, day: string, currency: string, dim: Dimension, key: string, d: Delta): void {
    const k = `${store}\u0000${day}\u0000${dim}\u0000${key}`;
    let row = this.sales.get(k);
    if (!row) {
      row = { store, day, dim, key, currency, d: zeroDelta() };
      this.sales.set(k, row);
    }
    for (const m of MEASURES) row.d[m] += d[m] ?? 0;
  }

  addClientDay(
    store: string,
    day: string,
    client: string,
    currency: string,
    sales: number,
    revenue: number,
  ): void {
    const k = `${store}\u0000${day}\u0000${client}`;
    const row = this.clientDays.get(k);
    if (row) {
      row.sales += sales;
      row.revenue += revenue;
    } else this.clientDays.set(k, { store, day, client, currency, sales, revenue });
  }

  addStock(c: Contribution, sign: 1 | -1): void {
    const k = `${c.store}\u0000${c.received}\u0000${c.category}\u0000${c.consigned}\u0000${c.currency}`;
    const row = this.stock.get(k);
    if (row) {
      row.pieces += sign;
      row.costMinor += sign * c.costMinor;
      row.priceMinor += sign * c.priceMinor;
    } else
      this.stock.set(k, {
        ...c,
        pieces: sign,
        costMinor: sign * c.costMinor,
        priceMinor: sign * c.priceMinor,
      });
  }

  /** Adds `other`'s rows; a row first seen in this batch keeps the currency it was first written with. */
  merge(other: Sums): void {
    for (const [from, to] of other.renames) this.renameClient(from, to);
    for (const r of other.sales.values()) this.addSales(r.store, r.day, r.currency, r.dim, r.key, r.d);
    for (const r of other.clientDays.values())
      this.addClientDay(r.store, r.day, r.client, r.currency, r.sales, r.revenue);
    for (const r of other.stock.values()) {
      const k = `${r.store}\u0000${r.received}\u0000${r.category}\u0000${r.consigned}\u0000${r.currency}`;
      const row = this.stock.get(k);
      if (row) {
        row.pieces += r.pieces;
        row.costMinor += r.costMinor;
        row.priceMinor += r.priceMinor;
      } else this.stock.set(k, { ...r });
    }
  }
}

const sameContribution = (a: Contribution, b: Contribution): boolean =>
  a.store === b.store &&
  a.received === b.received &&
  a.category === b.category &&
  a.consigned === b.consigned &&
  a.currency === b.currency &&
  a.costMinor === b.costMinor &&
  a.priceMinor === b.priceMinor;

/** The serials whose stock contribution an event may change. */
function stockSerials(events: readonly DomainEvent[]): string[] {
  const out = new Set<string>();
  for (const e of events) {
    switch (e.type) {
      case 'piece.status-changed':
      case 'piece.moved':
      case 'piece.updated':
      case 'price.changed':
        out.add(e.serial);
        break;
      case 'piece.received':
        out.add(e.piece.serial);
        break;
      default:
        break;
    }
  }
  return [...out];
}

const keyOf = (dim: Dimension, l: LineFact, user: string): string =>
  dim === 'all'
    ? ''
    : dim === 'associate'
      ? user
      : dim === 'category'
        ? l.category
        : dim === 'metal'
          ? l.metal
          : l.designer;

/** ROLLUP-1: a sale's additions per dimension and key (one sale per key it has lines in). */
function saleDeltas(
  sale: {
    currency: string;
    user: string;
    totalMinor: number;
    taxMinor: number;
    clientId: string | null;
    isNew: boolean;
  },
  lines: readonly LineFact[],
): [Dimension, string, Delta][] {
  const shares = lineShares(
    lines.map((l) => l.netMinor),
    sale.totalMinor,
    sale.taxMinor,
    sale.currency as Currency,
  );
  const out: [Dimension, string, Delta][] = [];
  for (const dim of DIMENSIONS) {
    const groups = new Map<string, Delta>();
    lines.forEach((l, i) => {
      const key = keyOf(dim, l, sale.user);
      const d = groups.get(key) ?? {
        sales: 1,
        client_sales: sale.clientId ? 1 : 0,
        new_client_sales: sale.isNew ? 1 : 0,
      };
      d.units = (d.units ?? 0) + 1;
      d.gross_minor = (d.gross_minor ?? 0) + l.priceMinor;
      d.discount_minor = (d.discount_minor ?? 0) + l.discountMinor;
      d.revenue_minor = (d.revenue_minor ?? 0) + (shares[i]?.revenue ?? 0);
      d.tax_minor = (d.tax_minor ?? 0) + (shares[i]?.tax ?? 0);
      d.cost_minor = (d.cost_minor ?? 0) + l.costMinor;
      groups.set(key, d);
    });
    // A sale without lines still counts once, in the whole-store row.
    if (lines.length === 0 && dim === 'all')
      groups.set('', {
        sales: 1,
        revenue_minor: sale.totalMinor - sale.taxMinor,
        tax_minor: sale.taxMinor,
        client_sales: sale.clientId ? 1 : 0,
        new_client_sales: sale.isNew ? 1 : 0,
      });
    for (const [key, d] of groups) out.push([dim, key, d]);
  }
  return out;
}

/** ROLLUP-1: what a return (or void) takes back, per dimension and key, at the sale's line shares. */
function returnDeltas(
  sale: { currency: string; user: string; totalMinor: number; taxMinor: number },
  lines: readonly LineFact[],
  serials: ReadonlySet<string>,
  refundMinor: number,
): { rows: [Dimension, string, Delta][]; revenueMinor: number } {
  const shares = lineShares(
    lines.map((l) => l.netMinor),
    sale.totalMinor,
    sale.taxMinor,
    sale.currency as Currency,
  );
  const out: [Dimension, string, Delta][] = [];
  let revenueMinor = 0;
  for (const dim of DIMENSIONS) {
    const groups = new Map<string, Delta>();
    lines.forEach((l, i) => {
      if (!serials.has(l.serial)) return;
      const key = keyOf(dim, l, sale.user);
      const d = groups.get(key) ?? { returns: 1 };
      d.return_units = (d.return_units ?? 0) + 1;
      d.return_revenue_minor = (d.return_revenue_minor ?? 0) + (shares[i]?.revenue ?? 0);
      d.return_tax_minor = (d.return_tax_minor ?? 0) + (shares[i]?.tax ?? 0);
      d.return_cost_minor = (d.return_cost_minor ?? 0) + l.costMinor;
      if (dim === 'all') revenueMinor += shares[i]?.revenue ?? 0;
      groups.set(key, d);
    });
    if (dim === 'all') {
      const d = groups.get('') ?? { returns: 1 };
      d.refund_minor = refundMinor;
      groups.set('', d);
    }
    for (const [key, d] of groups) out.push([dim, key, d]);
  }
  return { rows: out, revenueMinor };
}
