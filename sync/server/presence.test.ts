import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device } from '../shared/device-client.ts';
import { names } from '../shared/doc-names.ts';
import { type Peer, type PresenceHandle, startPresence } from '../shared/presence.ts';
import { connectAs, login, startValidatingRelay, type TestRelay } from './test-utils.ts';

/** Waits until `check` holds (polling), or fails with what was last seen. */
async function until<T>(read: () => T, check: (v: T) => boolean, ms = 8_000): Promise<T> {
  const end = Date.now() + ms;
  let v = read();
  while (!check(v)) {
    if (Date.now() > end) throw new Error(`timed out; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
    v = read();
  }
  return v;
}

describe('presence over a real relay (two devices)', () => {
  let relay: TestRelay;
  const devices: Device[] = [];
  const handles: PresenceHandle[] = [];
  let store: string;
  let clientId: string;

  beforeAll(async () => {
    relay = await startValidatingRelay();
    store = relay.demo.stores[0]?.id ?? '';
    clientId = relay.demo.clientIds[store]?.[0] ?? '';
  });
  afterAll(async () => {
    for (const h of handles) h.stop();
    await Promise.all(devices.map((d) => d.close()));
    await relay.cleanup();
  });

  const join = async (
    role: string,
    index: number,
    claim?: { user: string; name: string },
    docName: string = names.clients(store),
  ) => {
    const who = relay.demo.users.filter((u) => u.role === role && u.stores[0] === store)[index];
    if (!who) throw new Error(`no ${role} ${index}`);
    const session = await login(relay, who.login);
    const device = connectAs(relay, session);
    devices.push(device);
    const book = device.open(docName);
    await book.synced;
    const awareness = book.provider.awareness;
    if (!awareness) throw new Error('no awareness');
    const presence = startPresence(
      awareness,
      { user: claim?.user ?? who.id, name: claim?.name ?? who.name, device: session.device },
      { heartbeatMs: 300, staleMs: 1_500 },
    );
    handles.push(presence);
    return { who, device, presence, session };
  };

  const onClient = (peers: readonly Peer[], user: string) =>
    peers.find((p) => p.user === user && p.client === clientId);

  it('PRESENCE-1: each sees who else has the client open and which field; leaving clears it at once', async () => {
    const a = await join('associate', 0);
    const b = await join('associate', 1);
    a.presence.focus(clientId, 'notes');
    b.presence.focus(clientId, 'phones');
    const seenByB = await until(
      () => b.presence.peers(),
      (p) => onClient(p, a.who.id)?.field === 'notes',
    );
    expect(onClient(seenByB, a.who.id)?.name).toBe(a.who.name);
    await until(
      () => a.presence.peers(),
      (p) => onClient(p, b.who.id)?.field === 'phones',
    );
    // A moves to another field, then leaves the profile.
    a.presence.focus(clientId, 'ringSizes');
    await until(
      () => b.presence.peers(),
      (p) => onClient(p, a.who.id)?.field === 'ringSizes',
    );
    const left = Date.now();
    a.presence.focus(undefined);
    await until(
      () => b.presence.peers(),
      (p) => onClient(p, a.who.id) === undefined,
    );
    expect(Date.now() - left).toBeLessThan(1_000);
  });

  it('PRESENCE-2: a device that goes away without a word disappears within seconds', async () => {
    const c = await join('manager', 0);
    const d = await join('designer', 0);
    c.presence.focus(clientId, 'names');
    await until(
      () => d.presence.peers(),
      (p) => onClient(p, c.who.id) !== undefined,
    );
    // The socket is cut with no goodbye: heartbeats stop, the state is never cleared by its owner.
    const cut = Date.now();
    const socket = c.device.socket as unknown as {
      webSocket?: { terminate?: () => void; close: () => void };
    };
    c.device.socket.shouldConnect = false;
    const ws = socket.webSocket;
    if (ws?.terminate) ws.terminate();
    else ws?.close();
    await until(
      () => d.presence.peers(),
      (p) => onClient(p, c.who.id) === undefined,
      6_000,
    );
    expect(Date.now() - cut).toBeLessThan(6_000);
  });

  it('PRESENCE-3: the relay stamps each presence with the connection’s user; a claimed identity is ignored', async () => {
    const owner = relay.demo.users.find((u) => u.role === 'owner');
    if (!owner) throw new Error('no owner');
    const liar = await join('associate', 1, { user: owner.id, name: 'The Owner' });
    const watcher = await join('associate', 0);
    liar.presence.focus(clientId, 'budget');
    const seen = await until(
      () => watcher.presence.peers(),
      (p) => p.some((x) => x.device === liar.session.device && x.client === clientId),
    );
    const shown = seen.find((x) => x.device === liar.session.device);
    expect(shown?.user).toBe(liar.who.id);
    expect(shown?.name).toBe(liar.who.name);
    expect(seen.some((x) => x.user === owner.id)).toBe(false);
  });

  it('ORDERPRES-1, ORDERPRES-3: on work/<store>, a designer and an associate each see the other on the same order and in which field; the relay stamps who it is', async () => {
    const orderId = '0190aaaa-0000-7000-8000-000000000001';
    const owner = relay.demo.users.find((u) => u.role === 'owner');
    if (!owner) throw new Error('no owner');
    const designer = await join('designer', 0, undefined, names.work(store));
    // The associate claims to be the owner: the relay shows who the session is.
    const associate = await join('associate', 0, { user: owner.id, name: 'The Owner' }, names.work(store));
    designer.presence.focusJob(orderId, 'stones');
    associate.presence.focusJob(orderId, 'notes');
    const onJob = (peers: readonly Peer[], user: string) =>
      peers.find((p) => p.user === user && p.job === orderId);
    const seenByAssociate = await until(
      () => associate.presence.peers(),
      (p) => onJob(p, designer.who.id)?.field === 'stones',
    );
    expect(onJob(seenByAssociate, designer.who.id)?.name).toBe(designer.who.name);
    expect(onJob(seenByAssociate, designer.who.id)?.client).toBeUndefined();
    const seenByDesigner = await until(
      () => designer.presence.peers(),
      (p) => onJob(p, associate.who.id)?.field === 'notes',
    );
    expect(onJob(seenByDesigner, associate.who.id)?.name).toBe(associate.who.name);
    expect(seenByDesigner.some((x) => x.user === owner.id)).toBe(false);
    // Moving field, then leaving the order: seen at once.
    designer.presence.focusJob(orderId, 'quote');
    await until(
      () => associate.presence.peers(),
      (p) => onJob(p, designer.who.id)?.field === 'quote',
    );
    designer.presence.focusJob(undefined);
    await until(
      () => associate.presence.peers(),
      (p) => onJob(p, designer.who.id) === undefined && p.some((x) => x.user === designer.who.id),
    );
  });
});
