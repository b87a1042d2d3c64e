/**
 * Relay-written documents across relay instances (XINST-*, decision 0023; REPL-*, decision 0026):
 * two relay processes (`scripts/start.ts`, as `npm start` runs them) and one real Redis, run on
 * both storages: one SQLite file both open, and one PostgreSQL (each instance a replica of the SQL
 * log). A till connected to instance B sells one piece at a time; B's validator decides and writes
 * the outcome into `ledger/<store>/<month>`, the piece into `stock/<store>` and the day's figures
 * into `report/chain`. Timed from the append in the till's outbox to the outcome (and the sold
 * piece) on a device connected to instance A, and to the owner's figures on A (issue 14: ≤ 2 s);
 * in the same run, the same outcome on a device connected to B (one instance, no Redis hop) and a
 * plain Redis pub/sub round trip as baselines.
 *
 * Two series: back to back (each sale as soon as the previous one is seen), and spaced (a sale
 * every few seconds, longer than the relay's store debounce: a quiet store, where the documents
 * the validator writes would have been stored and unloaded between sales).
 */
import { mkdirSync } from 'node:fs';
import { Redis } from 'ioredis';
import type * as Y from 'yjs';
import { uuidv7 } from '../domain/ids.ts';
import { localDay } from '../domain/report.ts';
import { startRedis } from '../scripts/test-services.ts';
import { postgresStorage, sqliteStorage } from '../sync/server/test-storages.ts';
import { saleEnvelope } from '../sync/server/test-utils.ts';
import { startRelay } from '../sync/server/validator/index.ts';
import {
  freePort,
  kill,
  type RelayProcess,
  startRelayProcess,
} from '../sync/server/validator/relay-process.ts';
import { connectDevice, type Device } from '../sync/shared/device-client.ts';
import { CHAIN_REPORT_DOC, names } from '../sync/shared/doc-names.ts';
import { outcomes } from '../sync/shared/docs/ledger.ts';
import { dayKey, reportDays } from '../sync/shared/docs/report.ts';
import { readStock } from '../sync/shared/docs/stock.ts';
import { tempDir } from './dataset.ts';
import {
  type Bench,
  type BenchOutput,
  fmt,
  type Goal,
  goal,
  type Metric,
  metric,
  percentile,
  sizeFromEnv,
} from './stats.ts';

/** p50/p95/max of a series (stats.ts' summary has no p95). */
type Summary = { p50: number; p95: number; max: number };
function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] ?? Number.NaN };
}

const PASSWORD = 'bench-cross-instance';
type Session = { token: string; device: string; user: { id: string } };
type Piece = { serial: string; minor: number; currency: string };

