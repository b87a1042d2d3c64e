/**
 * `createRelay`: Hocuspocus 4 + the HTTP API on one port, over one SQLite file. The
 * validator (and any other server part) plugs in through `extensions` and `migrations`.
 */
import type { DatabaseSync } from 'node:sqlite';
import { type Extension, type Hocuspocus, Server } from '@hocuspocus/server';
import pkg from '../../package.json' with { type: 'json' };
import { Accounts } from './accounts.ts';
import { AuditChain } from './audit-chain.ts';
import { AuditLog } from './audit-log.ts';
import { migrateChainCatalog } from './catalog-projection.ts';
import { migrateClientBooks } from './clients-migration.ts';
import { type Migration, migrate, openDatabase } from './db.ts';
import { type DocumentStore, SqliteDocumentStore } from './document-store.ts';
import { AuditExtension } from './extensions/audit.ts';
import { AuthExtension } from './extensions/auth.ts';
import { GuardExtension } from './extensions/guard.ts';
import { PersistenceExtension } from './extensions/persistence.ts';
import { PresenceExtension } from './extensions/presence.ts';
import { HttpApi } from './http-api.ts';
import { DocumentJournal, journalMigrations } from './journal.ts';
import { syncMigrations } from './migrations.ts';
import { type RedisOption, redisConfiguration } from './redis-options.ts';
import { RelayRedis } from './redis-relay.ts';
import { configureWarmDocuments, releaseWarmDocuments, type WarmOptions } from './relay-writes.ts';
import { ReplicatedDatabase } from './replicated-db.ts';
import { type DemoSummary, seedDemoIfEmpty } from './seed/demo.ts';
import { KeyRing } from './tokens.ts';

export type RelayOptions = {
  /** Default: PORT or 4321. Tests pass 0 for a free port. */
  port?: number;
  /** Default 0.0.0.0 (reachable from the store's LAN); tests use 127.0.0.1. */
  host?: string;
  /** Default: LOUPE_DB or ./data/loupe.db. */
  dbPath?: string;
  /** Added after the relay's own (auth, guard, persistence, audit), e.g. the validator; a function
   *  receives the relay's database, opened and migrated, before the server is built. */
  extensions?: Extension[] | ((db: DatabaseSync, documents: DocumentStore) => Extension[]);
  /** Applied after the relay's own migrations, in order, once each. */
  migrations?: readonly Migration[];
  /** Seed the demo organisation when the database is empty. */
  seedDemo?:
    | boolean
    | { password?: string; seed?: number; piecesPerStore?: number; clientsPerStore?: number };
  /** Replace the SQLite document store (e.g. PostgreSQL). */
  documentStore?: DocumentStore;
  /** Keep the relay's SQL state in this PostgreSQL (DATABASE_URL): the SQLite file at `dbPath`
   *  becomes this instance's replica of the log there (REPL-*, replicated-db.ts). */
  sqlLog?: string;
  /** Largest Yjs update accepted from a client. Default 8 MiB. A bigger one closes only its
   *  document's channel with `update-too-large` (GUARD-4); the socket's other documents go on. */
  maxUpdateBytes?: number;
  /** Hard ceiling on one websocket frame, default 32 MiB (never below `maxUpdateBytes` + 64 KiB).
   *  A frame above it is cut by the websocket layer before any parsing and closes the whole
   *  socket (1009): only absurd frames get there (GUARD-8). */
  maxFrameBytes?: number;
  /** The built web app. Default ./dist/client. */
  staticDir?: string;
  /** Hocuspocus store debounce (ms). Default 2000. */
  debounce?: number;
  /** Several relay instances serve one chain through this Redis (SCALE-*): `redis://…` or
   *  `{ host, port }`. Default: none (a single instance). */
  redis?: RedisOption;
  /** How long a relay-written document stays loaded after its last write, and how many at most
   *  (XINST-3). Default 10 minutes, 512 documents; `max: 0` unloads after each store. */
  warmDocuments?: Partial<WarmOptions>;
};

export type Relay = {
  port: number;
  /** `http://host:port`; the websocket is the same address with `ws://`. */
  url: string;
  wsUrl: string;
  db: DatabaseSync;
  hocuspocus: Hocuspocus;
  keys: KeyRing;
  accounts: Accounts;
  audit: AuditExtension;
  demo: DemoSummary | undefined;
  destroy(): Promise<void>;
};

export const VERSION: string = pkg.version;
export const DEFAULT_MAX_UPDATE_BYTES = 8 * 1024 * 1024;
export const DEFAULT_MAX_FRAME_BYTES = 32 * 1024 * 1024;

