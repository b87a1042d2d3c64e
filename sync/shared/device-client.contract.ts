/**
 * The contract the one device client passes with every storage (DEVICE-*), against a real
 * relay. The relay side comes in through `ContractRelay` (sync/shared may not import the
 * server); sync/server/device-contract.test.ts runs it for the memory and IndexedDB storages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  connectDevice,
  type Device,
  type DeviceOptions,
  type DeviceStorage,
  DocumentRefused,
  type NetworkEvents,
  type SocketStatus,
} from './device-client.ts';
import { names } from './doc-names.ts';
import { clientBook } from './docs/clients.ts';
import type { CommandEnvelope } from './docs/outbox.ts';
import { commands } from './docs/outbox.ts';
import { stockArray } from './docs/stock.ts';
import type { GuardViolation } from './guard.ts';

export type ContractSession = {
  token: string;
  device: string;
  user: { id: string };
  store: string;
};

export type ContractRelay = {
  /** Stable across `stop`/`start`: the relay comes back on the same address. */
  readonly wsUrl: string;
  /** Logs in a demo user of the first store (on `device`, or a new device). */
  login(role: 'associate' | 'associate2' | 'manager', device?: string): Promise<ContractSession>;
  /** A command the validator accepts: a sale of a piece still in stock, never the same twice. */
  sale(session: ContractSession): CommandEnvelope;
  /** The relay's live copy of a document, if loaded. */
  relayDoc(name: string): Y.Doc | undefined;
  /** A relay-authored write (as the validator or the seed make them). */
  writeAsRelay(name: string, write: (doc: Y.Doc) => void): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
};

/** A fresh storage (an empty disk) for each test; the same object reopened is the same disk. */
export type StorageFactory = () => DeviceStorage;

/** online/offline events as a browser window fires them. */
export function fakeNetwork(): NetworkEvents & { go(state: 'online' | 'offline'): void } {
  const listeners = new Map<string, Set<() => void>>();
  const navigator = { onLine: true };
  return {
    navigator,
    addEventListener: (type, l) => {
      const set = listeners.get(type) ?? new Set();
      set.add(l);
      listeners.set(type, set);
    },
    removeEventListener: (type, l) => listeners.get(type)?.delete(l),
    go(state) {
      navigator.onLine = state === 'online';
      for (const l of listeners.get(state) ?? []) l();
    },
  };
}

const statuses = (device: Device): SocketStatus[] => {
  const seen: SocketStatus[] = [device.status()];
  device.subscribe((e) => {
    if (e.type === 'status') seen.push(e.status);
  });
  return seen;
};

