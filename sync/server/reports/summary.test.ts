import type { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ExchangeRate, rateConverter } from '../../../domain/exchange.ts';
import { type Currency, currency, minorDigits } from '../../../domain/money.ts';
import {
  addDays,
  convertFigures,
  emptyFigures,
  FIGURE_KEYS,
  type Figures,
  MONEY_KEYS,
} from '../../../domain/report.ts';
import { OTHER_STORE, STORE, YEN_STORE } from '../../../domain/test-support.ts';
import { migrate } from '../db.ts';
import { syncMigrations } from '../migrations.ts';
import { validatorMigrations } from '../validator/schema.ts';
import { openTestDatabase } from '../validator/test-db.ts';
import { COLUMNS } from './queries.ts';
import type { Dimension } from './rollups.ts';
import { summarize } from './summary.ts';

const USD = currency('USD');
const EUR = currency('EUR');
const JPY = currency('JPY');
const KWD = currency('KWD');

/** What `convert` computed before `rateConverter`: bigint all the way, half to even. */
function reference(minor: number, from: Currency, to: Currency, rate: string): number | undefined {
  const [whole = '0', frac = ''] = rate.split('.');
  const num = BigInt(minor) * BigInt(`${whole}${frac}`) * 10n ** BigInt(minorDigits(to));
  const den = 10n ** BigInt(frac.length + minorDigits(from));
  const negative = num < 0n;
  const a = negative ? -num : num;
  let q = a / den;
  const r2 = (a % den) * 2n;
  if (r2 > den || (r2 === den && q % 2n === 1n)) q += 1n;
  const n = Number(negative ? -q : q);
  return Number.isSafeInteger(n) && BigInt(n) === (negative ? -q : q) ? (n === 0 ? 0 : n) : undefined;
}

const rateArb = fc
  .tuple(fc.stringMatching(/^\d{1,6}$/), fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }))
  .map(([w, f]) => (f === undefined ? w : `${w}.${f}`))
  .filter((r) => /[1-9]/.test(r));

const DAY0 = '2026-01-20';
const DAYS = 80;

type Row = { store: string; day: string; dim: Dimension; key: string; currency: string; f: Figures };

const figuresArb = fc.record(
  Object.fromEntries(
    FIGURE_KEYS.map((k) => [
      k,
      (MONEY_KEYS as readonly string[]).includes(k)
        ? fc.oneof(fc.constant(0), fc.integer({ min: -5_000_000, max: 90_000_000_000 }))
        : fc.integer({ min: 0, max: 40 }),
    ]),
  ) as Record<keyof Figures, fc.Arbitrary<number>>,
) as fc.Arbitrary<Figures>;

const STORES: [string, Currency][] = [
  [STORE, EUR],
  [OTHER_STORE, EUR],
  [YEN_STORE, JPY],
];

const rowsArb: fc.Arbitrary<Row[]> = fc
  .array(
    fc.record({
      store: fc.integer({ min: 0, max: 2 }),
      day: fc.integer({ min: 0, max: DAYS }),
      dim: fc.constantFrom<Dimension>('all', 'category'),
      key: fc.constantFrom('ring', 'watch', 'Émeraude', 'bague'),
      f: figuresArb,
    }),
    { maxLength: 120 },
  )
  .map((rows) => {
    const seen = new Set<string>();
    return rows.flatMap((r) => {
      const [store, cur] = STORES[r.store] ?? [STORE, EUR];
      const key = r.dim === 'all' ? '' : r.key;
      const day = addDays(DAY0, r.day);
      const id = `${store}|${day}|${r.dim}|${key}`;
      if (seen.has(id)) return [];
      seen.add(id);
      return [{ store, day, dim: r.dim, key, currency: cur, f: r.f }];
    });
  });

/** Dated rates into USD, some in mid-month, some currencies starting late (missing before). */
const ratesArb: fc.Arbitrary<ExchangeRate[]> = fc
  .array(
    fc.record({
      from: fc.constantFrom(EUR, JPY),
      day: fc.integer({ min: -10, max: DAYS }),
      rate: rateArb,
    }),
    { maxLength: 12 },
  )
  .map((xs) => xs.map((x) => ({ from: x.from, to: USD, rate: x.rate, date: addDays(DAY0, x.day) })));

function insert(db: DatabaseSync, rows: readonly Row[]): void {
  const cols = FIGURE_KEYS.map((k) => COLUMNS[k]);
  const st = db.prepare(
    `INSERT INTO rollup_sales (store, day, dim, key, currency, ${cols.join(', ')})
     VALUES (?, ?, ?, ?, ?, ${cols.map(() => '?').join(', ')})`,
  );
  for (const r of rows) st.run(r.store, r.day, r.dim, r.key, r.currency, ...FIGURE_KEYS.map((k) => r.f[k]));
}

/**
 * REPORT-7 as the summary did it before ROLLUP-8: rows summed per store, key, currency and rate
 * segment (the latest rate date in (from, day], else `from`), each sum through `convertFigures`
 * with the whole list of rates.
 */
