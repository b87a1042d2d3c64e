/**
 * The worker half of `pg-sync.ts`: one `pg` connection, one query at a time. The answer is posted
 * on the port first, then the shared flag is raised, so the waiting thread finds it there.
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import pg from 'pg';

type Data = { url: string; flag: SharedArrayBuffer; port: MessagePort; lockTimeoutMs: number };
type Ask = { sql: string; params?: unknown[] };

const { url, flag, port, lockTimeoutMs } = workerData as Data;
const signal = new Int32Array(flag);
/** The connection; a lost one (PostgreSQL restarted, the link cut) is replaced on the next question.
 *  Whatever transaction it had open was rolled back by PostgreSQL with it. */
let current: { client: pg.Client; ready: Promise<void>; lost: boolean } | undefined;

function connection() {
  if (current && !current.lost) return current;
  void current?.client.end().catch(() => undefined);
  const client = new pg.Client({ connectionString: url });
  const c = {
    client,
    lost: false,
    ready: client
      .connect()
      .then(() => client.query(`SET lock_timeout = ${Math.max(1, Math.floor(lockTimeoutMs))}`))
      .then(() => undefined),
  };
  client.on('error', () => {
    c.lost = true;
  });
  c.ready.catch(() => {
    c.lost = true;
  });
  current = c;
  return c;
}

function answer(message: unknown): void {
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

port.on('message', async (ask: Ask) => {
  try {
    const c = connection();
    await c.ready;
    const result = (await c.client.query(ask.sql, ask.params)) as pg.QueryResult | pg.QueryResult[];
    // A string of several statements answers with one result each: the last one is the answer.
    const last = Array.isArray(result) ? result[result.length - 1] : result;
    answer({ ok: true, rows: last?.rows ?? [] });
  } catch (e) {
    const err = e as { message?: string; code?: string };
    answer({ ok: false, message: err.message ?? String(e), code: err.code });
  }
});
