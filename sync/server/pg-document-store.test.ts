/**
 * The DocumentStore contract (STORE-1…6) on a real PostgreSQL, beside the SQLite run
 * (document-store.test.ts): one suite, two implementations. Plus PostgreSQL's own rules (PG-*).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { freePort, type PostgresService, startPostgres } from '../../scripts/test-services.ts';
import { names } from '../shared/doc-names.ts';
import { clientBook, readClient, writeClient } from '../shared/docs/clients.ts';
import { PgDocumentStore } from './pg-document-store.ts';
import { runStorageContract } from './storage-contract.ts';
import { connectAs, demoUser, login, startTestRelay } from './test-utils.ts';

let server: PostgresService;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => server?.stop());

runStorageContract('PostgreSQL (pg)', async () => {
  const store = await PgDocumentStore.connect(await server.createDatabase());
  return { store, dispose: () => store.close() };
});

const rows = async (url: string, sql: string, params: unknown[] = []) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
};

describe('PostgreSQL document store', () => {
  it('PG-1: the documents table is created when missing, by several instances starting at once', async () => {
    const url = await server.createDatabase();
    const stores = await Promise.all([1, 2, 3, 4].map(() => PgDocumentStore.connect(url)));
    try {
      const columns = await rows(
        url,
        `SELECT column_name, data_type, is_nullable FROM information_schema.columns
         WHERE table_name = 'documents' ORDER BY ordinal_position`,
      );
      expect(columns).toEqual([
        { column_name: 'name', data_type: 'text', is_nullable: 'NO' },
        { column_name: 'state', data_type: 'bytea', is_nullable: 'NO' },
        { column_name: 'updated_at', data_type: 'timestamp with time zone', is_nullable: 'NO' },
      ]);
      // One instance's write is another's read: they share the table.
      await stores[0]?.store('org', new Uint8Array([1, 2, 3]));
      expect(await stores[3]?.fetch('org')).toEqual(new Uint8Array([1, 2, 3]));
      // Connecting again to an existing table changes nothing.
      const again = await PgDocumentStore.connect(url);
      expect(await again.fetch('org')).toEqual(new Uint8Array([1, 2, 3]));
      await again.close();
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('PG-2: names compare byte-wise like SQLite: listing is exact and in the same order', async () => {
    const store = await PgDocumentStore.connect(await server.createDatabase());
    try {
      const all = [
        'work/b',
        'work/B',
        'work/a%',
        'work/a_',
        'work/é',
        'work/z',
        'work/a',
        'work-x',
        'works/a',
      ];
      for (const n of all) await store.store(n, new Uint8Array([n.length]));
      const expected = all.filter((n) => n.startsWith('work/')).sort(); // JS sort = UTF-16 order = bytes here
      expect(await store.list('work/')).toEqual(expected);
      expect(await store.list('work/a%')).toEqual(['work/a%']);
      expect(await store.list('work/a_')).toEqual(['work/a_']);
      expect(await store.list('nothing/')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('PG-3: a relay on PostgreSQL keeps edits across a restart; the SQLite file holds no documents', async () => {
    const url = await server.createDatabase();
    const store = await PgDocumentStore.connect(url);
    let relay = await startTestRelay({ documentStore: store });
    try {
      const { login: who, store: storeId } = demoUser(relay, 'associate', 0);
      const session = await login(relay, who);
      const device = connectAs(relay, session);
      const clients = device.open(names.clients(storeId));
      await clients.synced;
      const id = [...clientBook(clients.doc).keys()][0] as string;
      const before = readClient(clients.doc, id);
      if (!before) throw new Error('demo client missing');
      writeClient(clients.doc, { ...before, notes: 'Prefers rose gold (PG-3)' });
      await expect
        .poll(async () => {
          const state = await store.fetch(names.clients(storeId));
          if (!state) return undefined;
          const doc = new Y.Doc();
          Y.applyUpdate(doc, state);
          return readClient(doc, id)?.notes;
        })
        .toBe('Prefers rose gold (PG-3)');
      device.close();
      relay = await relay.restart();
      const sqliteDocuments = relay.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number };
      expect(Number(sqliteDocuments.n)).toBe(0);
      const again = connectAs(relay, await login(relay, who));
      const reopened = again.open(names.clients(storeId));
      await reopened.synced;
      expect(readClient(reopened.doc, id)?.notes).toBe('Prefers rose gold (PG-3)');
      again.close();
    } finally {
      await relay.cleanup();
      await store.close();
    }
  });

  it('PG-4, REPL-3: npm start with DATABASE_URL seeds the demo documents into PostgreSQL and says the SQL log is there too', async () => {
    const url = await server.createDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'loupe-pg-start-'));
    const port = await freePort();
    let proc: ChildProcess | undefined;
    try {
      proc = spawn(process.execPath, ['scripts/start.ts'], {
        env: {
          ...process.env,
          PORT: String(port),
          LOUPE_DB: join(dir, 'loupe.db'),
          DATABASE_URL: url,
          REDIS_URL: '',
          LOUPE_AUTOBUILD: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('Ready.')) resolve();
        };
        proc?.stdout?.on('data', onData);
        proc?.stderr?.on('data', onData);
        proc?.once('exit', (code) => reject(new Error(`start exited early (${code}): ${out}`)));
      });
      expect(out).toContain('Yjs documents and the relay’s SQL log in PostgreSQL (DATABASE_URL)');
      const stored = await rows(
        url,
        "SELECT name FROM documents WHERE name = 'org' OR name LIKE 'catalog%' ORDER BY name",
      );
      // One catalog per store (docs/decisions/0005), no chain-wide `catalog`.
      expect(stored.map((r) => (r as { name: string }).name.replace(/[0-9a-f-]{36}$/, '<store>'))).toEqual([
        'catalog/<store>',
        'catalog/<store>',
        'org',
      ]);
    } finally {
      if (proc && proc.exitCode === null) {
        const exited = new Promise((resolve) => proc?.once('exit', resolve));
        proc.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
