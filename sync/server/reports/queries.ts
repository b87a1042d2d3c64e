/**
 * Reads over the rollups (REPORT-10): what the report documents and the reports API answer.
 * Every query reads the rollup tables only, except the drill-down to a day's sales, which reads
 * that store's sales of that day through the (store, at) index.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Currency } from '../../../domain/money.ts';
import {
  AGE_BUCKETS,
  type AgeBucket,
  addDays,
  ageBucket,
  dayStart,
  FIGURE_KEYS,
  type Figures,
  lineShares,
} from '../../../domain/report.ts';
import type { ReportDay, ReportStock, ReportStore, StockAge } from '../../shared/docs/report.ts';

/** The rollup column of each figure: the one mapping every report query reads through. */
export const COLUMNS: Record<keyof Figures, string> = {
  sales: 'sales',
  units: 'units',
  grossMinor: 'gross_minor',
  discountMinor: 'discount_minor',
  revenueMinor: 'revenue_minor',
  taxMinor: 'tax_minor',
  costMinor: 'cost_minor',
  returns: 'returns',
  returnUnits: 'return_units',
  returnRevenueMinor: 'return_revenue_minor',
  returnTaxMinor: 'return_tax_minor',
  returnCostMinor: 'return_cost_minor',
  refundMinor: 'refund_minor',
  clientSales: 'client_sales',
  newClientSales: 'new_client_sales',
};
/** Every figure's column, in FIGURE_KEYS order. */
export const PLAIN = FIGURE_KEYS.map((k) => COLUMNS[k]).join(', ');

/** A row's figures (one object literal: a year by day reads tens of thousands of rows). */
export function figuresOf(r: Record<string, unknown>): Figures {
  return {
    sales: Number(r.sales ?? 0),
    units: Number(r.units ?? 0),
    grossMinor: Number(r.gross_minor ?? 0),
    discountMinor: Number(r.discount_minor ?? 0),
    revenueMinor: Number(r.revenue_minor ?? 0),
    taxMinor: Number(r.tax_minor ?? 0),
    costMinor: Number(r.cost_minor ?? 0),
    returns: Number(r.returns ?? 0),
    returnUnits: Number(r.return_units ?? 0),
    returnRevenueMinor: Number(r.return_revenue_minor ?? 0),
    returnTaxMinor: Number(r.return_tax_minor ?? 0),
    returnCostMinor: Number(r.return_cost_minor ?? 0),
    refundMinor: Number(r.refund_minor ?? 0),
    clientSales: Number(r.client_sales ?? 0),
    newClientSales: Number(r.new_client_sales ?? 0),
  };
}

/**
 * Prepared statements kept per database and SQL text: a dashboard asks the same few questions
 * over and over, and compiling them again costs more than answering "today" from the rollups.
 */
const statements = new WeakMap<DatabaseSync, Map<string, StatementSync>>();
export function prepared(db: DatabaseSync, sql: string): StatementSync {
  let m = statements.get(db);
  if (!m) {
    m = new Map();
    statements.set(db, m);
  }
  let s = m.get(sql);
  if (!s) {
    if (m.size >= 200) m.clear();
    s = db.prepare(sql);
    m.set(sql, s);
  }
  return s;
}

/** The stores as last read, per database, with the version of `stores` they were read at. */
const storesRead = new WeakMap<DatabaseSync, { version: number; stores: readonly ReportStore[] }>();

/**
 * ROLLUP-10: every store's name, currency and time zone, by name. Read again only when the
 * stores' version (`report_versions`, bumped by triggers on `stores`, validator-024) is not the
 * one the kept list was read at: one indexed read per call instead of the whole table, and a
 * store added, renamed, or given another currency or time zone — by this process or another one
 * on the same file — is seen by the next call. A list read inside a transaction is not kept (the
 * transaction may roll back to a version that another change then reaches again).
 */
