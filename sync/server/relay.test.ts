import { HocuspocusProvider } from '@hocuspocus/provider';
import { generateKeyPair, SignJWT } from 'jose';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { uuidv7 } from '../../domain/ids.ts';
import { names } from '../shared/doc-names.ts';
import { clientBook } from '../shared/docs/clients.ts';
import { outcomes } from '../shared/docs/ledger.ts';
import { commands } from '../shared/docs/outbox.ts';
import { readStock, stockArray, stockKeyValue } from '../shared/docs/stock.ts';
import { CloseCodes } from './close-codes.ts';
import { SqliteDocumentStore } from './document-store.ts';
import { relayPerFile } from './relay-per-test.support.test.ts';
import { writeRelayDoc } from './relay-writes.ts';
import { demoUser, login, rawProvider, startTestRelay } from './test-utils.ts';
import { AUDIENCE, ISSUER } from './tokens.ts';

const file = relayPerFile(() => startTestRelay({ maxUpdateBytes: 64 * 1024 }));

const deviceFor = async (role: string, storeIndex = 0) => {
  const user = demoUser(file.relay, role, storeIndex);
  const session = await login(file.relay, user.login);
  const device = file.connect(file.relay, session);
  return {
    user,
    session,
    device,
    paris: demoUser(file.relay, 'owner').stores[0] as string,
    ny: demoUser(file.relay, 'owner').stores[1] as string,
  };
};

const stored = async (name: string) => {
  const state = await new SqliteDocumentStore(file.relay.db).fetch(name);
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc;
};

describe('relay access over websockets', () => {
  it('ACCESS-1: an associate opens and edits its own store’s client book', async () => {
    const { device, paris } = await deviceFor('associate');
    const clients = device.open(names.clients(paris));
    await clients.synced;
    expect(clientBook(clients.doc).size).toBe(20);
    expect(clients.readOnly()).toBe(false);
  });

  it('ACCESS-2: an associate cannot open finance/*', async () => {
    const { device, paris } = await deviceFor('associate');
    await expect(device.open(names.finance(paris)).synced).rejects.toMatchObject({
      reason: CloseCodes.Forbidden.reason,
    });
  });

  it('ACCESS-3: an associate cannot open another store’s documents', async () => {
    const { device, ny } = await deviceFor('associate');
    await expect(device.open(names.clients(ny)).synced).rejects.toMatchObject({ reason: 'forbidden' });
    await expect(device.open(names.stock(ny)).synced).rejects.toMatchObject({ reason: 'forbidden' });
  });

  it('ACCESS-4: a manager reads finance/* read-only; stock/* is read-only and synced', async () => {
    const { device, paris } = await deviceFor('manager');
    const finance = device.open(names.finance(paris));
    await finance.synced;
    expect(finance.readOnly()).toBe(true);
    const stock = device.open(names.stock(paris));
    await stock.synced;
    expect(readStock(stock.doc).size).toBe(20);
  });

  it('ACCESS-5: a device cannot open another device’s outbox', async () => {
    const { device } = await deviceFor('associate');
    await expect(device.open(names.outbox(uuidv7())).synced).rejects.toMatchObject({ reason: 'forbidden' });
  });
});

describe('relay authentication of tokens', () => {
  const claims = (role: string) => {
    const u = demoUser(file.relay, role);
    return { sub: u.id, name: u.name, role: u.role, stores: u.stores, device: uuidv7() };
  };

  it('AUTH-8: a forged token is refused', async () => {
    const { session, paris } = await deviceFor('associate');
    const [h, p] = session.token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p as string, 'base64url').toString()), role: 'owner' }),
    ).toString('base64url');
    const forged = file.connect(file.relay, {
      token: `${h}.${forgedPayload}.${session.token.split('.')[2]}`,
      device: session.device,
    });
    await expect(forged.open(names.clients(paris)).synced).rejects.toMatchObject({ reason: 'unauthorized' });
  });

  it('AUTH-9: an expired token is refused', async () => {
    const c = claims('manager');
    const { token } = await file.relay.keys.sign(c, Date.now() - 60 * 60_000);
    const d = file.connect(file.relay, { token, device: c.device });
    await expect(d.open(names.clients(c.stores[0] as string)).synced).rejects.toMatchObject({
      reason: 'unauthorized',
    });
  });

  it('AUTH-10: a token signed by an unknown key is refused', async () => {
    const c = claims('manager');
    const { privateKey } = await generateKeyPair('Ed25519');
    const token = await new SignJWT({ name: c.name, role: 'owner', stores: c.stores, device: c.device })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'someone-else' })
      .setSubject(c.sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    const d = file.connect(file.relay, { token, device: c.device });
    await expect(d.open(names.clients(c.stores[0] as string)).synced).rejects.toMatchObject({
      reason: 'unauthorized',
    });
  });
});

