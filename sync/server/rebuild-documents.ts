/**
 * `npm run rebuild-documents`: rewrites the relay's projections of SQL from SQL (DOC-5, DOC-7) — every
 * `catalog/<store>` and `org` — through the document store (SQLite, or PostgreSQL with DATABASE_URL) and the
 * relay's journal, with no relay listening. Run it with the relay stopped: a running relay holds
 * its own copy of the documents it has loaded. A database still holding the chain-wide `catalog`
 * loses it on the way (DOC-6).
 */
import type { DatabaseSync } from 'node:sqlite';
import { Hocuspocus } from '@hocuspocus/server';
import { migrateChainCatalog, rebuildCatalogs } from './catalog-projection.ts';
import { migrate, openDatabase } from './db.ts';
import { type DocumentStore, SqliteDocumentStore } from './document-store.ts';
import { PersistenceExtension } from './extensions/persistence.ts';
import { DocumentJournal, journalMigrations } from './journal.ts';
import { syncMigrations } from './migrations.ts';
import { rebuildOrg } from './org-projection.ts';
import { ReplicatedDatabase } from './replicated-db.ts';
import { rebuildStocks } from './stock-projection.ts';
import { validatorMigrations } from './validator/schema.ts';

export type RebuildReport = {
  catalogs: Record<string, number>;
  stocks: Record<string, number>;
  org: number;
  legacyCatalogRemoved: boolean;
};

/** Rebuilds every store's catalog and stock, and `org`, from SQL; changed records per document. */
export async function rebuildDocuments(db: DatabaseSync, documents: DocumentStore): Promise<RebuildReport> {
  const hocuspocus = new Hocuspocus({
    quiet: true,
    extensions: [new PersistenceExtension(documents, new DocumentJournal(db))],
  });
  const legacyCatalogRemoved = await migrateChainCatalog(db, hocuspocus, documents);
  // Every write above unloaded (and stored) its document; a second pass reports what is left.
  const catalogs = await rebuildCatalogs(db, hocuspocus);
  const stocks = await rebuildStocks(db, hocuspocus);
  const org = await rebuildOrg(db, hocuspocus);
  return { catalogs, stocks, org, legacyCatalogRemoved };
}

/** Opens LOUPE_DB the way the relay does (same migrations; with `sqlLog`, DATABASE_URL, as the
 *  replica of the log there, caught up first: REPL-*) and rebuilds. */
export async function rebuildDatabase(
  dbPath: string,
  documents?: DocumentStore,
  sqlLog?: string,
): Promise<RebuildReport> {
  const db = sqlLog ? await ReplicatedDatabase.open(dbPath, sqlLog, { follow: false }) : openDatabase(dbPath);
  try {
    migrate(db, [...syncMigrations, ...journalMigrations, ...validatorMigrations]);
    return await rebuildDocuments(db, documents ?? new SqliteDocumentStore(db));
  } finally {
    if (db instanceof ReplicatedDatabase) await db.closeReplica();
    else db.close();
  }
}
