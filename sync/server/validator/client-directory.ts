/**
 * MERGE-5: the validator's list of clients (`client_directory`): which client ids exist in which
 * store's book, and whether they were merged or erased. Profiles are staff-edited Yjs documents
 * (`clients/<store>`), not commands, so the relay notes each client id it sees in a loaded book;
 * `client.merge` and `client.erase` are decided against this list (SqlDecisionState.client) and
 * change its status when accepted (apply-events.ts). A book's edits are noted off the path of the
 * edit, one pass per burst (PERF-1, projection-queue.ts); the decider flushes them before deciding.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { afterLoadDocumentPayload, afterUnloadDocumentPayload, Extension } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { parseDocName } from '../../shared/doc-names.ts';
import { clientBook, parseClientRecord } from '../../shared/docs/clients.ts';
import { ProjectionQueue } from './projection-queue.ts';

export class ClientDirectory {
  readonly #db: DatabaseSync;
  readonly #insert: StatementSync;
  /** Client ids edited in loaded books, noted in one pass per burst (PERF-1). */
  readonly queue: ProjectionQueue;

  constructor(db: DatabaseSync, options: { delayMs?: number; maxDelayMs?: number } = {}) {
    this.#db = db;
    this.queue = new ProjectionQueue(
      db,
      'client directory',
      (store, doc, ids) => this.record(store, doc, ids),
      options,
    );
    // The first book a client is seen in is its book: a copy of the id elsewhere changes nothing.
    this.#insert = db.prepare(
      'INSERT INTO client_directory (id, store, seen_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING',
    );
  }

  /** Notes the clients (that parse as profiles) of `store`'s book among `ids`. */
  record(store: string, doc: Y.Doc, ids: Iterable<string>): number {
    const book = clientBook(doc);
    const now = new Date().toISOString();
    let added = 0;
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (const id of ids) {
        const profile = parseClientRecord(book.get(id));
        if (profile && profile.id === id) added += Number(this.#insert.run(id, store, now).changes);
      }
      this.#db.exec('COMMIT');
    } catch (e) {
      this.#db.exec('ROLLBACK');
      throw e;
    }
    return added;
  }

  extension(): Extension {
    const directory = this;
    return {
      extensionName: 'loupe-client-directory',
      async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
        const parsed = parseDocName(documentName);
        if (!parsed.ok || parsed.value.kind !== 'clients') return;
        const store = parsed.value.store;
        const book = clientBook(document);
        directory.record(store, document, book.keys());
        book.observe((event) => {
          const added = [...event.keysChanged].filter((k) => book.has(k));
          if (added.length > 0) directory.queue.add(documentName, store, document, added);
        });
      },
      async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
        directory.queue.flush(documentName);
      },
      async onDestroy(): Promise<void> {
        directory.queue.close();
      },
    };
  }
}