describe('relay guard', () => {
  it('GUARD-1: a client writing into ledger/* or stock/* is refused and nothing changes in storage', async () => {
    const { device, session, paris } = await deviceFor('manager');
    const ledgerName = names.ledger(paris, new Date());
    const ledger = rawProvider(device, ledgerName, session.token);
    const stock = rawProvider(device, names.stock(paris), session.token);
    await expect.poll(() => ledger.isSynced() && stock.isSynced()).toBe(true);
    const stockBefore = readStock(await stored(names.stock(paris)));

    outcomes(ledger.doc).set(uuidv7(), { status: 'accepted', decidedAt: new Date().toISOString() });
    stockArray(stock.doc).push([
      { key: 'LP-001-000001', val: { status: 'sold', location: 'gone', reservedFor: null, updatedAt: '' } },
    ]);

    await expect.poll(() => ledger.closed).toContain(CloseCodes.ReadOnlyDocument.reason);
    await expect.poll(() => stock.closed).toContain(CloseCodes.ReadOnlyDocument.reason);
    expect(outcomes(await stored(ledgerName)).size).toBe(0);
    expect(readStock(await stored(names.stock(paris)))).toEqual(stockBefore);
    const live = file.relay.hocuspocus.documents.get(names.stock(paris));
    if (live) expect(readStock(live).get('LP-001-000001')?.status).not.toBe('sold');
    ledger.provider.destroy();
    stock.provider.destroy();
  });

  it('GUARD-2: the device client never lets a write into a relay-owned document leave the device', async () => {
    const { device, paris } = await deviceFor('manager');
    const stock = device.open(names.stock(paris));
    await stock.synced;
    stockArray(stock.doc).push([
      { key: 'LP-001-000002', val: { status: 'sold', location: 'x', reservedFor: null, updatedAt: '' } },
    ]);
    const probe = await deviceFor('manager');
    const fresh = probe.device.open(names.stock(paris));
    await fresh.synced;
    expect(readStock(fresh.doc).get('LP-001-000002')?.status).not.toBe('sold');
    expect(readStock(await stored(names.stock(paris))).get('LP-001-000002')?.status).not.toBe('sold');
  });

  it('GUARD-3: a malformed update closes that channel with a clear reason; the relay keeps serving', async () => {
    const { device, session, paris } = await deviceFor('associate');
    const raw = rawProvider(device, names.clients(paris), session.token);
    await expect.poll(() => raw.isSynced()).toBe(true);
    const e = encoding.createEncoder();
    encoding.writeVarString(e, names.clients(paris));
    encoding.writeVarUint(e, 0); // Sync
    encoding.writeVarUint(e, 2); // Update
    encoding.writeVarUint8Array(e, new Uint8Array([1, 5, 200, 1, 2, 3]));
    device.socket.send(encoding.toUint8Array(e));
    await expect.poll(() => raw.closed).toContain(CloseCodes.MalformedUpdate.reason);
    raw.provider.destroy();

    const other = await deviceFor('associate');
    const clients = other.device.open(names.clients(paris));
    await clients.synced;
    expect(clientBook(clients.doc).size).toBeGreaterThanOrEqual(20);
  });

  it('GUARD-4: an oversized update is refused with update-too-large; other connections still sync', async () => {
    const { device, session, paris } = await deviceFor('associate');
    const raw = rawProvider(device, names.work(paris), session.token);
    await expect.poll(() => raw.isSynced()).toBe(true);
    raw.doc.getMap('orders').set('huge', { notes: 'x'.repeat(100 * 1024) });
    await expect.poll(() => raw.closed).toContain(CloseCodes.UpdateTooLarge.reason);
    expect((await stored(names.work(paris))).getMap('orders').has('huge')).toBe(false);
    raw.provider.destroy();

    const a = await deviceFor('associate');
    const b = await deviceFor('associate');
    const docA = a.device.open(names.work(paris));
    const docB = b.device.open(names.work(paris));
    await Promise.all([docA.synced, docB.synced]);
    docA.doc.getMap('orders').set('small', { notes: 'resize to 52' });
    await expect.poll(() => docB.doc.getMap('orders').get('small')).toEqual({ notes: 'resize to 52' });
  });

  it('GUARD-6: deleting a command from an outbox is refused; appends still go through', async () => {
    const { device, session, paris } = await deviceFor('associate');
    const outbox = rawProvider(device, names.outbox(session.device), session.token);
    await expect.poll(() => outbox.isSynced()).toBe(true);
    const envelope = (id: string) => ({
      id,
      type: 'reserve',
      store: paris,
      device: session.device,
      user: session.user.id,
      at: new Date().toISOString(),
      payload: {},
    });
    const first = uuidv7();
    commands(outbox.doc).push([envelope(first)]);
    await expect.poll(() => outbox.provider.unsyncedChanges).toBe(0);
    commands(outbox.doc).delete(0, 1);
    await expect.poll(() => outbox.closed).toContain(CloseCodes.AppendOnlyDocument.reason);
    // The relay's copy (live, or stored once the channel closed) still holds the command.
    await expect
      .poll(async () => {
        const live = file.relay.hocuspocus.documents.get(names.outbox(session.device));
        return commands(live ?? (await stored(names.outbox(session.device))))
          .toArray()
          .map((c) => c.id);
      })
      .toEqual([first]);
    outbox.provider.destroy();
  });

  it('MERGE-8: a device writing a merge or erasure marker into the client book is refused, and the relay copy is unchanged', async () => {
    const { device, session, paris } = await deviceFor('associate');
    const book = rawProvider(device, names.clients(paris), session.token);
    await expect.poll(() => book.isSynced()).toBe(true);
    const [victim, survivor] = [...clientBook(book.doc).keys()];
    if (!victim || !survivor) throw new Error('demo has clients');
    clientBook(book.doc).set(victim, {
      format: 'merged',
      id: victim,
      mergedInto: survivor,
      at: new Date().toISOString(),
    } as never);
    await expect.poll(() => book.closed.join(' ')).toContain(CloseCodes.ReadOnlyDocument.reason);
    // The relay's copy still holds the client as it was.
    const live = file.relay.hocuspocus.documents.get(names.clients(paris));
    expect(
      (clientBook(live ?? new Y.Doc()).get(victim) as unknown as Y.Map<unknown>)?.get?.('format'),
    ).not.toBe('merged');
    book.provider.destroy();
  });

  it('GUARD-7: a till replaying a relay-owned document it already had (deletions included) is not refused', async () => {
    const { device, session, paris } = await deviceFor('associate');
    // The relay rewrites a piece's stock entry: the YKeyValue array now has a deletion.
    const entry = (status: 'sold' | 'in-stock') => ({
      status,
      location: 'Case 1',
      reservedFor: null,
      updatedAt: '',
    });
    await writeRelayDoc(file.relay.hocuspocus, names.stock(paris), 'test', (doc) => {
      stockKeyValue(doc).set('LP-001-000001', entry('sold'));
      stockKeyValue(doc).set('LP-001-000001', entry('in-stock'));
    });
    const first = rawProvider(device, names.stock(paris), session.token);
    await expect.poll(() => first.isSynced()).toBe(true);
    const saved = Y.encodeStateAsUpdate(first.doc);
    expect(Y.decodeUpdate(saved).ds.clients.size).toBeGreaterThan(0);
    first.provider.destroy();
    // The till reopens with its local copy (IndexedDB): its sync reply repeats the delete set.
    const reopened = await deviceFor('associate');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, saved);
    const closed: string[] = [];
    const again = new HocuspocusProvider({
      websocketProvider: reopened.device.socket,
      name: names.stock(paris),
      token: reopened.session.token,
      document: copy,
      onClose: ({ event }) => closed.push(event.reason),
    });
    again.attach();
    // A relay write after it: once it arrives, the relay has handled the replay before it.
    await writeRelayDoc(file.relay.hocuspocus, names.stock(paris), 'test', (doc) =>
      stockKeyValue(doc).set('LP-001-000003', entry('sold')),
    );
    await expect.poll(() => readStock(copy).get('LP-001-000003')?.status).toBe('sold');
    expect(closed).not.toContain(CloseCodes.ReadOnlyDocument.reason);
    // A real write is still refused.
    stockArray(copy).push([{ key: 'LP-001-000002', val: entry('sold') }]);
    await expect.poll(() => closed).toContain(CloseCodes.ReadOnlyDocument.reason);
    again.destroy();
  });
});
