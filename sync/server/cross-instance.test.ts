/**
 * XINST-*: two relay PROCESSES (`scripts/start.ts`, as `npm start` runs them, with REDIS_URL) and one
 * real Redis, on each storage the relay has (test-storages.ts):
 *
 * - one SQLite file both processes open;
 * - DATABASE_URL: one real PostgreSQL, each process keeping its own SQLite file as its replica of the
 *   log there (REPL-*, replicated-db.ts), the processes' only shared state being PostgreSQL and Redis.
 *
 * Tills are device clients (`connectDevice`) spread over both.
 *
 * - Twelve tills sell the same serial offline and come back in a random order, half through each
 *   instance: exactly one sale is accepted, eleven are refused `serial-already-sold` into the
 *   conflicts inbox, and devices on either instance read the same ledger.
 * - A burst of sales of distinct serials from tills on both instances while one instance is killed
 *   (SIGKILL): the other keeps deciding, the dead instance's tills move over to it, and after the
 *   restart every command is decided exactly once, no serial is sold twice, no outbox position
 *   ever moved backwards and each till's position equals its outbox's length.
 *
 * The SQL checks read the chain's state (`storage.read`: the shared file, or a replica of the log
 * brought up to its end) and, at the end of each scenario, each instance's own database once it has
 * caught up (`storage.readOn`): both instances hold the same answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { uuidv7 } from '../../domain/ids.ts';
import { DEVICE, saleOf, serial } from '../../domain/test-support.ts';
import { type RedisService, startRedis } from '../../scripts/test-services.ts';
import { connectDevice, type Device } from '../shared/device-client.ts';
import { names } from '../shared/doc-names.ts';
import { outcomes } from '../shared/docs/ledger.ts';
import { appendCommand, type CommandEnvelope, commands } from '../shared/docs/outbox.ts';
import { mulberry32 } from './seed/random.ts';
import { type Name, postgresStorage, type Storage, sqliteStorage } from './test-storages.ts';
import { saleEnvelope } from './test-utils.ts';
import { CommandDecider } from './validator/decider.ts';
import { startRelay } from './validator/index.ts';
import { freePort, kill, type RelayProcess, startRelayProcess } from './validator/relay-process.ts';

const PASSWORD = 'cross-instance-secret';
const seed = Number(process.env.LOUPE_XINST_SEED ?? Date.now() % 100_000);
type Session = { token: string; device: string; user: { id: string } };
type Piece = { serial: string; minor: number; currency: string };
/** A till: its session and its outbox as the device keeps it (it survives reconnects and moves). */
type Till = { session: Session; outbox: Y.Doc; device: Device; on: Name };

for (const storage of [sqliteStorage(), postgresStorage()]) crossInstance(storage);

