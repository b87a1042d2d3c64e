/**
 * The one sanctioned way to write relay-owned documents (stock, ledger, finance, audit):
 * a Hocuspocus direct connection. Its changes are broadcast to connected devices and stored
 * like any other; the guard only inspects client connections, so these pass.
 *
 * Frequent writers (the validator, the report publisher, the audit log) keep their documents
 * warm: the direct connection is held open for a while after the last write (XINST-3), so the
 * next decision writes into the loaded copy instead of loading the document again (from the
 * store, its journal and, with several instances, a state exchange through Redis). Stores still
 * follow Hocuspocus' debounce; a crash in between is covered by the relay's journal (GUARD-10).
 */
import type { Hocuspocus, LocalTransactionOrigin } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { RELAY_OWNED } from '../shared/access.ts';
import { parseDocName } from '../shared/doc-names.ts';
import type { RelayWriterContext } from './context.ts';

const relayOwned = (name: string): boolean => {
  const parsed = parseDocName(name);
  return parsed.ok && RELAY_OWNED.has(parsed.value.kind);
};

export type RelayWriteOptions = {
  /** Keep the document in memory after the write (coalesces frequent writes; stored on the
   *  debounce and on shutdown). Default false: stored before the promise resolves. */
  keepWarm?: boolean;
};

/** How long a warm document stays loaded after its last relay write, and how many at most;
 *  `group` runs the writes queued in one turn together (the relay: one SQLite transaction, so
 *  their journal entries, GUARD-10, cost one disk sync instead of one each). */
export type WarmOptions = { idleMs: number; max: number; group?: (run: () => void) => void };
export const DEFAULT_WARM: WarmOptions = { idleMs: 10 * 60_000, max: 512 };

/** The class Hocuspocus returns (the package exports only its narrower interface). */
type DirectConnection = Awaited<ReturnType<Hocuspocus['openDirectConnection']>>;

type Held = { connection: Promise<DirectConnection>; timer: NodeJS.Timeout | undefined };
type Queued = {
  document: NonNullable<DirectConnection['document']>;
  write: (doc: Y.Doc) => void;
  context: RelayWriterContext;
  resolve: () => void;
  reject: (e: unknown) => void;
};

/** The warm documents of one Hocuspocus instance (least recently written first). */
class WarmDocuments {
  readonly #hocuspocus: Hocuspocus;
  readonly #held = new Map<string, Held>();
  options: WarmOptions = DEFAULT_WARM;
  closed = false;

  constructor(hocuspocus: Hocuspocus) {
    this.#hocuspocus = hocuspocus;
  }

  get size(): number {
    return this.#held.size;
  }

  readonly #queue: Queued[] = [];

