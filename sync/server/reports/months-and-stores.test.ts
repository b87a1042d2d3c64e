import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { ExchangeRate } from '../../../domain/exchange.ts';
import { type Currency, currency } from '../../../domain/money.ts';
import { emptyFigures, FIGURE_KEYS, type Figures } from '../../../domain/report.ts';
import { OTHER_STORE, STORE } from '../../../domain/test-support.ts';
import { openTestDatabase } from '../validator/test-db.ts';
import { COLUMNS } from './queries.ts';
import { summarize } from './summary.ts';

const USD = currency('USD');
const EUR = currency('EUR');
const JPY = currency('JPY');
const NEW_STORE = 'a0000000-0000-7000-8000-000000000009';

/** EUR and JPY into USD, each changing on 10 March. */
const RATES: ExchangeRate[] = [
  { from: EUR, to: USD, rate: '1.10', date: '2026-03-01' },
  { from: EUR, to: USD, rate: '1.20', date: '2026-03-10' },
  { from: JPY, to: USD, rate: '0.0070', date: '2026-03-01' },
  { from: JPY, to: USD, rate: '0.0080', date: '2026-03-10' },
];

function dayRow(
  db: DatabaseSync,
  r: { store: string; day: string; dim?: string; key?: string; currency: Currency; f: Partial<Figures> },
): void {
  const cols = FIGURE_KEYS.map((k) => COLUMNS[k]);
  db.prepare(
    `INSERT INTO rollup_sales (store, day, dim, key, currency, ${cols.join(', ')})
     VALUES (?, ?, ?, ?, ?, ${cols.map(() => '?').join(', ')})`,
  ).run(r.store, r.day, r.dim ?? 'all', r.key ?? '', r.currency, ...FIGURE_KEYS.map((k) => r.f[k] ?? 0));
}

const march = (db: DatabaseSync, to = '2026-03-31', by: 'all' | 'category' = 'all') =>
  summarize(db, { from: '2026-03-01', to, by, stock: false, clients: 0 }, { currency: USD, rates: RATES });

const rowOf = (s: ReturnType<typeof summarize>, store: string, key = '') =>
  s.rows.find((r) => r.store === store && r.key === key);