async function login(url: string, user: string): Promise<Session> {
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user, password: PASSWORD, device: uuidv7() }),
  });
  if (res.status !== 200) throw new Error(`login ${user}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Session;
}

/** Resolves with the time `done()` first holds after a change of `doc` (or now). */
function whenSeen(doc: Y.Doc, done: () => boolean, what: string, timeoutMs = 20_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!done()) return;
      const t = performance.now();
      clearTimeout(timer);
      doc.off('update', check);
      resolve(t);
    };
    const timer = setTimeout(() => {
      doc.off('update', check);
      reject(new Error(`${what} not seen within ${timeoutMs} ms`));
    }, timeoutMs);
    doc.on('update', check);
    check();
  });
}

type Series = { remote: number[]; local: number[]; stock: number[]; report: number[] };

type Storage = 'sqlite' | 'postgres';

async function crossInstance(
  which: Storage,
  sizes: { backToBack: number; warmup: number; spaced: number; gapMs: number; reported: number },
) {
  const { backToBack, warmup, spaced, gapMs, reported } = sizes;
  const dir = tempDir('loupe-bench-xinst-');
  mkdirSync(dir.file('no-client-build'), { recursive: true });
  const storage = which === 'postgres' ? postgresStorage() : sqliteStorage();
  await storage.setUp(dir.path);
  const redis = await startRedis();
  const processes: RelayProcess[] = [];
  const devices: Device[] = [];
  try {
    // The demo, with enough pieces for every sale, seeded once (into the file, or into the
    // PostgreSQL log through A's replica); then both instances start on it.
    const extra = await storage.relayOptions();
    const seeder = await startRelay({
      port: 0,
      host: '127.0.0.1',
      dbPath: storage.dbPath('A'),
      staticDir: dir.file('no-client-build'),
      ...extra.options,
      // Some generated pieces are reserved, consigned or sold: two and a half times covers them.
      seedDemo: {
        password: PASSWORD,
        piecesPerStore: Math.ceil((warmup + backToBack + spaced + reported) * 2.5) + 20,
        clientsPerStore: 20,
      },
      demoHistory: false,
    });
    const demo = seeder.demo;
    const store = demo?.stores[0]?.id;
    if (!demo || !store) throw new Error('no demo store');
    const pieces = seeder.db
      .prepare(
        "SELECT serial, list_price_minor AS minor, currency FROM pieces WHERE store = ? AND status = 'in-stock' ORDER BY serial",
      )
      .all(store) as Piece[];
    const rule = seeder.db
      .prepare('SELECT tax_rate_bp AS bp, tax_inclusive AS inc, time_zone AS tz FROM stores WHERE id = ?')
      .get(store) as { bp: number; inc: number; tz: string };
    const tax = { basisPoints: Number(rule.bp), inclusive: Number(rule.inc) === 1 };
    await seeder.destroy();
    await extra.close();
    const staff = (role: string) => demo.users.find((u) => u.role === role && u.stores.includes(store));
    const [manager, associate] = [staff('manager'), staff('associate')];
    const owner = demo.users.find((u) => u.role === 'owner');
    if (!manager || !associate || !owner)
      throw new Error('the demo store has no manager, associate or owner');

    const [portA, portB] = [await freePort(), await freePort()];
    const env = { REDIS_URL: redis.url, ...storage.env() };
    processes.push(await startRelayProcess(portA, storage.dbPath('A'), PASSWORD, env));
    processes.push(await startRelayProcess(portB, storage.dbPath('B'), PASSWORD, env));
    const http = (port: number) => `http://127.0.0.1:${port}`;
    const ws = (port: number) => `ws://127.0.0.1:${port}`;

    const tillSession = await login(http(portB), manager.login);
    const onA = await login(http(portA), associate.login);
    const onB = await login(http(portB), associate.login);
    const ownerOnA = await login(http(portA), owner.login);
    const till = connectDevice({ url: ws(portB), token: tillSession.token, deviceId: tillSession.device });
    const watchA = connectDevice({ url: ws(portA), token: onA.token, deviceId: onA.device });
    const watchB = connectDevice({ url: ws(portB), token: onB.token, deviceId: onB.device });
    const ownerDevice = connectDevice({ url: ws(portA), token: ownerOnA.token, deviceId: ownerOnA.device });
    devices.push(till, watchA, watchB, ownerDevice);
    // The till holds what a till holds: its outbox, the store's stock and this month's ledger.
    const month = (at: string) => names.ledger(store, at);
    const now = new Date().toISOString();
    const docs = [
      till.open(names.outbox(tillSession.device)),
      till.open(names.stock(store)),
      till.open(month(now)),
    ];
    const ledgerA = watchA.open(month(now));
    const stockA = watchA.open(names.stock(store));
    const ledgerB = watchB.open(month(now));
    // The owner's dashboard: the chain's report document, on the other instance.
    const chainReport = ownerDevice.open(CHAIN_REPORT_DOC);
    await Promise.all([...docs, ledgerA, stockA, ledgerB, chainReport].map((d) => d.synced));
    const soldToday = () =>
      reportDays(chainReport.doc).get(dayKey(store, localDay(new Date(), rule.tz)))?.sales ?? 0;

    let next = 0;
    const sell = async (
      withReport: boolean,
    ): Promise<{ remote: number; local: number; stock: number; report: number }> => {
      const piece = pieces[next++];
      if (!piece) throw new Error(`out of pieces (${pieces.length} in stock)`);
      const at = new Date().toISOString();
      if (month(at) !== ledgerA.name) throw new Error('the month changed during the benchmark; run it again');
      const command = saleEnvelope(tillSession, store, piece, at, tax);
      const before = soldToday();
      const remote = whenSeen(ledgerA.doc, () => outcomes(ledgerA.doc).has(command.id), 'outcome on A');
      const local = whenSeen(ledgerB.doc, () => outcomes(ledgerB.doc).has(command.id), 'outcome on B');
      const sold = whenSeen(
        stockA.doc,
        () => readStock(stockA.doc).get(piece.serial)?.status === 'sold',
        'sold piece on A',
      );
      const report = withReport
        ? whenSeen(chainReport.doc, () => soldToday() > before, "the sale in the owner's report on A")
        : Promise.resolve(Number.NaN);
      const t0 = performance.now();
      till.append(command);
      const [r, l, s, o] = await Promise.all([remote, local, sold, report]);
      const status = outcomes(ledgerA.doc).get(command.id)?.status;
      if (status !== 'accepted')
        throw new Error(
          `sale ${command.id} was ${status}: ${JSON.stringify(outcomes(ledgerA.doc).get(command.id))}`,
        );
      return { remote: r - t0, local: l - t0, stock: s - t0, report: o - t0 };
    };
    const run = async (n: number, skip: number, gap: number, withReport = false): Promise<Series> => {
      const series: Series = { remote: [], local: [], stock: [], report: [] };
      for (let i = 0; i < skip + n; i++) {
        if (gap > 0) await new Promise((r) => setTimeout(r, gap));
        const t = await sell(withReport);
        if (i < skip) continue;
        series.remote.push(t.remote);
        series.local.push(t.local);
        series.stock.push(t.stock);
        series.report.push(t.report);
      }
      return series;
    };
    const burst = await run(backToBack, warmup, 0);
    const quiet = await run(spaced, 0, gapMs, true);
    // The owner's figures: sales a little apart (the publisher writes at most every 250 ms).
    const owners = await run(reported, 0, 50, true);
    return { burst, quiet, owners, pieces: pieces.length };
  } finally {
    await Promise.all(devices.map((d) => d.close()));
    for (const p of processes) await kill(p);
    await redis.stop();
    await storage.tearDown();
    dir.remove();
  }
}

