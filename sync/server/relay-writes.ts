/**
 * The one sanctioned way to write relay-owned documents (stock, ledger, finance, audit):
 * a Hocuspocus direct connection. Its changes are broadcast to connected devices and stored
 * like any other; the guard only inspects client connections, so these pass.
 */
import type { Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';
import type { RelayWriterContext } from './context.ts';

export type RelayWriteOptions = {
  /** Keep the document in memory after the write (coalesces frequent writes; stored on the
   *  debounce and on shutdown). Default false: stored before the promise resolves. */
  keepWarm?: boolean;
};

export async function writeRelayDoc(
  hocuspocus: Hocuspocus,
  documentName: string,
  purpose: string,
  write: (doc: Y.Doc) => void,
  options: RelayWriteOptions = {},
): Promise<void> {
  const context: RelayWriterContext = { relay: true, purpose };
  const connection = await hocuspocus.openDirectConnection(documentName, context);
  try {
    await connection.transact((doc) => write(doc));
  } finally {
    await connection.disconnect({ unloadImmediately: !options.keepWarm });
  }
}