function expected(
  rows: readonly Row[],
  q: { from: string; to: string; by: 'all' | 'category' | 'day' },
  rates: ExchangeRate[],
) {
  const dim = q.by === 'day' ? 'all' : q.by;
  const groups = new Map<string, { store: string; key: string; currency: string; seg: string; f: Figures }>();
  for (const r of rows) {
    if (r.dim !== dim || r.day < q.from || r.day > q.to) continue;
    const seg =
      rates
        .filter(
          (x) =>
            x.from === r.currency && x.to === USD && x.date > q.from && x.date <= q.to && x.date <= r.day,
        )
        .map((x) => x.date)
        .sort()
        .pop() ?? q.from;
    const key = q.by === 'day' ? r.day : r.key;
    const id = `${r.store}|${key}|${r.currency}|${seg}`;
    const g = groups.get(id) ?? { store: r.store, key, currency: r.currency, seg, f: emptyFigures() };
    for (const k of FIGURE_KEYS) g.f[k] += r.f[k];
    groups.set(id, g);
  }
  const out = new Map<string, Figures | null>();
  for (const g of groups.values()) {
    const id = `${g.store}|${g.key}`;
    const c = convertFigures(g.f, g.currency, USD, rates, g.seg);
    const prev = out.has(id) ? out.get(id) : emptyFigures();
    if (!c || !prev) out.set(id, null);
    else {
      const sum = { ...prev };
      for (const k of FIGURE_KEYS) sum[k] += c[k];
      out.set(id, sum);
    }
  }
  return out;
}

describe('report summary (ROLLUP-7, ROLLUP-8)', () => {
  it('ROLLUP-8: converting many amounts at one parsed rate gives what bigint conversion gives, amount by amount', () => {
    const minorArb = fc.oneof(
      fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
      fc.maxSafeInteger().map((n) => n),
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    );
    fc.assert(
      fc.property(
        minorArb,
        rateArb,
        fc.constantFrom(EUR, JPY, KWD, USD),
        fc.constantFrom(EUR, JPY, KWD, USD),
        (minor, rate, from, to) => {
          expect(rateConverter(from, to, rate)(minor)).toBe(reference(minor, from, to, rate));
        },
      ),
      { numRuns: 3_000 },
    );
    // Half to even at the boundary, both ways, and an exact double product just under 2^51.
    expect(rateConverter(EUR, EUR, '0.5')(5)).toBe(2);
    expect(rateConverter(EUR, EUR, '0.5')(7)).toBe(4);
    expect(rateConverter(EUR, EUR, '0.5')(-7)).toBe(-4);
    expect(rateConverter(JPY, EUR, '0.0061')(12_345)).toBe(7_530);
  });

  it('ROLLUP-8, ROLLUP-9: a period’s consolidated figures equal each rate segment’s sums converted with the whole list of rates', () => {
    fc.assert(
      fc.property(
        rowsArb,
        ratesArb,
        fc.integer({ min: -3, max: DAYS }),
        fc.integer({ min: 0, max: DAYS }),
        fc.constantFrom('all' as const, 'category' as const, 'day' as const),
        (rows, rates, start, length, by) => {
          const db = openTestDatabase(0);
          try {
            insert(db, rows);
            const from = addDays(DAY0, start);
            // A single day (read without a GROUP BY) one time in five, else up to 80 days: whole
            // months and parts of months, read from month rows where they stand for their days
            // (ROLLUP-9), rates changing within some of them.
            const query = { from, to: addDays(from, length % 5 === 0 ? 0 : length), by };
            const s = summarize(db, { ...query, stock: false, clients: 0 }, { currency: USD, rates });
            const want = expected(rows, query, rates);
            for (const r of s.rows) {
              const id = `${r.store}|${r.key}`;
              if (!want.has(id)) {
                // Stores with no row in the period show with zeros (whole-store figures).
                expect(r.figures).toEqual(emptyFigures());
                continue;
              }
              expect(r.consolidated, id).toEqual(want.get(id));
            }
            expect(s.rows.filter((r) => want.has(`${r.store}|${r.key}`)).length).toBe(want.size);
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('ROLLUP-7: validator-023 keeps every rollup row and the dashboard reads them along the primary key (dim, day, store, key)', () => {
    const db = openTestDatabase(0);
    try {
      // The table as validator-016 made it (a rowid table, its key led by store), then the migration.
      db.exec('DROP TABLE rollup_sales');
      db.exec(`CREATE TABLE rollup_sales (
        store TEXT NOT NULL, day TEXT NOT NULL, dim TEXT NOT NULL, key TEXT NOT NULL, currency TEXT NOT NULL,
        ${FIGURE_KEYS.map((k) => `${COLUMNS[k]} BIGINT NOT NULL DEFAULT 0`).join(', ')},
        PRIMARY KEY (store, day, dim, key))`);
      db.exec('CREATE INDEX rollup_sales_by_day ON rollup_sales (dim, day)');
      const rows: Row[] = [
        {
          store: STORE,
          day: '2026-03-02',
          dim: 'all',
          key: '',
          currency: 'EUR',
          f: { ...emptyFigures(), sales: 2, revenueMinor: 900 },
        },
        {
          store: YEN_STORE,
          day: '2026-03-01',
          dim: 'category',
          key: 'ring',
          currency: 'JPY',
          f: { ...emptyFigures(), sales: 1, units: 3 },
        },
      ];
      insert(db, rows);
      const before = db.prepare('SELECT * FROM rollup_sales ORDER BY store, day, dim, key').all();
      db.prepare("DELETE FROM migrations WHERE id = 'validator-023-report-rollups-by-day'").run();
      migrate(db, [...syncMigrations, ...validatorMigrations]);
      expect(db.prepare('SELECT * FROM rollup_sales ORDER BY store, day, dim, key').all()).toEqual(before);
      const plan = (sql: string) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
          .map((r) => r.detail)
          .join(' / ');
      const range = "FROM rollup_sales WHERE dim = 'all' AND day BETWEEN '2026-03-01' AND '2026-03-31'";
      expect(plan(`SELECT store, day, sales ${range}`)).toMatch(
        /SEARCH rollup_sales USING PRIMARY KEY \(dim=\? AND day>\? AND day<\?\)/,
      );
      expect(plan(`SELECT store, day, sales ${range}`)).not.toMatch(/TEMP B-TREE/);
    } finally {
      db.close();
    }
  });
});