export function reportStores(db: DatabaseSync): readonly ReportStore[] {
  const row = prepared(db, "SELECT version FROM report_versions WHERE name = 'stores'").get() as
    | { version: number }
    | undefined;
  const version = row === undefined ? undefined : Number(row.version);
  const kept = storesRead.get(db);
  if (kept && kept.version === version) return kept.stores;
  const stores: readonly ReportStore[] = Object.freeze(
    (
      prepared(db, 'SELECT id, name, currency, time_zone FROM stores ORDER BY name, id').all() as {
        id: string;
        name: string;
        currency: string;
        time_zone: string;
      }[]
    ).map((s) => Object.freeze({ id: s.id, name: s.name, currency: s.currency, timeZone: s.time_zone })),
  );
  if (version !== undefined && !db.isTransaction) storesRead.set(db, { version, stores });
  return stores;
}

export const inList = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** Whole-store figures per store and local day, `from`..`to` included. */
export function dayRows(
  db: DatabaseSync,
  q: { from: string; to: string; stores?: readonly string[] },
): ReportDay[] {
  const storeFilter = q.stores ? `AND store IN (${inList(q.stores.length)})` : '';
  if (q.stores && q.stores.length === 0) return [];
  const rows = prepared(
    db,
    `SELECT store, day, currency, ${PLAIN} FROM rollup_sales
       WHERE dim = 'all' AND day BETWEEN ? AND ? ${storeFilter} ORDER BY day, store`,
  ).all(q.from, q.to, ...(q.stores ?? [])) as Record<string, unknown>[];
  return rows.map((r) => ({
    store: String(r.store),
    day: String(r.day),
    currency: String(r.currency),
    ...figuresOf(r),
  }));
}

const emptyAge = (): StockAge => ({ pieces: 0, costMinor: 0, priceMinor: 0 });

/** Stock on hand per store, with age buckets counted from `today` (a local day). */
export function stockRows(db: DatabaseSync, today: string, stores?: readonly string[]): ReportStock[] {
  if (stores && stores.length === 0) return [];
  const filter = stores ? `WHERE store IN (${inList(stores.length)})` : '';
  const rows = prepared(
    db,
    `SELECT store, received, consigned, currency, sum(pieces) AS pieces, sum(cost_minor) AS cost, sum(price_minor) AS price
       FROM rollup_stock ${filter} GROUP BY store, received, consigned, currency`,
  ).all(...(stores ?? [])) as {
    store: string;
    received: string;
    consigned: number;
    currency: string;
    pieces: number;
    cost: number;
    price: number;
  }[];
  const out = new Map<string, ReportStock>();
  for (const r of rows) {
    let s = out.get(r.store);
    if (!s) {
      s = {
        store: r.store,
        currency: r.currency,
        pieces: 0,
        costMinor: 0,
        priceMinor: 0,
        consignedPieces: 0,
        consignedCostMinor: 0,
        consignedPriceMinor: 0,
        ages: Object.fromEntries(AGE_BUCKETS.map((b) => [b, emptyAge()])) as Record<AgeBucket, StockAge>,
        asOf: today,
      };
      out.set(r.store, s);
    }
    const pieces = Number(r.pieces);
    const cost = Number(r.cost);
    const price = Number(r.price);
    if (Number(r.consigned) === 1) {
      s.consignedPieces += pieces;
      s.consignedCostMinor += cost;
      s.consignedPriceMinor += price;
    } else {
      s.pieces += pieces;
      s.costMinor += cost;
      s.priceMinor += price;
    }
    const age = s.ages[ageBucket(r.received || null, today)];
    age.pieces += pieces;
    age.costMinor += cost;
    age.priceMinor += price;
  }
  return [...out.values()];
}

/** Stock on hand per store and category (units for sell-through by category). */
export function stockByCategory(
  db: DatabaseSync,
  stores?: readonly string[],
): { store: string; category: string; pieces: number; costMinor: number }[] {
  if (stores && stores.length === 0) return [];
  const filter = stores ? `WHERE store IN (${inList(stores.length)})` : '';
  return (
    prepared(
      db,
      `SELECT store, category, sum(pieces) AS pieces, sum(cost_minor) AS cost FROM rollup_stock ${filter}
         GROUP BY store, category`,
    ).all(...(stores ?? [])) as { store: string; category: string; pieces: number; cost: number }[]
  ).map((r) => ({
    store: r.store,
    category: r.category,
    pieces: Number(r.pieces),
    costMinor: Number(r.cost),
  }));
}

