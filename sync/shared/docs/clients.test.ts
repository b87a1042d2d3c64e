import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type ClientProfile, parseClient } from '../../../domain/client.ts';
import { unwrap } from '../../../domain/result.ts';
import {
  addToClientList,
  CLIENT_FORMAT,
  clientBook,
  clientListEntries,
  createClient,
  editClientNotes,
  parseClientRecord,
  readClient,
  readClients,
  removeFromClientList,
  setClientConsent,
  setClientField,
  setClientNotes,
  textDiff,
  upgradeClientBook,
  writeClient,
} from './clients.ts';

const STORE = 'a0000000-0000-7000-8000-000000000001';
const ID = 'd0000000-0000-7000-8000-000000000001';

const amelie = (): ClientProfile =>
  unwrap(
    parseClient({
      id: ID,
      names: { first: 'Amélie', last: 'Durand' },
      contacts: { emails: ['amelie@example.com'], phones: ['+33 6 12 34 56 78'] },
      consent: { email: { granted: true, date: '2026-03-01' } },
      ringSizes: [{ hand: 'left', finger: 'ring', size: '52', system: 'EU' }],
      preferences: { metals: ['platinum'], stones: ['sapphire'], designers: [] },
      milestones: [{ kind: 'birthday', date: '1990-05-04', recurrence: 'yearly' }],
      notes: 'Prefers the east window.',
      homeStore: STORE,
      createdAt: '2026-03-01T10:00:00.000Z',
    }),
  );

