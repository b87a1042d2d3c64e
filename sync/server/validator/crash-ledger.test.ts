/**
 * GUARD-10: the relay is SIGKILLed at several seeded points of a burst from two tills and
 * restarted on the same database. Devices hold ledger and stock items the relay broadcast just
 * before it died; because the relay journals its own writes before broadcasting them, it never
 * forgets them: afterwards every till's ledger and stock equal the relay's, and no channel was
 * closed for writing into a relay-owned document.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../domain/ids.ts';
import { connectDevice, type Device } from '../../shared/device-client.ts';
import { names } from '../../shared/doc-names.ts';
import { outcomes } from '../../shared/docs/ledger.ts';
import type { CommandEnvelope } from '../../shared/docs/outbox.ts';
import { commands } from '../../shared/docs/outbox.ts';
import { mulberry32 } from '../seed/random.ts';
import { freePort, kill, type RelayProcess, readDb, startRelayProcess } from './relay-process.ts';

const PASSWORD = 'crash-ledger';
const dir = mkdtempSync(join(tmpdir(), 'loupe-crash-ledger-'));
const dbPath = join(dir, 'loupe.db');
let relay: RelayProcess | undefined;
const devices: Device[] = [];

afterAll(() => {
  for (const d of devices) d.close();
  relay?.proc.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

type Session = { token: string; device: string; user: { id: string } };

async function login(base: string, user: string): Promise<Session> {
  const res = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user, password: PASSWORD, device: uuidv7() }),
  });
  if (res.status !== 200) throw new Error(`login ${user}: ${res.status}`);
  return (await res.json()) as Session;
}

/** What a document holds, comparable across replicas: its maps as sorted JSON. */
const snapshot = (device: Device, name: string) =>
  JSON.stringify([...outcomes(device.open(name).doc).entries()].sort(([a], [b]) => a.localeCompare(b)));

describe('relay-owned documents after crashes', () => {
  it("GUARD-10: SIGKILL at seeded points of a two-till burst; every till's ledger equals the relay's and no channel closes", async () => {
    const seed = Number(process.env.LOUPE_CRASH_SEED ?? Date.now() % 100_000);
    console.info(`GUARD-10 kill points seed: ${seed}`);
    const rng = mulberry32(seed);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const url = `ws://127.0.0.1:${port}`;
    relay = await startRelayProcess(port, dbPath, PASSWORD);
    const logs: string[] = [];
    const staff = (role: string) =>
      readDb<{ login: string; store: string }>(
        dbPath,
        "SELECT login, json_extract(stores, '$[0]') AS store FROM users WHERE role = ? ORDER BY login LIMIT 1",
        role,
      );
    const { store } = staff('associate');
    const { currency } = readDb<{ currency: string }>(
      dbPath,
      'SELECT currency FROM stores WHERE id = ?',
      store,
    );
    const sessions = [await login(base, staff('associate').login), await login(base, staff('manager').login)];
    const at = new Date().toISOString();
    const ledgerName = names.ledger(store, at);
    const tills = sessions.map((s) => {
      const device = connectDevice({ url, token: s.token, deviceId: s.device });
      devices.push(device);
      // Each till watches what a counter watches: its store's ledger month and stock.
      device.open(ledgerName);
      device.open(names.stock(store));
      return { session: s, device, outbox: device.open(names.outbox(s.device)).doc };
    });
    const envelope = (s: Session, type: string, payload: unknown): CommandEnvelope => ({
      id: uuidv7(),
      type,
      store,
      device: s.device,
      user: s.user.id,
      at,
      payload,
    });
    // One order per till, then deposits on it: every deposit is a ledger outcome.
    const burst = tills.map(({ session }) => {
      const orderId = uuidv7();
      const list = [
        envelope(session, 'order.open', {
          orderId,
          kind: 'custom',
          clientId: uuidv7(),
          total: { minor: 100_000_000, currency },
          description: 'Tiara, paid over time',
        }),
      ];
      for (let i = 0; i < 600; i++)
        list.push(
          envelope(session, 'deposit.take', {
            orderId,
            depositId: uuidv7(),
            amount: { minor: 100, currency },
            tender: 'cash',
          }),
        );
      return list;
    });
    const total = burst.reduce((n, b) => n + b.length, 0);
    const decided = () =>
      Number(
        readDb<{ n: number }>(
          dbPath,
          `SELECT count(*) AS n FROM commands WHERE device IN (${tills.map(() => '?').join(',')})`,
          ...tills.map((t) => t.session.device),
        ).n,
      );
    const killAt = [1, 2, 3]
      .map((k) => Math.floor((total * k) / 4 + (rng.next() - 0.5) * 100))
      .sort((a, b) => a - b);
    let sent = 0;
    const sendSome = () => {
      for (const [i, till] of tills.entries()) {
        const mine = burst[i] ?? [];
        const chunk = mine.slice(sent, sent + 25);
        till.outbox.transact(() => {
          for (const c of chunk) commands(till.outbox).push([c]);
        });
      }
      sent += 25;
    };
    for (const point of killAt) {
      while (decided() < point) {
        if (sent < (burst[0]?.length ?? 0)) sendSome();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      logs.push(relay.stderr());
      await kill(relay);
      relay = await startRelayProcess(port, dbPath, PASSWORD);
    }
    while (sent < (burst[0]?.length ?? 0)) sendSome();
    await expect.poll(decided, { timeout: 90_000, interval: 250 }).toBe(total);

    // The relay's copy, as a till that never saw the crashes reads it.
    const fresh = await login(base, staff('manager').login);
    const witness = connectDevice({ url, token: fresh.token, deviceId: fresh.device });
    devices.push(witness);
    await witness.open(ledgerName).synced;
    await expect
      .poll(() => outcomes(witness.open(ledgerName).doc).size, { timeout: 60_000 })
      .toBeGreaterThanOrEqual(total);
    const relayView = snapshot(witness, ledgerName);
    for (const till of tills)
      await expect.poll(() => snapshot(till.device, ledgerName), { timeout: 30_000 }).toBe(relayView);
    logs.push(relay.stderr());
    const closed = logs.join('\n').match(/read-only-document|append-only-document/g) ?? [];
    expect({ seed, kills: killAt, channelsClosed: closed.length }).toEqual({
      seed,
      kills: killAt,
      channelsClosed: 0,
    });
  }, 240_000);
});
