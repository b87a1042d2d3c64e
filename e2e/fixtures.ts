/**
 * Demo data for end-to-end tests. The relay under test (playwright.config.ts) seeds the demo
 * organisation with the seeded generator, so logins and PINs are known; pieces are read from the
 * relay's own database file so each test takes a piece that is really in stock right now.
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { DEMO_PRESET, generateOrg } from '../sync/server/seed/generate.ts';

export const DEMO_PASSWORD = 'loupe-demo';

export type DemoUser = { login: string; name: string; role: string; pin: string; storeCode: string };

const org = generateOrg(DEMO_PRESET);
const storeCode = (id: string | undefined) => (id === org.stores[1]?.id ? 'nyc' : 'par');

/** Every demo user; `storeCode` is 'par' (Paris, EUR) or 'nyc' (New York, USD). */
export const demoUsers: readonly DemoUser[] = org.users.map((u) => ({
  login: u.login,
  name: u.name,
  role: u.role,
  pin: u.pin,
  storeCode: u.role === 'owner' ? 'all' : storeCode(u.stores[0]),
}));

export function demoUser(role: string, store: 'par' | 'nyc' = 'par', nth = 0): DemoUser {
  const found = demoUsers.filter((u) => u.role === role && (role === 'owner' || u.storeCode === store))[nth];
  if (!found) throw new Error(`no demo ${role} #${nth} in ${store}`);
  return found;
}

/** Random lower-case letters that make a test's text its own (no digits: they would match phones in a search). */
export const randomLetters = (length = 6): string =>
  Array.from({ length }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

/** A French mobile number nobody in the book has (a used one would be offered as a likely duplicate). */
export const randomMobile = (): string =>
  `+33 6 ${Array.from({ length: 4 }, () => String(10 + Math.floor(Math.random() * 90))).join(' ')}`;

/** A short tag from the clock, for the names a run gives what it creates (trays, cases). */
export const stamp = (): string => Date.now().toString(36).toUpperCase().slice(-6);

export function relayDb(): DatabaseSync {
  const dir = process.env.LOUPE_E2E_DATA;
  if (!dir) throw new Error('LOUPE_E2E_DATA is not set: run the suite with npm run test:e2e');
  const db = new DatabaseSync(join(dir, 'loupe.db'), { readOnly: true });
  db.exec('PRAGMA busy_timeout = 5000');
  return db;
}

export type StockPiece = { serial: string; title: string; listPriceMinor: number; currency: string };

const taken = new Set<string>();
/** A piece in stock at the store (by the relay's SQL truth), never the same twice in one run. */
export function pieceInStock(store: 'par' | 'nyc' = 'par'): StockPiece {
  const storeName = store === 'par' ? 'Maison Loupe — Paris' : 'Loupe New York';
  const db = relayDb();
  try {
    const rows = db
      .prepare(
        `SELECT p.serial, json_extract(p.record, '$.title') AS title, p.list_price_minor AS minor, p.currency
         FROM pieces p JOIN stores s ON s.id = p.store
         WHERE s.name = ? AND p.status = 'in-stock' ORDER BY random() LIMIT 50`,
      )
      .all(storeName) as { serial: string; title: string; minor: number; currency: string }[];
    const row = rows.find((r) => !taken.has(r.serial));
    if (!row) throw new Error(`no piece left in stock at ${store}`);
    taken.add(row.serial);
    return { serial: row.serial, title: row.title, listPriceMinor: row.minor, currency: row.currency };
  } finally {
    db.close();
  }
}

/** The Paris client who spent the most (sales not voided, less refunds), by the relay's SQL. */
export function clientWithSpend(store: 'par' | 'nyc' = 'par'): { id: string; spendMinor: number } {
  const storeName = store === 'par' ? 'Maison Loupe — Paris' : 'Loupe New York';
  const db = relayDb();
  try {
    const row = db
      .prepare(
        `SELECT sa.client_id AS id, sum(sa.total_minor - sa.refunded_minor) AS spend
         FROM sales sa JOIN stores s ON s.id = sa.store
         WHERE s.name = ? AND sa.voided = 0 AND sa.client_id IS NOT NULL
         GROUP BY sa.client_id ORDER BY spend DESC LIMIT 1`,
      )
      .get(storeName) as { id: string; spend: number } | undefined;
    if (!row) throw new Error(`no client with purchases at ${store}`);
    return { id: row.id, spendMinor: Number(row.spend) };
  } finally {
    db.close();
  }
}
