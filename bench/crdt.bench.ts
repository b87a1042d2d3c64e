/**
 * Yjs vs Automerge on our record shapes: a boutique's client book (15k profiles) and its
 * catalog (6k pieces), each as one map of plain JSON records. Load time from the encoded
 * state, time to set one record's note on the loaded document, encoded size; ratio Automerge/Yjs.
 */
import * as Automerge from '@automerge/automerge';
import * as Y from 'yjs';
import { boutique } from './dataset.ts';
import {
  type Bench,
  type BenchOutput,
  fmt,
  goal,
  type Metric,
  median,
  metric,
  sizeFromEnv,
} from './stats.ts';

type Rec = Record<string, unknown>;
type Figures = { buildMs: number; loadMs: number; changeMs: number; changeBytes: number; bytes: number };

const loads = () => sizeFromEnv('BENCH_CRDT_LOADS', { small: 2, default: 3 });
/** Automerge loads take seconds at boutique size: one each unless asked for more. */
const amLoads = () => sizeFromEnv('BENCH_CRDT_AM_LOADS', { small: 1, default: 1 });
const changes = () => sizeFromEnv('BENCH_CRDT_CHANGES', { small: 10, default: 20 });

/** Yjs as we use it: a Y.Map of plain JSON values; a note change replaces the record. */
function yjs(records: ReadonlyMap<string, Rec>, field: string): Figures {
  const t0 = performance.now();
  const src = new Y.Doc();
  src.transact(() => {
    const map = src.getMap<Rec>('m');
    for (const [k, v] of records) map.set(k, v);
  });
  const update = Y.encodeStateAsUpdate(src);
  const buildMs = performance.now() - t0;
  src.destroy();
  const loadTimes: number[] = [];
  let doc = new Y.Doc();
  for (let i = 0; i < loads(); i++) {
    doc.destroy();
    doc = new Y.Doc();
    const t = performance.now();
    Y.applyUpdate(doc, update);
    loadTimes.push(performance.now() - t);
  }
  const map = doc.getMap<Rec>('m');
  if (map.size !== records.size) throw new Error(`yjs loaded ${map.size} of ${records.size}`);
  const keys = [...records.keys()];
  const changeTimes: number[] = [];
  const changeSizes: number[] = [];
  doc.on('update', (u: Uint8Array) => changeSizes.push(u.byteLength));
  for (let i = 0; i < changes(); i++) {
    const key = keys[(i * 7919) % keys.length] as string;
    const t = performance.now();
    map.set(key, { ...(map.get(key) as Rec), [field]: `Bench note ${i}` });
    changeTimes.push(performance.now() - t);
  }
  doc.destroy();
  return {
    buildMs,
    loadMs: median(loadTimes),
    changeMs: median(changeTimes),
    changeBytes: median(changeSizes),
    bytes: update.byteLength,
  };
}

/** Automerge's natural shape: a map of maps; a note change sets one field. */
function automerge(records: ReadonlyMap<string, Rec>, field: string): Figures {
  const t0 = performance.now();
  let src = Automerge.from<{ m: Record<string, Rec> }>({ m: {} });
  src = Automerge.change(src, (d) => {
    for (const [k, v] of records) d.m[k] = v;
  });
  const saved = Automerge.save(src);
  const buildMs = performance.now() - t0;
  const loadTimes: number[] = [];
  let doc = src;
  for (let i = 0; i < amLoads(); i++) {
    const t = performance.now();
    doc = Automerge.load<{ m: Record<string, Rec> }>(saved);
    loadTimes.push(performance.now() - t);
  }
  if (Object.keys(doc.m).length !== records.size) throw new Error('automerge did not load every record');
  const keys = [...records.keys()];
  const changeTimes: number[] = [];
  const changeSizes: number[] = [];
  for (let i = 0; i < changes(); i++) {
    const key = keys[(i * 7919) % keys.length] as string;
    const t = performance.now();
    doc = Automerge.change(doc, (d) => {
      const r = d.m[key];
      if (r) r[field] = `Bench note ${i}`;
    });
    changeTimes.push(performance.now() - t);
    changeSizes.push(Automerge.getLastLocalChange(doc)?.byteLength ?? 0);
  }
  return {
    buildMs,
    loadMs: median(loadTimes),
    changeMs: median(changeTimes),
    changeBytes: median(changeSizes),
    bytes: saved.byteLength,
  };
}

