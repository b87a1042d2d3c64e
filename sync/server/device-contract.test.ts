/**
 * The device client's contract (sync/shared/device-client.contract.ts, DEVICE-*) against a real
 * relay with its validator, for both storages: memory, and y-indexeddb over fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { uuidv7 } from '../../domain/ids.ts';
import { type ContractRelay, runDeviceContract } from '../shared/device-client.contract.ts';
import { memoryStorage } from '../shared/device-storage.ts';
import { indexeddbStorage } from '../shared/device-storage-indexeddb.ts';
import { writeRelayDoc } from './relay-writes.ts';
import { login, saleEnvelope, startTestRelay, storeTax, type TestRelay } from './test-utils.ts';
import { validatorExtensions, validatorMigrations } from './validator/index.ts';

const options = {
  migrations: validatorMigrations,
  extensions: validatorExtensions,
} as const;

let relay: TestRelay;
let running = false;
const sold = new Set<string>();
/** The relay's TCP connections: a stopped process takes them with it (see `stop`). */
const sockets = new Set<Socket>();

async function start(at: Partial<Pick<TestRelay, 'port' | 'dir' | 'dbPath'>> = {}): Promise<void> {
  const next = await startTestRelay({
    migrations: options.migrations,
    extensions: (db, documents) => options.extensions(db, documents),
    ...at,
  });
  relay = relay ? { ...next, demo: relay.demo } : next;
  const http = (relay.hocuspocus as unknown as { server: { httpServer: import('node:http').Server } }).server
    .httpServer;
  http.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  running = true;
}

beforeAll(async () => start());
// A test that failed while the relay was stopped must not take the next ones down with it.
beforeEach(async () => {
  if (!running) await start({ port: relay.port, dir: relay.dir, dbPath: relay.dbPath });
});
afterAll(async () => {
  if (running) await relay.cleanup();
});

const harness: ContractRelay = {
  get wsUrl() {
    return relay.wsUrl;
  },
  async login(role, device) {
    const paris = relay.demo.stores[0]?.id ?? '';
    const user = relay.demo.users.find((u) => u.login.startsWith(`${role}.`) && u.stores.includes(paris));
    if (!user) throw new Error(`no demo ${role}`);
    const s = await login(relay, user.login, device ? { device } : {});
    return { ...s, store: paris };
  },
  sale(session) {
    const rows = relay.db
      .prepare(
        "SELECT serial, list_price_minor AS minor, currency FROM pieces WHERE store = ? AND status = 'in-stock' ORDER BY serial",
      )
      .all(session.store) as Array<{ serial: string; minor: number; currency: string }>;
    const piece = rows.find((r) => !sold.has(r.serial));
    if (!piece) throw new Error('no piece left in stock');
    sold.add(piece.serial);
    return saleEnvelope(
      { device: session.device, user: session.user },
      session.store,
      piece,
      new Date().toISOString(),
      storeTax(relay, session.store),
    );
  },
  relayDoc: (name) => relay.hocuspocus.documents.get(name),
  writeAsRelay: (name, write) => writeRelayDoc(relay.hocuspocus, name, 'test', write),
  async stop() {
    running = false;
    await relay.destroy();
    // An in-process relay leaves its open websockets to a server that no longer answers;
    // cut them as a stopped process would.
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  },
  start: () => start({ port: relay.port, dir: relay.dir, dbPath: relay.dbPath }),
};

runDeviceContract('memory storage', () => harness, memoryStorage);
runDeviceContract(
  'y-indexeddb storage (fake-indexeddb)',
  () => harness,
  () => indexeddbStorage({ prefix: `loupe-test:${uuidv7()}:` }),
);
