/**
 * Where document states live (STORE-*). SQLite now; a PostgreSQL implementation must pass
 * the same contract suite (storage-contract.ts).
 */
import type { DatabaseSync } from 'node:sqlite';

export interface DocumentStore {
  /** The full Yjs state (V1 update) last stored under `name`, or null if none. */
  fetch(name: string): Promise<Uint8Array | null>;
  /** Replaces the state stored under `name`. */
  store(name: string, state: Uint8Array): Promise<void>;
  /** Names stored under a prefix such as `ledger/<store>/`, sorted. */
  list(prefix: string): Promise<string[]>;
  delete(name: string): Promise<void>;
}

export class SqliteDocumentStore implements DocumentStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async fetch(name: string): Promise<Uint8Array | null> {
    const row = this.db.prepare('SELECT state FROM documents WHERE name = ?').get(name) as
      | { state: Uint8Array }
      | undefined;
    return row ? new Uint8Array(row.state) : null;
  }

  async store(name: string, state: Uint8Array): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO documents (name, state, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      )
      .run(name, state, new Date().toISOString());
  }

  async list(prefix: string): Promise<string[]> {
    // Range scan instead of LIKE so `_` and `%` in names mean nothing special.
    const rows = this.db
      .prepare('SELECT name FROM documents WHERE name >= ? AND name < ? ORDER BY name')
      .all(prefix, `${prefix}\uffff`) as Array<{ name: string }>;
    return rows.map((r) => r.name);
  }

  async delete(name: string): Promise<void> {
    this.db.prepare('DELETE FROM documents WHERE name = ?').run(name);
  }
}
