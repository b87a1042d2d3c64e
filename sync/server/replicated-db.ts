/**
 * The relay's SQL state kept in PostgreSQL (REPL-*, docs/decisions/0026). With DATABASE_URL every
 * relay instance keeps its own SQLite file as a replica of one ordered log in PostgreSQL, and every
 * write transaction of every instance goes through that log:
 *
 * 1. `BEGIN` takes the chain's write lock in PostgreSQL (a transaction-scoped advisory lock) and
 *    reads the log's entries this replica has not applied yet; they are applied first, inside the
 *    same local transaction, so what the transaction reads is the chain's latest state.
 * 2. The transaction's writes run on the local SQLite as ever (the same synchronous code, the same
 *    UNIQUE constraints as the final arbiters) and are recorded: statement and parameters.
 * 3. `COMMIT` appends them to the log as one entry numbered after the tail, then commits
 *    PostgreSQL (releasing the lock), then the local file. A transaction that wrote nothing appends
 *    nothing.
 *
 * Three round trips per write transaction. Writes outside a transaction are one-statement
 * transactions. Work under `ROLLBACK TO` a savepoint is dropped from the entry, as SQLite drops
 * it. Between transactions a replica follows the log (LISTEN/NOTIFY, and a poll as a fallback), so
 * reads on every instance see other instances' writes within milliseconds.
 *
 * The log is the state: a replica can be deleted and rebuilt by replaying it (`npm start` on an
 * empty LOUPE_DB does that), and `npm run audit:verify` checks the audit chain of the replayed log.
 * A crash between the PostgreSQL commit and the local one loses nothing: the entry is in the log
 * and the replica, whose position did not move, applies it on its next catch-up.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import pg from 'pg';
import { SyncPg, SyncPgError } from './pg-sync.ts';

/** The advisory lock every write transaction of the chain takes (any constant: one chain per log). */
const WRITE_LOCK = 0x4c6f757065; // "Loupe"
const LOG = 'loupe_sql_log';
const CHANNEL = 'loupe_sql_log';

/** One recorded statement: SQL and parameters (`run`), or an `exec` string (no `p`). */
export type LogItem = { readonly s: string; readonly p?: readonly unknown[] };
export type LogEntry = { readonly v: 1; readonly items: readonly LogItem[] };
export type LogRow = { readonly seq: number; readonly instance: string; readonly entry: LogEntry };

type Kind = 'read' | 'write' | 'local' | 'control';

/** What a statement does, from its first keyword (comments and whitespace skipped). */
export function statementKind(sql: string): Kind {
  const text = sql.replace(/^(\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)+/, '');
  const word = /^[A-Za-z]+/.exec(text)?.[0]?.toUpperCase() ?? '';
  switch (word) {
    case 'SELECT':
    case 'VALUES':
    case 'EXPLAIN':
      return 'read';
    case 'PRAGMA':
      return 'local';
    case 'BEGIN':
    case 'COMMIT':
    case 'END':
    case 'ROLLBACK':
    case 'SAVEPOINT':
    case 'RELEASE':
      return 'control';
    case 'WITH':
      // A common table expression ahead of a write is a write.
      return /\b(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(text) ? 'write' : 'read';
    default:
      return 'write';
  }
}

/** Parameters as JSON: bytes, big integers and named parameters tagged so they come back as they were. */
function encode(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return { $i: value.toString() };
  if (value instanceof Uint8Array) return { $b: Buffer.from(value).toString('base64') };
  if (value === undefined) return null;
  if (typeof value === 'object')
    return { $o: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)])) };
  throw new TypeError(`a SQL parameter cannot be ${typeof value}`);
}

function decode(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const v = value as { $i?: string; $b?: string; $o?: Record<string, unknown> };
  if (typeof v.$i === 'string') return BigInt(v.$i);
  if (typeof v.$b === 'string') return new Uint8Array(Buffer.from(v.$b, 'base64'));
  if (v.$o) return Object.fromEntries(Object.entries(v.$o).map(([k, x]) => [k, decode(x)]));
  return value;
}

export class ReplicationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplicationError';
  }
}