/** A Redis pub/sub round trip: publish on one connection, the subscriber answers on another. */
async function redisRoundTrip(rounds: number, warmup: number): Promise<Summary> {
  const redis = await startRedis();
  const [pub, sub, back, backSub] = [0, 1, 2, 3].map(() => new Redis(redis.port, redis.host));
  try {
    if (!pub || !sub || !back || !backSub) throw new Error('no redis clients');
    await sub.subscribe('ping');
    await backSub.subscribe('pong');
    sub.on('messageBuffer', (_channel: Buffer, data: Buffer) => void back.publish('pong', data));
    const samples: number[] = [];
    const payload = Buffer.alloc(300, 7);
    for (let i = 0; i < warmup + rounds; i++) {
      const arrived = new Promise<number>((resolve) =>
        backSub.once('messageBuffer', () => resolve(performance.now())),
      );
      const t0 = performance.now();
      await pub.publish('ping', payload);
      const t1 = await arrived;
      if (i >= warmup) samples.push(t1 - t0);
    }
    return summarize(samples);
  } finally {
    for (const c of [pub, sub, back, backSub]) c?.disconnect();
    await redis.stop();
  }
}

const STORAGES: readonly { which: Storage; label: string }[] = [
  { which: 'sqlite', label: 'one SQLite file' },
  { which: 'postgres', label: 'PostgreSQL' },
];

