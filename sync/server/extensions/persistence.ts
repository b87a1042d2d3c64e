/**
 * Persistence through Hocuspocus' Database extension over any DocumentStore (STORE-*), with the
 * relay's journal of its own writes (GUARD-10, `../journal.ts`): replayed on load, trimmed once
 * a stored state covers it.
 */
import { Database } from '@hocuspocus/extension-database';
import type { afterLoadDocumentPayload } from '@hocuspocus/server';
import * as Y from 'yjs';
import type { DocumentStore } from '../document-store.ts';
import type { DocumentJournal } from '../journal.ts';

/** Changes made by a device's connection or relayed from another instance are not the relay's own. */
const isOwnWrite = (origin: unknown): boolean => {
  const source = (origin as { source?: unknown } | null)?.source;
  return source !== 'connection' && source !== 'redis';
};

export class PersistenceExtension extends Database {
  extensionName = 'loupe-persistence';
  readonly #journal: DocumentJournal | undefined;

  constructor(store: DocumentStore, journal?: DocumentJournal) {
    super({
      fetch: async ({ documentName }) => {
        const state = await store.fetch(documentName);
        const journalled = journal?.entries(documentName) ?? [];
        if (journalled.length === 0) return state;
        return Y.mergeUpdates(state ? [state, ...journalled] : journalled);
      },
      store: async ({ documentName, state }) => {
        const bytes = new Uint8Array(state);
        await store.store(documentName, bytes);
        journal?.trim(documentName, bytes);
      },
    });
    this.#journal = journal;
  }

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    const journal = this.#journal;
    if (!journal) return;
    // Registered after Hocuspocus' own listener, which only schedules the broadcast (next turn):
    // the entry is written before any device can see the change.
    document.on('update', (update: Uint8Array, origin: unknown) => {
      if (isOwnWrite(origin)) journal.append(documentName, update);
    });
  }
}
