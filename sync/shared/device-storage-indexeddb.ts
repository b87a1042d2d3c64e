/**
 * The device's local copies in IndexedDB (y-indexeddb): one database per document, named
 * `loupe:<document>`. The browser's storage; in Node it runs over `fake-indexeddb` (tests).
 * Kept out of device-client.ts so Node users without IndexedDB never load it.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import type { DeviceStorage } from './device-storage.ts';

export const INDEXEDDB_PREFIX = 'loupe:';

export function indexeddbStorage(options: { prefix?: string } = {}): DeviceStorage {
  const prefix = options.prefix ?? INDEXEDDB_PREFIX;
  return {
    open(name, doc) {
      const local = new IndexeddbPersistence(`${prefix}${name}`, doc);
      return {
        loaded: local.whenSynced.then(() => undefined),
        destroy: () => local.destroy(),
      };
    },
  };
}
