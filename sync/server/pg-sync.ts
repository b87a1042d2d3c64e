/**
 * PostgreSQL, called synchronously (REPL-2). The relay's SQL code is synchronous `node:sqlite`; the
 * few statements a replicated transaction sends to PostgreSQL (lock and read the log's tail, append
 * the entry, commit: `replicated-db.ts`) are run by a worker thread holding one `pg` connection,
 * while this thread waits on a shared flag (`Atomics.wait`). One round trip costs about 0.2 ms on
 * loopback (docs/decisions/0025); the waiting thread does nothing else meanwhile, which is what a
 * synchronous transaction needs.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

export type SyncPgOptions = {
  /** How long PostgreSQL may wait for a lock before the statement fails (default 10 s). */
  readonly lockTimeoutMs?: number;
  /** How long this thread waits for any answer before giving up (default 30 s). */
  readonly answerTimeoutMs?: number;
};

export class SyncPgError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.name = 'SyncPgError';
    this.code = code;
  }
}

type Answer = { ok: true; rows: Record<string, unknown>[] } | { ok: false; message: string; code?: string };

export class SyncPg {
  readonly #worker: Worker;
  readonly #port: MessagePort;
  readonly #signal: Int32Array;
  readonly #timeoutMs: number;
  #closed = false;
  /** Round trips made, for benchmarks and tests. */
  roundTrips = 0;

  constructor(url: string, options: SyncPgOptions = {}) {
    const flag = new SharedArrayBuffer(4);
    this.#signal = new Int32Array(flag);
    this.#timeoutMs = options.answerTimeoutMs ?? 30_000;
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    this.#worker = new Worker(new URL('./pg-sync-worker.ts', import.meta.url), {
      workerData: { url, flag, port: port2, lockTimeoutMs: options.lockTimeoutMs ?? 10_000 },
      transferList: [port2],
    });
    // The worker must not keep a finished process alive; close() ends it.
    this.#worker.unref();
    port1.unref();
  }

  /** Runs `sql` (with `$n` parameters, or several statements without any) and returns the rows of its
   *  (last) result. Throws SyncPgError with PostgreSQL's message and SQLSTATE code. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Row[] {
    if (this.#closed) throw new SyncPgError('the PostgreSQL connection is closed');
    Atomics.store(this.#signal, 0, 0);
    this.#port.postMessage({ sql, ...(params ? { params } : {}) });
    this.roundTrips++;
    const waited = Atomics.wait(this.#signal, 0, 0, this.#timeoutMs);
    const received = receiveMessageOnPort(this.#port);
    if (!received) {
      // A late answer would be taken for the next question's: this connection is done.
      void this.close();
      throw new SyncPgError(
        waited === 'timed-out'
          ? `PostgreSQL did not answer within ${this.#timeoutMs / 1000} s`
          : 'PostgreSQL answered nothing',
      );
    }
    const answer = received.message as Answer;
    if (!answer.ok) throw new SyncPgError(answer.message, answer.code);
    return answer.rows as Row[];
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#worker.terminate();
  }
}
