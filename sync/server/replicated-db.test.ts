/**
 * REPL-*: SQLite replicas of one PostgreSQL log (replicated-db.ts), on a real PostgreSQL server.
 * Two replicas stand for two relay instances on two machines: each has its own SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PostgresService, startPostgres } from '../../scripts/test-services.ts';
import { migrate, transaction } from './db.ts';
import {
  type LogEntry,
  ReplicatedDatabase,
  ReplicationError,
  readLog,
  statementKind,
} from './replicated-db.ts';

const plain = (c: Command): unknown => JSON.parse(JSON.stringify(c));

import { spawnSync } from 'node:child_process';
import type { Command } from '../../domain/commands.ts';
import { DEVICE, saleOf, serial } from '../../domain/test-support.ts';
import { AuditChain } from './audit-chain.ts';
import { CommandDecider } from './validator/decider.ts';
import { openTestDatabase } from './validator/test-db.ts';

let server: PostgresService;
const dir = mkdtempSync(join(tmpdir(), 'loupe-repl-'));
let n = 0;
const file = () => join(dir, `replica-${++n}.db`);

beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const schema = [
  {
    id: 'test-001',
    up: (db: import('node:sqlite').DatabaseSync) =>
      db.exec(`CREATE TABLE pieces (serial TEXT PRIMARY KEY, status TEXT NOT NULL, photo BLOB) STRICT;
               CREATE TABLE sales (id INTEGER PRIMARY KEY, serial TEXT NOT NULL UNIQUE) STRICT;`),
  },
];

async function pair() {
  const url = await server.createDatabase();
  const a = await ReplicatedDatabase.open(file(), url, { instance: 'A', pollMs: 0 });
  migrate(a, schema);
  const b = await ReplicatedDatabase.open(file(), url, { instance: 'B', pollMs: 0 });
  migrate(b, schema);
  return { url, a, b, close: async () => Promise.all([a.closeReplica(), b.closeReplica()]) };
}

const status = (db: ReplicatedDatabase, serial: string) =>
  (db.prepare('SELECT status FROM pieces WHERE serial = ?').get(serial) as { status: string } | undefined)
    ?.status;

describe('SQLite replicas of one PostgreSQL log', () => {
  it('REPL-1: statements are told apart as reads, writes, transaction control and local settings', () => {
    expect(statementKind('  -- note\n SELECT 1')).toBe('read');
    expect(statementKind('WITH x AS (SELECT 1) SELECT * FROM x')).toBe('read');
    expect(statementKind('WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x')).toBe('write');
    expect(statementKind('insert or ignore into t values (1)')).toBe('write');
    expect(statementKind('CREATE TABLE t (a)')).toBe('write');
    expect(statementKind('PRAGMA foreign_keys = ON')).toBe('local');
    expect(statementKind('SAVEPOINT decide')).toBe('control');
    expect(statementKind('/* c */ BEGIN IMMEDIATE')).toBe('control');
  });

  it('REPL-1, REPL-3: a write on one instance is read on the other after it follows the log; migrations run once for the chain', async () => {
    const { a, b, close } = await pair();
    try {
      a.prepare('INSERT INTO pieces (serial, status, photo) VALUES (?, ?, ?)').run(
        'LP-1',
        'in-stock',
        new Uint8Array([0, 1, 2, 255]),
      );
      expect(status(b, 'LP-1')).toBeUndefined();
      expect(b.catchUp()).toBe(1);
      expect(status(b, 'LP-1')).toBe('in-stock');
      // Bytes come back as bytes.
      const photo = b.prepare('SELECT photo FROM pieces WHERE serial = ?').get('LP-1') as {
        photo: Uint8Array;
      };
      expect([...photo.photo]).toEqual([0, 1, 2, 255]);
      // B's migrate() found the migration applied by A (replicated): it ran once.
      const applied = b.prepare("SELECT count(*) AS n FROM migrations WHERE id = 'test-001'").get() as {
        n: number;
      };
      expect(applied.n).toBe(1);
    } finally {
      await close();
    }
  });

  it('REPL-2: a transaction reads the chain’s latest state — BEGIN applies what other instances wrote first', async () => {
    const { a, b, close } = await pair();
    try {
      a.prepare('INSERT INTO pieces (serial, status) VALUES (?, ?)').run('LP-2', 'in-stock');
      // B never followed the log; its transaction still sees A's piece and is refused by UNIQUE.
      const sellOn = (db: ReplicatedDatabase) =>
        transaction(db, () => {
          if (status(db, 'LP-2') !== 'in-stock') throw new Error('piece-not-available');
          db.prepare('INSERT INTO sales (serial) VALUES (?)').run('LP-2');
          db.prepare("UPDATE pieces SET status = 'sold' WHERE serial = ?").run('LP-2');
        });
      sellOn(b);
      expect(() => sellOn(a)).toThrow('piece-not-available');
      expect(status(a, 'LP-2')).toBe('sold');
      a.catchUp();
      b.catchUp();
      for (const db of [a, b])
        expect((db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n).toBe(1);
    } finally {
      await close();
    }
  });

  it('REPL-4: work rolled back to a savepoint is not in the log; a rolled-back transaction appends nothing', async () => {
    const { url, a, b, close } = await pair();
    try {
      const before = (await readLog(url)).length;
      transaction(a, () => {
        a.prepare('INSERT INTO pieces (serial, status) VALUES (?, ?)').run('LP-3', 'in-stock');
        a.exec('SAVEPOINT decide');
        a.prepare('INSERT INTO pieces (serial, status) VALUES (?, ?)').run('LP-4', 'in-stock');
        a.exec('ROLLBACK TO decide');
        a.exec('RELEASE decide');
      });
      expect(() =>
        transaction(a, () => {
          a.prepare('INSERT INTO pieces (serial, status) VALUES (?, ?)').run('LP-5', 'in-stock');
          throw new Error('changed my mind');
        }),
      ).toThrow('changed my mind');
      const log = await readLog(url);
      expect(log.length).toBe(before + 1);
      expect(log.at(-1)?.entry.items.map((i) => i.p?.[0])).toEqual(['LP-3']);
      b.catchUp();
      expect([status(b, 'LP-3'), status(b, 'LP-4'), status(b, 'LP-5')]).toEqual([
        'in-stock',
        undefined,
        undefined,
      ]);
      // A savepoint opened outside a transaction is one: its release commits it.
      a.exec('SAVEPOINT solo');
      a.prepare('INSERT INTO pieces (serial, status) VALUES (?, ?)').run('LP-6', 'in-stock');
      a.exec('RELEASE solo');
      expect(a.isTransaction).toBe(false);
      b.catchUp();
      expect(status(b, 'LP-6')).toBe('in-stock');
    } finally {
      await close();
    }
  });

  it('REPL-5: a new replica is rebuilt from the log alone; a file of another database or ahead of the log is refused in words', async () => {
    const { url, a, close } = await pair();
    try {
      for (let i = 0; i < 20; i++)
        a.prepare('INSERT INTO pieces (serial, status) VALUES (?, ?)').run(`LP-R${i}`, 'in-stock');
      const fresh = await ReplicatedDatabase.open(file(), url, { follow: false });
      expect((fresh.prepare('SELECT count(*) AS n FROM pieces').get() as { n: number }).n).toBe(20);
      expect(fresh.position).toBe(a.position);
      await fresh.closeReplica();

      // A SQLite file from before (an embedded install) is not silently taken for a replica.
      const { DatabaseSync } = await import('node:sqlite');
      const old = file();
      const plain = new DatabaseSync(old);
      plain.exec('CREATE TABLE stores (id TEXT)');
      plain.close();
      await expect(ReplicatedDatabase.open(old, url, { follow: false })).rejects.toThrow(ReplicationError);
      await expect(ReplicatedDatabase.open(old, url, { follow: false })).rejects.toThrow(/new file/);

      // A replica of another log is refused too.
      const other = await server.createDatabase();
      const replica = file();
      (await ReplicatedDatabase.open(replica, url, { follow: false })).close();
      await expect(ReplicatedDatabase.open(replica, other, { follow: false })).rejects.toThrow(
        /another PostgreSQL log/,
      );
    } finally {
      await close();
    }
  });

  it('REPL-6: an entry committed in PostgreSQL but not in the replica (killed in between) is applied on the next catch-up', async () => {
    const { url, a, b, close } = await pair();
    try {
      a.prepare('INSERT INTO pieces (serial, status) VALUES (?, ?)').run('LP-7', 'in-stock');
      b.catchUp();
      // What a killed instance leaves: an entry in the log its own file never committed. Written
      // here straight into PostgreSQL, as A's next transaction would have.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('INSERT INTO loupe_sql_log (seq, instance, entry) VALUES ($1, $2, $3)', [
        a.position + 1,
        'A',
        JSON.stringify({
          v: 1,
          items: [{ s: "UPDATE pieces SET status = 'reserved' WHERE serial = ?", p: ['LP-7'] }],
        }),
      ]);
      await client.end();
      // A's next transaction applies it before its own work.
      transaction(a, () => {
        expect(status(a, 'LP-7')).toBe('reserved');
        a.prepare("UPDATE pieces SET status = 'sold' WHERE serial = ?").run('LP-7');
      });
      b.catchUp();
      expect(status(b, 'LP-7')).toBe('sold');
    } finally {
      await close();
    }
  });

  it('REPL-7: a replica follows the log on its own (notifications), without a transaction of its own', async () => {
    const url = await server.createDatabase();
    const a = await ReplicatedDatabase.open(file(), url, { instance: 'A', pollMs: 0 });
    migrate(a, schema);
    const b = await ReplicatedDatabase.open(file(), url, { instance: 'B', pollMs: 0 });
    try {
      a.prepare('INSERT INTO pieces (serial, status) VALUES (?, ?)').run('LP-8', 'in-stock');
      await expect.poll(() => status(b, 'LP-8'), { timeout: 5000 }).toBe('in-stock');
    } finally {
      await Promise.all([a.closeReplica(), b.closeReplica()]);
    }
  });

  it('REPL-8: a cut connection is replaced on the next write; with PostgreSQL down, a write fails in words and reads still answer', async () => {
    const { url, a, close } = await pair();
    try {
      a.prepare('INSERT INTO pieces (serial, status) VALUES (?, ?)').run('LP-9', 'in-stock');
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      // Cut every other connection to this database (what a PostgreSQL restart does to them).
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      await admin.end();
      await new Promise((r) => setTimeout(r, 100));
      a.prepare('INSERT INTO pieces (serial, status) VALUES (?, ?)').run('LP-10', 'in-stock');
      expect(status(a, 'LP-10')).toBe('in-stock');
    } finally {
      await close();
    }

    // A server of its own, stopped under the replica.
    const own = await startPostgres();
    const b = await ReplicatedDatabase.open(file(), await own.createDatabase(), { pollMs: 0, follow: false });
    try {
      migrate(b, schema);
      b.prepare('INSERT INTO pieces (serial, status) VALUES (?, ?)').run('LP-12', 'in-stock');
      await own.stop();
      expect(() =>
        b.prepare('INSERT INTO pieces (serial, status) VALUES (?, ?)').run('LP-13', 'in-stock'),
      ).toThrow(/DATABASE_URL/);
      expect(b.isTransaction).toBe(false);
      expect(status(b, 'LP-12')).toBe('in-stock');
      expect(status(b, 'LP-13')).toBeUndefined();
    } finally {
      await b.closeReplica();
    }
  }, 60_000);

  it('REPL-9: an embedded database moving to PostgreSQL becomes the chain’s first state; a replica rebuilt from the log holds the same rows', async () => {
    const url = await server.createDatabase();
    const path = file();
    const embedded = openTestDatabase(8, path);
    embedded.exec(
      "INSERT INTO client_search_fts (rowid, name_key, email_key, phone_key) VALUES (7, 'helene marchand', 'helene@example.com', '33612345678')",
    );
    embedded.close();
    const adopted = await ReplicatedDatabase.open(path, url, { follow: false });
    const fresh = await ReplicatedDatabase.open(file(), url, { follow: false });
    try {
      expect(fresh.position).toBe(adopted.position);
      const dump = (db: ReplicatedDatabase) => {
        const tables = db
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'client_search_fts_%' AND name <> 'replica_position' ORDER BY name",
          )
          .all() as { name: string }[];
        return Object.fromEntries(
          tables.map(({ name }) => [
            name,
            db
              .prepare(`SELECT * FROM "${name}"`)
              .all()
              .map((r) => JSON.stringify(r))
              .sort(),
          ]),
        );
      };
      const original = dump(adopted);
      expect(Object.keys(original)).toContain('pieces');
      expect((original.pieces as unknown[]).length).toBe(8);
      expect(dump(fresh)).toEqual(original);
      // The full-text index answers on the rebuilt replica.
      expect(
        fresh.prepare("SELECT rowid FROM client_search_fts WHERE client_search_fts MATCH 'marchand'").all(),
      ).toEqual([{ rowid: 7 }]);
      // Indexes came too.
      const indexes = (db: ReplicatedDatabase) =>
        db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
          .all();
      expect(indexes(fresh)).toEqual(indexes(adopted));
      // A second embedded database is not poured into a log that already holds one.
      const second = openTestDatabase(2, file());
      const secondPath = second.location() ?? '';
      second.close();
      await expect(ReplicatedDatabase.open(secondPath, url, { follow: false })).rejects.toThrow(
        /holds another/,
      );
    } finally {
      await Promise.all([adopted.closeReplica(), fresh.closeReplica()]);
    }
  });

  it('REPL-10, CHAIN-4: npm run audit:verify with DATABASE_URL replays the log and checks the chain; an edited entry and a deleted one are named', async () => {
    const url = await server.createDatabase();
    const path = file();
    const embedded = openTestDatabase(5, path);
    const outbox = [plain(saleOf([serial(1)])), plain(saleOf([serial(2)]))];
    new CommandDecider(embedded, { attribution: 'envelope' }).decideOutbox(DEVICE, outbox.slice(0, 1));
    embedded.close();
    // The embedded history is adopted (REPL-9); the till's next sale is then decided on the replica.
    const replica = await ReplicatedDatabase.open(path, url, { follow: false });
    const live = new CommandDecider(replica, { attribution: 'envelope' })
      .decideOutbox(DEVICE, outbox)
      .find((d) => d.id === (outbox[1] as { id: string }).id);
    expect(live).toBeDefined();
    const head = new AuditChain(replica).head()?.hash;
    await replica.closeReplica();
    const verify = () =>
      spawnSync(process.execPath, ['scripts/audit-verify.ts'], {
        env: { ...process.env, DATABASE_URL: url, LOUPE_DB: join(dir, 'not-used.db') },
        encoding: 'utf8',
      });
    const good = verify();
    expect(good.stderr).toBe('');
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(/PostgreSQL log \(DATABASE_URL\): \d+ entries replayed/);
    expect(good.stdout).toContain('Audit chain holds: 2 entries checked.');
    expect(good.stdout).toContain(head ?? 'no head');

    // Someone with access to PostgreSQL rewrites the live sale's recorded events.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const rows = (await client.query('SELECT seq, entry FROM loupe_sql_log ORDER BY seq')).rows as {
        seq: string;
        entry: LogEntry;
      }[];
      const target = rows.find((r) =>
        r.entry.items.some((i) => /INTO commands/.test(i.s) && i.p?.includes(live?.id ?? '')),
      );
      expect(target).toBeDefined();
      const edited: LogEntry = {
        ...(target as { entry: LogEntry }).entry,
        items: (target as { entry: LogEntry }).entry.items.map((i) =>
          /INTO commands/.test(i.s)
            ? { ...i, p: i.p?.map((v) => (typeof v === 'string' && v.startsWith('[{') ? '[]' : v)) }
            : i,
        ),
      };
      await client.query('UPDATE loupe_sql_log SET entry = $1 WHERE seq = $2', [
        JSON.stringify(edited),
        target?.seq,
      ]);
      const bad = verify();
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain(`First problem (edited): command ${live?.id}`);

      // An entry deleted from the log is named by its number.
      await client.query('DELETE FROM loupe_sql_log WHERE seq = 2');
      const gap = verify();
      expect(gap.status).toBe(1);
      expect(gap.stderr).toContain('entry 2 was deleted');
    } finally {
      await client.end();
    }
  }, 60_000);
});