describe('report months and the kept list of stores (ROLLUP-9, ROLLUP-10)', () => {
  it('ROLLUP-10: a store added, renamed or given another currency is in the very next report', () => {
    const db = openTestDatabase(0);
    try {
      dayRow(db, {
        store: OTHER_STORE,
        day: '2026-03-02',
        currency: EUR,
        f: { sales: 1, revenueMinor: 10_000 },
      });
      const before = march(db);
      expect(rowOf(before, OTHER_STORE)?.consolidated?.revenueMinor).toBe(11_000);
      expect(before.stores.find((s) => s.id === OTHER_STORE)).toMatchObject({
        name: 'Lyon',
        currency: 'EUR',
      });

      // The store now sells in yen: its yen sale of 12 March converts at that day's yen rate.
      db.prepare("UPDATE stores SET currency = 'JPY' WHERE id = ?").run(OTHER_STORE);
      dayRow(db, {
        store: OTHER_STORE,
        day: '2026-03-12',
        currency: JPY,
        f: { sales: 1, revenueMinor: 100_000 },
      });
      const after = march(db);
      expect(after.stores.find((s) => s.id === OTHER_STORE)?.currency).toBe('JPY');
      const revenue = after.rows
        .filter((r) => r.store === OTHER_STORE)
        .reduce((sum, r) => sum + (r.consolidated?.revenueMinor ?? 0), 0);
      expect(revenue).toBe(11_000 + 80_000);

      db.prepare("UPDATE stores SET name = 'Lyon Bellecour' WHERE id = ?").run(OTHER_STORE);
      expect(march(db).stores.find((s) => s.id === OTHER_STORE)?.name).toBe('Lyon Bellecour');

      db.prepare(
        "INSERT INTO stores (id, name, currency, time_zone, tax_rate_bp) VALUES (?, 'Nice', 'EUR', 'Europe/Paris', 0)",
      ).run(NEW_STORE);
      const added = march(db);
      expect(added.stores.map((s) => s.name)).toContain('Nice');
      expect(rowOf(added, NEW_STORE)?.figures).toEqual(emptyFigures());
    } finally {
      db.close();
    }
  });

  it('ROLLUP-10: a change made by another process on the same file is seen; one rolled back is not kept', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'loupe-report-stores-')), 'loupe.db');
    const db = openTestDatabase(0, path);
    const other = new DatabaseSync(path);
    try {
      expect(march(db).stores.find((s) => s.id === STORE)?.name).toBe('Paris');
      other.prepare("UPDATE stores SET name = 'Paris Vendôme' WHERE id = ?").run(STORE);
      expect(march(db).stores.find((s) => s.id === STORE)?.name).toBe('Paris Vendôme');

      // Read inside a transaction that then rolls back: the name it saw must not outlive it, even
      // once another change brings the stores' version back to the number it had.
      db.exec('BEGIN');
      db.prepare("UPDATE stores SET name = 'Never' WHERE id = ?").run(STORE);
      expect(march(db).stores.find((s) => s.id === STORE)?.name).toBe('Never');
      db.exec('ROLLBACK');
      other.prepare("UPDATE stores SET name = 'Paris Rive Gauche' WHERE id = ?").run(STORE);
      expect(march(db).stores.find((s) => s.id === STORE)?.name).toBe('Paris Rive Gauche');
    } finally {
      other.close();
      db.close();
    }
  });

  it('ROLLUP-9: month rows follow their day rows, and a month is read as its row less the days left out', () => {
    const db = openTestDatabase(0);
    try {
      for (let d = 1; d <= 31; d++) {
        const day = `2026-03-${String(d).padStart(2, '0')}`;
        dayRow(db, { store: STORE, day, currency: EUR, f: { sales: 1, revenueMinor: 100 * d } });
        // A category sold only after the 25th, and a yen store whose rate changes on the 10th.
        if (d > 25)
          dayRow(db, { store: STORE, day, dim: 'category', key: 'watch', currency: EUR, f: { sales: 1 } });
        dayRow(db, { store: STORE, day, dim: 'category', key: 'ring', currency: EUR, f: { sales: 2 } });
      }
      // An upsert's second half lands in the month too.
      db.prepare(
        "UPDATE rollup_sales SET sales = sales + 1, revenue_minor = revenue_minor + 5 WHERE store = ? AND day = '2026-03-03' AND dim = 'all'",
      ).run(STORE);
      const month = db
        .prepare(
          "SELECT days, sales, revenue_minor FROM rollup_sales_months WHERE dim = 'all' AND month = '2026-03'",
        )
        .get();
      expect(month).toEqual({ days: 31, sales: 32, revenue_minor: (100 * 31 * 32) / 2 + 5 });

      const upTo25 = march(db, '2026-03-25');
      const paris = rowOf(upTo25, STORE);
      expect(paris?.figures.sales).toBe(26);
      expect(paris?.figures.revenueMinor).toBe((100 * 25 * 26) / 2 + 5);
      // EUR's rate changes on the 10th: the days before at 1.10, from the 10th at 1.20.
      expect(paris?.consolidated?.revenueMinor).toBe(
        Math.round(((100 * 9 * 10) / 2 + 5) * 1.1) + Math.round(((100 * (10 + 25) * 16) / 2) * 1.2),
      );
      // The watches were all sold after the 25th: no row for them up to the 25th.
      const byCategory = march(db, '2026-03-25', 'category');
      expect(rowOf(byCategory, STORE, 'watch')).toBeUndefined();
      expect(rowOf(byCategory, STORE, 'ring')?.figures.sales).toBe(50);

      // The month row is what is read when the rate holds all along (here: figures in euros, the
      // reporting currency): a figure only it holds shows. A rate changing within the days read
      // (USD above) sends euros to their day rows.
      db.prepare(
        "UPDATE rollup_sales_months SET sales = sales + 1000 WHERE dim = 'all' AND month = '2026-03'",
      ).run();
      const inEuros = summarize(
        db,
        { from: '2026-03-01', to: '2026-03-25', by: 'all', stock: false, clients: 0 },
        { currency: EUR, rates: RATES },
      );
      expect(rowOf(inEuros, STORE)?.figures.sales).toBe(1026);
      expect(rowOf(march(db, '2026-03-25'), STORE)?.figures.sales).toBe(26);
      // A short stretch of a month is read from its day rows.
      const fewDays = summarize(
        db,
        { from: '2026-03-02', to: '2026-03-04', by: 'all', stock: false, clients: 0 },
        { currency: USD, rates: RATES },
      );
      expect(rowOf(fewDays, STORE)?.figures.sales).toBe(4);
    } finally {
      db.close();
    }
  });
});
