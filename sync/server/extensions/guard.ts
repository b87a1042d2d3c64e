/**
 * Structural and permission checks on every incoming Yjs message (GUARD-*). Throwing here
 * closes that document's channel, so only bugs and abuse are refused here; business rules
 * go through commands and the validator.
 */
import type { beforeHandleMessagePayload, beforeSyncPayload, Extension } from '@hocuspocus/server';
import * as Y from 'yjs';
import { isRelayOwned } from '../../shared/doc-names.ts';
import { clientBook, clientsDoc, clientTombstone } from '../../shared/docs/clients.ts';

const clientBookRoot = clientsDoc.roots.clients;

import { CloseCodes, RelayError } from '../close-codes.ts';
import { isClientContext } from '../context.ts';

/**
 * Whether the update sets a client book entry to a merge/erasure marker, or replaces an entry that
 * is one. Reads the update's own items (a root-level key of `clients`), not a copy of the book.
 */
function tombstoneWrite(
  structs: ReturnType<typeof Y.decodeUpdate>['structs'],
  doc: Y.Doc,
): string | undefined {
  const book = clientBook(doc);
  const root = book as unknown as Y.AbstractType<unknown>;
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue;
    const key = bookKey(s, doc, root);
    if (key === undefined) continue;
    if (clientTombstone(book.get(key))) return `client ${key} was merged or erased; only the relay writes it`;
    const content = s.content;
    if (content instanceof Y.ContentAny && content.arr.some((v) => clientTombstone(v)))
      return `client ${key}: merge and erasure markers are written by the relay (client.merge, client.erase)`;
  }
  return undefined;
}

/**
 * The client id an incoming item sets in the book's root map, if it does. A decoded item names its
 * parent (a root by its name) only when it has no neighbour; one that replaces a key names its left
 * neighbour instead, whose parent and key it shares.
 */
function bookKey(s: Y.Item, doc: Y.Doc, root: Y.AbstractType<unknown>): string | undefined {
  if ((s.parent as unknown) === clientBookRoot && typeof s.parentSub === 'string') return s.parentSub;
  if (s.parent !== null || !s.origin) return undefined;
  try {
    const left = Y.getItem(doc.store, s.origin);
    return left instanceof Y.Item && left.parent === root && typeof left.parentSub === 'string'
      ? left.parentSub
      : undefined;
  } catch {
    return undefined; // its neighbour is new too: not a key the book has yet
  }
}

const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export type GuardOptions = { maxUpdateBytes: number };

export class GuardExtension implements Extension {
  extensionName = 'loupe-guard';
  priority = 900;
  private readonly max: number;

  constructor(options: GuardOptions) {
    this.max = options.maxUpdateBytes;
  }

  async beforeHandleMessage({ update }: beforeHandleMessagePayload): Promise<void> {
    // Frame envelope adds the document name and message type; allow for it.
    if (update.byteLength > this.max + 1024)
      throw new RelayError(CloseCodes.UpdateTooLarge, `${update.byteLength} bytes`);
  }

  async beforeSync({ type, payload, documentName, context, document }: beforeSyncPayload): Promise<void> {
    if (type !== SYNC_STEP_2 && type !== SYNC_UPDATE) return;
    if (payload.byteLength > this.max)
      throw new RelayError(CloseCodes.UpdateTooLarge, `${payload.byteLength} bytes`);
    let decoded: ReturnType<typeof Y.decodeUpdate>;
    try {
      decoded = Y.decodeUpdate(payload);
    } catch (e) {
      throw new RelayError(CloseCodes.MalformedUpdate, e instanceof Error ? e.message : String(e));
    }
    const empty = decoded.structs.length === 0 && decoded.ds.clients.size === 0;
    if (empty) return;
    // A sync reply repeats what the client already has from us (e.g. the whole delete set of a
    // stock document): nothing new is no write, whatever the document (GUARD-7). Checked only
    // before refusing, as the snapshot costs a walk over the whole document.
    const nothingNew = () => Y.snapshotContainsUpdate(Y.snapshot(document), payload);
    // The read-only flag already stops the write; refusing loudly closes the channel so a
    // buggy client learns about it instead of silently diverging.
    const writable = isClientContext(context) && context.access === 'read-write';
    if ((isRelayOwned(documentName) || !writable) && !nothingNew())
      throw new RelayError(CloseCodes.ReadOnlyDocument, documentName);
    // The outbox is an append-only log: the validator must see every command ever sent.
    if (documentName.startsWith('outbox/') && decoded.ds.clients.size > 0 && !nothingNew())
      throw new RelayError(CloseCodes.AppendOnlyDocument, documentName);
    // MERGE-8: a merged or erased client's marker is the relay's (a decided client.merge or
    // client.erase); a device writing one, or writing over one, is refused.
    if (documentName.startsWith('clients/')) {
      const problem = tombstoneWrite(decoded.structs, document);
      if (problem && !nothingNew())
        throw new RelayError(CloseCodes.ReadOnlyDocument, `${documentName}: ${problem}`);
    }
  }
}