function compare(label: string, y: Figures, a: Figures): Metric[] {
  return [
    metric(`${label}: load, Automerge.load vs Y.applyUpdate`, a.loadMs, 'ms', y.loadMs),
    metric(`${label}: set one note, Automerge vs Yjs`, a.changeMs, 'ms', y.changeMs),
    metric(`${label}: encoded size, Automerge vs Yjs`, a.bytes / 1024, 'KiB', y.bytes / 1024),
    metric(`${label}: change size, Automerge vs Yjs`, a.changeBytes, 'B', y.changeBytes),
    metric(`${label}: build+encode, Automerge vs Yjs`, a.buildMs, 'ms', y.buildMs),
    metric(`${label}: Yjs load`, y.loadMs, 'ms'),
    metric(`${label}: Yjs set one note`, y.changeMs, 'ms'),
  ];
}

export const crdtBench: Bench = {
  name: 'crdt',
  async run(): Promise<BenchOutput> {
    const clientCount = sizeFromEnv('BENCH_CLIENTS', { small: 3_000, default: 15_000 });
    const pieceCount = sizeFromEnv('BENCH_CRDT_PIECES', { small: 1_200, default: 6_000 });
    const org = boutique({ clientsPerStore: clientCount, piecesPerStore: pieceCount, salesPerStore: 0 });
    // Through JSON, as records arrive from a device: no undefined, no class instances.
    const clients = new Map(org.clients.map((c) => [c.id as string, JSON.parse(JSON.stringify(c)) as Rec]));
    const pieces = new Map(
      org.pieces.map((p) => [p.record.serial as string, JSON.parse(JSON.stringify(p.record)) as Rec]),
    );
    const yc = yjs(clients, 'notes');
    const ac = automerge(clients, 'notes');
    const yp = yjs(pieces, 'sourcing');
    const ap = automerge(pieces, 'sourcing');
    const loadRatio = ac.loadMs / yc.loadMs;
    const changeRatio = ac.changeMs / yc.changeMs;
    return {
      title: 'Yjs vs Automerge on the client book and the catalog',
      sizes: {
        clients: clients.size,
        pieces: pieces.size,
        yjsLoads: loads(),
        automergeLoads: amLoads(),
        changes: changes(),
      },
      metrics: [
        ...compare(`clients ${fmt(clients.size)}`, yc, ac),
        ...compare(`pieces ${fmt(pieces.size)}`, yp, ap),
      ],
      goals: [
        goal('Automerge/Yjs load, client book', 'reported', `${fmt(loadRatio)}×`, null),
        goal('Automerge/Yjs small change, client book', 'reported', `${fmt(changeRatio)}×`, null),
      ],
      notes: [
        'Ratio column = Automerge / Yjs (value / baseline): above 1 means Automerge is slower or larger.',
        "Yjs: one Y.Map of plain JSON records (our documents' shape); changing a note replaces the record. Automerge: a map of maps (its natural shape); changing a note sets one field. Strings are Automerge's default (collaborative text) type.",
        `Building the Automerge client book (one change creating ${fmt(clients.size)} nested records) took ${fmt(ac.buildMs / 1000)} s, most of this benchmark's time; BENCH_CLIENTS scales it down. Automerge is loaded ${amLoads()} time(s), Yjs ${loads()}.`,
        'Load = Y.applyUpdate of Y.encodeStateAsUpdate into a fresh Y.Doc vs Automerge.load of Automerge.save; medians of the loads and changes counted in sizes. Both documents hold one change creating every record (no edit history).',
      ],
    };
  },
};
