/**
 * Who wrote each outbox command (USER-1). The relay sees the token behind every update: when a
 * device's connection appends commands to `outbox/<device>`, the person signed in on that
 * connection is recorded for each new command id, before the validator can decide it. The first
 * writer of an id wins; a command resent later by someone else keeps its original writer.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { afterLoadDocumentPayload, Extension } from '@hocuspocus/server';
import * as Y from 'yjs';
import { parseDocName } from '../../shared/doc-names.ts';
import { isClientContext } from '../context.ts';

export class CommandWriters {
  readonly #db: DatabaseSync;
  readonly #insert: StatementSync;
  readonly #find: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#insert = db.prepare(
      'INSERT INTO command_writers (id, device, user_id, received_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
    );
    this.#find = db.prepare('SELECT user_id, device FROM command_writers WHERE id = ?');
  }

  /** Records `user` as the writer of every command the update appends. Returns how many ids. */
  recordUpdate(device: string, user: string, update: Uint8Array, now = new Date()): number {
    const ids = appendedCommandIds(update);
    if (ids.length === 0) return 0;
    const at = now.toISOString();
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (const id of ids) this.#insert.run(id, device, user, at);
      this.#db.exec('COMMIT');
    } catch (e) {
      this.#db.exec('ROLLBACK');
      throw e;
    }
    return ids.length;
  }

  /** For tests and tools that append on a person's behalf (seed, benchmarks). */
  record(id: string, device: string, user: string, now = new Date()): void {
    this.#insert.run(id, device, user, now.toISOString());
  }

  /** The person whose connection appended this command on this device, if the relay saw it. */
  writerOf(id: string, device: string): string | undefined {
    const row = this.#find.get(id) as { user_id: string; device: string } | undefined;
    return row && row.device === device ? row.user_id : undefined;
  }
}

/** The `id` of every JSON object an update inserts (outbox entries are plain JSON envelopes). */
export function appendedCommandIds(update: Uint8Array): string[] {
  let structs: ReturnType<typeof Y.decodeUpdate>['structs'];
  try {
    structs = Y.decodeUpdate(update).structs;
  } catch {
    return []; // the guard refuses undecodable updates; nothing to attribute
  }
  const ids: string[] = [];
  for (const s of structs) {
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentAny)) continue;
    for (const value of s.content.arr) {
      const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
      if (typeof id === 'string' && id.length > 0 && id.length <= 64) ids.push(id);
    }
  }
  return ids;
}

/**
 * Records writers as updates arrive: synchronously, inside the Yjs update that appends the
 * commands, so no command is ever in the outbox without its writer. (An `onChange` hook runs a
 * microtask later: a validator already draining that outbox could decide a command appended in
 * between before its writer was recorded, and reject it `user-mismatch`.)
 */
export class WriterExtension implements Extension {
  extensionName = 'loupe-command-writers';
  priority = 1100;
  readonly #writers: CommandWriters;

  constructor(writers: CommandWriters) {
    this.#writers = writers;
  }

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    const parsed = parseDocName(documentName);
    if (!parsed.ok || parsed.value.kind !== 'outbox') return;
    const device = parsed.value.device;
    document.on('update', (update: Uint8Array, origin: unknown) => {
      const o = origin as { source?: unknown; connection?: { context?: unknown } } | null;
      if (o?.source !== 'connection') return;
      const context = o.connection?.context;
      if (!isClientContext(context)) return;
      this.#writers.recordUpdate(device, context.user.sub, update);
    });
  }
}
