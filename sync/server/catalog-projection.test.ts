import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CommandType } from '../../domain/commands.ts';
import { accessFor } from '../shared/access.ts';
import { command, type Envelope, type PayloadInput } from '../shared/command-builder.ts';
import { names } from '../shared/doc-names.ts';
import { catalogPieces } from '../shared/docs/catalog.ts';
import { stockKeyValue, writeStock } from '../shared/docs/stock.ts';
import { CatalogSource, LEGACY_CATALOG, migrateChainCatalog, rebuildCatalog } from './catalog-projection.ts';
import { openDatabase } from './db.ts';
import { SqliteDocumentStore } from './document-store.ts';
import { rebuildDatabase } from './rebuild-documents.ts';
import { closeAfterEach } from './relay-per-test.support.test.ts';
import { rebuildStock } from './stock-projection.ts';
import {
  demoUser,
  type SessionBody,
  saleEnvelope,
  startTestRelay,
  startValidatingRelay,
  storeTax,
  type TestRelay,
} from './test-utils.ts';

const perTest = closeAfterEach();

/** Keys no document a role without `view-cost` may open holds (DOC-5, DOC-7). */
const FORBIDDEN_KEYS = [
  'cost',
  'costMinor',
  'password',
  'password_hash',
  'passwordHash',
  'pin',
  'pin_hash',
  'pinHash',
  'secret',
  'signingKey',
  'private_jwk',
];

/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  return out;
}

/** Every root type of a document as JSON (maps and arrays alike). */
function docJson(doc: Y.Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, type] of [...doc.share]) {
    const isMap = (type as unknown as { _map: Map<string, unknown> })._map.size > 0;
    out[key] = isMap ? doc.getMap(key).toJSON() : doc.getArray(key).toJSON();
  }
  return out;
}

