/**
 * The Redis extension as the relay uses it between instances (SCALE-*, XINST-*; decision 0023).
 *
 * `@hocuspocus/extension-redis` 4.7 announces a change with a state vector only (SyncStep1): a
 * peer asks back with its own vector and the changing instance answers with the missing structs,
 * so the change needs the writer to stay loaded for two more Redis round trips. The extension
 * covers that with a fixed `disconnectDelay` (1 s): after storing a change made through a direct
 * connection (every relay-authored write: validator outcomes, stock, reports, audit) and again
 * before unloading a document. A relay write that stored on release therefore took at least
 * 2 s, and the relay's own start-up (re-reading every outbox) paid it per outbox.
 *
 * Here every change made on this instance is also published as the Yjs update itself, in the
 * same turn, on the document's channel: a peer applies it in one hop, whatever happens to this
 * instance's copy afterwards. The state-vector exchange still runs behind it and heals anything
 * a peer missed (a Redis reconnect). With the change already out, the hand-over delays only
 * wait for this instance's publishes to be written, plus a short grace for answering a peer's
 * exchange in flight.
 */
import { type Configuration, Redis } from '@hocuspocus/extension-redis';
import {
  type afterStoreDocumentPayload,
  type beforeUnloadDocumentPayload,
  isTransactionOrigin,
  OutgoingMessage,
  type onChangePayload,
} from '@hocuspocus/server';

/** Grace after the last publish before a stored document unloads (answers a peer's exchange). */
export const HANDOVER_GRACE_MS = 50;

export class RelayRedis extends Redis {
  /** Publishes of this instance's own updates not yet acknowledged by Redis, per document. */
  readonly #inflight = new Map<string, Set<Promise<unknown>>>();

  constructor(configuration: Partial<Configuration>) {
    super({ disconnectDelay: HANDOVER_GRACE_MS, ...configuration });
  }

  override async onChange(data: onChangePayload): Promise<void> {
    const origin = data.transactionOrigin;
    if (isTransactionOrigin(origin) && origin.source === 'redis') return;
    const message = new OutgoingMessage(data.documentName).createSyncMessage().writeUpdate(data.update);
    const key = `${this.configuration.prefix}:${data.documentName}`;
    const published = this.pub
      .publish(key, Buffer.concat([this.messagePrefix, Buffer.from(message.toUint8Array())]))
      .catch((error: unknown) => {
        // Not lost: the state-vector exchange below, or the peer's next load from the store
        // (with the relay's journal), brings the change.
        console.error(`Redis: could not publish an update of ${data.documentName}`, error);
      });
    this.#track(data.documentName, published);
    await super.onChange(data);
  }

  override async afterStoreDocument(data: afterStoreDocumentPayload): Promise<void> {
    await this.flushed(data.documentName);
    await super.afterStoreDocument(data);
  }

  override async beforeUnloadDocument(data: beforeUnloadDocumentPayload): Promise<void> {
    await this.flushed(data.documentName);
    await super.beforeUnloadDocument(data);
  }

  /** Resolves once every update of `documentName` published so far has reached Redis. */
  async flushed(documentName: string): Promise<void> {
    for (
      let set = this.#inflight.get(documentName);
      set && set.size > 0;
      set = this.#inflight.get(documentName)
    )
      await Promise.all([...set]);
  }

  #track(documentName: string, published: Promise<unknown>): void {
    let set = this.#inflight.get(documentName);
    if (!set) {
      set = new Set();
      this.#inflight.set(documentName, set);
    }
    set.add(published);
    void published.finally(() => {
      set.delete(published);
      if (set.size === 0 && this.#inflight.get(documentName) === set) this.#inflight.delete(documentName);
    });
  }
}
