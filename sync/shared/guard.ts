/**
 * Client-side protection of relay-owned documents (GUARD-*). A read-only connection only
 * protects the relay's copy: a local write would stay in the device's copy for ever. So the
 * device syncs relay-owned documents into a private Y.Doc and hands the app a one-way
 * mirror: nothing written to the mirror ever reaches the synced copy or the relay, and any
 * such write is reported as the bug it is.
 */
import * as Y from 'yjs';
import { AssertionError } from '../../domain/assert.ts';
import { isRelayOwned } from './doc-names.ts';

const MIRROR = Symbol('relay-mirror');

export type GuardViolation = { document: string; message: string };
export type ViolationHandler = (v: GuardViolation) => void;

export const reportViolation: ViolationHandler = (v) => {
  console.error(new AssertionError(`write to relay-owned document ${v.document}: ${v.message}`));
};

/** Throws (a bug) when client code is about to write into a relay-owned document. */
export function assertClientWritable(documentName: string): void {
  if (isRelayOwned(documentName)) {
    throw new AssertionError(`${documentName} is written by the relay only; send a command instead`);
  }
}

/** A read-only mirror of `synced`: follows every change of it, never feeds anything back. */
export function readOnlyMirror(
  documentName: string,
  synced: Y.Doc,
  onViolation: ViolationHandler = reportViolation,
): Y.Doc {
  const mirror = new Y.Doc({ guid: synced.guid });
  Y.applyUpdate(mirror, Y.encodeStateAsUpdate(synced), MIRROR);
  const follow = (update: Uint8Array) => Y.applyUpdate(mirror, update, MIRROR);
  synced.on('update', follow);
  // afterTransaction, not 'update': an 'update' listener makes Yjs encode every change, and a
  // till loading a boutique's catalog and stock from IndexedDB would pay that for nothing.
  mirror.on('afterTransaction', (tr: Y.Transaction) => {
    const changed = tr.changed.size > 0 || tr.deleteSet.clients.size > 0;
    if (changed && tr.origin !== MIRROR)
      onViolation({ document: documentName, message: 'local change ignored; it will never sync' });
  });
  mirror.on('destroy', () => synced.off('update', follow));
  return mirror;
}
