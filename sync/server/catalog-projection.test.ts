import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { names } from '../shared/doc-names.ts';
import { catalogPieces } from '../shared/records.ts';
import { CatalogSource, LEGACY_CATALOG, migrateChainCatalog } from './catalog-projection.ts';
import { openDatabase } from './db.ts';
import { SqliteDocumentStore } from './document-store.ts';
import { startTestRelay, type TestRelay } from './test-utils.ts';

let relay: TestRelay | undefined;
afterEach(async () => {
  await relay?.cleanup();
  relay = undefined;
});

/** The document as the relay holds it now (loaded through Hocuspocus, journal included). */
async function catalogJson(r: Pick<TestRelay, 'hocuspocus'>, store: string) {
  const connection = await r.hocuspocus.openDirectConnection(names.catalog(store), { relay: true });
  try {
    return (connection.document ? catalogPieces(connection.document).toJSON() : {}) as Record<
      string,
      unknown
    >;
  } finally {
    await connection.disconnect();
  }
}

/** What a rebuild from SQL would write: serial → record. */
const fromSql = (r: Pick<TestRelay, 'db'>, store: string) =>
  Object.fromEntries(new CatalogSource(r.db).store(store));

describe('catalog/<store>, the relay’s projection of SQL', () => {
  it('DOC-5: the seed writes one catalog per store, each with that store’s pieces only and no cost', async () => {
    relay = await startTestRelay();
    const r = relay;
    const [paris, ny] = r.demo.stores;
    if (!paris || !ny) throw new Error('demo has two stores');
    const parisCatalog = await catalogJson(r, paris.id);
    const nyCatalog = await catalogJson(r, ny.id);
    const count = (store: string) =>
      Number(
        (r.db.prepare('SELECT count(*) AS n FROM pieces WHERE store = ?').get(store) as { n: number }).n,
      );
    expect(Object.keys(parisCatalog)).toHaveLength(count(paris.id));
    expect(Object.keys(nyCatalog)).toHaveLength(count(ny.id));
    for (const p of Object.values(parisCatalog)) {
      expect((p as { store: string }).store).toBe(paris.id);
      expect(p).not.toHaveProperty('cost');
    }
    expect(parisCatalog).toEqual(fromSql(r, paris.id));
    expect(nyCatalog).toEqual(fromSql(r, ny.id));
    // No chain-wide catalog is written any more.
    expect(await new SqliteDocumentStore(r.db).fetch(LEGACY_CATALOG)).toBeNull();
  });

  it('DOC-6: a relay starting on a database with the chain-wide catalog builds the per-store ones from SQL once', async () => {
    relay = await startTestRelay();
    const store = relay.demo.stores[0]?.id ?? '';
    // An old database: the chain-wide document (with cost) and no per-store catalogs.
    const legacy = new Y.Doc();
    for (const [serial, record] of Object.entries(fromSql(relay, store)))
      legacy.getMap('pieces').set(serial, { ...(record as object), cost: { minor: 1, currency: 'EUR' } });
    await relay.destroy();
    const db = openDatabase(relay.dbPath);
    const raw = new SqliteDocumentStore(db);
    for (const name of await raw.list('catalog/')) await raw.delete(name);
    db.prepare("DELETE FROM document_journal WHERE name LIKE 'catalog/%'").run();
    await raw.store(LEGACY_CATALOG, Y.encodeStateAsUpdate(legacy));
    db.close();

    relay = await relay.restart();
    const r = relay;
    expect(await new SqliteDocumentStore(r.db).fetch(LEGACY_CATALOG)).toBeNull();
    for (const s of r.demo.stores) expect(await catalogJson(r, s.id)).toEqual(fromSql(r, s.id));
    const stored = await new SqliteDocumentStore(r.db).fetch(names.catalog(store));
    // Idempotent: nothing left to migrate, and a second run (or start) changes nothing.
    expect(await migrateChainCatalog(r.db, r.hocuspocus, new SqliteDocumentStore(r.db))).toBe(false);
    relay = await relay.restart();
    expect(await new SqliteDocumentStore(relay.db).fetch(names.catalog(store))).toEqual(stored);
    expect(await catalogJson(relay, store)).toEqual(fromSql(relay, store));
  });
});
