/**
 * The relay's SQL state in PostgreSQL (REPL-*, sync/server/replicated-db.ts): sale decisions through
 * the CommandDecider on a SQLite replica of a PostgreSQL log, against the same decisions on a plain
 * SQLite file (what the relay runs without DATABASE_URL) in the same run; the PostgreSQL round trips
 * and log bytes each decision costs; and freshness: a decision committed on replica A, read on
 * replica B, which follows the log (LISTEN/NOTIFY), against a bare NOTIFY round trip.
 */
import { cpus, loadavg } from 'node:os';
import type { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { startPostgres } from '../scripts/test-services.ts';
import { ReplicatedDatabase } from '../sync/server/replicated-db.ts';
import { CommandDecider } from '../sync/server/validator/index.ts';
import {
  boutique,
  fillRelayDatabase,
  relayDatabase,
  type SaleStream,
  saleStream,
  tempDir,
} from './dataset.ts';
import { type Bench, type BenchOutput, fmt, goal, metric, p95, sizeFromEnv, summarize } from './stats.ts';

type Series = { perSecond: number; p50: number; p95: number };

/** Decides the stream one command at a time, as a till's outbox arrives (one transaction each). */
function decideOneByOne(db: DatabaseSync, stream: SaleStream): Series {
  const decider = new CommandDecider(db, { attribution: 'envelope' });
  const samples: number[] = [];
  const t0 = performance.now();
  for (let i = 1; i <= stream.commands.length; i++) {
    const t = performance.now();
    const [d] = decider.decideOutbox(stream.device, stream.commands.slice(0, i));
    samples.push(performance.now() - t);
    if (!d) throw new Error(`no decision for command ${i}`);
  }
  const ms = performance.now() - t0;
  const live = db.prepare('SELECT count(*) AS n FROM sale_lines WHERE live = 1').get() as { n: number };
  if (Number(live.n) !== stream.unique) throw new Error(`${live.n} live sale lines, want ${stream.unique}`);
  const s = summarize(samples);
  return { perSecond: (stream.commands.length / ms) * 1000, p50: s.p50, p95: p95(samples) };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Waits (yielding to the event loop, where B's catch-up runs) until `ready()`; returns the ms. */
async function until(ready: () => boolean, limitMs = 10_000): Promise<number> {
  const t0 = performance.now();
  while (!ready()) {
    if (performance.now() - t0 > limitMs) throw new Error(`not ready after ${limitMs} ms`);
    await tick();
  }
  return performance.now() - t0;
}

/** A NOTIFY from one connection heard on another: the floor under a replica's freshness. */
async function notifyRoundTrips(url: string, rounds: number): Promise<number[]> {
  const [listener, sender] = [
    new pg.Client({ connectionString: url }),
    new pg.Client({ connectionString: url }),
  ];
  await Promise.all([listener.connect(), sender.connect()]);
  try {
    await listener.query('LISTEN bench_floor');
    let heard = 0;
    listener.on('notification', () => {
      heard++;
    });
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      await sender.query(`NOTIFY bench_floor, '${i}'`);
      await until(() => heard > i);
      samples.push(performance.now() - t0);
    }
    return samples;
  } finally {
    await Promise.all([listener.end(), sender.end()]);
  }
}

export const replicatedBench: Bench = {
  name: 'replicated',
  async run(): Promise<BenchOutput> {
    const sales = sizeFromEnv('BENCH_REPL_SALES', { small: 200, default: 1_000 });
    const fresh = sizeFromEnv('BENCH_REPL_FRESH', { small: 50, default: 200 });
    const org = boutique({ piecesPerStore: sales + fresh + 100, clientsPerStore: 200, salesPerStore: 0 });
    const stream = saleStream(org, sales);
    const dir = tempDir('loupe-bench-repl-');
    const postgres = await startPostgres();
    try {
      // Decisions: the plain file first, then the replica (each on a fresh database).
      const plain = relayDatabase(org, dir.file('plain.db'));
      const onFile = decideOneByOne(plain, stream);
      plain.close();

      const url = await postgres.createDatabase();
      const replica = fillRelayDatabase(
        await ReplicatedDatabase.open(dir.file('replica.db'), url, { instance: 'A', follow: false }),
        org,
      );
      const roundTrips0 = replica.roundTrips;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const lastSeq = async () =>
        Number((await admin.query('SELECT coalesce(max(seq), 0) AS n FROM loupe_sql_log')).rows[0]?.n);
      const seq0 = await lastSeq();
      const onReplica = decideOneByOne(replica, stream);
      const roundTrips = (replica.roundTrips - roundTrips0) / sales;
      // What the decisions appended: entries, their statements, the bytes of the JSON and of its SQL text.
      const appended = (
        await admin.query(
          `SELECT count(DISTINCT seq) AS entries, count(*) AS statements,
                  sum(octet_length(i::text)) AS item_bytes, sum(octet_length(i->>'s')) AS sql_bytes,
                  (SELECT sum(octet_length(entry::text)) FROM loupe_sql_log WHERE seq > $1) AS bytes
           FROM loupe_sql_log, json_array_elements(entry->'items') AS i WHERE seq > $1`,
          [seq0],
        )
      ).rows[0] as Record<string, string>;
      const bytesPerSale = Number(appended.bytes) / sales;
      const statementsPerSale = Number(appended.statements) / sales;
      const sqlShare = Number(appended.sql_bytes) / Number(appended.item_bytes);
      if (Number(appended.entries) !== sales)
        throw new Error(`${appended.entries} log entries for ${sales} decisions`);
      await replica.closeReplica();

      // Freshness: A decides one sale at a time; B follows the log as a relay's replica does.
      const freshUrl = await postgres.createDatabase();
      const freshStream = saleStream(org, fresh, { dupEvery: fresh + 1, seed: 11 });
      const a = fillRelayDatabase(
        await ReplicatedDatabase.open(dir.file('fresh-a.db'), freshUrl, { instance: 'A', follow: false }),
        org,
      );
      const b = await ReplicatedDatabase.open(dir.file('fresh-b.db'), freshUrl, { instance: 'B' });
      const decider = new CommandDecider(a, { attribution: 'envelope' });
      const seen = b.prepare('SELECT 1 FROM commands WHERE id = ?');
      const lags: number[] = [];
      for (let i = 1; i <= freshStream.commands.length; i++) {
        const c = freshStream.commands[i - 1];
        if (!c) break;
        decider.decideOutbox(freshStream.device, freshStream.commands.slice(0, i));
        lags.push(await until(() => seen.get(c.id) !== undefined));
      }
      await Promise.all([a.closeReplica(), b.closeReplica()]);
      const floor = await notifyRoundTrips(url, fresh);
      await admin.end();

      const lag = summarize(lags);
      const lagP95 = p95(lags);
      const floorP50 = summarize(floor).p50;
      const floorP95 = p95(floor);
      const load = loadavg()[0]?.toFixed(2);
      return {
        title: 'Relay SQL state in PostgreSQL: decisions on a replica of the log, and its freshness',
        sizes: { sales, duplicates: stream.duplicates, freshness: fresh },
        metrics: [
          metric(
            'sale decisions per second, replica of the PostgreSQL log',
            onReplica.perSecond,
            '/s',
            onFile.perSecond,
          ),
          metric('per decision p50, replica', onReplica.p50, 'ms', onFile.p50),
          metric('per decision p95, replica', onReplica.p95, 'ms', onFile.p95),
          metric('PostgreSQL round trips per decision', roundTrips, ''),
          metric('log bytes per sale (entry JSON)', bytesPerSale, 'B'),
          metric('statements per sale in its log entry', statementsPerSale, ''),
          metric('share of the entry that is SQL text (repeated per statement)', sqlShare * 100, '%'),
          metric('freshness p50: decided on A, readable on B', lag.p50, 'ms', floorP50),
          metric('freshness p95: decided on A, readable on B', lagP95, 'ms', floorP95),
        ],
        goals: [
          goal(
            'a decision on one instance is readable on another, p95',
            '≤ 100 ms (issue 14)',
            fmt(lagP95, 'ms'),
            lagP95 <= 100,
          ),
          goal('PostgreSQL round trips per write transaction', '3 (replicated-db.ts)', fmt(roundTrips), null),
        ],
        notes: [
          'Baselines: decisions on a plain SQLite file with the relay’s pragmas (synchronous = FULL), one transaction per command as a till’s outbox arrives; for freshness, a NOTIFY heard on another connection.',
          'The replica runs synchronous = NORMAL (the log in PostgreSQL is what is durable); PostgreSQL here is a local test server with fsync off, so its commits cost no disk flush: on a production server add one WAL flush per decision.',
          `A and B share one Node process (B catches up on the event loop between A's decisions); every tenth sale of the decision series sells an already sold serial (rejected).`,
          `Load average (1 min) when the benchmark ended: ${load} on ${cpus().length} cpus (the machine is shared: compare ratios, not absolute rates).`,
        ],
      };
    } finally {
      await postgres.stop();
      dir.remove();
    }
  },
};
