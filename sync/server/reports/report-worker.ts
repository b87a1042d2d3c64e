/**
 * The worker thread of `ReportRunner` (REPORT-13): its own read-only connection to the relay's
 * database file (WAL: it reads what is committed, never waits on a writer), answering one
 * summary at a time.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import type { ReportingRates } from './rates.ts';
import { type SummaryQuery, summarize } from './summary.ts';

export type ReportRequest = { id: number; query: SummaryQuery; rates: ReportingRates };
export type ReportReply = { id: number; summary?: unknown; error?: string };

const port = parentPort;
if (!port) throw new Error('report-worker.ts runs as a worker thread');
const db = new DatabaseSync((workerData as { path: string }).path, { readOnly: true });
db.exec('PRAGMA busy_timeout = 5000');
port.on('message', (m: ReportRequest) => {
  let reply: ReportReply;
  try {
    reply = { id: m.id, summary: summarize(db, m.query, m.rates) };
  } catch (e) {
    reply = { id: m.id, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
