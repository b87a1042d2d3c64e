/**
 * SCALE-*: two relay instances, each with its validator (`startRelay`), on one SQLite file and one
 * real Redis. Devices on different instances see each other's edits; a piece sold on both
 * instances at once is sold exactly once, and both tills see both outcomes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { DirectConnection } from '@hocuspocus/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { uuidv7 } from '../../domain/ids.ts';
import { type RedisService, startRedis } from '../../scripts/test-services.ts';
import { connectDevice, type Device } from '../shared/device-client.ts';
import { names } from '../shared/doc-names.ts';
import { type AuditEntry, appendAudit, auditEntries } from '../shared/docs/audit.ts';
import { readClient, writeClient } from '../shared/docs/clients.ts';
import { outcomes } from '../shared/docs/ledger.ts';
import type { CommandEnvelope } from '../shared/docs/outbox.ts';
import { appendCommand } from '../shared/docs/outbox.ts';
import { readStock } from '../shared/docs/stock.ts';
import { releaseWarmDocuments, warmDocumentCount, writeRelayDoc } from './relay-writes.ts';
import type { DemoSummary } from './seed/demo.ts';
import { post, saleEnvelope } from './test-utils.ts';
import type { Decision } from './validator/decider.ts';
import { startRelay, type ValidatingRelay } from './validator/index.ts';

const PASSWORD = 'scale-out-secret';
const dir = mkdtempSync(join(tmpdir(), 'loupe-scale-'));
const dbPath = join(dir, 'loupe.db');
let redis: RedisService;
const relays: ValidatingRelay[] = [];
const devices: Device[] = [];
const direct: DirectConnection[] = [];
/** Which instance decided which command (from each validator's `onDecided`). */
const decidedBy: Array<{ instance: 'A' | 'B'; id: string; status: string; code?: string }> = [];
const errors: string[] = [];
let A: ValidatingRelay;
let B: ValidatingRelay;
let demo: DemoSummary;

async function instance(name: 'A' | 'B'): Promise<ValidatingRelay> {
  const relay = await startRelay({
    port: 0,
    host: '127.0.0.1',
    dbPath,
    staticDir: join(dir, 'no-client-build'),
    seedDemo: { password: PASSWORD, piecesPerStore: 20, clientsPerStore: 20 },
    debounce: 50,
    redis: redis.url,
    validator: {
      onDecided: (ds: readonly Decision[]) => {
        for (const d of ds)
          decidedBy.push({ instance: name, id: d.id, status: d.status, ...(d.code ? { code: d.code } : {}) });
      },
    },
    // No demo history: this test decides its own commands only.
    demoHistory: false,
  });
  relays.push(relay);
  return relay;
}

async function session(relay: ValidatingRelay, role: string, storeIndex = 0) {
  const store = demo.stores[storeIndex]?.id;
  const user = demo.users.find((u) => u.role === role && store && u.stores.includes(store));
  if (!user || !store) throw new Error(`no demo ${role} at store ${storeIndex}`);
  const res = await post(relay, '/api/login', { user: user.login, password: PASSWORD, device: uuidv7() });
  if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  const body = res.body as { token: string; device: string; user: { id: string } };
  return { ...body, store };
}

function connect(relay: ValidatingRelay, s: { token: string; device: string }): Device {
  const device = connectDevice({ url: relay.wsUrl, token: s.token, deviceId: s.device });
  devices.push(device);
  return device;
}

function readDb<T>(sql: string, ...args: string[]): T[] {
  const db = new DatabaseSync(dbPath, { readOnly: true });
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  redis = await startRedis();
  const original = console.error;
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
    original(...args);
  });
  A = await instance('A');
  if (!A.demo) throw new Error('instance A should have seeded the demo');
  demo = A.demo;
  B = await instance('B');
}, 120_000);

afterAll(async () => {
  for (const d of devices.splice(0)) d.close();
  for (const c of direct.splice(0)) await c.disconnect().catch(() => {});
  for (const r of relays.splice(0)) await r.destroy().catch(() => {});
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
}, 60_000);