export type DaySaleLine = {
  serial: string;
  category: string;
  metal: string;
  designer: string;
  priceMinor: number;
  discountMinor: number;
  revenueMinor: number;
  taxMinor: number;
  costMinor: number;
  returned: boolean;
};
export type DaySale = {
  saleId: string;
  commandId: string;
  store: string;
  at: string;
  user: string;
  userName: string;
  clientId: string | null;
  currency: string;
  totalMinor: number;
  taxMinor: number;
  revenueMinor: number;
  costMinor: number;
  refundedMinor: number;
  voided: boolean;
  lines: DaySaleLine[];
};

/** REPORT-10: the sales a store recorded on one of its local days, with their lines (drill-down). */
export function daySales(db: DatabaseSync, store: string, day: string, timeZone: string): DaySale[] {
  const from = dayStart(day, timeZone);
  const to = dayStart(addDays(day, 1), timeZone);
  const sales = prepared(
    db,
    `SELECT s.id, s.command_id, s.store, s.at, s.user_id, u.name AS user_name, s.client_id, s.currency,
              s.total_minor, s.tax_minor, s.refunded_minor, s.voided
       FROM sales s LEFT JOIN users u ON u.id = s.user_id
       WHERE s.store = ? AND s.at >= ? AND s.at < ? ORDER BY s.at, s.id`,
  ).all(store, from, to) as Record<string, unknown>[];
  const linesOf = prepared(
    db,
    `SELECT l.serial, l.price_minor, l.discount_minor, l.net_minor, l.returned, f.category, f.metal, f.designer,
            f.cost_minor, p.record
     FROM sale_lines l
     LEFT JOIN report_sale_lines f ON f.sale_id = l.sale_id AND f.serial = l.serial
     LEFT JOIN pieces p ON p.serial = l.serial
     WHERE l.sale_id = ? ORDER BY l.line, l.serial`,
  );
  return sales.map((s) => {
    const rows = linesOf.all(String(s.id)) as Record<string, unknown>[];
    const shares = lineShares(
      rows.map((r) => Number(r.net_minor)),
      Number(s.total_minor),
      Number(s.tax_minor),
      String(s.currency) as Currency,
    );
    const lines = rows.map((r, i): DaySaleLine => {
      let record: Record<string, unknown> = {};
      if (r.category === null)
        try {
          record = JSON.parse(String(r.record ?? '{}')) as Record<string, unknown>;
        } catch {}
      const cost = (record.cost as { minor?: number } | undefined)?.minor;
      return {
        serial: String(r.serial),
        category: r.category === null ? String(record.category ?? '') : String(r.category),
        metal: r.metal === null ? String(record.metal ?? '') : String(r.metal),
        designer: r.designer === null ? String(record.designer ?? '') : String(r.designer),
        priceMinor: Number(r.price_minor),
        discountMinor: Number(r.discount_minor),
        revenueMinor: shares[i]?.revenue ?? 0,
        taxMinor: shares[i]?.tax ?? 0,
        costMinor: r.cost_minor === null ? Number(cost ?? 0) : Number(r.cost_minor),
        returned: Number(r.returned) === 1,
      };
    });
    return {
      saleId: String(s.id),
      commandId: String(s.command_id),
      store: String(s.store),
      at: String(s.at),
      user: String(s.user_id),
      userName: String(s.user_name ?? ''),
      clientId: s.client_id === null ? null : String(s.client_id),
      currency: String(s.currency),
      totalMinor: Number(s.total_minor),
      taxMinor: Number(s.tax_minor),
      revenueMinor: Number(s.total_minor) - Number(s.tax_minor),
      costMinor: lines.reduce((sum, l) => sum + l.costMinor, 0),
      refundedMinor: Number(s.refunded_minor),
      voided: Number(s.voided) === 1,
      lines,
    };
  });
}
