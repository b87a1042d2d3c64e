import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { uuidv7 } from '../../domain/ids.ts';
import { ORG_DOC, readStaff, readStores, staffMap } from '../shared/docs/org.ts';
import { openDatabase } from './db.ts';
import { SqliteDocumentStore } from './document-store.ts';
import { OrgSource, rebuildOrg } from './org-projection.ts';
import { rebuildDatabase } from './rebuild-documents.ts';
import { closeAfterEach } from './relay-per-test.support.test.ts';
import {
  demoUser,
  login,
  post,
  sessionEnvelope,
  startTestRelay,
  startValidatingRelay,
  type TestRelay,
} from './test-utils.ts';

const perTest = closeAfterEach();

const envelope = sessionEnvelope;

/** `org` as the relay holds it now (loaded through Hocuspocus, journal included). */
async function orgJson(r: Pick<TestRelay, 'hocuspocus'>) {
  const connection = await r.hocuspocus.openDirectConnection(ORG_DOC, { relay: true });
  try {
    const doc = connection.document ?? new Y.Doc();
    return { stores: doc.getMap('stores').toJSON(), staff: doc.getMap('staff').toJSON(), doc };
  } finally {
    await connection.disconnect();
  }
}

/** What a rebuild from SQL would write. */
function fromSql(r: Pick<TestRelay, 'db'>) {
  const doc = new Y.Doc();
  const want = new OrgSource(r.db).all();
  for (const s of want.stores.values()) doc.getMap('stores').set(s.id, JSON.parse(JSON.stringify(s)));
  for (const m of want.staff.values()) doc.getMap('staff').set(m.id, JSON.parse(JSON.stringify(m)));
  return { stores: readStores(doc), staff: readStaff(doc) };
}

