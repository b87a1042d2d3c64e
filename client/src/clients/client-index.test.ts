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
import { bindClientIndex, ClientIndex, scanClients, typoEdits } from './client-index.ts';

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

describe('client search ranking and upkeep', () => {
  it('SEARCH-8: a swap of neighbouring letters is one typo; distances past the limit stop early', () => {
    expect(typoEdits('mracus', 'marcus', 1)).toBe(1);
    expect(typoEdits('marcus', 'marcus', 1)).toBe(0);
    expect(typoEdits('luarent', 'laurent', 2)).toBe(1);
    expect(typoEdits('martin', 'bernard', 2)).toBe(3);
    expect(typoEdits('chan', 'chen', 1)).toBe(1);
    const index = indexOf(amelie, marcus, zoe);
    expect(ids(index.search('Mracus'))).toEqual([marcus.id]);
    expect(ids(index.search('Schfäer'))).toEqual([zoe.id]);
    expect(ids(index.search('Mrcs'))).toEqual([]);
  });

  it('SEARCH-9: a whole name word ranks above a begun one, a name above an e-mail; equals by name', () => {
    const ann = client('Ann', 'Zeller');
    const anne = client('Anne', 'Baker');
    const annabel = client('Annabel', 'Adams');
    const byMail = client('Paul', 'Roy', { contacts: { emails: ['ann.roy@example.com'], phones: [] } });
    const index = indexOf(byMail, annabel, anne, ann);
    expect(ids(index.search('ann'))).toEqual([ann.id, annabel.id, anne.id, byMail.id]);
    // The rarest word leads, whatever the order typed.
    expect(ids(index.search('baker ann'))).toEqual([anne.id]);
    expect(ids(index.search('an b'))).toEqual([anne.id]);
  });

  it('SEARCH-9: only the rows asked for are returned, the best of all matches, with the total', () => {
    const many = Array.from({ length: 400 }, (_, i) => client(`P${String(i).padStart(3, '0')}`, 'Garnier'));
    const index = indexOf(...[...many].reverse());
    const r = index.search('garnier', { limit: 3 });
    expect(r.total).toBe(400);
    expect(r.hits.map((c) => c.names.first)).toEqual(['P000', 'P001', 'P002']);
  });

  it('SEARCH-10: after thousands of edits the index answers as if built from the last versions', () => {
    const people = Array.from({ length: 50 }, (_, i) => client(`First${i}`, `Last${i}`));
    const index = indexOf(...people);
    let round = 0;
    for (; round < 60; round++)
      index.upsert(
        people.map((p) => ({
          ...p,
          names: { first: p.names.first, last: `Round${round}x${p.names.last}`, display: '' },
        })),
      );
    expect(index.size).toBe(50);
    expect(index.search('round59x').total).toBe(50);
    expect(index.search('round58x').total).toBe(0);
    // The one exact find first, then near misses (fewer than 5 exact finds).
    expect(ids(index.search('round59xlast7 first7'))[0]).toBe(people[7]?.id);
    index.remove(people.slice(0, 25).map((p) => p.id));
    expect(index.search('round59x').total).toBe(25);
    expect(index.search('', { limit: 100 }).total).toBe(25);
  });

  it('SEARCH-10: a phone is found by any run of 4 digits or more of its keys, and by 3 digits', () => {
    const index = indexOf(amelie, marcus, zoe);
    expect(ids(index.search('34 56 78'))).toEqual([amelie.id]);
    expect(ids(index.search('1234'))).toEqual([amelie.id, zoe.id]);
    expect(ids(index.search('415'))).toEqual([marcus.id]);
    expect(ids(index.search('9999 9999'))).toEqual([]);
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