/** A manager's command, as their till appends it. */
function envelope<T extends CommandType>(
  session: SessionBody,
  store: string,
  type: T,
  payload: PayloadInput<T>,
): Envelope<T> {
  return command({ store, device: session.device, user: session.user.id }, type, payload);
}

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
    perTest.relay = await startTestRelay();
    const r = perTest.relay;
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
    perTest.relay = await startTestRelay();
    const store = perTest.relay.demo.stores[0]?.id ?? '';
    // An old database: the chain-wide document (with cost) and no per-store catalogs.
    const legacy = new Y.Doc();
    for (const [serial, record] of Object.entries(fromSql(perTest.relay, store)))
      legacy.getMap('pieces').set(serial, { ...(record as object), cost: { minor: 1, currency: 'EUR' } });
    await perTest.relay.destroy();
    const db = openDatabase(perTest.relay.dbPath);
    const raw = new SqliteDocumentStore(db);
    for (const name of await raw.list('catalog/')) await raw.delete(name);
    db.prepare("DELETE FROM document_journal WHERE name LIKE 'catalog/%'").run();
    await raw.store(LEGACY_CATALOG, Y.encodeStateAsUpdate(legacy));
    db.close();

    perTest.relay = await perTest.relay.restart();
    const r = perTest.relay;
    expect(await new SqliteDocumentStore(r.db).fetch(LEGACY_CATALOG)).toBeNull();
    for (const s of r.demo.stores) expect(await catalogJson(r, s.id)).toEqual(fromSql(r, s.id));
    const stored = await new SqliteDocumentStore(r.db).fetch(names.catalog(store));
    // Idempotent: nothing left to migrate, and a second run (or start) changes nothing.
    expect(await migrateChainCatalog(r.db, r.hocuspocus, new SqliteDocumentStore(r.db))).toBe(false);
    perTest.relay = await perTest.relay.restart();
    expect(await new SqliteDocumentStore(perTest.relay.db).fetch(names.catalog(store))).toEqual(stored);
    expect(await catalogJson(perTest.relay, store)).toEqual(fromSql(perTest.relay, store));
  });

  it('DOC-5: after receive, update, price change, transfer and sale, every catalog equals a rebuild from SQL', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const { store: paris } = demoUser(r, 'manager', 0);
    const ny = r.demo.stores[1]?.id ?? '';
    const { session: manager, device } = await perTest.till(r, 'manager');
    const inStock = r.db
      .prepare(
        "SELECT serial, list_price_minor AS minor, currency, record FROM pieces WHERE store = ? AND status = 'in-stock' ORDER BY serial LIMIT 2",
      )
      .all(paris) as { serial: string; minor: number; currency: string; record: string }[];
    const [moved, sold] = inStock;
    if (!moved || !sold) throw new Error('the demo has pieces in stock');
    const fresh = {
      ...JSON.parse(moved.record),
      serial: 'LP-99-000001',
      store: paris,
      designer: 'A. Martin',
    };
    const commands = [
      envelope(manager, paris, 'piece.receive', { piece: fresh }),
      envelope(manager, paris, 'piece.update', {
        serial: fresh.serial,
        changes: { title: 'Solitaire ring, renamed', designer: null },
      }),
      envelope(manager, paris, 'price.change', {
        serial: fresh.serial,
        listPrice: { minor: 123_400, currency: sold.currency },
        reason: 'new season',
      }),
      envelope(manager, paris, 'transfer.send', { serial: moved.serial, toStore: ny }),
      saleEnvelope(manager, paris, sold, undefined, storeTax(r, paris)),
    ];
    for (const c of commands) device.append(c);
    for (const c of commands) expect((await device.outcome(c.id)).status, c.type).toBe('accepted');

    const parisCatalog = await catalogJson(r, paris);
    const nyCatalog = await catalogJson(r, ny);
    expect(parisCatalog[fresh.serial]).toMatchObject({
      title: 'Solitaire ring, renamed',
      listPrice: { minor: 123_400, currency: sold.currency },
    });
    expect(parisCatalog[fresh.serial]).not.toHaveProperty('designer');
    // TRANSIT-2: until New York scans it in, Paris keeps the piece, as New York's, in transit.
    expect(parisCatalog[moved.serial]).toMatchObject({ store: ny });
    expect(nyCatalog[moved.serial]).toMatchObject({ store: ny });
    expect(parisCatalog).toHaveProperty(sold.serial);
    for (const s of r.demo.stores) expect(await catalogJson(r, s.id), s.name).toEqual(fromSql(r, s.id));
    // A rebuild finds nothing to change: the projector already wrote what SQL holds.
    for (const s of r.demo.stores) expect(await rebuildCatalog(r.db, r.hocuspocus, s.id)).toBe(0);
    // DOC-9, TRANSIT-4: so does the stock (the destination's entry naming the sender): SQL and the document agree.
    for (const s of r.demo.stores) expect(await rebuildStock(r.db, r.hocuspocus, s.id), s.name).toBe(0);
    // PRICE-1: the old price is kept.
    expect(
      r.db
        .prepare('SELECT from_minor, to_minor, reason FROM price_history WHERE serial = ?')
        .all(fresh.serial),
    ).toEqual([{ from_minor: fresh.listPrice.minor, to_minor: 123_400, reason: 'new season' }]);

    // DOC-5, DOC-7: no document an associate may open holds a cost or a secret (a password or PIN
    // hash, a signing key), the received piece's ledger entry and the staff list in org included.
    const { session: associate, device: till } = await perTest.till(r, 'associate');
    const documents = new SqliteDocumentStore(r.db);
    const names_ = [
      names.org,
      names.catalog(paris),
      names.clients(paris),
      names.work(paris),
      names.stock(paris),
      names.audit(paris),
      names.outbox(associate.device),
      ...(await documents.list(`ledger/${paris}/`)),
    ];
    const subject = { ...associate.user, role: 'associate' as const, device: associate.device };
    expect(accessFor(subject, names.finance(paris))).toBe('refused');
    const seen = new Set<string>();
    const audited = new Set<string>();
    const orgKeys = new Set<string>();
    for (const name of names_) {
      expect(accessFor(subject, name), name).not.toBe('refused');
      const open = till.open(name);
      await open.synced;
      const json = docJson(open.doc);
      const keys = keysOf(json);
      for (const key of FORBIDDEN_KEYS) expect(keys.has(key), `${name}: ${key}`).toBe(false);
      const text = JSON.stringify(json);
      expect(text, name).not.toContain('scrypt$');
      expect(text, name).not.toContain(associate.signingKey);
      if (name === names.org) keysOf(json, orgKeys);
      if (name.startsWith('ledger/')) keysOf(json, seen);
      if (name === names.audit(paris)) keysOf(json, audited);
    }
    // Not vacuous: the ledger entries carry the commands' payloads, the received piece included;
    // org carries the staff list.
    expect(seen.has('weightMg')).toBe(true);
    expect(orgKeys.has('login') && orgKeys.has('role')).toBe(true);
    // VAL-8: the catalog commands are audited like every decision.
    for (const type of ['piece.receive', 'piece.update', 'price.change', 'transfer.send'])
      expect(audited.has(type), type).toBe(true);
    expect(names_.some((n) => n.startsWith('ledger/'))).toBe(true);
  });

  it('DOC-5, DOC-9: npm run rebuild-documents rewrites the catalogs and stock from SQL with the relay stopped', async () => {
    perTest.relay = await startTestRelay();
    const [paris, ny] = perTest.relay.demo.stores;
    if (!paris || !ny) throw new Error('demo has two stores');
    await perTest.relay.destroy();
    // A lost document and a damaged one.
    const db = openDatabase(perTest.relay.dbPath);
    const raw = new SqliteDocumentStore(db);
    await raw.delete(names.catalog(paris.id));
    db.prepare('DELETE FROM document_journal WHERE name = ?').run(names.catalog(paris.id));
    const damaged = new Y.Doc();
    Y.applyUpdate(damaged, (await raw.fetch(names.catalog(ny.id))) ?? new Uint8Array());
    const first = [...catalogPieces(damaged).keys()][0] ?? '';
    catalogPieces(damaged).set(first, { title: 'wrong', cost: { minor: 1, currency: 'USD' } } as never);
    catalogPieces(damaged).set('LP-00-GHOST', { title: 'not in SQL' } as never);
    await raw.store(names.catalog(ny.id), Y.encodeStateAsUpdate(damaged));
    // DOC-9: and a stock document with a wrong status and a piece SQL does not hold.
    const stock = new Y.Doc();
    Y.applyUpdate(stock, (await raw.fetch(names.stock(paris.id))) ?? new Uint8Array());
    const [serial] = [...stockKeyValue(stock).map.keys()];
    const at = new Date().toISOString();
    writeStock(stock, [
      [serial ?? '', { status: 'in-repair', location: 'Bench', reservedFor: null, updatedAt: at }],
      ['LP-00-GHOST', { status: 'in-stock', location: 'Case 1', reservedFor: null, updatedAt: at }],
    ]);
    await raw.store(names.stock(paris.id), Y.encodeStateAsUpdate(stock));
    db.close();

    const report = await rebuildDatabase(perTest.relay.dbPath);
    expect(report.catalogs[paris.id]).toBeGreaterThan(0);
    expect(report.catalogs[ny.id]).toBe(2);
    expect(report.stocks).toEqual({ [paris.id]: 2, [ny.id]: 0 });
    const again = await rebuildDatabase(perTest.relay.dbPath);
    expect(again.catalogs).toEqual({ [paris.id]: 0, [ny.id]: 0 });
    expect(again.stocks).toEqual({ [paris.id]: 0, [ny.id]: 0 });
    perTest.relay = await perTest.relay.restart();
    for (const s of [paris, ny])
      expect(await catalogJson(perTest.relay, s.id)).toEqual(fromSql(perTest.relay, s.id));
  });
});
