/**
 * `stock/<store>`: each piece's status as SQL holds it (DOC-9). SQL (`pieces`: status, store,
 * reservation, the record's location) is the source; the relay alone writes the document — the
 * validator's projector after every decision that changes a piece, the seed, and a rebuild on
 * demand (`npm run rebuild-documents`). Entries compare by content, so rebuilding twice changes
 * nothing and an unchanged piece keeps its `updatedAt`.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';
import type { PieceStatus } from '../../domain/piece-status.ts';
import { type StockEntry, stockDoc, stockKeyValue } from '../shared/docs/stock.ts';
import { writeRelayDoc } from './relay-writes.ts';
import { syncJobs } from './work-projection.ts';

/** The columns a stock entry is made of. */
export type StockRow = {
  serial: string;
  store: string;
  status: string;
  reserved_for: string | null;
  reserved_until: string | null;
  record: string;
  /** TRANSIT-2: set on the sender's row for a piece on its way to that store. */
  transit_to?: string | null;
  /** TRANSIT-4: set on the destination's row for a piece on its way from that store. */
  transit_from?: string | null;
};

const COLUMNS = 'p.serial, p.store, p.status, p.reserved_for, p.reserved_until, p.record';

/** Whether the validator's `transits` table is there (validator-020; a bare relay has none). */
export const hasTransits = (db: DatabaseSync): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'transits'").get() !== undefined;

/**
 * The stock columns of `pieces p` and, where the validator's `transits` are (TRANSIT-4), the
 * store an in-transit piece was sent from: at most one open transfer per piece, so one row each.
 */
export const stockFrom = (db: DatabaseSync): string =>
  hasTransits(db)
    ? `${COLUMNS}, t.from_store AS transit_from FROM pieces p
       LEFT JOIN transits t ON t.serial = p.serial AND t.received_at IS NULL
         AND p.status = 'in-transit' AND t.to_store = p.store`
    : `${COLUMNS} FROM pieces p`;

/**
 * TRANSIT-2: the sender's rows for pieces it sent that the destination has not received yet, as
 * `in-transit` with the destination named (the piece's own row is the destination's).
 */
export const SENT_SQL = `SELECT p.serial, t.from_store AS store, 'in-transit' AS status, NULL AS reserved_for,
    NULL AS reserved_until, p.record, t.to_store AS transit_to
  FROM transits t JOIN pieces p ON p.serial = t.serial
  WHERE t.from_store = ? AND t.received_at IS NULL AND p.store <> t.from_store AND p.status = 'in-transit'
  ORDER BY p.serial`;

/** Where the piece is kept, as people name it: its location's label (`Case 2`, `Safe`). */
export function locationLabel(record: string): string {
  try {
    const loc = (JSON.parse(record) as { location?: unknown }).location;
    if (typeof loc === 'string') return loc;
    if (typeof loc === 'object' && loc !== null) {
      const { label, kind } = loc as { label?: unknown; kind?: unknown };
      if (typeof label === 'string' && label) return label;
      if (typeof kind === 'string') return kind;
    }
  } catch {
    // A record SQL cannot parse has no location to show.
  }
  return '';
}

/** The stock entry for a SQL row, stamped `updatedAt`. */
export function stockEntry(row: StockRow, updatedAt: string): StockEntry {
  return {
    status: row.status as PieceStatus,
    location: locationLabel(row.record),
    reservedFor: row.reserved_for,
    // The till decides sellability with the domain's rule, expiry included (SALE-12).
    ...(row.reserved_until ? { reservedUntil: row.reserved_until } : {}),
    updatedAt,
    ...(row.transit_to ? { transitTo: row.transit_to } : {}),
    ...(row.transit_from && !row.transit_to ? { transitFrom: row.transit_from } : {}),
  };
}

/** Whether two entries say the same thing (the time they were written aside). */
export const sameStock = (a: StockEntry | undefined, b: StockEntry): boolean =>
  a !== undefined &&
  a.status === b.status &&
  a.location === b.location &&
  a.reservedFor === b.reservedFor &&
  (a.reservedUntil ?? undefined) === (b.reservedUntil ?? undefined) &&
  (a.transitTo ?? undefined) === (b.transitTo ?? undefined) &&
  (a.transitFrom ?? undefined) === (b.transitFrom ?? undefined);

/** Reads stock rows from SQL (one piece, or a whole store). */
export class StockSource {
  readonly #one: StatementSync;
  readonly #store: StatementSync;
  readonly #sent: StatementSync | undefined;

  constructor(db: DatabaseSync) {
    this.#one = db.prepare(`SELECT ${stockFrom(db)} WHERE p.serial = ?`);
    this.#store = db.prepare(`SELECT ${stockFrom(db)} WHERE p.store = ? ORDER BY p.serial`);
    this.#sent = hasTransits(db) ? db.prepare(SENT_SQL) : undefined;
  }

  piece(serial: string): StockRow | undefined {
    return this.#one.get(serial) as StockRow | undefined;
  }

  /** The store's pieces, and (TRANSIT-2) those it sent that are still on their way. */
  store(store: string): StockRow[] {
    const rows = this.#store.all(store) as StockRow[];
    const sent = (this.#sent?.all(store) ?? []) as StockRow[];
    return sent.length === 0 ? rows : [...rows, ...sent].sort((a, b) => a.serial.localeCompare(b.serial));
  }
}

/** Sets the entry unless the document already says the same; returns whether it wrote. */
export function putStock(doc: Y.Doc, serial: string, entry: StockEntry): boolean {
  const kv = stockKeyValue(doc);
  if (sameStock(kv.get(serial), entry)) return false;
  kv.set(serial, entry);
  return true;
}

/** Makes the document say exactly what SQL says; returns how many entries changed. */
export function syncStock(doc: Y.Doc, rows: readonly StockRow[], at: string): number {
  let changes = 0;
  doc.transact(() => {
    const kv = stockKeyValue(doc);
    const want = new Set(rows.map((r) => r.serial));
    for (const serial of [...kv.map.keys()])
      if (!want.has(serial)) {
        kv.delete(serial);
        changes++;
      }
    for (const row of rows) if (putStock(doc, row.serial, stockEntry(row, at))) changes++;
  });
  return changes;
}

/** Rewrites `stock/<store>` from SQL; returns how many entries changed. */
export async function rebuildStock(
  db: DatabaseSync,
  hocuspocus: Hocuspocus,
  store: string,
  now: Date = new Date(),
): Promise<number> {
  const rows = new StockSource(db).store(store);
  let changes = 0;
  await writeRelayDoc(hocuspocus, stockDoc.name(store), 'stock-rebuild', (doc) => {
    changes = syncStock(doc, rows, now.toISOString());
    // Orders and repairs as SQL holds them (WORK-7), when the validator's tables are there.
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'order_stages'").get())
      changes += syncJobs(db, doc, store);
  });
  return changes;
}

/** Every store's stock from SQL (`npm run rebuild-documents`); changed entries per store. */
export async function rebuildStocks(
  db: DatabaseSync,
  hocuspocus: Hocuspocus,
): Promise<Record<string, number>> {
  const stores = db.prepare('SELECT id FROM stores ORDER BY id').all() as { id: string }[];
  const out: Record<string, number> = {};
  for (const { id } of stores) out[id] = await rebuildStock(db, hocuspocus, id);
  return out;
}
