import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { type ClientProfile, parseClient } from '../../../domain/client.ts';
import { unwrap } from '../../../domain/result.ts';
import { clientSearchFields } from '../../../sync/shared/client-search-keys.ts';
import {
  addToClientList,
  clientBook,
  createClient,
  deleteClient,
  setClientField,
  setClientNotes,
} from '../../../sync/shared/docs/clients.ts';
import { bindClientIndex, ClientIndex, scanClients } from './client-index.ts';

const STORE = 'a0000000-0000-7000-8000-000000000001';
let n = 0;
const client = (first: string, last: string, more: Record<string, unknown> = {}): ClientProfile =>
  unwrap(
    parseClient({
      id: `d0000000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
      names: { first, last },
      contacts: { emails: [], phones: [] },
      consent: {},
      homeStore: STORE,
      createdAt: '2026-03-01T10:00:00.000Z',
      ...more,
    }),
  );

const amelie = client('Amélie', 'Laurent', {
  contacts: { emails: ['amelie.laurent@example.com'], phones: ['06 12 34 56 78'] },
  ringSizes: [{ hand: 'left', finger: 'ring', size: '52', system: 'EU' }],
  preferences: { metals: ['platinum'], stones: [], designers: [] },
  milestones: [{ kind: 'anniversary', date: '2015-12-10', recurrence: 'yearly' }],
});
const marcus = client('Marcus', 'Chen', {
  contacts: { emails: ['mchen@example.com'], phones: ['+1 (415) 555-0199'] },
  ringSizes: [{ hand: 'right', finger: 'ring', size: '9.5', system: 'US' }],
  preferences: { metals: ['yellow-gold'], stones: [], designers: [] },
  milestones: [{ kind: 'birthday', date: '1980-03-01', recurrence: 'yearly' }],
});
const zoe = client('Zoë', 'Schäfer', {
  contacts: { emails: ['zoe@example.de'], phones: ['+49 30 1234567'] },
  preferences: { metals: ['platinum', 'rose-gold'], stones: [], designers: [] },
});

const indexOf = (...clients: ClientProfile[]) => {
  const index = new ClientIndex('FR');
  index.upsert(clients);
  return index;
};
const ids = (r: { hits: readonly ClientProfile[] }) => r.hits.map((c) => c.id);

describe('client search index', () => {
  const index = indexOf(amelie, marcus, zoe);

  it('SEARCH-1: accent- and case-insensitive, word starts', () => {
    expect(ids(index.search('amelie'))).toEqual([amelie.id]);
    expect(ids(index.search('AMÉL'))).toEqual([amelie.id]);
    expect(ids(index.search('zoe schafer'))).toEqual([zoe.id]);
    expect(ids(index.search('Schä'))).toEqual([zoe.id]);
    expect(ids(index.search('lau am'))).toEqual([amelie.id]);
  });

  it('SEARCH-1: forgives typos (one in a short word, two in a long one), not in very short ones', () => {
    expect(ids(index.search('Luarent'))).toEqual([amelie.id]);
    expect(ids(index.search('Marcis'))).toEqual([marcus.id]);
    expect(ids(index.search('chan'))).toEqual([marcus.id]);
    expect(ids(index.search('zz'))).toEqual([]);
  });

  it('SEARCH-4: words of one or two letters narrow what the longer words find; alone, they are word starts', () => {
    expect(ids(index.search('am laurent'))).toEqual([amelie.id]);
    expect(ids(index.search('zo sch'))).toEqual([zoe.id]);
    expect(ids(index.search('ma laurent'))).toEqual([]);
    expect(ids(index.search('la'))).toEqual([amelie.id]);
    expect(ids(index.search('m c'))).toEqual([marcus.id]);
  });

  it('SEARCH-1: finds by e-mail, whole or begun', () => {
    expect(ids(index.search('mchen@example.com'))).toEqual([marcus.id]);
    expect(ids(index.search('MCHEN@'))).toEqual([marcus.id]);
    expect(ids(index.search('example.de'))).toEqual([zoe.id]);
  });

  it('SEARCH-2: a phone typed in national or international form finds the same client', () => {
    for (const q of [
      '06 12 34 56 78',
      '0612345678',
      '+33 6 12 34 56 78',
      '+33612345678',
      '0033 6 12 34 56 78',
    ])
      expect(ids(index.search(q)), q).toEqual([amelie.id]);
    // Begun, or its last digits.
    expect(ids(index.search('06 12 34'))).toEqual([amelie.id]);
    expect(ids(index.search('+33 6 12'))).toEqual([amelie.id]);
    expect(ids(index.search('555 0199'))).toEqual([marcus.id]);
    expect(ids(index.search('+1 415 555 0199'))).toEqual([marcus.id]);
    expect(ids(index.search('030 1234567'))).toEqual([zoe.id]); // its own national form
    expect(ids(index.search('+49 30 1234567'))).toEqual([zoe.id]);
  });

  it('SEARCH-2: the store region decides how national numbers read', () => {
    const us = new ClientIndex('US');
    us.upsert([marcus, amelie]);
    expect(ids(us.search('(415) 555-0199'))).toEqual([marcus.id]);
    expect(ids(us.search('4155550199'))).toEqual([marcus.id]);
    expect(ids(us.search('+33 6 12 34 56 78'))).toEqual([amelie.id]);
  });

  it('SEARCH-3: filters by ring size, metal and milestone in the next N days, composable', () => {
    expect(ids(index.search('', { filters: [{ kind: 'metal', metal: 'platinum' }] }))).toEqual([
      amelie.id,
      zoe.id,
    ]);
    expect(ids(index.search('', { filters: [{ kind: 'ring-size', size: '52' }] }))).toEqual([amelie.id]);
    expect(ids(index.search('', { filters: [{ kind: 'ring-size', size: '9,5', system: 'US' }] }))).toEqual([
      marcus.id,
    ]);
    expect(ids(index.search('', { filters: [{ kind: 'ring-size', size: '9.5', system: 'EU' }] }))).toEqual(
      [],
    );
    const soon = { kind: 'milestone-within', days: 14, today: '2026-12-01' } as const;
    expect(ids(index.search('', { filters: [soon] }))).toEqual([amelie.id]);
    expect(ids(index.search('', { filters: [{ ...soon, days: 5 }] }))).toEqual([]);
    expect(
      ids(
        index.search('', {
          filters: [
            { kind: 'metal', metal: 'platinum' },
            { ...soon, days: 120 },
          ],
        }),
      ),
    ).toEqual([amelie.id]);
    expect(ids(index.search('a', { filters: [{ kind: 'metal', metal: 'yellow-gold' }] }))).toEqual([]);
    expect(ids(index.search('marc', { filters: [{ kind: 'metal', metal: 'yellow-gold' }] }))).toEqual([
      marcus.id,
    ]);
  });

  it('SEARCH-1: the limit bounds the rows, the total counts every match', () => {
    const many = indexOf(...Array.from({ length: 30 }, (_, i) => client(`Anne${i}`, 'Martin')));
    const r = many.search('martin', { limit: 10 });
    expect(r.hits).toHaveLength(10);
    expect(r.total).toBe(30);
    expect(many.search('', { limit: 5 }).total).toBe(30);
  });

  it('SEARCH-1: finds at least what the linear scan finds for plain words', () => {
    const all = [amelie, marcus, zoe];
    const records = all.map((c) => clientSearchFields(c, 'FR'));
    for (const q of ['laurent', 'example', 'chen', 'zoe', '0199', '+33 6 12'])
      expect(ids(index.search(q)).sort(), q).toEqual(expect.arrayContaining(scanClients(records, q, 'FR')));
  });
});

describe('index bound to the client book', () => {
  it('SEARCH-4: follows local and remote edits, touching only the changed clients', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.on('update', (u: Uint8Array) => Y.applyUpdate(b, u, 'remote'));
    unwrap(createClient(a, amelie));
    unwrap(createClient(a, marcus));
    const index = new ClientIndex('FR');
    const unbind = bindClientIndex(b, index);
    expect(index.size).toBe(2);
    const upsert = vi.spyOn(index, 'upsert');
    // A remote rename is found under the new name only.
    unwrap(setClientField(a, amelie.id, 'names', { first: 'Amélie', last: 'Moreau' }));
    expect(ids(index.search('moreau'))).toEqual([amelie.id]);
    expect(index.get(amelie.id)?.names.last).toBe('Moreau');
    expect(upsert).toHaveBeenLastCalledWith([expect.objectContaining({ id: amelie.id })]);
    // A phone added elsewhere is searchable; a note typed changes no search field.
    unwrap(addToClientList(a, marcus.id, 'phones', '07 00 11 22 33'));
    expect(ids(index.search('07 00 11 22 33'))).toEqual([marcus.id]);
    unwrap(setClientNotes(a, marcus.id, 'Likes emeralds'));
    expect(index.get(marcus.id)?.notes).toBe('Likes emeralds');
    // Removed and added.
    deleteClient(a, marcus.id);
    expect(index.size).toBe(1);
    expect(ids(index.search('chen'))).toEqual([]);
    unwrap(createClient(a, zoe));
    expect(ids(index.search('zoe'))).toEqual([zoe.id]);
    // Every call carried one client, never the whole book.
    for (const call of upsert.mock.calls) expect([...call[0]]).toHaveLength(1);
    unbind();
    unwrap(createClient(a, client('Late', 'Comer')));
    expect(index.size).toBe(2);
    expect(clientBook(b).size).toBe(3);
  });
});
