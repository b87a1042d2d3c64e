/**
 * MERGE-5: the validator's list of clients (`client_directory`): which client ids exist in which
 * store's book, and whether they were merged or erased. Profiles are staff-edited Yjs documents
 * (`clients/<store>`), not commands, so the relay notes each client id it sees in a loaded book;
 * `client.merge` and `client.erase` are decided against this list (SqlDecisionState.client) and
 * change its status when accepted (apply-events.ts).
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { afterLoadDocumentPayload, Extension } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { parseDocName } from '../../shared/doc-names.ts';
import { clientBook, parseClientRecord } from '../../shared/docs/clients.ts';

export class ClientDirectory {
  readonly #db: DatabaseSync;
  readonly #insert: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
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
          if (added.length > 0) directory.record(store, document, added);
        });
      },
    };
  }
}
