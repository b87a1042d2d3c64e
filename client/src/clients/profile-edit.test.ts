import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseClient } from '../../../domain/client.ts';
import { unwrap } from '../../../domain/result.ts';
import {
  addToClientList,
  type ClientWriteError,
  createClient,
  setClientField,
} from '../../../sync/shared/docs/clients.ts';
import { readLiveClient } from './client-record.ts';
import { milestoneFrom, refusalInWords, ringSizeFrom } from './profile-edit.ts';

const ID = 'd0000000-0000-7000-8000-000000000001';
const doc = () => {
  const d = new Y.Doc();
  createClient(
    d,
    unwrap(
      parseClient({
        id: ID,
        names: { first: 'Sofia', last: 'Adeyemi' },
        contacts: { emails: ['sofia@example.com'], phones: [] },
        homeStore: 'a0000000-0000-7000-8000-000000000001',
        createdAt: '2026-03-01T10:00:00.000Z',
      }),
    ),
  );
  return d;
};

describe('profile edits in words', () => {
  it('ring sizes are spelled the domain’s way; an invalid one is refused in words naming the system', () => {
    expect(ringSizeFrom({ hand: 'left', finger: 'ring', size: ' 7,5 ', system: 'US' }).size).toBe('7.5');
    expect(ringSizeFrom({ hand: 'left', finger: 'ring', size: 'n 1/2', system: 'UK' }).size).toBe('N½');
    const d = doc();
    const ring = ringSizeFrom({ hand: 'right', finger: 'index', size: '99', system: 'US' });
    const r = addToClientList(d, ID, 'ringSizes', ring);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(refusalInWords('ringSizes', r.error, ring)).toMatch(
        /^“99” is not a US ring size\. US sizes run/,
      );
    const eu = ringSizeFrom({ hand: 'left', finger: 'ring', size: '52', system: 'EU' });
    expect(addToClientList(d, ID, 'ringSizes', eu).ok).toBe(true);
  });

  it('an e-mail, a phone, a name, a measure and a date each get their sentence', () => {
    const d = doc();
    const words = (
      what: Parameters<typeof refusalInWords>[0],
      r: { ok: true } | { ok: false; error: ClientWriteError },
    ) => (r.ok ? '' : refusalInWords(what, r.error));
    expect(words('emails', addToClientList(d, ID, 'emails', 'sofia@'))).toBe(
      'E-mail is not a valid address (like name@example.com).',
    );
    expect(words('phones', addToClientList(d, ID, 'phones', 'call me'))).toMatch(/^Phone may hold digits/);
    expect(words('names', setClientField(d, ID, 'names', { first: '', last: '' }))).toBe(
      'A client needs a first or last name.',
    );
    expect(words('wristCm', setClientField(d, ID, 'wristCm', 90))).toBe(
      'Wrist (cm) must be a number from 5 to 40.',
    );
    const m = milestoneFrom({ kind: 'anniversary', date: '2026-02-30', recurrence: 'yearly', label: ' ' });
    expect(m).toEqual({ kind: 'anniversary', date: '2026-02-30', recurrence: 'yearly' });
    expect(words('milestones', addToClientList(d, ID, 'milestones', m))).toBe(
      'Enter a real date (YYYY-MM-DD).',
    );
    expect(
      words(
        'names',
        setClientField(d, 'd0000000-0000-7000-8000-00000000000f', 'names', { first: 'A', last: '' }),
      ),
    ).toBe('This client was removed meanwhile.');
  });

  it('a full list is said to be full', () => {
    const d = doc();
    for (let i = 0; i < 20; i++) expect(addToClientList(d, ID, 'stones', `stone ${i}`).ok).toBe(true);
    const r = addToClientList(d, ID, 'stones', 'one too many');
    expect(r.ok ? '' : refusalInWords('stones', r.error)).toBe('No more stones can be added.');
  });

  it('the live client carries each list’s entry keys', () => {
    const d = doc();
    const live = readLiveClient(d, ID);
    expect(live?.profile.names.display).toBe('Sofia Adeyemi');
    expect(live?.entries.emails).toEqual([{ key: 'sofia@example.com', value: 'sofia@example.com' }]);
    expect(readLiveClient(d, 'd0000000-0000-7000-8000-00000000000f')).toBeUndefined();
  });
});
