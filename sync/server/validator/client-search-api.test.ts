import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { type ClientProfile, parseClient } from '../../../domain/client.ts';
import { uuidv7 } from '../../../domain/ids.ts';
import { unwrap } from '../../../domain/result.ts';
import type { Device } from '../../shared/device-client.ts';
import { names } from '../../shared/doc-names.ts';
import { addToClientList, createClient, deleteClient, setClientField } from '../../shared/docs/clients.ts';
import {
  connectAs,
  demoUser,
  login,
  type SessionBody,
  startValidatingRelay,
  type TestRelay,
} from '../test-utils.ts';

type Hit = { id: string; homeStore: string; name: string; email?: string; phone?: string; emails?: string[] };

describe('chain-wide client search (GET /api/clients/search)', () => {
  let relay: TestRelay;
  let paris: string;
  let newYork: string;
  let associate: SessionBody;
  let manager: SessionBody;
  let nyDevice: Device;
  let nyBook: Y.Doc;
  const zoe = (): ClientProfile =>
    unwrap(
      parseClient({
        id: uuidv7(),
        names: { first: 'Zoë', last: 'Ferrandière', display: 'Zoë Ferrandière' },
        contacts: { emails: ['zoe.ferrandiere@example.com'], phones: ['+33 6 98 76 54 32'] },
        consent: {},
        ringSizes: [],
        preferences: { metals: [], stones: [], designers: [] },
        milestones: [],
        notes: 'Private note never sent by search',
        homeStore: newYork,
        createdAt: '2026-01-01T10:00:00.000Z',
      }),
    );
  let zoeProfile: ClientProfile;

  const search = async (session: { token: string } | string, params: Record<string, string>) => {
    const token = typeof session === 'string' ? session : session.token;
    const res = await fetch(`${relay.url}/api/clients/search?${new URLSearchParams(params)}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return {
      status: res.status,
      body: (await res.json()) as { clients?: Hit[]; error?: string; message?: string },
    };
  };
  /** Polls until the projection answers as expected (it follows document changes). */
  const eventually = async (f: () => Promise<boolean>, ms = 5_000) => {
    const end = Date.now() + ms;
    while (!(await f())) {
      if (Date.now() > end) throw new Error('projection did not follow');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    relay = await startValidatingRelay();
    paris = relay.demo.stores[0]?.id ?? '';
    newYork = relay.demo.stores[1]?.id ?? '';
    associate = await login(relay, demoUser(relay, 'associate', 0).login);
    manager = await login(relay, demoUser(relay, 'manager', 0).login);
    const ny = await login(relay, demoUser(relay, 'associate', 1).login);
    nyDevice = connectAs(relay, ny);
    const open = nyDevice.open(names.clients(newYork));
    await open.synced;
    nyBook = open.doc;
    zoeProfile = zoe();
    const r = createClient(nyBook, zoeProfile);
    if (!r.ok) throw new Error('zoe');
  });
  afterAll(async () => {
    await nyDevice.close();
    await relay.cleanup();
  });

  it('SEARCH-5: an associate finds another store’s client by name, accents aside, contacts masked', async () => {
    await eventually(
      async () =>
        ((await search(associate, { q: 'zoe ferran', store: paris })).body.clients ?? []).length > 0,
    );
    const { status, body } = await search(associate, { q: 'ZOE FERRAN', store: paris });
    expect(status).toBe(200);
    expect(body.clients).toEqual([
      {
        id: zoeProfile.id,
        homeStore: newYork,
        name: 'Zoë Ferrandière',
        email: 'z•••@example.com',
        phone: '•••• 32',
      },
    ]);
    expect(JSON.stringify(body)).not.toContain('Private note');
  });

  it('SEARCH-5: a manager sees every contact whole', async () => {
    const { body } = await search(manager, { q: 'ferrandiere', store: paris, contacts: 'full' });
    expect(body.clients?.[0]).toMatchObject({
      email: 'zoe.ferrandiere@example.com',
      phone: '+33 6 98 76 54 32',
      emails: ['zoe.ferrandiere@example.com'],
    });
  });

  it('SEARCH-5: only other stores’ clients: the caller’s own book is searched on the till', async () => {
    const nyName = (await search(associate, { q: 'ferrandiere', store: paris })).body.clients ?? [];
    expect(nyName.map((c) => c.homeStore)).toEqual([newYork]);
    const nyAssociate = await login(relay, demoUser(relay, 'associate', 1).login);
    const fromNy = await search(nyAssociate, { q: 'ferrandiere', store: newYork });
    expect(fromNy.body.clients).toEqual([]);
  });

  it('SEARCH-2: a phone in national or international form finds the client', async () => {
    for (const q of ['+33 6 98 76 54 32', '0033698765432', '+33698'])
      expect(
        (await search(associate, { q, store: paris })).body.clients?.map((c) => c.id),
        q,
      ).toEqual([zoeProfile.id]);
  });

  it('SEARCH-6: the projection follows edits of the book, client by client', async () => {
    expect(setClientField(nyBook, zoeProfile.id, 'names', { first: 'Zoë', last: 'Marchetti' }).ok).toBe(true);
    expect(addToClientList(nyBook, zoeProfile.id, 'emails', 'zm@atelier.example').ok).toBe(true);
    await eventually(
      async () =>
        ((await search(associate, { q: 'marchetti', store: paris })).body.clients ?? []).length === 1,
    );
    // Still found by the e-mail, under the new name.
    expect(
      (await search(associate, { q: 'ferrandiere', store: paris })).body.clients?.map((c) => c.name),
    ).toEqual(['Zoë Marchetti']);
    expect((await search(associate, { q: 'atelier', store: paris })).body.clients?.map((c) => c.id)).toEqual([
      zoeProfile.id,
    ]);
    deleteClient(nyBook, zoeProfile.id);
    await eventually(
      async () =>
        ((await search(associate, { q: 'marchetti', store: paris })).body.clients ?? []).length === 0,
    );
  });

  it('SEARCH-7: no token, a forged token, a store not theirs or whole contacts for an associate are refused', async () => {
    expect((await search('', { q: 'zoe', store: paris })).status).toBe(401);
    const [h, , sig] = associate.token.split('.');
    const payload = Buffer.from(
      JSON.stringify({
        sub: associate.user.id,
        role: 'owner',
        stores: [paris, newYork],
        name: 'x',
        device: associate.device,
      }),
    ).toString('base64url');
    expect((await search(`${h}.${payload}.${sig}`, { q: 'zoe', store: paris })).status).toBe(401);
    const other = await search(associate, { q: 'zoe', store: newYork });
    expect(other.status).toBe(403);
    const whole = await search(associate, { q: 'zoe', store: paris, contacts: 'full' });
    expect(whole.status).toBe(403);
    expect(whole.body.message).toMatch(/managers and owners/);
  });

  it('SEARCH-7: a query too short or without words is refused with a reason', async () => {
    for (const q of ['', 'a', '***', '+1']) {
      const r = await search(associate, { q, store: paris });
      expect(r.status, q).toBe(400);
      expect(r.body.error).toBe('invalid-input');
    }
    const post = await fetch(`${relay.url}/api/clients/search?q=zoe&store=${paris}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${associate.token}` },
    });
    expect(post.status).toBe(405);
  });
});

describe('chain-wide search projection at start', () => {
  it('SEARCH-6: a relay that never projected a book projects it once when it starts', async () => {
    let relay = await startValidatingRelay();
    try {
      const paris = relay.demo.stores[0]?.id ?? '';
      const newYork = relay.demo.stores[1]?.id ?? '';
      const nyClient = relay.demo.clientIds[newYork]?.[0] ?? '';
      // As if the database came from before the projection: no rows, no book recorded.
      relay.db.exec(
        'DELETE FROM client_search; DELETE FROM client_search_fts; DELETE FROM client_search_books;',
      );
      relay = await relay.restart();
      const rows = relay.db.prepare('SELECT book, COUNT(*) AS n FROM client_search GROUP BY book').all() as {
        book: string;
        n: number;
      }[];
      expect(rows.map((r) => r.book).sort()).toEqual([paris, newYork].sort());
      const name = relay.db.prepare('SELECT display_name FROM client_search WHERE id = ?').get(nyClient) as {
        display_name: string;
      };
      const associate = await login(relay, demoUser(relay, 'associate', 0).login);
      const res = await fetch(
        `${relay.url}/api/clients/search?${new URLSearchParams({ q: name.display_name, store: paris })}`,
        { headers: { authorization: `Bearer ${associate.token}` } },
      );
      const body = (await res.json()) as { clients: { id: string }[] };
      expect(body.clients.map((c) => c.id)).toContain(nyClient);
    } finally {
      await relay.cleanup();
    }
  });
});