/** Two replicas that exchange everything (a till and the relay, or two tills after a sync). */
function exchange(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

const fresh = () => {
  const doc = new Y.Doc();
  expect(createClient(doc, amelie(), 1000).ok).toBe(true);
  return doc;
};

describe('clients/<store> schema (DOC-4, DOC-8)', () => {
  it('DOC-4: a client is a nested Y.Map of fields, notes a Y.Text, lists keyed; it reads back as the profile', () => {
    const doc = fresh();
    const stored = clientBook(doc).get(ID);
    expect(stored).toBeInstanceOf(Y.Map);
    const m = stored as Y.Map<unknown>;
    expect(m.get('format')).toBe(CLIENT_FORMAT);
    expect(m.get('notes')).toBeInstanceOf(Y.Text);
    expect(m.get('emails')).toBeInstanceOf(Y.Map);
    expect((m.get('emails') as Y.Map<unknown>).has('amelie@example.com')).toBe(true);
    expect(readClient(doc, ID)).toEqual(amelie());
    expect(readClients(doc)).toEqual([amelie()]);
  });

  it('DOC-4: a client stored as a plain JSON profile (before field-level storage) still reads', () => {
    const doc = new Y.Doc();
    clientBook(doc).set(ID, amelie() as unknown as Record<string, unknown>);
    expect(readClient(doc, ID)).toEqual(amelie());
    expect(clientListEntries(clientBook(doc).get(ID), 'emails')).toEqual([
      { key: '#0', value: 'amelie@example.com' },
    ]);
  });

  it('DOC-8: a record that does not parse is not shown', () => {
    const doc = new Y.Doc();
    clientBook(doc).set(ID, { id: ID, names: { first: '', last: '' } });
    expect(readClient(doc, ID)).toBeUndefined();
    expect(parseClientRecord(undefined)).toBeUndefined();
    expect(createClient(doc, { ...amelie(), names: { first: '', last: '', display: '' } }).ok).toBe(false);
  });

  it('writes one field; the others are untouched; an invalid value is refused with the parser’s error', () => {
    const doc = fresh();
    expect(setClientField(doc, ID, 'names', { first: 'Amélie', last: 'Martin' }).ok).toBe(true);
    expect(readClient(doc, ID)?.names).toEqual({ first: 'Amélie', last: 'Martin', display: 'Amélie Martin' });
    expect(setClientField(doc, ID, 'wristCm', 16.5).ok).toBe(true);
    expect(readClient(doc, ID)?.wristCm).toBe(16.5);
    expect(setClientField(doc, ID, 'wristCm', undefined).ok).toBe(true);
    expect(readClient(doc, ID)?.wristCm).toBeUndefined();
    const bad = setClientField(doc, ID, 'wristCm', 400);
    expect(bad).toMatchObject({ ok: false, error: { reason: 'invalid', error: { path: 'wristCm' } } });
    expect(setClientField(doc, 'd0000000-0000-7000-8000-00000000000f', 'wristCm', 17)).toMatchObject({
      ok: false,
      error: { reason: 'unknown-client' },
    });
    expect(setClientConsent(doc, ID, 'sms', { granted: false, date: '2026-03-02' }).ok).toBe(true);
    expect(readClient(doc, ID)?.consent.sms).toEqual({ granted: false, date: '2026-03-02' });
    expect(readClient(doc, ID)?.notes).toBe('Prefers the east window.');
  });

  it('lists: add, keep one of a repeated e-mail, remove one entry; an invalid ring size is refused', () => {
    const doc = fresh();
    expect(addToClientList(doc, ID, 'phones', '+1 212 555 0100', 2000)).toEqual({
      ok: true,
      value: '+1 212 555 0100',
    });
    expect(readClient(doc, ID)?.contacts.phones).toEqual(['+33 6 12 34 56 78', '+1 212 555 0100']);
    expect(addToClientList(doc, ID, 'emails', 'amelie@example.com').ok).toBe(true);
    expect(readClient(doc, ID)?.contacts.emails).toEqual(['amelie@example.com']);
    expect(addToClientList(doc, ID, 'emails', 'not-an-email')).toMatchObject({
      ok: false,
      error: { reason: 'invalid', error: { problem: 'format' } },
    });
    const ring = addToClientList(doc, ID, 'ringSizes', {
      hand: 'right',
      finger: 'index',
      size: '7.5',
      system: 'US',
    });
    expect(ring.ok).toBe(true);
    const badRing = addToClientList(doc, ID, 'ringSizes', {
      hand: 'right',
      finger: 'index',
      size: '99',
      system: 'US',
    });
    expect(badRing).toMatchObject({ ok: false, error: { reason: 'invalid' } });
    if (!badRing.ok && badRing.error.reason === 'invalid')
      expect(badRing.error.error.message).toContain('"99" is not a US ring size');
    expect(readClient(doc, ID)?.ringSizes).toHaveLength(2);
    if (ring.ok) expect(removeFromClientList(doc, ID, 'ringSizes', ring.value).ok).toBe(true);
    expect(readClient(doc, ID)?.ringSizes).toEqual(amelie().ringSizes);
    expect(removeFromClientList(doc, ID, 'phones', '+33 6 12 34 56 78').ok).toBe(true);
    expect(readClient(doc, ID)?.contacts.phones).toEqual(['+1 212 555 0100']);
  });

  it('notes are a Y.Text: an edit at a position, and a whole value turned into its smallest edit', () => {
    const doc = fresh();
    expect(editClientNotes(doc, ID, 0, 0, 'VIP. ').ok).toBe(true);
    expect(readClient(doc, ID)?.notes).toBe('VIP. Prefers the east window.');
    expect(setClientNotes(doc, ID, 'VIP. Prefers the west window.').ok).toBe(true);
    expect(readClient(doc, ID)?.notes).toBe('VIP. Prefers the west window.');
    expect(textDiff('abcdef', 'abXef')).toEqual({ index: 2, deleteCount: 2, insert: 'X' });
    expect(textDiff('aaa', 'aaaa')).toEqual({ index: 3, deleteCount: 0, insert: 'a' });
  });

  it('SYNC-2: two replicas editing different fields of one client offline both keep their edit', () => {
    const a = fresh();
    const b = new Y.Doc();
    exchange(a, b);
    expect(addToClientList(a, ID, 'phones', '+33 1 40 00 00 00').ok).toBe(true);
    expect(setClientNotes(b, ID, 'Prefers the east window. Engagement in June.').ok).toBe(true);
    expect(setClientField(b, ID, 'neckCm', 38).ok).toBe(true);
    exchange(a, b);
    for (const doc of [a, b]) {
      const c = readClient(doc, ID);
      expect(c?.contacts.phones).toEqual(['+33 6 12 34 56 78', '+33 1 40 00 00 00']);
      expect(c?.notes).toBe('Prefers the east window. Engagement in June.');
      expect(c?.neckCm).toBe(38);
    }
  });

  it('SYNC-2: concurrent edits of one scalar field end with the same value on both; both list additions survive', () => {
    const a = fresh();
    const b = new Y.Doc();
    exchange(a, b);
    setClientField(a, ID, 'wristCm', 16);
    setClientField(b, ID, 'wristCm', 17);
    addToClientList(a, ID, 'stones', 'emerald');
    addToClientList(b, ID, 'stones', 'ruby');
    editClientNotes(a, ID, 0, 0, 'A: ');
    editClientNotes(b, ID, 24, 0, ' B');
    exchange(a, b);
    expect(readClient(a, ID)).toEqual(readClient(b, ID));
    expect([16, 17]).toContain(readClient(a, ID)?.wristCm);
    expect(readClient(a, ID)?.preferences.stones.slice().sort()).toEqual(['emerald', 'ruby', 'sapphire']);
    expect(readClient(a, ID)?.notes).toBe('A: Prefers the east window. B');
  });

  it('writeClient saves a whole profile field by field: a concurrent edit of another field survives', () => {
    const a = fresh();
    const b = new Y.Doc();
    exchange(a, b);
    expect(writeClient(a, { ...amelie(), wristCm: 15 }).ok).toBe(true);
    expect(setClientNotes(b, ID, 'Called back.').ok).toBe(true);
    exchange(a, b);
    expect(readClient(a, ID)).toMatchObject({ wristCm: 15, notes: 'Called back.' });
    expect(readClient(b, ID)).toEqual(readClient(a, ID));
  });

  it('editing a plain (old) record rewrites it in the nested form first', () => {
    const doc = new Y.Doc();
    clientBook(doc).set(ID, amelie() as unknown as Record<string, unknown>);
    expect(addToClientList(doc, ID, 'designers', 'Boucheron').ok).toBe(true);
    expect(clientBook(doc).get(ID)).toBeInstanceOf(Y.Map);
    expect(readClient(doc, ID)).toEqual({
      ...amelie(),
      preferences: { ...amelie().preferences, designers: ['Boucheron'] },
    });
    const plain = new Y.Doc();
    clientBook(plain).set(ID, amelie() as unknown as Record<string, unknown>);
    expect(removeFromClientList(plain, ID, 'emails', '#0').ok).toBe(true);
    expect(readClient(plain, ID)?.contacts.emails).toEqual([]);
  });

  it('DOC-10: upgradeClientBook rewrites plain records once; a second run changes nothing', () => {
    const doc = new Y.Doc();
    const other = { ...amelie(), id: 'd0000000-0000-7000-8000-000000000002' };
    clientBook(doc).set(ID, amelie() as unknown as Record<string, unknown>);
    clientBook(doc).set(other.id, other as unknown as Record<string, unknown>);
    clientBook(doc).set('d0000000-0000-7000-8000-000000000003', { garbage: true });
    expect(upgradeClientBook(doc)).toEqual({
      upgraded: 2,
      unreadable: ['d0000000-0000-7000-8000-000000000003'],
    });
    expect(clientBook(doc).get(ID)).toBeInstanceOf(Y.Map);
    expect(readClient(doc, ID)).toEqual(amelie());
    expect(readClient(doc, other.id)).toEqual(other);
    const before = Y.encodeStateVector(doc);
    expect(upgradeClientBook(doc).upgraded).toBe(0);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});
