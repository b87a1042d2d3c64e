/**
 * The relay's journal of its own writes (GUARD-10). Hocuspocus broadcasts a change right after
 * the event loop turn that made it, but stores documents on a debounce (up to 10 s later): a
 * relay killed in between forgot changes that devices already hold, and a device's copy of a
 * relay-owned document then diverged from the relay's for good. So every change the relay itself
 * makes (direct connections: validator, seed, projections) is appended here synchronously, before
 * the broadcast goes out; loading a document replays its journal, and storing it trims what the
 * stored state covers. Devices' own changes are not journalled: a device resends what the relay
 * did not store.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import * as Y from 'yjs';
import type { Migration } from './db.ts';

export const journalMigrations: readonly Migration[] = [
  {
    id: 'sync-005-document-journal',
    up: (db) =>
      db.exec(`
      CREATE TABLE document_journal (
        seq INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        update_bytes BLOB NOT NULL
      ) STRICT;
      CREATE INDEX document_journal_name ON document_journal (name, seq);
    `),
  },
];

export class DocumentJournal {
  readonly #append: StatementSync;
  readonly #entries: StatementSync;
  readonly #rows: StatementSync;
  readonly #trim: StatementSync;

  constructor(db: DatabaseSync) {
    this.#append = db.prepare('INSERT INTO document_journal (name, update_bytes) VALUES (?, ?)');
    this.#entries = db.prepare('SELECT update_bytes FROM document_journal WHERE name = ? ORDER BY seq');
    this.#rows = db.prepare('SELECT seq, update_bytes FROM document_journal WHERE name = ? ORDER BY seq');
    this.#trim = db.prepare('DELETE FROM document_journal WHERE seq = ?');
  }

  append(name: string, update: Uint8Array): void {
    this.#append.run(name, update);
  }

  /** Updates not yet covered by a stored state, oldest first. */
  entries(name: string): Uint8Array[] {
    return (this.#entries.all(name) as { update_bytes: Uint8Array }[]).map(
      (r) => new Uint8Array(r.update_bytes),
    );
  }

  /**
   * After `state` was stored: drops the entries it contains. Checked per entry against the state's
   * vector, not by position, because another relay instance may journal a change to the same
   * document that this instance's stored state has not received yet.
   */
  trim(name: string, state: Uint8Array): number {
    const vector = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state));
    let dropped = 0;
    for (const row of this.#rows.all(name) as { seq: number; update_bytes: Uint8Array }[]) {
      const { to } = Y.parseUpdateMeta(new Uint8Array(row.update_bytes));
      const covered = [...to].every(([client, clock]) => (vector.get(client) ?? 0) >= clock);
      if (!covered) continue;
      this.#trim.run(row.seq);
      dropped++;
    }
    return dropped;
  }
}
