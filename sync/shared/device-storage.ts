/**
 * Where a device keeps its local copy of each document (DEVICE-3). The device client opens a
 * document's storage first and starts syncing only once `loaded` resolves, so what the storage
 * reads back is never mistaken for new local changes.
 *
 * - `memoryStorage()` (the default): copies in this process's memory. One storage object given
 *   to several devices in turn behaves like a disk that survives `close()`.
 * - `indexeddbStorage()` (`device-storage-indexeddb.ts`, its own module so Node users without
 *   IndexedDB never load y-indexeddb): the browser's store, and Node's over `fake-indexeddb`.
 */
import * as Y from 'yjs';

export type StoredCopy = {
  /** Resolves once the stored state is in the document (the copy is usable offline). */
  readonly loaded: Promise<void>;
  /** Stops recording; the stored state stays for the next `open`. */
  destroy(): void | Promise<void>;
};

export type DeviceStorage = {
  open(name: string, doc: Y.Doc): StoredCopy;
};

/** Local copies in memory: every update of an open document is kept, merged on the next open. */
export function memoryStorage(): DeviceStorage {
  const states = new Map<string, Uint8Array[]>();
  return {
    open(name, doc) {
      const kept = states.get(name) ?? [];
      states.set(name, kept);
      const origin = Symbol('memory-storage');
      if (kept.length > 0) {
        const merged = Y.mergeUpdates(kept);
        kept.splice(0, kept.length, merged);
        Y.applyUpdate(doc, merged, origin);
      }
      const record = (update: Uint8Array, from: unknown) => {
        if (from !== origin) kept.push(update);
      };
      // Whatever the document held before it was opened here is part of its copy too.
      if (doc.store.clients.size > 0) kept.push(Y.encodeStateAsUpdate(doc));
      doc.on('update', record);
      return {
        loaded: Promise.resolve(),
        destroy: () => doc.off('update', record),
      };
    },
  };
}
