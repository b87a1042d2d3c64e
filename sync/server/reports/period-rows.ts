/**
 * A period's figures out of the rollups (ROLLUP-7, ROLLUP-9): day rows, and month rows where they
 * read less, summed per store, key, currency and rate segment for the summary (summary.ts).
 */
import type { DatabaseSync } from 'node:sqlite';
import { addDays, daysBetween, FIGURE_KEYS, type Figures } from '../../../domain/report.ts';
import { COLUMNS, inList, PLAIN, prepared } from './queries.ts';
import type { Dimension } from './rollups.ts';

const NEGATED = FIGURE_KEYS.map((k) => `-${COLUMNS[k]} AS ${COLUMNS[k]}`).join(', ');

/** Whether a period's rows are one per store and key as stored: a single day, or days by day. */
export const onePerStoreAndKey = (q: { from: string; to: string; byDay?: boolean }): boolean =>
  q.byDay === true || q.from === q.to;

/** A row's figures from its columns at `at`… (FIGURE_KEYS order: PLAIN, SUMS, NEGATED). */
function figuresAt(r: readonly unknown[], at: number): Figures {
  return {
    sales: Number(r[at]),
    units: Number(r[at + 1]),
    grossMinor: Number(r[at + 2]),
    discountMinor: Number(r[at + 3]),
    revenueMinor: Number(r[at + 4]),
    taxMinor: Number(r[at + 5]),
    costMinor: Number(r[at + 6]),
    returns: Number(r[at + 7]),
    returnUnits: Number(r[at + 8]),
    returnRevenueMinor: Number(r[at + 9]),
    returnTaxMinor: Number(r[at + 10]),
    returnCostMinor: Number(r[at + 11]),
    refundMinor: Number(r[at + 12]),
    clientSales: Number(r[at + 13]),
    newClientSales: Number(r[at + 14]),
  };
}

/** Adds a row's figures (columns from `at`) into `into`. */
function addAt(into: Figures, r: readonly unknown[], at: number): void {
  into.sales += Number(r[at]);
  into.units += Number(r[at + 1]);
  into.grossMinor += Number(r[at + 2]);
  into.discountMinor += Number(r[at + 3]);
  into.revenueMinor += Number(r[at + 4]);
  into.taxMinor += Number(r[at + 5]);
  into.costMinor += Number(r[at + 6]);
  into.returns += Number(r[at + 7]);
  into.returnUnits += Number(r[at + 8]);
  into.returnRevenueMinor += Number(r[at + 9]);
  into.returnTaxMinor += Number(r[at + 10]);
  into.returnCostMinor += Number(r[at + 11]);
  into.refundMinor += Number(r[at + 12]);
  into.clientSales += Number(r[at + 13]);
  into.newClientSales += Number(r[at + 14]);
}

/**
 * ROLLUP-7: a period's figures by store and a dimension's key (or, `byDay`, whole-store figures by
 * store and day), summed per rate segment: `segmentOf` names the day whose rate converts a row of
 * a currency and day (summary.ts), so a year in one currency is one sum per store, key and rate
 * period. The day rows are one range of the rollup, kept in (dim, day, store, key) order; whole
 * months come from the month rows (ROLLUP-9). A single day, or whole-store rows by day, are one row
 * per store and key already, passed on as they are. Rows are summed here rather than by a SQL
 * GROUP BY, which costs more than reading them (a week: 0.34 vs 0.2 ms for 170 rows). Each sum goes
 * to `each`; the answer says whether rows are `unique` (no two share a store and key).
 */