async function credentials(r: TestRelay, token: string | undefined, id: string, body: unknown) {
  const res = await fetch(`${r.url}/api/staff/${id}/credentials`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const SECRET_KEYS = ['password', 'password_hash', 'passwordHash', 'pin', 'pin_hash', 'pinHash', 'secret'];

describe('org, the relay’s projection of SQL (DOC-7)', () => {
  it('DOC-7: the seed writes SQL only, then projects org: every store and member of staff, parsed, no secret', async () => {
    perTest.relay = await startTestRelay();
    const r = perTest.relay;
    const { stores, staff, doc } = await orgJson(r);
    const problems: string[] = [];
    expect(readStores(doc, (p) => problems.push(p.key))).toEqual(fromSql(r).stores);
    expect(readStaff(doc, (p) => problems.push(p.key))).toEqual(fromSql(r).staff);
    expect(problems).toEqual([]);
    expect(Object.keys(stores)).toHaveLength(r.demo.stores.length);
    expect(Object.keys(staff)).toHaveLength(r.demo.users.length);
    const paris = r.demo.stores[0]?.id ?? '';
    expect(stores[paris]).toMatchObject({
      tax: { basisPoints: 2000, inclusive: true },
      timeZone: 'Europe/Paris',
      address: ['12 rue de la Paix', '75002 Paris'],
    });
    const text = JSON.stringify({ stores, staff });
    expect(text).not.toContain('scrypt$');
    for (const m of Object.values(staff)) for (const key of SECRET_KEYS) expect(m).not.toHaveProperty(key);
    expect(await rebuildOrg(r.db, r.hocuspocus)).toBe(0);
  });

  it('DOC-7, ORG-1…8: store and staff commands through the validator; org then equals a rebuild from SQL', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const paris = r.demo.stores[0]?.id ?? '';
    const ny = r.demo.stores[1]?.id ?? '';
    const owner = await login(r, demoUser(r, 'owner').login);
    const manager = await login(r, demoUser(r, 'manager', 0).login);
    const ownerTill = perTest.connect(r, owner);
    const managerTill = perTest.connect(r, manager);
    const nice = uuidv7();
    const lea = uuidv7();
    const sam = uuidv7();
    const owned = [
      envelope(owner, paris, 'store.open', {
        store: {
          id: nice,
          name: 'Loupe Nice',
          currency: 'EUR',
          tax: { basisPoints: 2000, inclusive: true },
          timeZone: 'Europe/Paris',
          address: ['1 promenade des Anglais', '06000 Nice'],
          phone: '+33 4 93 00 00 00',
        },
      }),
      envelope(owner, paris, 'store.update', {
        storeId: ny,
        changes: { name: 'Loupe Fifth Avenue', tax: { basisPoints: 887, inclusive: false } },
      }),
      envelope(owner, paris, 'staff.add', {
        member: { id: sam, name: 'Sam Reed', login: 'sam.nce', role: 'manager', stores: [nice] },
      }),
    ];
    for (const c of owned) {
      ownerTill.append(c);
      expect((await ownerTill.outcome(c.id)).status, c.type).toBe('accepted');
    }

    const managed = [
      envelope(manager, paris, 'staff.add', {
        member: { id: lea, name: 'Léa Martin', login: 'lea.par', role: 'associate', stores: [paris] },
      }),
      envelope(manager, paris, 'staff.update', {
        userId: lea,
        changes: { role: 'designer', name: 'Léa M.' },
      }),
      // ORG-5: a manager never makes a manager; ORG-4: nor touches another store's staff or an owner.
      envelope(manager, paris, 'staff.update', { userId: lea, changes: { role: 'manager' } }),
      envelope(manager, paris, 'staff.deactivate', { userId: sam }),
      envelope(manager, paris, 'staff.deactivate', { userId: owner.user.id }),
      // ORG-6: nobody deactivates themselves; ORG-1: stores are the owner's.
      envelope(manager, paris, 'staff.deactivate', { userId: manager.user.id }),
      envelope(manager, paris, 'store.update', { storeId: paris, changes: { name: 'Mine now' } }),
      // ORG-3: a login is taken whatever its case.
      envelope(manager, paris, 'staff.add', {
        member: { id: uuidv7(), name: 'Twin', login: 'LEA.PAR', role: 'associate', stores: [paris] },
      }),
      envelope(manager, paris, 'staff.deactivate', { userId: lea }),
    ];
    const got = [];
    // A burst of separate appends, decided in outbox order; each one's writer is recorded with the
    // update that appends it (USER-1), so none is decided without it.
    for (const c of managed) managerTill.append(c);
    for (const c of managed) {
      const o = await managerTill.outcome(c.id);
      got.push(o.status === 'accepted' ? 'accepted' : o.code);
    }
    expect(got).toEqual([
      'accepted',
      'accepted',
      'not-allowed',
      'not-allowed',
      'not-allowed',
      'not-allowed',
      'not-allowed',
      'login-taken',
      'accepted',
    ]);

    // SQL holds the decisions; org equals a rebuild from it, and a rebuild changes nothing.
    const { doc, stores, staff } = await orgJson(r);
    expect(readStores(doc)).toEqual(fromSql(r).stores);
    expect(readStaff(doc)).toEqual(fromSql(r).staff);
    expect(await rebuildOrg(r.db, r.hocuspocus)).toBe(0);
    expect(stores[nice]).toMatchObject({ name: 'Loupe Nice', phone: '+33 4 93 00 00 00' });
    expect(stores[ny]).toMatchObject({
      name: 'Loupe Fifth Avenue',
      tax: { basisPoints: 887, inclusive: false },
    });
    expect(staff[lea]).toEqual({
      id: lea,
      name: 'Léa M.',
      login: 'lea.par',
      role: 'designer',
      stores: [paris],
      active: false,
    });
    expect(staff[sam]).toMatchObject({ role: 'manager', stores: [nice], active: true });
    expect(r.db.prepare('SELECT address, phone FROM stores WHERE id = ?').get(nice)).toEqual({
      address: JSON.stringify(['1 promenade des Anglais', '06000 Nice']),
      phone: '+33 4 93 00 00 00',
    });
    // The till sees it too: org is a one-way mirror on the device.
    const mirror = ownerTill.open(ORG_DOC);
    await mirror.synced;
    expect(staffMap(mirror.doc).toJSON()[lea]).toMatchObject({ active: false });
  });

  it('ORG-8, ORG-9: a deactivated person cannot sign in and their refresh token stops working; reactivated, they can', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const paris = r.demo.stores[0]?.id ?? '';
    const { session: owner, device: till } = await perTest.till(r, 'owner');
    const who = demoUser(r, 'associate', 0);
    const session = await login(r, who.login);
    const off = envelope(owner, paris, 'staff.deactivate', { userId: who.id, reason: 'left' });
    till.append(off);
    expect((await till.outcome(off.id)).status).toBe('accepted');
    expect((await post(r, '/api/login', { user: who.login, password: 'test-secret' })).status).toBe(401);
    const refresh = await post(r, '/api/refresh', {
      refreshToken: session.refreshToken,
      device: session.device,
    });
    expect(refresh.status).toBe(401);
    expect(
      r.db
        .prepare('SELECT count(*) AS n FROM device_keys WHERE user_id = ? AND revoked_at IS NULL')
        .get(who.id),
    ).toEqual({ n: 0 });
    const on = envelope(owner, paris, 'staff.reactivate', { userId: who.id });
    till.append(on);
    expect((await till.outcome(on.id)).status).toBe('accepted');
    expect((await post(r, '/api/login', { user: who.login, password: 'test-secret' })).status).toBe(200);
  });

  it('ORG-9: POST /api/staff/<id>/credentials sets a PIN or password, or answers a one-time initial password', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const paris = r.demo.stores[0]?.id ?? '';
    const { session: manager, device: till } = await perTest.till(r, 'manager');
    const lea = uuidv7();
    const add = envelope(manager, paris, 'staff.add', {
      member: { id: lea, name: 'Léa Martin', login: 'lea.par', role: 'associate', stores: [paris] },
    });
    till.append(add);
    expect((await till.outcome(add.id)).status).toBe('accepted');
    // No secret yet: nobody signs in as them.
    expect((await post(r, '/api/login', { user: 'lea.par', password: 'anything-at-all' })).status).toBe(401);

    const first = await credentials(r, manager.token, lea, {});
    expect(first.status).toBe(200);
    const initial = String(first.body.initialPassword);
    expect(initial).toMatch(/^[A-Za-z2-9]{16}$/);
    expect((await post(r, '/api/login', { user: 'lea.par', password: initial })).status).toBe(200);
    const device = uuidv7();
    expect(
      await credentials(r, manager.token, lea, { password: 'a-new-password', pin: '4821' }),
    ).toMatchObject({
      status: 200,
      body: { user: lea, password: true, pin: true },
    });
    expect((await post(r, '/api/login', { user: 'lea.par', password: initial })).status).toBe(401);
    expect((await post(r, '/api/login', { user: 'lea.par', pin: '4821', device })).status).toBe(200);
    const hash = r.db.prepare('SELECT password_hash, pin_hash FROM users WHERE id = ?').get(lea) as Record<
      string,
      string
    >;
    expect(hash.password_hash).toMatch(/^scrypt\$/);
    expect(hash.pin_hash).toMatch(/^scrypt\$/);

    // Who may: no token 401; an associate 403; a manager not for another manager, an owner or
    // another store's staff; the owner for anyone; an unknown id 404; a bad PIN 400.
    const associate = await login(r, demoUser(r, 'associate', 0).login);
    const owner = await login(r, demoUser(r, 'owner').login);
    expect((await credentials(r, undefined, lea, {})).status).toBe(401);
    expect((await credentials(r, associate.token, lea, {})).status).toBe(403);
    expect((await credentials(r, manager.token, demoUser(r, 'manager', 1).id, {})).status).toBe(403);
    expect((await credentials(r, manager.token, demoUser(r, 'associate', 1).id, {})).status).toBe(403);
    expect((await credentials(r, manager.token, owner.user.id, {})).status).toBe(403);
    expect((await credentials(r, owner.token, demoUser(r, 'manager', 1).id, { pin: '9911' })).status).toBe(
      200,
    );
    expect((await credentials(r, owner.token, uuidv7(), {})).status).toBe(404);
    expect((await credentials(r, owner.token, lea, { pin: '12ab' })).status).toBe(400);
    // ORG-9: no secret ever reached org.
    const { staff } = await orgJson(r);
    expect(JSON.stringify(staff)).not.toContain('scrypt$');
    expect(JSON.stringify(staff)).not.toContain('4821');
  });

  it('DOC-7: npm run rebuild-documents rewrites org from SQL with the relay stopped', async () => {
    perTest.relay = await startTestRelay();
    await perTest.relay.destroy();
    const db = openDatabase(perTest.relay.dbPath);
    const raw = new SqliteDocumentStore(db);
    const damaged = new Y.Doc();
    Y.applyUpdate(damaged, (await raw.fetch(ORG_DOC)) ?? new Uint8Array());
    const first = [...staffMap(damaged).keys()][0] ?? '';
    staffMap(damaged).set(first, { name: 'wrong', password_hash: 'scrypt$x' });
    staffMap(damaged).set(uuidv7(), { name: 'not in SQL' });
    await raw.store(ORG_DOC, Y.encodeStateAsUpdate(damaged));
    db.prepare('DELETE FROM document_journal WHERE name = ?').run(ORG_DOC);
    db.close();

    expect((await rebuildDatabase(perTest.relay.dbPath)).org).toBe(2);
    expect((await rebuildDatabase(perTest.relay.dbPath)).org).toBe(0);
    perTest.relay = await perTest.relay.restart();
    const { doc } = await orgJson(perTest.relay);
    expect(readStaff(doc)).toEqual(fromSql(perTest.relay).staff);
    expect(JSON.stringify(staffMap(doc).toJSON())).not.toContain('password_hash');
  });
});
