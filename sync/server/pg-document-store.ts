/**
 * Yjs document states in PostgreSQL (PG-*): the same `DocumentStore` contract as SQLite
 * (storage-contract.ts), over a `pg` Pool. Selected by `DATABASE_URL` in `npm start`.
 *
 * Names compare byte-wise (`COLLATE "C"`), as SQLite's BINARY does: under a linguistic collation
 * `ledger/s1/…` and `ledger/s10/…` could interleave, and `list` must be exact and sorted the same
 * way on both stores (PG-2).
 */
import pg from 'pg';
import type { DocumentStore } from './document-store.ts';

/** Any 64-bit key, constant: serialises concurrent `ensureSchema` of several relay instances. */
const SCHEMA_LOCK = 0x6c6f757065646f63n; // "loupedoc"

export class PgDocumentStore implements DocumentStore {
  readonly pool: pg.Pool;
  readonly #ownsPool: boolean;
  #ready: Promise<void> | undefined;

  /** With a pool you own (you end it), or a connection string (`close()` ends the pool). */
  constructor(poolOrUrl: pg.Pool | string) {
    this.#ownsPool = typeof poolOrUrl === 'string';
    this.pool = typeof poolOrUrl === 'string' ? new pg.Pool({ connectionString: poolOrUrl }) : poolOrUrl;
  }

  /** A store whose table exists (created when missing); fails fast if the server is unreachable. */
  static async connect(poolOrUrl: pg.Pool | string): Promise<PgDocumentStore> {
    const store = new PgDocumentStore(poolOrUrl);
    try {
      await store.ensureSchema();
    } catch (e) {
      await store.close();
      throw e;
    }
    return store;
  }

  /** Creates `documents` if missing (PG-1). Idempotent, safe when several instances start at once. */
  ensureSchema(): Promise<void> {
    this.#ready ??= (async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        // CREATE TABLE IF NOT EXISTS alone races on the catalog (duplicate pg_type) between two
        // instances starting together: take a transaction-scoped advisory lock first.
        await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK.toString()]);
        await client.query(`CREATE TABLE IF NOT EXISTS documents (
          name text COLLATE "C" PRIMARY KEY,
          state bytea NOT NULL,
          updated_at timestamptz NOT NULL
        )`);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        this.#ready = undefined;
        throw e;
      } finally {
        client.release();
      }
    })();
    return this.#ready;
  }

  async fetch(name: string): Promise<Uint8Array | null> {
    await this.ensureSchema();
    const { rows } = await this.pool.query<{ state: Buffer }>('SELECT state FROM documents WHERE name = $1', [
      name,
    ]);
    const row = rows[0];
    // A copy, not a view on pg's Buffer: callers get a plain Uint8Array like SQLite's.
    return row ? new Uint8Array(row.state) : null;
  }

  async store(name: string, state: Uint8Array): Promise<void> {
    await this.ensureSchema();
    await this.pool.query(
      `INSERT INTO documents (name, state, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      [name, Buffer.from(state.buffer, state.byteOffset, state.byteLength)],
    );
  }

  async list(prefix: string): Promise<string[]> {
    await this.ensureSchema();
    // starts_with: no LIKE wildcards (`_`, `%` are plain characters), no upper-bound sentinel.
    const { rows } = await this.pool.query<{ name: string }>(
      'SELECT name FROM documents WHERE starts_with(name, $1) ORDER BY name',
      [prefix],
    );
    return rows.map((r) => r.name);
  }

  async delete(name: string): Promise<void> {
    await this.ensureSchema();
    await this.pool.query('DELETE FROM documents WHERE name = $1', [name]);
  }

  /** Ends the pool if this store created it. */
  async close(): Promise<void> {
    if (this.#ownsPool) await this.pool.end();
  }
}