export function runDeviceContract(
  label: string,
  relay: () => ContractRelay,
  newStorage: StorageFactory,
): void {
  describe(`device client contract: ${label}`, () => {
    const devices: Device[] = [];
    const connect = (
      session: ContractSession,
      storage: DeviceStorage,
      extra: Partial<DeviceOptions> = {},
    ): Device => {
      const device = connectDevice({
        url: relay().wsUrl,
        token: session.token,
        deviceId: session.device,
        storage,
        maxDelay: 500,
        network: false,
        ...extra,
      });
      devices.push(device);
      return device;
    };
    afterEach(async () => {
      await Promise.all(devices.splice(0).map((d) => d.close()));
    });

    it('DEVICE-3: a document loads from storage, then syncs with the relay', async () => {
      const session = await relay().login('associate');
      const device = connect(session, newStorage());
      const clients = device.open(names.clients(session.store));
      await clients.loaded;
      await clients.synced;
      expect(clients.isSynced()).toBe(true);
      expect(clientBook(clients.doc).size).toBeGreaterThan(0);
      expect(clients.readOnly()).toBe(false);
    });

    it('DEVICE-2: a command appended with the socket down is sent on reconnect and its outcome comes back', async () => {
      const session = await relay().login('associate');
      const device = connect(session, newStorage());
      await device.open(names.outbox(session.device)).synced;
      device.socket.disconnect();
      await expect.poll(() => device.status()).toBe('disconnected');
      const sale = relay().sale(session);
      device.append(sale);
      await new Promise((r) => setTimeout(r, 300));
      const seen = relay().relayDoc(names.outbox(session.device))?.getArray('commands').toArray() as
        | CommandEnvelope[]
        | undefined;
      expect((seen ?? []).map((c) => c.id)).not.toContain(sale.id);
      void device.socket.connect();
      await expect(device.outcome(sale.id)).resolves.toMatchObject({ status: 'accepted' });
    });

    it('DEVICE-5: a relay-owned document is a mirror: local writes never leave the device, relay writes still arrive', async () => {
      const session = await relay().login('associate');
      const violations: GuardViolation[] = [];
      const device = connect(session, newStorage(), { onGuardViolation: (v) => violations.push(v) });
      const name = names.stock(session.store);
      const stock = device.open(name);
      await stock.synced;
      expect(stock.readOnly()).toBe(true);
      const pushed: unknown[] = [];
      stock.provider.on('outgoingMessage', ({ message }: { message: { type: number } }) =>
        pushed.push(message.type),
      );
      const fake = `LP-FAKE-${Math.random()}`;
      const real = `LP-RELAY-${Math.random()}`;
      const has = (doc: Y.Doc | undefined, key: string) =>
        !!doc &&
        stockArray(doc)
          .toArray()
          .some((i) => i.key === key);
      stockArray(stock.doc).push([{ key: fake, val: { status: 'sold' } } as never]);
      expect(violations).toEqual([expect.objectContaining({ document: name })]);
      await new Promise((r) => setTimeout(r, 200));
      expect(has(relay().relayDoc(name), fake)).toBe(false);
      // Nothing pushed: no sync reply, no update went out.
      expect(pushed).toEqual([]);
      // The channel stayed open: the relay's next write reaches the mirror; the synced copy (what
      // storage keeps) never had the stray write.
      await relay().writeAsRelay(name, (doc) =>
        stockArray(doc).push([{ key: real, val: { status: 'in-stock' } } as never]),
      );
      await expect.poll(() => has(stock.doc, real)).toBe(true);
      expect(has(stock.provider.document, fake)).toBe(false);
    });

    it('DEVICE-5: a document the access table makes read-only for the signed-in person is a mirror too', async () => {
      const session = await relay().login('associate');
      const violations: GuardViolation[] = [];
      const device = connect(session, newStorage(), {
        onGuardViolation: (v) => violations.push(v),
        subject: () => ({
          id: session.user.id,
          role: 'associate',
          stores: [session.store],
          device: session.device,
        }),
      });
      const org = device.open('org');
      await org.synced;
      expect(org.readOnly()).toBe(true);
      org.doc.getMap('stores').set('x', 'y');
      expect(violations).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 200));
      expect(relay().relayDoc('org')?.getMap('stores').has('x')).toBe(false);
    });

    it('DEVICE-4: a refused document rejects `synced` with DocumentRefused and says why', async () => {
      const session = await relay().login('associate');
      const device = connect(session, newStorage());
      const refusals: string[] = [];
      device.subscribe((e) => {
        if (e.type === 'refused') refusals.push(e.reason);
      });
      const finance = device.open(names.finance(session.store));
      await expect(finance.synced).rejects.toBeInstanceOf(DocumentRefused);
      await expect(finance.synced).rejects.toMatchObject({ reason: 'forbidden', document: finance.name });
      expect(finance.refused()?.reason).toBe('forbidden');
      expect(refusals).toEqual(['forbidden']);
      expect(device.authFailed()).toBe('forbidden');
      // The socket's other documents are unaffected.
      await device.open(names.clients(session.store)).synced;
    });

    it('DEVICE-3: closed and reopened with the same storage and no network, the device still has its documents and unsent commands; online again, they are decided', async () => {
      const session = await relay().login('associate');
      const storage = newStorage();
      const first = connect(session, storage);
      const clients = first.open(names.clients(session.store));
      const stock = first.open(names.stock(session.store));
      await Promise.all([clients.synced, stock.synced, first.open(names.outbox(session.device)).synced]);
      const clientCount = clientBook(clients.doc).size;
      const stockCount = stockArray(stock.doc).length;
      first.socket.disconnect();
      await expect.poll(() => first.status()).toBe('disconnected');
      const sale = relay().sale(session);
      first.append(sale);
      await first.close();

      // Reload with no relay at all: everything comes from storage.
      const offline = connect(session, storage, { url: 'ws://127.0.0.1:9/' });
      const outbox = offline.open(names.outbox(session.device));
      const clientsAgain = offline.open(names.clients(session.store));
      const stockAgain = offline.open(names.stock(session.store));
      await Promise.all([outbox.loaded, clientsAgain.loaded, stockAgain.loaded]);
      expect(
        commands(outbox.doc)
          .toArray()
          .map((c) => c.id),
      ).toContain(sale.id);
      expect(clientBook(clientsAgain.doc).size).toBe(clientCount);
      expect(stockArray(stockAgain.doc).length).toBe(stockCount);
      expect(offline.status()).not.toBe('connected');
      await offline.close();

      // Online again: the stored copy is not re-sent as new writes (a relay-owned document
      // would refuse them and close), and the unsent command is decided.
      const online = connect(session, storage);
      const closes: string[] = [];
      const stockOnline = online.open(names.stock(session.store));
      stockOnline.provider.on('close', ({ event }: { event: { reason: string } }) =>
        closes.push(event.reason),
      );
      await expect(online.outcome(sale.id, { store: sale.store, at: sale.at })).resolves.toMatchObject({
        status: 'accepted',
      });
      await stockOnline.synced;
      expect(closes).toEqual([]);
    });

    it('DEVICE-6: the socket comes back by itself after the relay restarts, and a command appended meanwhile is decided', async () => {
      const session = await relay().login('associate');
      const device = connect(session, newStorage());
      const seen = statuses(device);
      await device.open(names.outbox(session.device)).synced;
      expect(device.status()).toBe('connected');
      const sale = relay().sale(session);
      await relay().stop();
      await expect.poll(() => device.status()).not.toBe('connected');
      device.append(sale);
      await relay().start();
      await expect.poll(() => device.status(), { timeout: 10_000 }).toBe('connected');
      await expect(device.outcome(sale.id)).resolves.toMatchObject({ status: 'accepted' });
      expect(seen).toContain('disconnected');
    });

    it('DEVICE-6: offline disconnects at once; online reconnects, even when the old socket closes after the online event', async () => {
      const session = await relay().login('associate');
      const network = fakeNetwork();
      const device = connect(session, newStorage(), { network });
      await device.open(names.clients(session.store)).synced;
      network.go('offline');
      expect(device.status()).toBe('disconnected');
      network.go('online');
      await expect.poll(() => device.status()).toBe('connected');
      // The race: back online before the close of the old socket has landed.
      network.go('offline');
      network.go('online');
      await new Promise((r) => setTimeout(r, 300));
      await expect.poll(() => device.status(), { timeout: 5_000 }).toBe('connected');
      // And it syncs again: a relay write reaches the device.
      const name = names.stock(session.store);
      const stock = device.open(name);
      await stock.synced;
      await relay().writeAsRelay(name, (doc) =>
        stockArray(doc).push([{ key: 'LP-BACK', val: { status: 'in-stock' } } as never]),
      );
      await expect
        .poll(() =>
          stockArray(stock.doc)
            .toArray()
            .some((i) => i.key === 'LP-BACK'),
        )
        .toBe(true);
    });

    it('DEVICE-7: after a PIN switch, reauthenticate() makes the relay attribute the next command to the new person', async () => {
      const first = await relay().login('associate');
      const second = await relay().login('associate2', first.device);
      let token = first.token;
      const device = connect(first, newStorage(), { token: () => token });
      await device.open(names.outbox(first.device)).synced;
      token = second.token;
      const seen = statuses(device);
      device.reauthenticate();
      await expect.poll(() => seen.includes('disconnected')).toBe(true);
      await expect.poll(() => device.status(), { timeout: 10_000 }).toBe('connected');
      // No signature: the command is the second person's only because the connection is theirs.
      const sale = { ...relay().sale(second) };
      device.append(sale);
      await expect(device.outcome(sale.id)).resolves.toMatchObject({ status: 'accepted' });
    });
  });
}
