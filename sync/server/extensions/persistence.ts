/** Persistence through Hocuspocus' Database extension over any DocumentStore (STORE-*). */
import { Database } from '@hocuspocus/extension-database';
import type { DocumentStore } from '../document-store.ts';

export class PersistenceExtension extends Database {
  extensionName = 'loupe-persistence';

  constructor(store: DocumentStore) {
    super({
      fetch: ({ documentName }) => store.fetch(documentName),
      store: ({ documentName, state }) => store.store(documentName, new Uint8Array(state)),
    });
  }
}