/** The scenarios on one storage: their own temp dir, Redis, seeded demo and two relay processes. */
function crossInstance(storage: Storage): void {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-xinst-'));
  const rng = mulberry32(seed);
  let redis: RedisService;
  const ports: Record<Name, number> = { A: 0, B: 0 };
  const relays: Partial<Record<Name, RelayProcess>> = {};
  const devices: Device[] = [];
  let store = '';
  let tax = { basisPoints: 0, inclusive: false };
  const staff: Array<{ login: string; role: string }> = [];

  const http = (name: Name) => `http://127.0.0.1:${ports[name]}`;
  const ws = (name: Name) => `ws://127.0.0.1:${ports[name]}`;

  async function start(name: Name): Promise<void> {
    relays[name] = await startRelayProcess(ports[name], storage.dbPath(name), PASSWORD, {
      REDIS_URL: redis.url,
      ...storage.env(),
    });
  }

  async function login(name: Name, user: string): Promise<Session> {
    const res = await fetch(`${http(name)}/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user, password: PASSWORD, device: uuidv7() }),
    });
    if (res.status !== 200) throw new Error(`login ${user} on ${name}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Session;
  }

  function connectTill(till: Pick<Till, 'session' | 'outbox'>, on: Name): Till {
    const device = connectDevice({
      url: ws(on),
      token: till.session.token,
      deviceId: till.session.device,
      maxDelay: 500,
      // The till's own copy of its outbox: what it wrote offline or while its instance was down.
      docFor: (name) => (name === names.outbox(till.session.device) ? till.outbox : new Y.Doc()),
    });
    devices.push(device);
    device.open(names.outbox(till.session.device));
    return { session: till.session, outbox: till.outbox, device, on };
  }

  const inStock = (count: number) =>
    storage.read<Piece>(
      "SELECT serial, list_price_minor AS minor, currency FROM pieces WHERE store = ? AND status = 'in-stock' ORDER BY serial LIMIT ?",
      store,
      String(count),
    );

  const positionOf = (device: string) =>
    Number(
      storage.read<{ position: number }>('SELECT position FROM outbox_positions WHERE device = ?', device)[0]
        ?.position ?? 0,
    );

  /** A ledger month as a device on `on` reads it: its outcomes as sorted JSON. */
  async function ledgerAsSeenOn(on: Name, month: string, expected: number): Promise<string> {
    const s = await login(on, staff.find((u) => u.role === 'manager')?.login ?? '');
    const witness = connectDevice({ url: ws(on), token: s.token, deviceId: s.device });
    devices.push(witness);
    const ledger = witness.open(month);
    await ledger.synced;
    await expect.poll(() => outcomes(ledger.doc).size, { timeout: 30_000 }).toBeGreaterThanOrEqual(expected);
    return JSON.stringify([...outcomes(ledger.doc).entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  beforeAll(async () => {
    console.info(`XINST seed (${storage.title}): ${seed}`);
    redis = await startRedis();
    await storage.setUp(dir);
    // The demo, seeded once (small, no history); both instances then start on the seeded state.
    const seeding = await storage.relayOptions();
    const seeder = await startRelay({
      port: 0,
      host: '127.0.0.1',
      dbPath: storage.dbPath('A'),
      staticDir: join(dir, 'no-client-build'),
      seedDemo: { password: PASSWORD, piecesPerStore: 80, clientsPerStore: 10 },
      demoHistory: false,
      ...seeding.options,
    });
    const demo = seeder.demo;
    const first = demo?.stores[0]?.id;
    if (!demo || !first) throw new Error('no demo store');
    store = first;
    const rule = seeder.db
      .prepare('SELECT tax_rate_bp AS bp, tax_inclusive AS inc FROM stores WHERE id = ?')
      .get(store) as {
      bp: number;
      inc: number;
    };
    tax = { basisPoints: Number(rule.bp), inclusive: Number(rule.inc) === 1 };
    for (const u of demo.users)
      if (u.stores.includes(store) && u.role !== 'owner') staff.push({ login: u.login, role: u.role });
    await seeder.destroy();
    await seeding.close();
    ports.A = await freePort();
    ports.B = await freePort();
    await start('A');
    await start('B');
  }, 180_000);

  afterAll(async () => {
    // What the relays logged (errors while deciding, closed channels): shown with the results.
    for (const [name, r] of Object.entries(relays))
      if (r?.stderr()) console.info(`relay ${name} stderr:\n${r.stderr().slice(-4_000)}`);
    const state = await storage.describe();
    if (state) console.info(`${storage.title}:\n${state}`);
    await Promise.all(devices.splice(0).map((d) => d.close()));
    for (const r of Object.values(relays)) if (r) await kill(r);
    await redis?.stop();
    await storage.tearDown();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  describe(`two relay processes on ${storage.title} and one Redis`, () => {
    it('XINST-1: twelve tills on both instances sell the same serial offline and reconnect in random order: one accepted, eleven in the conflicts inbox, both instances agree', async () => {
      const [piece] = inStock(1);
      if (!piece) throw new Error('no piece in stock');
      const at = new Date().toISOString();
      const month = names.ledger(store, at);
      // Twelve tills, each signed in by one of the store's staff, each selling the piece offline.
      const offline: Array<Omit<Till, 'device' | 'on'> & { sale: CommandEnvelope; home: Name }> = [];
      for (let i = 0; i < 12; i++) {
        const home: Name = i % 2 === 0 ? 'A' : 'B';
        const person = staff[i % staff.length];
        if (!person) throw new Error('no staff');
        const session = await login(home, person.login);
        const outbox = new Y.Doc();
        const sale = saleEnvelope(session, store, piece, new Date(Date.parse(at) + i).toISOString(), tax);
        appendCommand(outbox, sale);
        offline.push({ session, outbox, sale, home });
      }
      // Back online one after the other, in a seeded random order, a few ms apart.
      const order = offline.map((t) => ({ t, k: rng.next() })).sort((a, b) => a.k - b.k);
      const tills: Till[] = [];
      for (const { t } of order) {
        tills.push(connectTill(t, t.home));
        await new Promise((resolve) => setTimeout(resolve, Math.floor(rng.next() * 40)));
      }
      const seen = await Promise.all(
        offline.map(async (t) => {
          const till = tills.find((x) => x.session.device === t.session.device);
          if (!till) throw new Error('till missing');
          return { sale: t.sale, outcome: await till.device.outcome(t.sale.id, { store, at: t.sale.at }) };
        }),
      );
      const accepted = seen.filter((s) => s.outcome.status === 'accepted');
      const rejected = seen.filter((s) => s.outcome.status === 'rejected');
      expect(accepted).toHaveLength(1);
      expect(rejected).toHaveLength(11);
      expect(new Set(rejected.map((s) => s.outcome.code))).toEqual(new Set(['serial-already-sold']));

      // SQL: each command decided once; one live sale line for the serial.
      const ids = offline.map((t) => t.sale.id);
      const rows = storage.read<{ id: string; status: string }>(
        `SELECT id, status FROM commands WHERE id IN (${ids.map(() => '?').join(', ')})`,
        ...ids,
      );
      expect(rows).toHaveLength(12);
      expect(
        storage.read<{ n: number }>(
          'SELECT count(*) AS n FROM sale_lines WHERE serial = ? AND live = 1',
          piece.serial,
        )[0]?.n,
      ).toBe(1);
      // Each instance's own database (with DATABASE_URL its replica of the log), once it holds the
      // whole chain: the same twelve decisions.
      const decisions = `SELECT id, status, code, decided_at FROM commands WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY id`;
      const chain = storage.read(decisions, ...ids);
      for (const on of ['A', 'B'] as const)
        expect(await storage.readOn(on, decisions, ...ids)).toEqual(chain);

      // The conflicts inbox, asked on either instance: the eleven refused sales, each naming the winner.
      const winner = accepted[0]?.sale.id;
      for (const on of ['A', 'B'] as const) {
        const manager = await login(on, staff.find((u) => u.role === 'manager')?.login ?? '');
        const res = await fetch(`${http(on)}/api/conflicts?store=${store}`, {
          headers: { Authorization: `Bearer ${manager.token}` },
        });
        expect(res.status).toBe(200);
        const body = (await res.json()) as {
          conflicts: Array<{ id: string; code: string; competing: { id: string } | null }>;
        };
        const mine = body.conflicts.filter((c) => ids.includes(c.id));
        expect(mine.map((c) => c.id).sort()).toEqual(rejected.map((s) => s.sale.id).sort());
        for (const c of mine) {
          expect(c.code).toBe('serial-already-sold');
          expect(c.competing?.id).toBe(winner);
        }
      }

      // Devices on A and on B read the same ledger month, holding all twelve outcomes.
      const [onA, onB] = [await ledgerAsSeenOn('A', month, 12), await ledgerAsSeenOn('B', month, 12)];
      expect(onA).toBe(onB);
      const outcomesSeen = new Map(JSON.parse(onA) as Array<[string, { status: string }]>);
      for (const s of seen) expect(outcomesSeen.get(s.sale.id)?.status).toBe(s.outcome.status);
    }, 180_000);

    it('XINST-2: SIGKILL of one instance during a burst from tills on both: the other keeps deciding; after the restart every command is decided exactly once and every position equals its outbox', async () => {
      const perTill = 10;
      const pieces = inStock(4 * perTill);
      expect(pieces).toHaveLength(4 * perTill);
      const managers = staff.filter((u) => u.role === 'manager' || u.role === 'associate');
      let tills: Till[] = [];
      for (let i = 0; i < 4; i++) {
        const on: Name = i < 2 ? 'A' : 'B';
        const session = await login(on, managers[i % managers.length]?.login ?? '');
        tills.push(connectTill({ session, outbox: new Y.Doc() }, on));
      }
      const sales = tills.map((till, i) =>
        pieces
          .slice(i * perTill, (i + 1) * perTill)
          .map((p) => saleEnvelope(till.session, store, p, undefined, tax)),
      );
      const all = sales.flat();
      const decided = () =>
        Number(
          storage.read<{ n: number }>(
            `SELECT count(*) AS n FROM commands WHERE id IN (${all.map(() => '?').join(', ')})`,
            ...all.map((c) => c.id),
          )[0]?.n ?? 0,
        );
      // Positions are watched all along: none may ever move backwards (VAL-2, XINST-2).
      const lastPosition = new Map<string, number>();
      const backwards: string[] = [];
      const watchPositions = () => {
        for (const t of tills) {
          const p = positionOf(t.session.device);
          const before = lastPosition.get(t.session.device) ?? 0;
          if (p < before) backwards.push(`${t.session.device}: ${before} → ${p}`);
          lastPosition.set(t.session.device, p);
        }
      };
      const killAfter = 6 + Math.floor(rng.next() * 12);
      console.info(`XINST-2: instance A is killed once ${killAfter} of ${all.length} sales are decided`);
      let killed = false;
      const killA = async () => {
        killed = true;
        const victim = relays.A;
        if (!victim) throw new Error('A not running');
        await kill(victim);
        // The dead instance's tills move to the surviving one, keeping their own outboxes.
        tills = await Promise.all(
          tills.map(async (t) => {
            if (t.on !== 'A') return t;
            await t.device.close();
            return connectTill(t, 'B');
          }),
        );
      };
      // The burst: one sale per till every few ms, until every till has sent its ten.
      for (let round = 0; round < perTill; round++) {
        for (const [i, till] of tills.entries()) {
          const sale = sales[i]?.[round];
          if (sale) till.device.append(sale);
        }
        await new Promise((resolve) => setTimeout(resolve, 15));
        watchPositions();
        if (!killed && decided() >= killAfter) await killA();
      }
      // Fewer decided than the kill point during the burst (a slow machine): A dies once they are,
      // and its tills move all the same — left on the dead instance, they would wait for ever.
      if (!killed) {
        await expect.poll(decided, { timeout: 60_000 }).toBeGreaterThanOrEqual(killAfter);
        await killA();
      }
      // B decides everything while A is down.
      await expect
        .poll(
          () => {
            watchPositions();
            return decided();
          },
          { timeout: 90_000, interval: 200 },
        )
        .toBe(all.length);
      // XINST-5: while A is still down, every till (all on B now) sees every outcome, including
      // those A decided but was killed before publishing.
      const outcomesOnB = await Promise.all(
        tills.flatMap((t, i) => (sales[i] ?? []).map((c) => t.device.outcome(c.id, { store, at: c.at }))),
      );
      expect(outcomesOnB.filter((o) => o.status === 'accepted')).toHaveLength(all.length);
      // A comes back on its own database (the shared file, or its replica, which catches up from the
      // log); a till moves back to it; nothing is decided again.
      await start('A');
      const back = tills[0];
      if (back) {
        await back.device.close();
        tills[0] = connectTill(back, 'A');
      }
      const outcomesSeen = await Promise.all(
        tills.flatMap((t, i) => (sales[i] ?? []).map((c) => t.device.outcome(c.id, { store, at: c.at }))),
      );
      expect(outcomesSeen.filter((o) => o.status === 'accepted')).toHaveLength(all.length);
      watchPositions();

      expect(backwards).toEqual([]);
      expect(decided()).toBe(all.length);
      const doubled = storage.read<{ serial: string; n: number }>(
        `SELECT serial, count(*) AS n FROM sale_lines WHERE live = 1 AND serial IN (${pieces.map(() => '?').join(', ')})
         GROUP BY serial HAVING count(*) > 1`,
        ...pieces.map((p) => p.serial),
      );
      expect(doubled).toEqual([]);
      expect(
        Number(
          storage.read<{ n: number }>(
            `SELECT count(*) AS n FROM sale_lines WHERE live = 1 AND serial IN (${pieces.map(() => '?').join(', ')})`,
            ...pieces.map((p) => p.serial),
          )[0]?.n,
        ),
      ).toBe(all.length);
      for (const t of tills) {
        expect(commands(t.outbox).length).toBe(perTill);
        expect(positionOf(t.session.device)).toBe(commands(t.outbox).length);
      }
      // Each instance's own database, A's rebuilt after the kill, once it holds the whole chain: the
      // same decisions and positions.
      const ids = all.map((c) => c.id);
      const devicesOf = tills.map((t) => t.session.device);
      const holds = async (read: <T>(sql: string, ...args: string[]) => T[] | Promise<T[]>) => ({
        decisions: await read(
          `SELECT id, status, code FROM commands WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY id`,
          ...ids,
        ),
        positions: await read(
          `SELECT device, position FROM outbox_positions WHERE device IN (${devicesOf.map(() => '?').join(', ')}) ORDER BY device`,
          ...devicesOf,
        ),
      });
      const chain = await holds(storage.read);
      expect(chain.decisions).toHaveLength(all.length);
      for (const on of ['A', 'B'] as const)
        expect(await holds((sql, ...args) => storage.readOn(on, sql, ...args))).toEqual(chain);
    }, 240_000);

    it('XINST-2: two instances deciding the same outbox, one with a stale copy: the loser records nothing and no position moves back', async () => {
      // Two connections to the storage, as two relay processes have; attribution from the envelope.
      const { a, b, close } = await storage.openPair(6);
      try {
        const trusted = { attribution: 'envelope' } as const;
        const [onA, onB] = [new CommandDecider(a, trusted), new CommandDecider(b, trusted)];
        const outbox = [1, 2, 3, 4, 5].map((n) => JSON.parse(JSON.stringify(saleOf([serial(n)]))) as unknown);
        // A has the whole outbox and decides it; B still holds the first three entries.
        expect(onA.decideOutbox(DEVICE, outbox).map((d) => d.status)).toEqual(Array(5).fill('accepted'));
        expect(onB.decideOutbox(DEVICE, outbox.slice(0, 3))).toEqual([]);
        expect(onB.position(DEVICE)).toBe(5);
        // B's copy catches up: nothing to decide again.
        expect(onB.decideOutbox(DEVICE, outbox)).toEqual([]);
        // The till appends a sixth sale; A decides it, B (its copy still five long) finds nothing to do.
        const late = [...outbox, JSON.parse(JSON.stringify(saleOf([serial(6)]))) as unknown];
        expect(onA.decideOutbox(DEVICE, late).map((d) => d.status)).toEqual(['accepted']);
        expect(onB.decideOutbox(DEVICE, outbox)).toEqual([]);
        const count = (sql: string) => Number((a.prepare(sql).get() as { n: number }).n);
        expect(count('SELECT count(*) AS n FROM commands')).toBe(6);
        expect(count('SELECT count(*) AS n FROM sale_lines WHERE live = 1')).toBe(6);
        expect(onA.position(DEVICE)).toBe(6);
        // B's own copy reads 6 once it has the last entry: at once on the shared file, within moments
        // on a replica, which follows the log (REPL-7).
        await expect.poll(() => onB.position(DEVICE), { timeout: 10_000 }).toBe(6);
      } finally {
        await close();
      }
    });
  });
}
