/**
 * DOC-10: client books written before field-level storage hold each client as one plain JSON
 * profile. At start the relay rewrites every such record in the nested form (`upgradeClientBook`
 * in `shared/docs/clients.ts`), once: a record already nested is left alone, so a second start
 * finds nothing to do and changes nothing. Readers accept both forms meanwhile, and a device that
 * edits a plain record rewrites it itself first.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Hocuspocus } from '@hocuspocus/server';
import { parseDocName } from '../shared/doc-names.ts';
import { upgradeClientBook } from '../shared/docs/clients.ts';
import type { DocumentStore } from './document-store.ts';
import { writeRelayDoc } from './relay-writes.ts';

/** Recorded in the relay's `migrations` table once every client book is nested. */
const DONE = 'documents-001-client-books-nested';

export type ClientsMigrationReport = {
  /** Document name → clients rewritten in the nested form (only documents with any). */
  readonly upgraded: Record<string, number>;
  /** Document name → ids of plain records that do not parse (left as they are, never shown). */
  readonly unreadable: Record<string, string[]>;
};

/** Every `clients/<store>` the relay holds, stored or only journalled. */
async function clientBooks(db: DatabaseSync, documents: DocumentStore): Promise<string[]> {
  const journalled = db
    .prepare("SELECT DISTINCT name FROM document_journal WHERE name LIKE 'clients/%'")
    .all() as { name: string }[];
  const all = new Set([...(await documents.list('clients/')), ...journalled.map((r) => r.name)]);
  return [...all].filter((n) => {
    const p = parseDocName(n);
    return p.ok && p.value.kind === 'clients';
  });
}

export async function migrateClientBooks(
  db: DatabaseSync,
  hocuspocus: Hocuspocus,
  documents: DocumentStore,
): Promise<ClientsMigrationReport> {
  const upgraded: Record<string, number> = {};
  const unreadable: Record<string, string[]> = {};
  // Done once for good: later starts do not load every client book again. Devices of this version
  // write the nested form only, and readers still accept a plain record should one arrive.
  if (db.prepare('SELECT 1 FROM migrations WHERE id = ?').get(DONE)) return { upgraded, unreadable };
  for (const name of (await clientBooks(db, documents)).sort()) {
    await writeRelayDoc(hocuspocus, name, 'clients-migration', (doc) => {
      const r = upgradeClientBook(doc);
      if (r.upgraded > 0) upgraded[name] = r.upgraded;
      if (r.unreadable.length > 0) unreadable[name] = r.unreadable;
    });
  }
  // A record that does not parse is reported again at the next start until someone mends it.
  if (Object.keys(unreadable).length === 0)
    db.prepare('INSERT OR IGNORE INTO migrations (id, applied_at) VALUES (?, ?)').run(
      DONE,
      new Date().toISOString(),
    );
  return { upgraded, unreadable };
}
