/**
 * `catalog/<store>`: the store's pieces as SQL holds them, without cost (DOC-4, DOC-5,
 * docs/decisions/0005). SQL (`pieces`) is the source; the relay alone writes the document — the
 * seed, the validator's projector on every decision that changes a piece's record, a rebuild on
 * demand (`npm run rebuild-documents`) and the one-time move off the chain-wide `catalog`.
 * Every write compares with what the document holds, so rebuilding twice changes nothing.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { names } from '../shared/doc-names.ts';
import type { CatalogPiece } from '../shared/docs/catalog.ts';
import { catalogPieces } from '../shared/docs/catalog.ts';
import type { DocumentStore } from './document-store.ts';
import { writeRelayDoc } from './relay-writes.ts';
import { hasTransits } from './stock-projection.ts';

/** The columns a catalog record is made of. */
export type CatalogRow = {
  serial: string;
  store: string;
  list_price_minor: number;
  currency: string;
  record: string;
};

const COLUMNS = 'serial, store, list_price_minor, currency, record';

/**
 * A piece's catalog record from its SQL row: the descriptive record with SQL's store and list
 * price (the columns are authoritative: transfers and price changes write them), never `cost`.
 */
export function catalogRecord(row: CatalogRow): CatalogPiece | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.record);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const { cost: _cost, ...rest } = parsed as Record<string, unknown>;
  return {
    ...rest,
    serial: row.serial,
    store: row.store,
    listPrice: { minor: Number(row.list_price_minor), currency: row.currency },
  } as CatalogPiece;
}

/** Reads catalog records from SQL (one piece, or a whole store). */
export class CatalogSource {
  readonly #one: StatementSync;
  readonly #store: StatementSync;
  readonly #sent: StatementSync | undefined;

  constructor(db: DatabaseSync) {
    this.#one = db.prepare(`SELECT ${COLUMNS} FROM pieces WHERE serial = ?`);
    this.#store = db.prepare(`SELECT ${COLUMNS} FROM pieces WHERE store = ? ORDER BY serial`);
    // TRANSIT-2: a piece on its way stays in the sender's catalog until the destination has it.
    this.#sent = hasTransits(db)
      ? db.prepare(
          `SELECT p.serial, p.store, p.list_price_minor, p.currency, p.record FROM transits t
           JOIN pieces p ON p.serial = t.serial
           WHERE t.from_store = ? AND t.received_at IS NULL AND p.store <> t.from_store AND p.status = 'in-transit'`,
        )
      : undefined;
  }

  /** The piece's record and the store whose catalog holds it, or undefined when SQL has none. */
  piece(serial: string): { store: string; record: CatalogPiece } | undefined {
    const row = this.#one.get(serial) as CatalogRow | undefined;
    const record = row ? catalogRecord(row) : undefined;
    return row && record ? { store: row.store, record } : undefined;
  }

  /** Every piece of the store, serial → record: what `catalog/<store>` must hold. */
  store(store: string): Map<string, CatalogPiece> {
    const out = new Map<string, CatalogPiece>();
    for (const row of [
      ...(this.#store.all(store) as CatalogRow[]),
      ...((this.#sent?.all(store) ?? []) as CatalogRow[]),
    ]) {
      const record = catalogRecord(row);
      if (record) out.set(row.serial, record);
    }
    return out;
  }
}

/** Sets the piece's record unless the document already holds exactly it. */
export function putCatalogPiece(doc: Y.Doc, record: CatalogPiece): boolean {
  const map = catalogPieces(doc);
  const prev = map.get(record.serial);
  if (prev !== undefined && JSON.stringify(prev) === JSON.stringify(record)) return false;
  map.set(record.serial, record);
  return true;
}

export function removeCatalogPiece(doc: Y.Doc, serial: string): boolean {
  const map = catalogPieces(doc);
  if (!map.has(serial)) return false;
  map.delete(serial);
  return true;
}

/** Makes the document hold exactly `want`: changed records set, pieces SQL lacks removed. */
export function syncCatalog(doc: Y.Doc, want: ReadonlyMap<string, CatalogPiece>): number {
  let changes = 0;
  doc.transact(() => {
    const map = catalogPieces(doc);
    for (const serial of [...map.keys()]) if (!want.has(serial) && removeCatalogPiece(doc, serial)) changes++;
    for (const record of want.values()) if (putCatalogPiece(doc, record)) changes++;
  });
  return changes;
}

/** Rewrites `catalog/<store>` from SQL; returns how many records changed. */
export async function rebuildCatalog(
  db: DatabaseSync,
  hocuspocus: Hocuspocus,
  store: string,
): Promise<number> {
  const want = new CatalogSource(db).store(store);
  let changes = 0;
  await writeRelayDoc(hocuspocus, names.catalog(store), 'catalog-rebuild', (doc) => {
    changes = syncCatalog(doc, want);
  });
  return changes;
}

/** Every store's catalog from SQL (`npm run rebuild-documents`); changed records per store. */
export async function rebuildCatalogs(
  db: DatabaseSync,
  hocuspocus: Hocuspocus,
): Promise<Record<string, number>> {
  const stores = db.prepare('SELECT id FROM stores ORDER BY id').all() as { id: string }[];
  const out: Record<string, number> = {};
  for (const { id } of stores) out[id] = await rebuildCatalog(db, hocuspocus, id);
  return out;
}

/** The chain-wide document of databases written before docs/decisions/0005. */
export const LEGACY_CATALOG = 'catalog';

/**
 * A database that still holds the chain-wide `catalog` document: build every store's
 * `catalog/<store>` from SQL, then drop the old document (it carried cost to every till) and its
 * journal. Idempotent: a crash before the drop rebuilds again on the next start, a later start
 * finds nothing to do. Returns whether it migrated.
 */
export async function migrateChainCatalog(
  db: DatabaseSync,
  hocuspocus: Hocuspocus,
  documents: DocumentStore,
): Promise<boolean> {
  const journalled = db.prepare('SELECT 1 FROM document_journal WHERE name = ? LIMIT 1').get(LEGACY_CATALOG);
  if (!journalled && (await documents.fetch(LEGACY_CATALOG)) === null) return false;
  await rebuildCatalogs(db, hocuspocus);
  await documents.delete(LEGACY_CATALOG);
  db.prepare('DELETE FROM document_journal WHERE name = ?').run(LEGACY_CATALOG);
  return true;
}
