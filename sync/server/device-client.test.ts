import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../domain/ids.ts';
import type { OpenDocument } from '../shared/device-client.ts';
import { names } from '../shared/doc-names.ts';
import { writeOutcome } from '../shared/docs/ledger.ts';
import { commands } from '../shared/docs/outbox.ts';
import { assertClientWritable } from '../shared/guard.ts';
import { relayPerFile } from './relay-per-test.support.test.ts';
import { writeRelayDoc } from './relay-writes.ts';
import { demoUser, login, startTestRelay } from './test-utils.ts';

const file = relayPerFile(() => startTestRelay());

describe('device client', () => {
  it('DEVICE-1: one socket opens 150 documents (beyond the relay’s 100 pending) and all sync', async () => {
    const owner = demoUser(file.relay, 'owner');
    const device = file.connect(file.relay, await login(file.relay, owner.login));
    const opened = [];
    for (let i = 0; i < 150; i++) {
      const month = `${2014 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
      opened.push(device.open(`ledger/${owner.store}/${month}`));
    }
    await Promise.all(opened.map((d) => d.synced));
    expect(opened.every((d) => d.provider.isSynced)).toBe(true);
  });

  it('DEVICE-1: after the socket comes back, 150 documents authenticate again in batches and all sync', async () => {
    const owner = demoUser(file.relay, 'owner');
    const device = file.connect(file.relay, await login(file.relay, owner.login));
    const opened: OpenDocument[] = [];
    for (let i = 0; i < 150; i++) {
      const month = `${2014 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
      opened.push(device.open(`ledger/${owner.store}/${month}`));
    }
    await Promise.all(opened.map((d) => d.synced));
    const closes: number[] = [];
    device.socket.on('close', ({ event }: { event: { code: number } }) => closes.push(event.code));
    device.socket.disconnect();
    await expect.poll(() => device.status()).toBe('disconnected');
    void device.socket.connect();
    await expect.poll(() => opened.every((d) => d.provider.isSynced), { timeout: 15_000 }).toBe(true);
    expect(closes).toHaveLength(1);
  });

  it('DEVICE-2: an appended command reaches the relay and its outcome comes back', async () => {
    const associate = demoUser(file.relay, 'associate');
    const session = await login(file.relay, associate.login);
    const device = file.connect(file.relay, session);
    const command = {
      id: uuidv7(),
      type: 'reserve',
      store: associate.store,
      device: session.device,
      user: associate.id,
      at: new Date().toISOString(),
      payload: { serial: 'LP-001-000003' },
    };
    device.append(command);
    const outcome = device.outcome(command.id);
    await expect
      .poll(() => {
        const doc = file.relay.hocuspocus.documents.get(names.outbox(session.device));
        return doc
          ? commands(doc)
              .toArray()
              .map((c) => c.id)
          : [];
      })
      .toContain(command.id);
    const decided = {
      status: 'rejected' as const,
      code: 'piece-not-available',
      reason: 'on memo',
      decidedAt: new Date().toISOString(),
    };
    await writeRelayDoc(file.relay.hocuspocus, names.ledger(command.store, command.at), 'test', (doc) =>
      writeOutcome(doc, command.id, decided),
    );
    await expect(outcome).resolves.toEqual(decided);
  });

  it('GUARD-5: client code cannot even start a write into a relay-owned document', () => {
    expect(() => assertClientWritable(names.stock(uuidv7()))).toThrow(/written by the relay only/);
    expect(() => assertClientWritable(names.clients(uuidv7()))).not.toThrow();
  });
});
