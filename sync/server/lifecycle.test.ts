import { afterEach, describe, expect, it } from 'vitest';
import type { Device } from '../shared/device-client.ts';
import { names } from '../shared/doc-names.ts';
import { auditEntries } from '../shared/docs/audit.ts';
import { readClient, readClients, setClientField, setClientNotes } from '../shared/docs/clients.ts';
import { AuditChain } from './audit-chain.ts';
import { connectAs, demoUser, login, startTestRelay, type TestRelay } from './test-utils.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const track = (d: Device) => {
  cleanups.push(() => d.close());
  return d;
};

describe('relay lifecycle', () => {
  it('STORE-7: a client-book edit survives a relay restart on the same database file', async () => {
    let relay: TestRelay = await startTestRelay();
    cleanups.push(() => relay.cleanup());
    const associate = demoUser(relay, 'associate');
    const device = track(connectAs(relay, await login(relay, associate.login)));
    const clients = device.open(names.clients(associate.store));
    await clients.synced;
    const someone = readClients(clients.doc)[0];
    if (!someone) throw new Error('seed has clients');
    expect(setClientNotes(clients.doc, someone.id, 'Ring resized to 54 — collect Friday').ok).toBe(true);
    await expect.poll(() => clients.provider.unsyncedChanges).toBe(0);
    device.close();

    relay = await relay.restart();
    const again = track(connectAs(relay, await login(relay, associate.login)));
    const reopened = again.open(names.clients(associate.store));
    await reopened.synced;
    expect(readClient(reopened.doc, someone.id)?.notes).toBe('Ring resized to 54 — collect Friday');
  });

  it('SEED-5: the demo seed runs on an empty database only, never again', async () => {
    let relay: TestRelay = await startTestRelay();
    cleanups.push(() => relay.cleanup());
    expect(relay.seededThisStart).toBe(true);
    expect(relay.demo.users.length).toBeGreaterThan(0);
    const count = () => (relay.db.prepare('SELECT count(*) AS n FROM pieces').get() as { n: number }).n;
    const users = () => (relay.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
    const before = { pieces: count(), users: users() };
    const restarted = await relay.restart();
    relay = restarted;
    expect(restarted.seededThisStart).toBe(false);
    expect({ pieces: count(), users: users() }).toEqual(before);
  });

  it('AUDIT-1: a client-book edit is attributed in audit/<store> with user, device and keys', async () => {
    const relay = await startTestRelay();
    cleanups.push(() => relay.cleanup());
    const associate = demoUser(relay, 'associate');
    const session = await login(relay, associate.login);
    const device = track(connectAs(relay, session));
    const clients = device.open(names.clients(associate.store));
    await clients.synced;
    const someone = readClients(clients.doc)[0];
    if (!someone) throw new Error('seed has clients');
    expect(setClientField(clients.doc, someone.id, 'wristCm', 17.5).ok).toBe(true);

    const manager = demoUser(relay, 'manager');
    const reader = track(connectAs(relay, await login(relay, manager.login)));
    const audit = reader.open(names.audit(associate.store));
    await audit.synced;
    await expect
      .poll(() =>
        auditEntries(audit.doc)
          .toArray()
          .find((e) => e.document === names.clients(associate.store)),
      )
      .toMatchObject({
        user: associate.id,
        userName: associate.name,
        device: session.device,
        changes: { clients: [`${someone.id}.wristCm`] },
      });
    const entry = auditEntries(audit.doc).toArray().at(-1);
    expect(Date.parse(entry?.at ?? '')).not.toBeNaN();

    // AUDIT-4, CHAIN-1: the same entry is a row of audit_log, linked into the chain.
    expect(
      relay.db.prepare('SELECT user_id, document, changes FROM audit_log WHERE id = ?').get(entry?.id ?? ''),
    ).toEqual({
      user_id: associate.id,
      document: names.clients(associate.store),
      changes: JSON.stringify({ clients: [`${someone.id}.wristCm`] }),
    });
    expect(
      relay.db
        .prepare("SELECT 1 AS linked FROM audit_chain WHERE kind = 'audit' AND ref = ?")
        .get(entry?.id ?? ''),
    ).toEqual({ linked: 1 });
    expect(new AuditChain(relay.db).verify().ok).toBe(true);
  });

  it('AUDIT-2: the relay’s own writes (seed) are not attributed to any user', async () => {
    const relay = await startTestRelay();
    cleanups.push(() => relay.cleanup());
    const manager = demoUser(relay, 'manager');
    const reader = track(connectAs(relay, await login(relay, manager.login)));
    const audit = reader.open(names.audit(manager.store));
    await audit.synced;
    expect(auditEntries(audit.doc).length).toBe(0);
  });
});