describe('two relay instances behind Redis', () => {
  it('SCALE-1: the second instance starts on the seeded file without seeding again', () => {
    expect(B.demo).toBeUndefined();
    expect(readDb<{ n: number }>('SELECT count(*) AS n FROM stores')[0]?.n).toBe(demo.stores.length);
  });

  it('SCALE-2: a client edited by a device on instance A is seen by a device on instance B, and back', async () => {
    const onA = connect(A, await session(A, 'associate'));
    const bSession = await session(B, 'manager');
    const onB = connect(B, bSession);
    const store = bSession.store;
    const [a, b] = [onA.open(names.clients(store)), onB.open(names.clients(store))];
    await Promise.all([a.synced, b.synced]);
    const id = [...a.doc.getMap('clients').keys()][0] as string;
    const before = readClient(a.doc, id);
    if (!before) throw new Error('demo client missing');
    writeClient(a.doc, { ...before, notes: 'Engagement ring, size 52 (from instance A)' });
    await expect
      .poll(() => readClient(b.doc, id)?.notes, { timeout: 15_000 })
      .toBe('Engagement ring, size 52 (from instance A)');
    const seen = readClient(b.doc, id);
    if (!seen) throw new Error('client vanished');
    writeClient(b.doc, { ...seen, notes: `${seen.notes}; answered on B` });
    await expect
      .poll(() => readClient(a.doc, id)?.notes, { timeout: 15_000 })
      .toBe('Engagement ring, size 52 (from instance A); answered on B');
  }, 60_000);

  it('XINST-3: a relay write on A that is stored and unloaded at once reaches a device on B, without the Redis hand-over wait', async () => {
    // The second store: no other test writes its audit log, so neither instance holds it.
    const s = await session(B, 'manager', 1);
    const onB = connect(B, s);
    const name = names.audit(s.store);
    const audit = onB.open(name);
    await audit.synced;
    const entry: AuditEntry = {
      id: `xinst-3:${uuidv7()}`,
      at: new Date().toISOString(),
      user: s.user.id,
      userName: 'XINST-3',
      device: 'relay',
      document: name,
      changes: { test: ['written on A'] },
    };
    const t0 = performance.now();
    // Not kept warm: stored before the promise resolves, then A lets the document go.
    await writeRelayDoc(A.hocuspocus, name, 'xinst-3', (doc) => appendAudit(doc, [entry]));
    const took = performance.now() - t0;
    // The Redis extension's own hand-over waited 1 s after the store and 1 s before the unload
    // (2 s at least); the update itself now travels at once, so only a short grace remains.
    expect(took).toBeLessThan(1_000);
    await expect
      .poll(
        () =>
          auditEntries(audit.doc)
            .toArray()
            .some((e) => e.id === entry.id),
        { timeout: 5_000 },
      )
      .toBe(true);
    // A unloads its copy (nobody holds it there); B's device still has the entry, and so does the store.
    await expect.poll(() => A.hocuspocus.documents.has(name), { timeout: 5_000 }).toBe(false);
    expect(
      auditEntries(audit.doc)
        .toArray()
        .filter((e) => e.id === entry.id),
    ).toHaveLength(1);
    onB.close();
  }, 60_000);

  it('XINST-4: documents the validator writes stay loaded on the deciding instance after their store, until released', async () => {
    const s = await session(A, 'manager', 1);
    const name = names.finance(s.store);
    let writes = 0;
    await writeRelayDoc(A.hocuspocus, name, 'xinst-4', () => void writes++, { keepWarm: true });
    await writeRelayDoc(A.hocuspocus, name, 'xinst-4', () => void writes++, { keepWarm: true });
    expect(writes).toBe(2);
    // Well past the store debounce (50 ms here) with no device on it: still loaded, held once.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(A.hocuspocus.documents.has(name)).toBe(true);
    expect(A.hocuspocus.documents.get(name)?.getConnectionsCount()).toBe(1);
    expect(warmDocumentCount(A.hocuspocus)).toBeGreaterThan(0);
    // Released (as the relay does before shutting down): stored and unloaded.
    await releaseWarmDocuments(A.hocuspocus, { close: false });
    expect(warmDocumentCount(A.hocuspocus)).toBe(0);
    await expect.poll(() => A.hocuspocus.documents.has(name), { timeout: 5_000 }).toBe(false);
  }, 60_000);

  it('SCALE-3 (VAL-1, VAL-7): the same piece sold on both instances at once: exactly one sale accepted, both tills see both outcomes', async () => {
    const [sA, sB] = [await session(A, 'associate'), await session(B, 'manager')];
    const store = sA.store;
    const [piece] = readDb<{ serial: string; minor: number; currency: string }>(
      "SELECT serial, list_price_minor AS minor, currency FROM pieces WHERE store = ? AND status = 'in-stock' LIMIT 1",
      store,
    );
    if (!piece) throw new Error('no piece in stock');
    const at = new Date().toISOString();
    const [rule] = readDb<{ basisPoints: number; inclusive: number }>(
      'SELECT tax_rate_bp AS basisPoints, tax_inclusive AS inclusive FROM stores WHERE id = ?',
      store,
    );
    const tax = {
      basisPoints: Number(rule?.basisPoints ?? 0),
      inclusive: Number(rule?.inclusive ?? 0) === 1,
    };
    const sale = (s: typeof sA) => saleEnvelope(s, store, piece, at, tax);
    // Each instance also holds the other till's outbox (as a device's reconnect to the other
    // instance would): both validators see both commands and race to decide them.
    direct.push(await A.hocuspocus.openDirectConnection(names.outbox(sB.device), { relay: true }));
    direct.push(await B.hocuspocus.openDirectConnection(names.outbox(sA.device), { relay: true }));

    const [tillA, tillB] = [connect(A, sA), connect(B, sB)];
    const [outboxA, outboxB] = [tillA.open(names.outbox(sA.device)), tillB.open(names.outbox(sB.device))];
    await Promise.all([outboxA.synced, outboxB.synced]);
    const [cA, cB] = [sale(sA), sale(sB)];
    appendCommand(outboxA.doc, cA);
    appendCommand(outboxB.doc, cB);

    // Each instance's copy of the other till's outbox received that till's sale through Redis.
    for (const [relay, till, command] of [
      [A, sB, cB],
      [B, sA, cA],
    ] as const)
      await expect
        .poll(
          () =>
            relay.hocuspocus.documents
              .get(names.outbox(till.device))
              ?.getArray<CommandEnvelope>('commands')
              .toArray()[0]?.id,
          { timeout: 15_000 },
        )
        .toBe(command.id);

    const where = { store, at };
    const seen = await Promise.all(
      [tillA, tillB].flatMap((till) => [till.outcome(cA.id, where), till.outcome(cB.id, where)]),
    );
    const [aSeesA, aSeesB, bSeesA, bSeesB] = seen;
    expect(aSeesA?.status).toBe(bSeesA?.status);
    expect(aSeesB?.status).toBe(bSeesB?.status);
    const statuses = [aSeesA, aSeesB].map((o) => o?.status).sort();
    expect(statuses).toEqual(['accepted', 'rejected']);
    expect([aSeesA, aSeesB].find((o) => o?.status === 'rejected')?.code).toBe('serial-already-sold');

    // SQL: each command decided exactly once, one live sale line for the serial.
    const rows = readDb<{ id: string; n: number }>(
      'SELECT id, count(*) AS n FROM commands WHERE id IN (?, ?) GROUP BY id ORDER BY id',
      cA.id,
      cB.id,
    );
    expect(rows.map((r) => Number(r.n))).toEqual([1, 1]);
    expect(
      readDb<{ n: number }>(
        'SELECT count(*) AS n FROM sale_lines WHERE serial = ? AND live = 1',
        piece.serial,
      )[0]?.n,
    ).toBe(1);
    // And in the validators' own reports (made once a decision's documents are written): one
    // decision per command across both instances.
    const mine = () => decidedBy.filter((d) => d.id === cA.id || d.id === cB.id);
    await expect.poll(() => mine().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const decisions = mine();
    expect(decisions).toHaveLength(2);
    expect(new Set(decisions.map((d) => d.id)).size).toBe(2);
    console.info(
      `SCALE-3 decided: ${decisions
        .map(
          (d) =>
            `till ${d.id === cA.id ? 'A' : 'B'}'s sale by instance ${d.instance} → ${d.code ?? d.status}`,
        )
        .join(', ')}; ` + `errors logged: ${errors.length === 0 ? 'none' : errors.join(' | ')}`,
    );

    // Both tills see the piece sold.
    for (const till of [tillA, tillB]) {
      const stock = till.open(names.stock(store));
      await expect
        .poll(() => readStock(stock.doc).get(piece.serial)?.status, { timeout: 15_000 })
        .toBe('sold');
    }

    // Once both instances stop, the stored ledger month holds both outcomes (one instance stored
    // it under the Redis lock, with what it had from the other).
    for (const d of devices.splice(0)) d.close();
    for (const c of direct.splice(0)) await c.disconnect();
    for (const r of relays.splice(0)) await r.destroy();
    const [stored] = readDb<{ state: Uint8Array }>(
      'SELECT state FROM documents WHERE name = ?',
      names.ledger(store, at),
    );
    if (!stored) throw new Error('ledger month not stored');
    const ledger = new Y.Doc();
    Y.applyUpdate(ledger, stored.state);
    expect(outcomes(ledger).get(cA.id)?.status).toBe(aSeesA?.status);
    expect(outcomes(ledger).get(cB.id)?.status).toBe(aSeesB?.status);
  }, 120_000);
});