export const crossInstanceBench: Bench = {
  name: 'cross-instance',
  async run(): Promise<BenchOutput> {
    const backToBack = sizeFromEnv('BENCH_XINST_SALES', { small: 60, default: 200 });
    const spaced = sizeFromEnv('BENCH_XINST_SPACED', { small: 5, default: 15 });
    const gapMs = sizeFromEnv('BENCH_XINST_GAP_MS', { small: 5_000, default: 5_000 });
    const reported = sizeFromEnv('BENCH_XINST_REPORTED', { small: 10, default: 40 });
    const warmup = 20;
    const metrics: Metric[] = [];
    const goals: Goal[] = [];
    const notes: string[] = [];
    const p95 = (s: Summary) => s.p95;
    const rtt = await redisRoundTrip(backToBack, warmup);
    let pieces = 0;
    for (const { which, label } of STORAGES) {
      const run = await crossInstance(which, { backToBack, warmup, spaced, gapMs, reported });
      pieces = run.pieces;
      const { burst, quiet, owners } = run;
      const [remote, local, stock] = [
        summarize(burst.remote),
        summarize(burst.local),
        summarize(burst.stock),
      ];
      const [qRemote, qLocal] = [summarize(quiet.remote), summarize(quiet.local)];
      const report = summarize([...quiet.report, ...owners.report]);
      const at = (what: string) => `${label}: ${what}`;
      metrics.push(
        metric(at('outcome on A (other instance) p50'), remote.p50, 'ms', local.p50),
        metric(at('outcome on A (other instance) p95'), p95(remote), 'ms', p95(local)),
        metric(at('outcome on A (other instance) max'), remote.max, 'ms', local.max),
        metric(at('sold piece in stock on A p95'), p95(stock), 'ms', p95(local)),
        metric(at('outcome on B (same instance) p50 (baseline)'), local.p50, 'ms'),
        metric(at('outcome on B (same instance) p95 (baseline)'), p95(local), 'ms'),
        metric(at('quiet store: outcome on A p50'), qRemote.p50, 'ms', qLocal.p50),
        metric(at('quiet store: outcome on A p95'), p95(qRemote), 'ms', p95(qLocal)),
        metric(at('quiet store: outcome on B p95 (baseline)'), p95(qLocal), 'ms'),
        metric(at("sale → owner's report/chain on A p50"), report.p50, 'ms'),
        metric(at("sale → owner's report/chain on A p95"), p95(report), 'ms'),
        metric(at("sale → owner's report/chain on A max"), report.max, 'ms'),
      );
      goals.push(
        goal(
          at('outcome on the other instance p95'),
          '≤ 100 ms',
          `${fmt(p95(remote))} ms`,
          p95(remote) <= 100,
        ),
        goal(
          at('quiet store: outcome on the other instance p95'),
          '≤ 100 ms',
          `${fmt(p95(qRemote))} ms`,
          p95(qRemote) <= 100,
        ),
        goal(
          at('cost of the second instance (A p95 − B p95)'),
          '≤ 2 Redis round trips p95',
          `${fmt(p95(remote) - p95(local))} ms`,
          p95(remote) - p95(local) <= 2 * p95(rtt),
        ),
        goal(
          at("sale in a store → owner's figures on another instance p95"),
          '≤ 2,000 ms',
          `${fmt(p95(report))} ms`,
          p95(report) <= 2_000,
        ),
      );
      notes.push(
        `${label}, quiet store, each sale in order (ms, on A): ${quiet.remote.map((t) => Math.round(t)).join(', ')}.`,
      );
    }
    metrics.push(
      metric('Redis pub/sub round trip p50 (baseline)', rtt.p50, 'ms'),
      metric('Redis pub/sub round trip p95 (baseline)', p95(rtt), 'ms'),
    );
    return {
      title: 'Relay-written documents across instances: till on B sells, devices and the owner on A see it',
      sizes: { sales: backToBack, warmup, spaced, gapMs, reported, piecesInStore: pieces },
      metrics,
      goals,
      notes: [
        'Two relay processes (scripts/start.ts with REDIS_URL, LOUPE_AUTOBUILD=0) and one Redis (scripts/test-services.ts), on 127.0.0.1, run twice: on one temp SQLite file both open, and on one PostgreSQL (DATABASE_URL: documents and the SQL log there, each instance its own replica file, REPL-*). The demo (2 stores) seeded once beforehand with enough pieces, no demo history.',
        "The till (manager, connected to B) holds its outbox, stock/<store> and this month's ledger; a device on A holds the ledger and stock; a device on B holds the ledger; the owner, on A, holds report/chain (the dashboard's live figures). The devices run in the benchmark's process, the relays in their own.",
        `Each sale is one card sale of one in-stock piece at list price; timed from the append in the till's outbox to the outcome in the watcher's copy of ledger/<store>/<month>. Back to back: the next sale starts once all three are seen, the first ${warmup} not counted. Quiet store: one sale every ${gapMs} ms (longer than the 2 s store debounce).`,
        `Owner's figures: timed until the day's sales count for the store goes up in the owner's report/chain on A (B decides and publishes, at most every 250 ms; the document reaches A through Redis): the quiet store's sales and ${reported} more, 50 ms apart.`,
        'Baseline: a 300-byte Redis publish answered by a subscriber on another connection (pub/sub round trip), on its own Redis, same number of rounds.',
        ...notes,
      ],
    };
  },
};
