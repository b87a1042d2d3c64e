/**
 * REPORT-13: a period's summary computed off the relay's event loop. A year of a 100-store
 * chain (3 million sales) takes seconds — its top clients and tier mix read a million
 * client-days — and on the relay's own thread every till's command, sync and login would wait
 * for it. The summary runs in one worker thread with a read-only connection to the same file
 * (SQLite WAL: it sees every committed decision); a database without a file (in memory) is
 * summarized in place. A worker that fails or exits answers its pending summaries with an error
 * in words and is replaced on the next one.
 */
import type { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import type { ReportingRates } from './rates.ts';
import type { ReportReply, ReportRequest } from './report-worker.ts';
import { type Summary, type SummaryQuery, summarize } from './summary.ts';

type Pending = { resolve: (s: Summary) => void; reject: (e: Error) => void };

export class ReportRunner {
  readonly #db: DatabaseSync;
  readonly #path: string | null;
  #worker: Worker | undefined;
  readonly #pending = new Map<number, Pending>();
  #next = 1;
  /** Summaries answered by the worker thread (the relay's thread stayed free meanwhile). */
  offThread = 0;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#path = db.location();
  }

  summarize(query: SummaryQuery, rates: ReportingRates): Promise<Summary> {
    if (!this.#path) return Promise.resolve(summarize(this.#db, query, rates));
    const worker = this.#start(this.#path);
    const id = this.#next++;
    return new Promise<Summary>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      if (this.#pending.size === 1) worker.ref();
      worker.postMessage({ id, query, rates } satisfies ReportRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#fail(new Error('the relay is shutting down'));
    await worker?.terminate();
  }

  #start(path: string): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./report-worker.ts', import.meta.url), { workerData: { path } });
    // Idle, the worker does not keep the process alive.
    worker.unref();
    worker.on('message', (m: ReportReply) => {
      const p = this.#pending.get(m.id);
      if (!p) return;
      this.#pending.delete(m.id);
      if (this.#pending.size === 0) worker.unref();
      if (m.error !== undefined) p.reject(new Error(m.error));
      else {
        this.offThread++;
        p.resolve(m.summary as Summary);
      }
    });
    const gone = (why: string) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      this.#fail(new Error(`the report worker stopped (${why}); ask again`));
    };
    worker.on('error', (e) => gone(e.message));
    worker.on('exit', (code) => gone(`exit ${code}`));
    this.#worker = worker;
    return worker;
  }

  #fail(e: Error): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) p.reject(e);
  }
}
