/**
 * Where several relay processes keep the chain's SQL state, for tests that start them
 * (cross-instance.test.ts): one SQLite file they all open, or one PostgreSQL with a SQLite replica
 * of its log per process (DATABASE_URL, REPL-*). Each storage says where an instance's LOUPE_DB is,
 * what its environment adds, and how a test reads the chain's state and each instance's own copy.
 */
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { type PostgresService, startPostgres, waitFor } from '../../scripts/test-services.ts';
import { openDatabase } from './db.ts';
import { PgDocumentStore } from './pg-document-store.ts';
import type { RelayOptions } from './relay.ts';
import { ReplicatedDatabase } from './replicated-db.ts';
import { fillTestDatabase, openTestDatabase } from './validator/test-db.ts';

export type Name = 'A' | 'B';

export interface Storage {
  /** Says which storage, in test titles. */
  readonly title: string;
  /** Starts what the storage needs; `dir` is the test's temp dir. */
  setUp(dir: string): Promise<void>;
  /** Instance `name`'s LOUPE_DB (a seeding relay in the test's process uses A's). */
  dbPath(name: Name): string;
  /** What a relay started in the test's process adds to its options (`close` once it is destroyed). */
  relayOptions(): Promise<{
    options: Pick<RelayOptions, 'sqlLog' | 'documentStore'>;
    close(): Promise<void>;
  }>;
  /** What a relay process adds to its environment. */
  env(): Record<string, string>;
  /** Rows of `sql` in the chain's state as it is now. */
  read<T>(sql: string, ...args: string[]): T[];
  /** Rows of `sql` in instance `name`'s own database, once that holds everything the chain has now. */
  readOn<T>(name: Name, sql: string, ...args: string[]): Promise<T[]>;
  /** Two connections to a new database holding the test database, as two instances hold theirs. */
  openPair(pieces: number): Promise<{ a: DatabaseSync; b: DatabaseSync; close(): Promise<void> }>;
  /** Sessions of the storage's server that wait on a lock or hold a long transaction ('' if none). */
  describe(): Promise<string>;
  tearDown(): Promise<void>;
}

function readFile<T>(path: string, sql: string, args: readonly string[]): T[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

/** One SQLite file every instance opens (SCALE-1). */
export function sqliteStorage(): Storage {
  let dir = '';
  const path = () => join(dir, 'loupe.db');
  return {
    title: 'one SQLite file',
    async setUp(d) {
      dir = d;
    },
    dbPath: path,
    relayOptions: async () => ({ options: {}, close: async () => {} }),
    env: () => ({}),
    read: (sql, ...args) => readFile(path(), sql, args),
    // The instances' database is the file.
    readOn: async (_name, sql, ...args) => readFile(path(), sql, args),
    async openPair(pieces) {
      const race = join(dir, 'race.db');
      openTestDatabase(pieces, race).close();
      const [a, b] = [openDatabase(race), openDatabase(race)];
      return {
        a,
        b,
        close: async () => {
          a.close();
          b.close();
        },
      };
    },
    describe: async () => '',
    tearDown: async () => {},
  };
}

/**
 * One PostgreSQL (DATABASE_URL): Yjs documents and the SQL log there, each instance's LOUPE_DB its
 * own replica (REPL-*). The chain's state is read from a replica of the test's own, brought up to
 * the log's end before each read; an instance's file is read once its position reached that end.
 */
export function postgresStorage(): Storage {
  let dir = '';
  let postgres: PostgresService | undefined;
  let url = '';
  let chain: ReplicatedDatabase | undefined;
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the PostgreSQL storage is not set up');
    return value;
  };
  const replicaOf = (name: Name) => join(dir, `replica-${name}.db`);
  return {
    title: 'one PostgreSQL, a replica of its log per instance',
    async setUp(d) {
      dir = d;
      postgres = await startPostgres();
      url = await postgres.createDatabase();
      chain = await ReplicatedDatabase.open(join(dir, 'test-replica.db'), url, {
        instance: 'test',
        follow: false,
      });
    },
    dbPath: replicaOf,
    async relayOptions() {
      const documentStore = await PgDocumentStore.connect(url);
      return { options: { sqlLog: url, documentStore }, close: () => documentStore.close() };
    },
    env: () => ({ DATABASE_URL: url }),
    read<T>(sql: string, ...args: string[]): T[] {
      const db = opened(chain);
      db.catchUp();
      return db.prepare(sql).all(...args) as T[];
    },
    async readOn<T>(name: Name, sql: string, ...args: string[]): Promise<T[]> {
      const db = opened(chain);
      db.catchUp();
      const end = db.position;
      const position = () =>
        Number(
          readFile<{ seq: number }>(replicaOf(name), 'SELECT seq FROM replica_position', [])[0]?.seq ?? 0,
        );
      await waitFor(`instance ${name}'s replica at log entry ${end}`, async () => position() >= end);
      return readFile<T>(replicaOf(name), sql, args);
    },
    async openPair(pieces) {
      const raceUrl = await opened(postgres).createDatabase();
      const open = (name: string) =>
        ReplicatedDatabase.open(join(dir, `race-${name}.db`), raceUrl, { instance: name });
      const a = fillTestDatabase(await open('A'), pieces);
      const b = await open('B');
      return { a, b, close: async () => void (await Promise.all([a.closeReplica(), b.closeReplica()])) };
    },
    async describe() {
      if (!url) return '';
      const client = new pg.Client({ connectionString: url });
      try {
        await client.connect();
        const sessions = await client.query(
          `SELECT pid, state, wait_event_type, wait_event, now() - xact_start AS in_transaction, left(query, 80) AS query
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
             AND (wait_event_type = 'Lock' OR now() - xact_start > interval '1 second')`,
        );
        // Only sessions waiting on a lock or in a long transaction: what would stop the chain.
        return sessions.rows.length > 0 ? JSON.stringify(sessions.rows, null, 1) : '';
      } catch (e) {
        return `PostgreSQL did not answer: ${(e as Error).message}`;
      } finally {
        await client.end().catch(() => {});
      }
    },
    async tearDown() {
      await chain?.closeReplica();
      await postgres?.stop();
    },
  };
}