export function periodRows(
  db: DatabaseSync,
  q: {
    from: string;
    to: string;
    stores?: readonly string[];
    dim: Dimension;
    byDay?: boolean;
    segmentOf: (currency: string, day: string) => string;
    /** Per currency, the days its rate changes on within the period (the segments' starts). */
    rateDays?: ReadonlyMap<string, readonly string[]>;
  },
  each: (store: string, key: string, currency: string, rateDay: string, figures: Figures) => void,
): { unique: boolean } {
  const dim = q.byDay ? 'all' : q.dim;
  const plain = onePerStoreAndKey(q);
  if (q.stores && q.stores.length === 0) return { unique: plain };
  const storeFilter = q.stores ? `AND store IN (${inList(q.stores.length)})` : '';
  const byMonth = plain ? undefined : monthsRead({ ...q, dim }, storeFilter);
  const sql = plain
    ? `SELECT store, ${q.byDay ? 'day' : 'key'}, currency, ${PLAIN} FROM rollup_sales
       WHERE dim = ? AND day BETWEEN ? AND ? ${storeFilter}`
    : (byMonth?.sql ??
      `SELECT store, key, currency, day, 1 AS n, ${PLAIN} FROM rollup_sales
       WHERE dim = ? AND day BETWEEN ? AND ? ${storeFilter}`);
  const statement = prepared(db, sql);
  // Rows as arrays, the figures in FIGURE_KEYS order: named columns would cost an object and 19
  // property writes per row.
  statement.setReturnArrays(true);
  const rows = statement.all(...(byMonth?.args ?? [dim, q.from, q.to, ...(q.stores ?? [])]));
  if (plain) {
    // Plain rows convert at their own day's rate: the same rate as their segment's (REPORT-7).
    for (const row of rows) {
      const r = row as unknown as unknown[];
      const key = String(r[1]);
      each(String(r[0]), key, String(r[2]), q.byDay ? key : q.from, figuresAt(r, 3));
    }
    return { unique: true };
  }
  // Sums per store, key, currency and rate segment; `n` counts the day rows in the period behind
  // each (ROLLUP-9: a key with none is no row).
  const sums = new Map<string, { r: unknown[]; seg: string; n: number; f: Figures }>();
  for (const row of rows) {
    const r = row as unknown as unknown[];
    const currency = String(r[2]);
    const seg = q.segmentOf(currency, String(r[3]));
    const id = `${String(r[0])}\u0000${String(r[1])}\u0000${currency}\u0000${seg}`;
    const sum = sums.get(id);
    if (sum) {
      sum.n += Number(r[4]);
      addAt(sum.f, r, 5);
    } else sums.set(id, { r, seg, n: Number(r[4]), f: figuresAt(r, 5) });
  }
  for (const { r, seg, n, f } of sums.values())
    if (n > 0) each(String(r[0]), String(r[1]), String(r[2]), seg, f);
  return { unique: false };
}

/** The last day of a day's month. */
function monthEnd(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * ROLLUP-9: a period of several days read from the month rows wherever that reads less. The period
 * is cut into its months; a month of which the period holds more days than it leaves out is read
 * as its month row less the day rows of the days left out (exact: integer sums), all carrying the
 * first day in the period, whose rate segment is theirs when, for that currency, the rate does not
 * change within the month's days in the period (REPORT-7). A currency whose rate does change there
 * is read from its day rows, as are the other months. `n` counts the day rows inside the period
 * behind each group (a month row counts its days, a day left out -1): a key with none is no row,
 * as with the day rows alone. Undefined when no month row helps (one range of day rows is then the
 * whole read).
 */
function monthsRead(
  q: {
    from: string;
    to: string;
    stores?: readonly string[];
    dim: Dimension;
    rateDays?: ReadonlyMap<string, readonly string[]>;
  },
  storeFilter: string,
): { sql: string; args: (string | number)[] } | undefined {
  const stores = q.stores ?? [];
  const parts: string[] = [];
  const args: (string | number)[] = [];
  /** A currency condition and its values (none: every currency). */
  type Only = { sql: string; values: readonly string[] };
  const every: Only = { sql: '', values: [] };
  const days = (from: string, to: string, only: Only, sign: 1 | -1, as?: string) => {
    parts.push(
      `SELECT store, key, currency, ${as === undefined ? 'day' : '?'} AS day, ${sign} AS n, ${sign === 1 ? PLAIN : NEGATED}
       FROM rollup_sales WHERE dim = ? AND day >= ? AND day <= ? ${storeFilter}${only.sql}`,
    );
    if (as !== undefined) args.push(as);
    args.push(q.dim, from, to, ...stores, ...only.values);
  };
  let months = 0;
  /** Days read from day rows, not yet written out (consecutive ones are one range). */
  let pending: { from: string; to: string } | undefined;
  for (let a = q.from; a <= q.to; ) {
    const first = `${a.slice(0, 7)}-01`;
    const end = monthEnd(a);
    const b = end < q.to ? end : q.to;
    const inside = daysBetween(a, b);
    if (inside <= daysBetween(first, end) - inside) pending = { from: pending?.from ?? a, to: b };
    else {
      if (pending) days(pending.from, pending.to, every, 1);
      pending = undefined;
      months++;
      const mixed = [...(q.rateDays ?? [])]
        .filter(([, ds]) => ds.some((d) => d > a && d <= b))
        .map(([c]) => c);
      const others: Only = mixed.length
        ? { sql: ` AND currency NOT IN (${inList(mixed.length)})`, values: mixed }
        : every;
      parts.push(
        `SELECT store, key, currency, ? AS day, days AS n, ${PLAIN} FROM rollup_sales_months
         WHERE dim = ? AND month = ? ${storeFilter}${others.sql}`,
      );
      args.push(a, q.dim, a.slice(0, 7), ...stores, ...others.values);
      if (a > first) days(first, addDays(a, -1), others, -1, a);
      if (b < end) days(addDays(b, 1), end, others, -1, a);
      if (mixed.length) days(a, b, { sql: ` AND currency IN (${inList(mixed.length)})`, values: mixed }, 1);
    }
    a = addDays(end, 1);
  }
  if (months === 0) return undefined;
  if (pending) days(pending.from, pending.to, every, 1);
  return { sql: parts.join(' UNION ALL '), args };
}