type OpenTx = { items: LogItem[]; savepoints: { name: string; at: number }[]; outerSavepoint?: string };

export type ReplicatedOptions = {
  /** Names this instance in the log (default: host and process id). */
  readonly instance?: string;
  /** How often a replica polls the log when no notification came (default 1 s; 0: never). */
  readonly pollMs?: number;
  /** PostgreSQL's lock wait before a write fails (default 10 s). */
  readonly lockTimeoutMs?: number;
  /** Off for a read-only replay (audit:verify): no LISTEN, no poll. */
  readonly follow?: boolean;
};

const nativeExec = DatabaseSync.prototype.exec;
const nativePrepare = DatabaseSync.prototype.prepare;

export class ReplicatedDatabase extends DatabaseSync {
  readonly #pg: SyncPg;
  readonly #instance: string;
  #position = 0;
  #tx: OpenTx | undefined;
  #replaying = false;
  #listener: pg.Client | undefined;
  #poll: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #replay = new Map<string, StatementSync>();
  /** Entries this replica applied from other instances (tests, benchmarks). */
  applied = 0;

  /**
   * Opens (or creates) the SQLite replica at `path` and joins the log at `url`: creates the log
   * table if missing, refuses a file that holds data the log doesn't, and applies what it lacks.
   */
  static async open(path: string, url: string, options: ReplicatedOptions = {}): Promise<ReplicatedDatabase> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new ReplicatedDatabase(path, url, options);
    try {
      db.#prepareLog();
      db.catchUp();
      if (options.follow !== false) await db.#follow(url, options.pollMs ?? 1000);
      return db;
    } catch (e) {
      await db.closeReplica();
      throw e;
    }
  }

  private constructor(path: string, url: string, options: ReplicatedOptions) {
    super(path);
    this.#instance = options.instance ?? `${process.env.HOSTNAME ?? 'relay'}:${process.pid}`;
    this.#pg = new SyncPg(url, options.lockTimeoutMs ? { lockTimeoutMs: options.lockTimeoutMs } : {});
    if (path !== ':memory:') nativeExec.call(this, 'PRAGMA journal_mode = WAL');
    nativeExec.call(this, 'PRAGMA busy_timeout = 5000');
    nativeExec.call(this, 'PRAGMA foreign_keys = ON');
    // The log in PostgreSQL is what is durable; the replica is rebuilt from it after a power cut.
    nativeExec.call(this, 'PRAGMA synchronous = NORMAL');
    nativeExec.call(
      this,
      'CREATE TABLE IF NOT EXISTS replica_position (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, log TEXT NOT NULL) STRICT',
    );
  }

  /** The last log entry this replica holds. */
  get position(): number {
    return this.#position;
  }

  /** Round trips to PostgreSQL so far (benchmarks). */
  get roundTrips(): number {
    return this.#pg.roundTrips;
  }

  #prepareLog(): void {
    this.#pgOrRollback(
      `BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK});
       CREATE TABLE IF NOT EXISTS ${LOG} (
         seq bigint PRIMARY KEY,
         instance text NOT NULL,
         at timestamptz NOT NULL DEFAULT now(),
         entry json NOT NULL
       );
       CREATE TABLE IF NOT EXISTS ${LOG}_id (id text PRIMARY KEY);
       INSERT INTO ${LOG}_id SELECT gen_random_uuid()::text WHERE NOT EXISTS (SELECT 1 FROM ${LOG}_id);
       COMMIT`,
    );
    const [{ id } = { id: '' }] = this.#pg.query<{ id: string }>(`SELECT id FROM ${LOG}_id`);
    const local = nativePrepare.call(this, 'SELECT seq, log FROM replica_position WHERE id = 1').get() as
      | { seq: number; log: string }
      | undefined;
    if (local) {
      if (local.log !== id)
        throw new ReplicationError(
          `This SQLite file is a replica of another PostgreSQL log (${local.log}, not ${id}): start with an empty LOUPE_DB to rebuild it from DATABASE_URL.`,
        );
      this.#position = local.seq;
      const [{ max } = { max: 0 }] = this.#pg
        .query<{ max: string | null }>(`SELECT coalesce(max(seq), 0) AS max FROM ${LOG}`)
        .map((r) => ({ max: Number(r.max) }));
      if (this.#position > max)
        throw new ReplicationError(
          `This SQLite file holds log entry ${this.#position}, but the PostgreSQL log ends at ${max} (restored from an older backup?): start with an empty LOUPE_DB to rebuild it from DATABASE_URL.`,
        );
      return;
    }
    const tables = nativePrepare
      .call(
        this,
        "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name <> 'replica_position'",
      )
      .get() as { n: number };
    const seq = tables.n > 0 ? this.#adopt() : 0;
    nativePrepare.call(this, 'INSERT INTO replica_position (id, seq, log) VALUES (1, ?, ?)').run(seq, id);
    this.#position = seq;
  }

  /**
   * REPL-9: an existing SQLite database (an embedded install moving to PostgreSQL) becomes the
   * chain's first state, if the log is empty: its schema, then its rows (in entries of a few
   * thousand), then its indexes and triggers, appended under the chain's lock. Into a log that
   * already has entries it is refused: two databases cannot both be the chain.
   */
  #adopt(): number {
    const objects = nativePrepare
      .call(
        this,
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name <> 'replica_position' ORDER BY rowid",
      )
      .all() as { type: string; name: string; sql: string }[];
    const virtual = objects
      .filter((o) => o.type === 'table' && /^CREATE\s+VIRTUAL/i.test(o.sql))
      .map((o) => o.name);
    const shadow = (name: string) => virtual.some((v) => name.startsWith(`${v}_`));
    const tables = objects.filter((o) => o.type === 'table' && !shadow(o.name));
    const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
    const entries: LogItem[][] = [
      [{ s: 'PRAGMA defer_foreign_keys = ON' }, ...tables.map((t) => ({ s: t.sql }))],
    ];
    const CHUNK = 2000;
    const copy = (table: string, select: string) => {
      let chunk: LogItem[] = [];
      for (const row of nativePrepare.call(this, select).iterate() as Iterable<Record<string, unknown>>) {
        const columns = Object.keys(row);
        chunk.push({
          s: `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          p: Object.values(row).map(encode),
        });
        if (chunk.length === CHUNK) {
          entries.push(chunk);
          chunk = [];
        }
      }
      if (chunk.length > 0) entries.push(chunk);
    };
    // Rows keep their rowid (an INTEGER PRIMARY KEY comes back under its own name).
    for (const t of tables)
      copy(
        t.name,
        /WITHOUT\s+ROWID/i.test(t.sql)
          ? `SELECT * FROM ${quote(t.name)}`
          : `SELECT rowid, * FROM ${quote(t.name)}`,
      );
    const autoincrement = nativePrepare
      .call(this, "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")
      .get();
    if (autoincrement) copy('sqlite_sequence', 'SELECT name, seq FROM sqlite_sequence');
    const rest = objects.filter(
      (o) => o.type !== 'table' && !shadow(o.name) && !o.name.startsWith('sqlite_'),
    );
    if (rest.length > 0) entries.push(rest.map((o) => ({ s: o.sql })));

    this.#pgOrRollback(`BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
    try {
      const [{ n } = { n: '0' }] = this.#pg.query<{ n: string }>(`SELECT count(*) AS n FROM ${LOG}`);
      if (Number(n) > 0)
        throw new ReplicationError(
          'This SQLite file already holds a database, and the PostgreSQL log holds another: with DATABASE_URL each relay keeps a replica of the log. Point LOUPE_DB at a new file (it is rebuilt from the log).',
        );
      entries.forEach((items, i) => {
        this.#pg.query(`INSERT INTO ${LOG} (seq, instance, entry) VALUES ($1, $2, $3)`, [
          i + 1,
          this.#instance,
          JSON.stringify({ v: 1, items } satisfies LogEntry),
        ]);
      });
      this.#pg.query('COMMIT');
    } catch (e) {
      this.#pgRollback();
      throw e instanceof ReplicationError ? e : this.#pgError('copy this database into PostgreSQL', e);
    }
    return entries.length;
  }

  /** Applies the log's entries after this replica's position (between transactions). */
  catchUp(): number {
    if (this.#closed || this.isTransaction) return 0;
    const rows = this.#tail();
    if (rows.length === 0) return 0;
    nativeExec.call(this, 'BEGIN IMMEDIATE');
    try {
      this.#apply(rows);
      nativeExec.call(this, 'COMMIT');
    } catch (e) {
      nativeExec.call(this, 'ROLLBACK');
      this.#position = this.#storedPosition();
      throw e;
    }
    return rows.length;
  }

  #tail(lock = false): LogRow[] {
    const read = `SELECT seq, instance, entry FROM ${LOG} WHERE seq > ${this.#position} ORDER BY seq`;
    const rows = this.#pg.query<{ seq: string; instance: string; entry: LogEntry }>(
      lock ? `BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK}); ${read}` : read,
    );
    return rows.map((r) => ({ seq: Number(r.seq), instance: r.instance, entry: r.entry }));
  }

  #storedPosition(): number {
    const r = nativePrepare.call(this, 'SELECT seq FROM replica_position WHERE id = 1').get() as
      | { seq: number }
      | undefined;
    return r?.seq ?? 0;
  }

  /** Runs entries on the local file (inside an open local transaction) and moves the position. */
  #apply(rows: readonly LogRow[]): void {
    if (rows.length === 0) return;
    this.#replaying = true;
    try {
      this.#position = replayLog(this, rows, this.#position, this.#replay);
      this.applied += rows.length;
      nativePrepare.call(this, 'UPDATE replica_position SET seq = ? WHERE id = 1').run(this.#position);
    } finally {
      this.#replaying = false;
    }
  }

  override exec(sql: string): void {
    const kind = statementKind(sql);
    if (kind === 'control') {
      this.#control(sql);
      return;
    }
    if (kind !== 'write' || this.#replaying) {
      nativeExec.call(this, sql);
      return;
    }
    this.#write(() => nativeExec.call(this, sql), { s: sql });
  }

  override prepare(sql: string): StatementSync {
    const st = nativePrepare.call(this, sql);
    const kind = statementKind(sql);
    if (kind === 'control') {
      st.run = () => {
        this.#control(sql);
        return { changes: 0, lastInsertRowid: 0 };
      };
      return st;
    }
    if (kind !== 'write') return st;
    // A write statement: each execution is recorded with its parameters once it succeeded.
    for (const method of ['run', 'get', 'all', 'iterate'] as const) {
      const native = st[method].bind(st) as (...args: unknown[]) => unknown;
      (st as unknown as Record<string, unknown>)[method] = (...args: unknown[]) =>
        this.#write(() => native(...args), { s: sql, p: args.map(encode) });
    }
    return st;
  }

  #write<T>(run: () => T, item: LogItem): T {
    if (this.#replaying) return run();
    if (this.#tx) {
      const result = run();
      this.#tx.items.push(item);
      return result;
    }
    // Outside a transaction: a transaction of its own.
    this.#begin('BEGIN IMMEDIATE');
    try {
      const result = run();
      (this.#tx as OpenTx | undefined)?.items.push(item);
      this.#commit('COMMIT');
      return result;
    } catch (e) {
      if (this.#tx) this.#rollback('ROLLBACK');
      throw e;
    }
  }

  #control(sql: string): void {
    const text = sql.trim().replace(/;$/, '').trim();
    const upper = text.toUpperCase();
    if (this.#replaying) {
      nativeExec.call(this, sql);
      return;
    }
    if (upper.startsWith('BEGIN')) {
      this.#begin(text);
      return;
    }
    if (upper.startsWith('COMMIT') || upper.startsWith('END')) {
      this.#commit(text);
      return;
    }
    if (upper.startsWith('ROLLBACK')) {
      const to = /^ROLLBACK(?:\s+TRANSACTION)?\s+TO\s+(?:SAVEPOINT\s+)?(.+)$/i.exec(text);
      if (to?.[1]) {
        nativeExec.call(this, sql);
        const name = to[1].trim();
        const tx = this.#tx;
        if (tx) {
          const i = tx.savepoints.map((s) => s.name).lastIndexOf(name);
          const sp = tx.savepoints[i];
          if (sp) {
            tx.items.length = sp.at;
            tx.savepoints.length = i + 1;
          }
        }
        return;
      }
      this.#rollback(text);
      return;
    }
    const savepoint = /^SAVEPOINT\s+(.+)$/i.exec(text);
    if (savepoint?.[1]) {
      const name = savepoint[1].trim();
      // A savepoint outside a transaction opens one (SQLite's rule): here a BEGIN with the chain's
      // lock, which the release of this savepoint commits.
      const outer = !this.#tx;
      if (outer) this.#begin('BEGIN IMMEDIATE');
      nativeExec.call(this, sql);
      const tx = this.#tx as OpenTx | undefined;
      if (tx) {
        tx.savepoints.push({ name, at: tx.items.length });
        if (outer) tx.outerSavepoint = name;
      }
      return;
    }
    const release = /^RELEASE\s+(?:SAVEPOINT\s+)?(.+)$/i.exec(text);
    if (release?.[1]) {
      const name = release[1].trim();
      nativeExec.call(this, sql);
      const tx = this.#tx;
      if (!tx) return;
      const i = tx.savepoints.map((s) => s.name).lastIndexOf(name);
      if (i >= 0) tx.savepoints.length = i;
      if (tx.outerSavepoint === name && i === 0) this.#commit('COMMIT');
      return;
    }
    nativeExec.call(this, sql);
  }

  #begin(sql: string): void {
    if (this.#closed) throw new ReplicationError('the database is closed');
    // Locally first: a transaction inside a transaction fails here, as it always did.
    nativeExec.call(this, /^BEGIN\s*(TRANSACTION)?$/i.test(sql) ? 'BEGIN IMMEDIATE' : sql);
    let tail: LogRow[];
    try {
      tail = this.#tail(true);
    } catch (e) {
      nativeExec.call(this, 'ROLLBACK');
      this.#pgRollback();
      throw this.#pgError('take the chain’s write lock', e);
    }
    try {
      this.#apply(tail);
      // What other instances wrote is kept even if this transaction is rolled back: committed now,
      // under the chain's lock (nothing can be appended meanwhile), and the transaction reopened.
      if (tail.length > 0) {
        nativeExec.call(this, 'COMMIT');
        nativeExec.call(this, 'BEGIN IMMEDIATE');
      }
    } catch (e) {
      nativeExec.call(this, 'ROLLBACK');
      this.#pgRollback();
      this.#position = this.#storedPosition();
      throw e;
    }
    this.#tx = { items: [], savepoints: [] };
  }

  #commit(sql: string): void {
    if (!this.#tx) {
      nativeExec.call(this, sql);
      return;
    }
    const tx = this.#tx;
    if (tx.items.length === 0) {
      this.#tx = undefined;
      this.#pgRollback();
      nativeExec.call(this, sql);
      return;
    }
    this.#appendAndCommit(tx, () => nativeExec.call(this, sql));
  }

  #appendAndCommit(tx: OpenTx, commitLocal: () => void): void {
    const seq = this.#position + 1;
    const entry: LogEntry = { v: 1, items: tx.items };
    this.#tx = undefined;
    try {
      this.#pg.query(
        `WITH added AS (INSERT INTO ${LOG} (seq, instance, entry) VALUES ($1, $2, $3) RETURNING seq)
         SELECT pg_notify('${CHANNEL}', seq::text) FROM added`,
        [seq, this.#instance, JSON.stringify(entry)],
      );
      this.#pg.query('COMMIT');
    } catch (e) {
      this.#pgRollback();
      nativeExec.call(this, 'ROLLBACK');
      // Whether PostgreSQL kept the entry or not, the next catch-up makes the replica agree.
      this.#position = this.#storedPosition();
      throw this.#pgError('record the transaction in PostgreSQL', e);
    }
    this.#position = seq;
    nativePrepare.call(this, 'UPDATE replica_position SET seq = ? WHERE id = 1').run(seq);
    commitLocal();
  }

  #rollback(sql: string): void {
    const had = this.#tx !== undefined;
    this.#tx = undefined;
    try {
      nativeExec.call(this, sql);
    } finally {
      if (had) this.#pgRollback();
      this.#position = this.#storedPosition();
    }
  }

  /** A statement string that opens a transaction: rolled back if it fails halfway. */
  #pgOrRollback(sql: string): void {
    try {
      this.#pg.query(sql);
    } catch (e) {
      this.#pgRollback();
      throw this.#pgError('prepare the log', e);
    }
  }

  #pgRollback(): void {
    try {
      this.#pg.query('ROLLBACK');
    } catch {
      // The connection is gone: PostgreSQL rolled back and released the lock itself.
    }
  }

  #pgError(what: string, e: unknown): Error {
    const message = e instanceof SyncPgError ? e.message : String(e);
    return new ReplicationError(`Could not ${what} (DATABASE_URL): ${message}`);
  }

  async #follow(url: string, pollMs: number): Promise<void> {
    const listener = new pg.Client({ connectionString: url });
    listener.on('error', () => undefined);
    await listener.connect();
    await listener.query(`LISTEN ${CHANNEL}`);
    listener.on('notification', (n) => {
      if (Number(n.payload) > this.#position) setImmediate(() => this.#quietCatchUp());
    });
    this.#listener = listener;
    if (pollMs > 0) {
      this.#poll = setInterval(() => this.#quietCatchUp(), pollMs);
      this.#poll.unref();
    }
  }

  #quietCatchUp(): void {
    try {
      this.catchUp();
    } catch (e) {
      console.error(`Replica catch-up failed: ${(e as Error).message}`);
    }
  }

  /** Stops following the log and closes PostgreSQL and the local file. */
  async closeReplica(): Promise<void> {
    this.close();
    await Promise.all([this.#listener?.end().catch(() => undefined), this.#pg.close()]);
  }

  override close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#poll) clearInterval(this.#poll);
    if (this.isOpen) super.close();
    void this.#listener?.end().catch(() => undefined);
    void this.#pg.close();
  }
}

