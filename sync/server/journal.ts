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
  readonly #last: StatementSync;
  readonly #trim: StatementSync;

  constructor(db: DatabaseSync) {
    this.#append = db.prepare('INSERT INTO document_journal (name, update_bytes) VALUES (?, ?)');
    this.#entries = db.prepare('SELECT update_bytes FROM document_journal WHERE name = ? ORDER BY seq');
    this.#last = db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM document_journal WHERE name = ?');
    this.#trim = db.prepare('DELETE FROM document_journal WHERE name = ? AND seq <= ?');
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

  /** The newest entry now: a state encoded at this moment covers every entry up to it. */
  last(name: string): number {
    return Number((this.#last.get(name) as { seq: number }).seq);
  }

  /** After a state covering entries up to `seq` was stored. */
  trim(name: string, seq: number): void {
    if (seq > 0) this.#trim.run(name, seq);
  }
}