  /** Applies `write` with the writes queued in the same turn (see `WarmOptions.group`). */
  write(document: Queued['document'], write: Queued['write'], context: RelayWriterContext): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.#queue.push({ document, write, context, resolve, reject }) === 1)
        setImmediate(() => this.#flush());
    });
  }

  #flush(): void {
    const queued = this.#queue.splice(0);
    // A document let go between the queueing and now (eviction, shutdown) is written afresh.
    const loaded = (item: Queued) => this.#hocuspocus.documents.get(item.document.name) === item.document;
    for (const item of queued.filter((i) => !loaded(i)))
      writeOnce(this.#hocuspocus, item.document.name, item.context, item.write).then(
        item.resolve,
        item.reject,
      );
    const batch = queued.filter(loaded);
    const failed = new Map<Queued, unknown>();
    // Only relay-owned documents are grouped: collaborative ones (clients, work) have observers that
    // open their own SQL transactions (client directory, search), which cannot nest.
    const grouped = batch.filter((item) => relayOwned(item.document.name));
    const apart = batch.filter((item) => !relayOwned(item.document.name));
    const run = (items: Queued[]) => () => {
      for (const item of items)
        try {
          // As DirectConnection.transact, with this write's own context (purpose) as the origin.
          item.document.transact(() => item.write(item.document), {
            source: 'local',
            context: item.context,
          } satisfies LocalTransactionOrigin);
        } catch (e) {
          failed.set(item, e);
        }
    };
    try {
      if (this.options.group) this.options.group(run(grouped));
      else run(grouped)();
    } catch (e) {
      for (const item of grouped) failed.set(item, failed.get(item) ?? e);
    }
    run(apart)();
    for (const item of batch) {
      if (failed.has(item)) item.reject(failed.get(item));
      else item.resolve();
    }
  }

  /** A held connection to `name`, opened if needed; its idle timer restarts. */
  async connection(name: string, context: RelayWriterContext): Promise<DirectConnection> {
    let held = this.#held.get(name);
    if (held) {
      const connection = await held.connection.catch(() => undefined);
      // The document may have been unloaded under us (a failed load, a forced close): reopen.
      if (connection?.document && this.#hocuspocus.documents.get(name) === connection.document) {
        this.#touch(name, held);
        return connection;
      }
      if (this.#held.get(name) === held) this.#forget(name, held);
      held = undefined;
    }
    const opening = this.#hocuspocus.openDirectConnection(name, context);
    held = { connection: opening, timer: undefined };
    this.#held.set(name, held);
    this.#touch(name, held);
    try {
      const connection = await opening;
      this.#evict();
      return connection;
    } catch (e) {
      if (this.#held.get(name) === held) this.#forget(name, held);
      throw e;
    }
  }

  /** Lets every warm document go (stored on Hocuspocus' debounce or its shutdown flush); once
   *  closed, later writes are not held any more. */
  async releaseAll(close: boolean): Promise<void> {
    if (close) this.closed = true;
    await Promise.all([...this.#held].map(([name, held]) => this.#release(name, held)));
  }

  #touch(name: string, held: Held): void {
    // Re-inserted: the map's order is the order of last use.
    this.#held.delete(name);
    this.#held.set(name, held);
    if (held.timer) clearTimeout(held.timer);
    held.timer = setTimeout(() => void this.#release(name, held), this.options.idleMs);
    held.timer.unref();
  }

  #evict(): void {
    while (this.#held.size > this.options.max) {
      const [name, held] = this.#held.entries().next().value as [string, Held];
      void this.#release(name, held);
    }
  }

  #forget(name: string, held: Held): void {
    if (held.timer) clearTimeout(held.timer);
    if (this.#held.get(name) === held) this.#held.delete(name);
  }

  async #release(name: string, held: Held): Promise<void> {
    this.#forget(name, held);
    const connection = await held.connection.catch(() => undefined);
    await connection?.disconnect({ unloadImmediately: false });
  }
}

const warm = new WeakMap<Hocuspocus, WarmDocuments>();

function warmOf(hocuspocus: Hocuspocus): WarmDocuments {
  let w = warm.get(hocuspocus);
  if (!w) {
    w = new WarmDocuments(hocuspocus);
    warm.set(hocuspocus, w);
  }
  return w;
}

/** Sets how long relay-written documents stay warm on this instance (the relay's option). */
export function configureWarmDocuments(hocuspocus: Hocuspocus, options: Partial<WarmOptions>): void {
  const w = warmOf(hocuspocus);
  w.options = { ...w.options, ...options };
}

/** How many documents this instance holds warm (diagnostics, tests). */
export const warmDocumentCount = (hocuspocus: Hocuspocus): number => warm.get(hocuspocus)?.size ?? 0;

/** Before the server shuts down: warm documents are let go, so they store and unload; with
 *  `close: false` (tests, diagnostics) later writes are held again. */
export async function releaseWarmDocuments(
  hocuspocus: Hocuspocus,
  options: { close?: boolean } = {},
): Promise<void> {
  await warmOf(hocuspocus).releaseAll(options.close ?? true);
}

export async function writeRelayDoc(
  hocuspocus: Hocuspocus,
  documentName: string,
  purpose: string,
  write: (doc: Y.Doc) => void,
  options: RelayWriteOptions = {},
): Promise<void> {
  const context: RelayWriterContext = { relay: true, purpose };
  const w = warmOf(hocuspocus);
  if (options.keepWarm && !w.closed && w.options.max > 0) {
    const document = (await w.connection(documentName, context)).document;
    // Released meanwhile (the relay is shutting down): written the ordinary way below.
    if (document) return w.write(document, write, context);
  }
  await writeOnce(hocuspocus, documentName, context, write, !options.keepWarm);
}

/** One direct connection for one write; stored before it resolves unless `unload` is false. */
async function writeOnce(
  hocuspocus: Hocuspocus,
  documentName: string,
  context: RelayWriterContext,
  write: (doc: Y.Doc) => void,
  unload = false,
): Promise<void> {
  const connection = await hocuspocus.openDirectConnection(documentName, context);
  try {
    await connection.transact((doc) => write(doc));
  } finally {
    await connection.disconnect({ unloadImmediately: unload });
  }
}
