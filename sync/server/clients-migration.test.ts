import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { names } from '../shared/doc-names.ts';
import { clientBook, readClients } from '../shared/docs/clients.ts';
import { migrateClientBooks } from './clients-migration.ts';
import { openDatabase } from './db.ts';
import { SqliteDocumentStore } from './document-store.ts';
import { closeAfterEach } from './relay-per-test.support.test.ts';
import { connectAs, demoUser, login, startTestRelay } from './test-utils.ts';

const perTest = closeAfterEach();

/** The client book as the relay stores it (stored state plus nothing journalled: the relay is down). */
async function storedBook(dbPath: string, name: string): Promise<Y.Doc> {
  const db = openDatabase(dbPath);
  try {
    const doc = new Y.Doc();
    const state = await new SqliteDocumentStore(db).fetch(name);
    if (state) Y.applyUpdate(doc, state);
    return doc;
  } finally {
    db.close();
  }
}

const DONE = 'documents-001-client-books-nested';

describe('client book migration (DOC-10)', () => {
  it('DOC-10: a relay starting on plain client records rewrites them field by field once; a second run changes nothing', async () => {
    perTest.relay = await startTestRelay();
    const store = perTest.relay.demo.stores[0]?.id ?? '';
    const name = names.clients(store);
    await perTest.relay.destroy();
    // An old database: every client of the store one plain JSON profile.
    const profiles = readClients(await storedBook(perTest.relay.dbPath, name));
    expect(profiles.length).toBeGreaterThan(0);
    const legacy = new Y.Doc();
    for (const p of profiles) clientBook(legacy).set(p.id, p as unknown as Record<string, unknown>);
    const db = openDatabase(perTest.relay.dbPath);
    await new SqliteDocumentStore(db).store(name, Y.encodeStateAsUpdate(legacy));
    db.prepare('DELETE FROM document_journal WHERE name = ?').run(name);
    // An old database has not recorded the migration.
    db.prepare('DELETE FROM migrations WHERE id = ?').run(DONE);
    db.close();

    perTest.relay = await perTest.relay.restart();
    const r = perTest.relay;
    const associate = demoUser(r, 'associate');
    const device = connectAs(r, await login(r, associate.login));
    try {
      const clients = device.open(name);
      await clients.synced;
      for (const stored of clientBook(clients.doc).values()) expect(stored).toBeInstanceOf(Y.Map);
      const byId = (list: typeof profiles) => [...list].sort((a, b) => a.id.localeCompare(b.id));
      expect(byId(readClients(clients.doc))).toEqual(byId(profiles));
    } finally {
      device.close();
    }
    // Recorded once done, so later starts do not load every client book again.
    expect(r.db.prepare('SELECT 1 FROM migrations WHERE id = ?').get(DONE)).toBeDefined();
    // Idempotent even without the record: nothing left to rewrite, the document unchanged.
    r.db.prepare('DELETE FROM migrations WHERE id = ?').run(DONE);
    const before = Y.encodeStateVector(await storedBook(r.dbPath, name));
    expect(await migrateClientBooks(r.db, r.hocuspocus, new SqliteDocumentStore(r.db))).toEqual({
      upgraded: {},
      unreadable: {},
    });
    expect(Y.encodeStateVector(await storedBook(r.dbPath, name))).toEqual(before);
  });
});
