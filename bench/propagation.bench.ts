/**
 * Edit propagation through a real relay (with its validator, audit and persistence): device A
 * sets a note on one client of `clients/<store>`, device B sees it; one edit at a time. Baseline
 * in the same run: a raw websocket echo round trip on loopback with a payload of the same size.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { WebSocket, WebSocketServer } from 'ws';
import type * as Y from 'yjs';
import { uuidv7 } from '../domain/ids.ts';
import { startRelay } from '../sync/server/validator/index.ts';
import { connectDevice } from '../sync/shared/device-client.ts';
import { names } from '../sync/shared/doc-names.ts';
import {
  clientBook,
  parseClientRecord,
  type StoredClient,
  setClientNotes,
} from '../sync/shared/docs/clients.ts';
import { tempDir } from './dataset.ts';
import { type Bench, type BenchOutput, fmt, goal, metric, sizeFromEnv, summarize } from './stats.ts';

const PASSWORD = 'bench-secret';

async function login(url: string, user: string): Promise<{ token: string; device: string }> {
  const device = uuidv7();
  const res = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user, password: PASSWORD, device }),
  });
  if (res.status !== 200) throw new Error(`login ${user}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string; device?: string };
  return { token: body.token, device: body.device ?? device };
}

/** Resolves when `book` holds `id` with `notes`, measured from the moment A wrote it. */
function seen(book: Y.Map<StoredClient>, id: string, notes: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      book.unobserveDeep(check);
      reject(new Error(`edit "${notes}" not seen within 5 s`));
    }, 5_000);
    function check() {
      if (parseClientRecord(book.get(id))?.notes !== notes) return;
      const t = performance.now();
      clearTimeout(timer);
      book.unobserveDeep(check);
      resolve(t);
    }
    book.observeDeep(check);
  });
}

async function propagation(edits: number, warmup: number) {
  const dir = tempDir('loupe-bench-relay-');
  mkdirSync(dir.file('no-client-build'), { recursive: true });
  const relay = await startRelay({
    port: 0,
    host: '127.0.0.1',
    dbPath: dir.file('loupe.db'),
    staticDir: dir.file('no-client-build'),
    seedDemo: { password: PASSWORD },
  });
  const devices: Array<{ close(): void }> = [];
  try {
    const store = relay.demo?.stores[0];
    const associates =
      relay.demo?.users.filter((u) => u.role === 'associate' && u.stores[0] === store?.id) ?? [];
    const [ua, ub] = associates;
    if (!store || !ua || !ub) throw new Error('the demo has no two associates in its first store');
    const sa = await login(relay.url, ua.login);
    const sb = await login(relay.url, ub.login);
    const a = connectDevice({ url: relay.wsUrl, token: sa.token, deviceId: sa.device });
    const b = connectDevice({ url: relay.wsUrl, token: sb.token, deviceId: sb.device });
    devices.push(a, b);
    const docA = a.open(names.clients(store.id));
    const docB = b.open(names.clients(store.id));
    await Promise.all([docA.synced, docB.synced]);
    const bookA = clientBook(docA.doc);
    const bookB = clientBook(docB.doc);
    const ids = [...bookA.keys()].sort();
    if (ids.length === 0) throw new Error('no clients in the demo store');
    const sizes: number[] = [];
    docA.doc.on('update', (u: Uint8Array) => sizes.push(u.byteLength));
    const samples: number[] = [];
    for (let i = 0; i < warmup + edits; i++) {
      const id = ids[i % ids.length] as string;
      if (!bookA.has(id)) throw new Error(`client ${id} vanished`);
      const notes = `Bench edit ${i}: prefers the east window.`;
      const arrived = seen(bookB, id, notes);
      const t0 = performance.now();
      // The notes are a Y.Text: the update carries the changed characters only.
      const written = setClientNotes(docA.doc, id, notes);
      if (!written.ok) throw new Error(`client ${id}: ${JSON.stringify(written.error)}`);
      const t1 = await arrived;
      if (i >= warmup) samples.push(t1 - t0);
    }
    return { stats: summarize(samples), updateBytes: summarize(sizes).p50, clients: ids.length };
  } finally {
    for (const d of devices) d.close();
    await relay.destroy();
    dir.remove();
  }
}

async function wsEcho(rounds: number, warmup: number, bytes: number) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  server.on('connection', (s) => s.on('message', (data, isBinary) => s.send(data, { binary: isBinary })));
  const { port } = server.address() as AddressInfo;
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise<void>((resolve, reject) => {
    client.once('open', () => resolve());
    client.once('error', reject);
  });
  const payload = new Uint8Array(bytes).fill(7);
  const samples: number[] = [];
  try {
    for (let i = 0; i < warmup + rounds; i++) {
      const back = new Promise<number>((resolve) => client.once('message', () => resolve(performance.now())));
      const t0 = performance.now();
      client.send(payload);
      const t1 = await back;
      if (i >= warmup) samples.push(t1 - t0);
    }
  } finally {
    client.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return summarize(samples);
}

export const propagationBench: Bench = {
  name: 'propagation',
  async run(): Promise<BenchOutput> {
    const edits = sizeFromEnv('BENCH_EDITS', { small: 100, default: 500 });
    const warmup = Math.min(50, Math.ceil(edits / 10));
    const prop = await propagation(edits, warmup);
    const bytes = Math.max(1, Math.round(prop.updateBytes));
    const echo = await wsEcho(edits, warmup, bytes);
    const p = prop.stats;
    return {
      title: 'Edit propagation A → relay → B (clients/<store>)',
      sizes: { edits, warmup, clientsInDoc: prop.clients, updateBytesP50: bytes },
      metrics: [
        metric('propagation p50', p.p50, 'ms', echo.p50),
        metric('propagation p90', p.p90, 'ms', echo.p90),
        metric('propagation p99', p.p99, 'ms', echo.p99),
        metric('propagation max', p.max, 'ms', echo.max),
        metric('ws echo RTT p50 (baseline)', echo.p50, 'ms'),
        metric('ws echo RTT p99 (baseline)', echo.p99, 'ms'),
      ],
      goals: [
        goal('propagation p50 vs ws RTT p50', '≤ 15×', `${fmt(p.p50 / echo.p50)}×`, p.p50 <= 15 * echo.p50),
        goal('propagation p99', '≤ 3 ms', `${fmt(p.p99)} ms`, p.p99 <= 3),
      ],
      notes: [
        'A real relay (startRelay: auth, guard, persistence, audit, validator) on 127.0.0.1 port 0 with the demo seed on a temp SQLite file; two associates of the same store log in over the HTTP API and connect with connectDevice.',
        "Each edit replaces one client's record in the Y.Map with a new note (the record is a plain JSON value); B's observer stamps the arrival. Edits are sequential; the first ones are warm-up and not counted.",
        `Baseline: a ws server echoing ${bytes}-byte binary messages (the median size of A's Yjs updates) on loopback, same process, same number of rounds.`,
        'Both ends and the relay share one Node process and event loop, as in the tests; on a real network add the RTT.',
        "The relay's projections of the client book (client directory, chain-wide search) run after the edit is forwarded, one pass per burst once the edits pause (PERF-1, docs/decisions/0022); the benchmark's edits never pause, so a pass runs at most every 300 ms and can land inside a measured edit.",
        `Load average (1 min) when the benchmark ended: ${loadavg()[0]?.toFixed(2)} on ${cpus().length} cpus (the machine is shared: compare ratios, not absolute times).`,
      ],
    };
  },
};
