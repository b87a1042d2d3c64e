/**
 * Makes a relay-owned document unwritable from this device's own code. Updates from the
 * relay and from IndexedDB arrive as remote transactions (`local === false`); any local
 * transaction on such a document is a bug, and is stopped before it changes anything —
 * otherwise the device would keep a value the relay never accepted, forever.
 */
import type * as Y from 'yjs';

export class ReadOnlyDocumentError extends Error {
  override name = 'ReadOnlyDocumentError';
}

export function guardReadOnly(doc: Y.Doc, name: string): void {
  doc.on('beforeTransaction', (tr: Y.Transaction) => {
    if (tr.local) throw new ReadOnlyDocumentError(`${name} is written by the relay only`);
  });
}