export async function createRelay(options: RelayOptions = {}): Promise<Relay> {
  const dbPath = options.dbPath ?? process.env.LOUPE_DB ?? './data/loupe.db';
  const db = options.sqlLog ? await ReplicatedDatabase.open(dbPath, options.sqlLog) : openDatabase(dbPath);
  migrate(db, [...syncMigrations, ...journalMigrations, ...(options.migrations ?? [])], (line) =>
    console.log(line),
  );
  // Commands and audit entries recorded before the chain existed are linked once, in order (CHAIN-5).
  const linked = new AuditChain(db).catchUp();
  if (linked > 0) console.log(`Audit chain: ${linked} earlier entries linked.`);
  const keys = new KeyRing(db);
  await keys.ensureKey();
  const accounts = new Accounts(db, keys);
  const maxUpdateBytes = options.maxUpdateBytes ?? DEFAULT_MAX_UPDATE_BYTES;
  // The frame ceiling sits well above the update limit, so an oversize update reaches the guard
  // and is refused per document instead of dropping every document of the device (GUARD-8).
  const maxFrameBytes = Math.max(
    options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
    maxUpdateBytes + 64 * 1024,
  );
  const audit = new AuditExtension(new AuditLog(db));
  const api = new HttpApi({ accounts, version: VERSION, staticDir: options.staticDir ?? './dist/client' });
  const host = options.host ?? '0.0.0.0';

  const documentStore = options.documentStore ?? new SqliteDocumentStore(db);
  const server = new Server({
    port: options.port ?? Number(process.env.PORT ?? 4321),
    address: host,
    quiet: true,
    stopOnSignals: false,
    debounce: options.debounce ?? 2000,
    maxDebounce: 10_000,
    // Frames beyond this are cut by the websocket layer before any parsing (the whole socket).
    websocketOptions: { maxPayload: maxFrameBytes },
    extensions: [
      ...(options.redis ? [new RelayRedis(redisConfiguration(options.redis))] : []),
      new AuthExtension(keys),
      new GuardExtension({ maxUpdateBytes }),
      new PresenceExtension(),
      new PersistenceExtension(documentStore, new DocumentJournal(db)),
      audit,
      ...(typeof options.extensions === 'function'
        ? options.extensions(db, documentStore)
        : (options.extensions ?? [])),
      {
        extensionName: 'loupe-http',
        async onRequest({ request, response }) {
          await api.handle(request, response);
          // An empty rejection tells Hocuspocus the request is answered (no default reply).
          return Promise.reject();
        },
      },
    ],
  });

  configureWarmDocuments(server.hocuspocus, {
    ...options.warmDocuments,
    // The relay's writes of one turn in one SQLite transaction: their journal entries (GUARD-10)
    // cost one disk sync, still committed before any of them is broadcast (the next turn).
    group: (run) => {
      if (db.isTransaction) return run();
      // IMMEDIATE: the write lock is taken (waiting like any writer) before anything is read, so
      // another instance's commit cannot turn the transaction stale halfway (SQLITE_BUSY).
      try {
        db.exec('BEGIN IMMEDIATE');
      } catch {
        return run(); // the lock stayed busy: each entry commits on its own, as without grouping
      }
      try {
        run();
        db.exec('COMMIT');
      } catch (e) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw e;
      }
    },
  });

  const seedOptions = options.seedDemo === true ? {} : options.seedDemo || undefined;
  const demo = seedOptions ? await seedDemoIfEmpty(db, server.hocuspocus, seedOptions) : undefined;
  // A database from before per-store catalogs (docs/decisions/0005): build them from SQL, once.
  if (await migrateChainCatalog(db, server.hocuspocus, documentStore))
    console.log('Built catalog/<store> documents from SQL; the chain-wide catalog is gone.');
  // Client books from before field-level storage (DOC-10): each plain profile becomes a nested map, once.
  const clientsMigration = await migrateClientBooks(db, server.hocuspocus, documentStore);
  for (const [name, n] of Object.entries(clientsMigration.upgraded))
    console.log(`${name}: ${n} client profile(s) now stored field by field.`);
  for (const [name, ids] of Object.entries(clientsMigration.unreadable))
    console.warn(
      `${name}: ${ids.length} client record(s) do not parse and were left as they are: ${ids.join(', ')}`,
    );

  await server.listen();
  const port = server.address.port;
  const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host;
  let destroyed: Promise<void> | undefined;
  return {
    port,
    url: `http://${shownHost}:${port}`,
    wsUrl: `ws://${shownHost}:${port}`,
    db,
    hocuspocus: server.hocuspocus,
    keys,
    accounts,
    audit,
    demo,
    destroy() {
      destroyed ??= (async () => {
        await audit.idle();
        audit.closing = true;
        // Held documents let go first: the server's shutdown waits for every document to unload.
        await releaseWarmDocuments(server.hocuspocus);
        await server.destroy();
        // Audit entries produced by the last messages, and their store, land before the DB closes.
        await audit.idle();
        if (db instanceof ReplicatedDatabase) await db.closeReplica();
        else db.close();
      })();
      return destroyed;
    },
  };
}