/**
 * Runs log entries, in order, on `db` (which records nothing: a plain SQLite database, or a replica
 * while it replays) and returns the position reached. An entry missing from the sequence, or one
 * that no longer applies (edited), stops the replay with the entry's number.
 */
export function replayLog(
  db: DatabaseSync,
  rows: readonly LogRow[],
  from: number,
  cache: Map<string, StatementSync> = new Map(),
): number {
  let position = from;
  for (const row of rows) {
    if (row.seq !== position + 1)
      throw new ReplicationError(
        `The PostgreSQL log skips from entry ${position} to ${row.seq}: entry ${position + 1} was deleted. Run npm run audit:verify.`,
      );
    try {
      for (const item of row.entry.items) {
        if (item.p === undefined) db.exec(item.s);
        else {
          let st = cache.get(item.s);
          if (!st) {
            st = db.prepare(item.s);
            cache.set(item.s, st);
          }
          st.run(...(item.p.map(decode) as Parameters<StatementSync['run']>));
        }
      }
    } catch (e) {
      if (e instanceof ReplicationError) throw e;
      throw new ReplicationError(`Log entry ${row.seq} does not apply: ${(e as Error).message}`);
    }
    position = row.seq;
  }
  return position;
}

/** The whole log, in order, for a replay without a replica (audit:verify). */
export async function readLog(url: string, after = 0): Promise<LogRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query(`SELECT to_regclass('${LOG}') AS t`);
    if (!exists.rows[0]?.t) return [];
    const r = await client.query(`SELECT seq, instance, entry FROM ${LOG} WHERE seq > $1 ORDER BY seq`, [
      after,
    ]);
    return r.rows.map((x) => ({
      seq: Number(x.seq),
      instance: String(x.instance),
      entry: x.entry as LogEntry,
    }));
  } finally {
    await client.end();
  }
}
