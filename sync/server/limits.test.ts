/**
 * Limits answer instead of breaking the connection (issue 8, part 4): an oversize Yjs update
 * closes only its document's channel, an oversize HTTP body gets its 413.
 */
import { describe, expect, it } from 'vitest';
import { names } from '../shared/doc-names.ts';
import { CloseCodes } from './close-codes.ts';
import { MAX_BODY_BYTES } from './http-api.ts';
import { relayPerFile } from './relay-per-test.support.test.ts';
import { demoUser, login, rawProvider, startTestRelay } from './test-utils.ts';

// The default limits (8 MiB per update, 32 MiB per frame), as `npm start` runs.
const file = relayPerFile(() => startTestRelay());

const MiB = 1024 * 1024;

async function till(role: string) {
  const user = demoUser(file.relay, role);
  const session = await login(file.relay, user.login);
  const device = file.connect(file.relay, session);
  const socketCloses: number[] = [];
  device.socket.on('close', ({ event }: { event: { code: number } }) => socketCloses.push(event.code));
  return { user, session, device, socketCloses };
}

describe('websocket limits', () => {
  it('GUARD-8: a 9 MiB update closes only its document with update-too-large; the socket’s other documents keep syncing', async () => {
    const a = await till('associate');
    const b = await till('associate');
    const store = a.user.store;
    const clientsA = a.device.open(names.clients(store));
    const clientsB = b.device.open(names.clients(store));
    await Promise.all([clientsA.synced, clientsB.synced]);
    const work = rawProvider(a.device, names.work(store), a.session.token);
    await expect.poll(() => work.isSynced()).toBe(true);

    work.doc.getMap('orders').set('huge', { notes: 'x'.repeat(9 * MiB) });
    await expect.poll(() => work.closed, { timeout: 15_000 }).toContain(CloseCodes.UpdateTooLarge.reason);
    work.provider.destroy();

    // The same socket still carries the client book, both ways.
    clientsB.doc.getMap('clients').set('from-b', { note: 'after the refusal' });
    await expect
      .poll(() => clientsA.doc.getMap('clients').get('from-b'))
      .toEqual({ note: 'after the refusal' });
    clientsA.doc.getMap('clients').set('from-a', { note: 'still syncing' });
    await expect.poll(() => clientsB.doc.getMap('clients').get('from-a')).toEqual({ note: 'still syncing' });
    expect(a.socketCloses).toEqual([]);
  }, 30_000);

  it('GUARD-8: a frame above the hard ceiling closes the whole socket (1009)', async () => {
    const small = await startTestRelay({ maxUpdateBytes: 64 * 1024, maxFrameBytes: 256 * 1024 });
    try {
      const user = demoUser(small, 'associate');
      const session = await login(small, user.login);
      const device = file.connect(small, session);
      const socketCloses: number[] = [];
      device.socket.on('close', ({ event }: { event: { code: number } }) => socketCloses.push(event.code));
      const clients = device.open(names.clients(user.store));
      await clients.synced;
      const work = rawProvider(device, names.work(user.store), session.token);
      await expect.poll(() => work.isSynced()).toBe(true);
      work.doc.getMap('orders').set('absurd', { notes: 'x'.repeat(512 * 1024) });
      await expect.poll(() => socketCloses).toContain(1009);
      work.provider.destroy();
    } finally {
      await small.cleanup();
    }
  });
});

describe('HTTP body limits', () => {
  const postBytes = async (bytes: number) => {
    const body = JSON.stringify({ user: 'x', password: 'y'.repeat(bytes) });
    const res = await fetch(`${file.relay.url}/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('HTTP-5: a 20 KB and a 1 MiB login body both get 413 body-too-large as JSON, never a reset', async () => {
    for (const bytes of [20_000, MiB, 8 * MiB]) {
      const res = await postBytes(bytes);
      expect(res, `${bytes} bytes`).toEqual({
        status: 413,
        body: { error: 'body-too-large', message: `at most ${MAX_BODY_BYTES} bytes` },
      });
    }
    // The relay is still answering afterwards.
    expect((await fetch(`${file.relay.url}/api/health`)).status).toBe(200);
  });
});
