import { describe, expect, it } from 'vitest';
import { type ClientProfile, parseClient } from './client.ts';
import { editDistance, findDuplicates, foldName, pairKey } from './client-duplicates.ts';
import { mergeChoices, mergeProfiles } from './client-merge.ts';
import type { ClientId } from './ids.ts';
import { unwrap } from './result.ts';
import { can, ROLES } from './roles.ts';
import {
  CLIENT,
  code,
  command,
  OTHER_CLIENT,
  OTHER_STORE,
  STORE,
  testId,
  USERS,
  world,
} from './test-support.ts';

const profile = (over: Record<string, unknown> = {}): ClientProfile =>
  unwrap(
    parseClient({
      id: CLIENT,
      names: { first: 'Hélène', last: 'Dubois' },
      contacts: { emails: ['helene@example.com'], phones: ['06 12 34 56 78'] },
      consent: { email: { granted: true, date: '2026-01-10' } },
      ringSizes: [{ hand: 'left', finger: 'ring', size: '52', system: 'EU' }],
      preferences: { metals: ['platinum'], stones: ['sapphire'], designers: [] },
      wristCm: 16,
      notes: 'Prefers mornings',
      homeStore: STORE,
      createdAt: '2026-02-01T09:00:00.000Z',
      ...over,
    }),
  );

describe('merging two profiles', () => {
  const a = profile();
  const b = profile({
    id: OTHER_CLIENT,
    names: { first: 'Helene', last: 'Dubois-Martin' },
    contacts: { emails: ['HELENE@example.com', 'h.dubois@work.example'], phones: ['+33 6 98 76 54 32'] },
    ringSizes: [{ hand: 'right', finger: 'index', size: '54', system: 'EU' }],
    wristCm: 17,
    notes: 'Husband: Marc',
    createdAt: '2025-06-01T09:00:00.000Z',
  });

  it('MERGE-3: picked fields come from the chosen side, lists are joined once each, the older creation date stays', () => {
    const m = unwrap(mergeProfiles(a, b, { names: 'merged', notes: 'both' }));
    expect(m.id).toBe(CLIENT);
    expect(m.names.last).toBe('Dubois-Martin');
    expect(m.wristCm).toBe(16);
    expect(m.contacts.emails).toEqual(['helene@example.com', 'h.dubois@work.example']);
    expect(m.contacts.phones).toHaveLength(2);
    expect(m.ringSizes).toHaveLength(2);
    expect(m.notes).toBe('Prefers mornings\n\nHusband: Marc');
    expect(m.createdAt).toBe('2025-06-01T09:00:00.000Z');
    expect(m.homeStore).toBe(STORE);
  });

  it('MERGE-3: a field the survivor lacks can be taken from the merged profile, or left empty', () => {
    const noWrist = profile({ wristCm: undefined });
    expect(unwrap(mergeProfiles(noWrist, b, { wristCm: 'merged' })).wristCm).toBe(17);
    expect(unwrap(mergeProfiles(noWrist, b, {})).wristCm).toBeUndefined();
  });

  it('MERGE-3: the choices offered are the fields that differ', () => {
    expect(mergeChoices(a, b)).toEqual(['names', 'wristCm', 'notes']);
    expect(mergeChoices(a, a)).toEqual([]);
  });
});

describe('likely duplicates', () => {
  const c = (id: string, first: string, last: string, emails: string[] = [], phones: string[] = []) =>
    profile({ id, names: { first, last }, contacts: { emails, phones } });
  const ids = Array.from({ length: 5 }, () => testId<ClientId>());
  const [i0, i1, i2, i3, i4] = ids as [ClientId, ClientId, ClientId, ClientId, ClientId];
  const book = [
    c(i0, 'Hélène', 'Dubois', ['helene@example.com']),
    c(i1, 'Helene', 'Dubois'),
    c(i2, 'Marc', 'Lefèvre', [], ['06 12 34 56 78']),
    c(i3, 'Jeanne', 'Moreau', ['HELENE@example.com'], ['+33612345678']),
    c(i4, 'Camille', 'Durand'),
  ];
  // The app's normaliser (libphonenumber-js) turns a French national number into E.164.
  const phoneKey = (p: string) => {
    const d = p.replace(/\D/g, '');
    return d.startsWith('0') ? `+33${d.slice(1)}` : `+${d}`;
  };

  it('MERGE-1: same e-mail (any case), same phone once normalised, names equal but for accents', () => {
    const pairs = findDuplicates(book, { phoneKey });
    const why = new Map(pairs.map((p) => [p.key, p.reasons.map((r) => r.kind).sort()]));
    expect(why.get(pairKey(i0, i3))).toEqual(['email']);
    expect(why.get(pairKey(i2, i3))).toEqual(['phone']);
    expect(why.get(pairKey(i0, i1))).toEqual(['name']);
    expect(why.has(pairKey(i0, i4))).toBe(false);
    expect(pairs).toHaveLength(3);
  });

  it('MERGE-1: one typo in a name is a likely pair, a different person is not', () => {
    const typo = [c(i0, 'Catherine', 'Lambert'), c(i1, 'Catherine', 'Lambret'), c(i2, 'Caroline', 'Lambert')];
    const keys = findDuplicates(typo).map((p) => p.key);
    expect(keys).toContain(pairKey(i0, i1));
    expect(keys).not.toContain(pairKey(i1, i2));
  });

  it('MERGE-2: a pair dismissed as "not the same person" is not proposed again', () => {
    const dismissed = new Set([pairKey(i3, i0)]);
    expect(findDuplicates(book, { phoneKey, dismissed }).map((p) => p.key)).not.toContain(pairKey(i0, i3));
  });

  it('MERGE-1: names fold accents, case and punctuation; the distance gives up past its bound', () => {
    expect(foldName("  Hélène D'Arcy ")).toBe('helene d arcy');
    expect(editDistance('lambert', 'lambret')).toBe(2);
    expect(editDistance('abc', 'xyzxyz', 1)).toBe(2);
  });
});

describe('client.merge and client.erase decisions', () => {
  const merge = (over: Record<string, unknown> = {}, opts = {}) =>
    command('client.merge', { survivorId: CLIENT, mergedId: OTHER_CLIENT, picks: {}, ...over }, opts);

  it('MERGE-4: a manager or owner merges two clients of the store; an associate may not', () => {
    expect(code(world().decide(merge({}, { user: USERS.manager })))).toBe('accepted');
    expect(code(world().decide(merge({}, { user: USERS.owner })))).toBe('accepted');
    expect(code(world().decide(merge({}, { user: USERS.associate })))).toBe('not-allowed');
  });

  it('MERGE-4: unknown client, same client, another store, an already merged client are refused with their code', () => {
    const s = world();
    expect(code(s.decide(merge({ mergedId: testId() }, { user: USERS.manager })))).toBe('client-unknown');
    expect(code(s.decide(merge({ mergedId: CLIENT }, { user: USERS.manager })))).toBe('client-same');
    expect(code(s.decide(merge({}, { user: USERS.manager, store: OTHER_STORE })))).toBe(
      'client-at-other-store',
    );
    expect(code(s.execute(merge({}, { user: USERS.manager })))).toBe('accepted');
    expect(code(s.decide(merge({}, { user: USERS.manager })))).toBe('client-gone');
    expect(s.client?.(OTHER_CLIENT)).toMatchObject({ status: 'merged', mergedInto: CLIENT });
  });

  it('MERGE-3: orders and reservations of the merged client follow the survivor', () => {
    const s = world();
    const orderId = testId();
    s.execute(
      command('order.open', {
        orderId,
        kind: 'custom',
        clientId: OTHER_CLIENT,
        total: { minor: 1000, currency: 'EUR' },
        description: 'Signet ring',
      }),
    );
    s.execute(command('reservation.place', { serial: 'LP-26-000001', clientId: OTHER_CLIENT }));
    s.execute(merge({}, { user: USERS.manager }));
    expect(s.orders()[0]?.clientId).toBe(CLIENT);
    expect(s.pieces().find((p) => p.status === 'reserved')?.reservedFor).toBe(CLIENT);
  });

  it('PRIVACY-2: a manager erases a client once; an associate may not; an erased client cannot be merged', () => {
    const erase = (opts = {}) => command('client.erase', { clientId: OTHER_CLIENT, reason: 'asked' }, opts);
    const s = world();
    expect(code(s.decide(erase({ user: USERS.associate })))).toBe('not-allowed');
    expect(code(s.execute(erase({ user: USERS.manager })))).toBe('accepted');
    expect(code(s.decide(erase({ user: USERS.manager })))).toBe('client-gone');
    expect(code(s.decide(merge({}, { user: USERS.manager })))).toBe('client-gone');
  });
});

describe('who manages clients', () => {
  it('PRIVACY-1: only managers and owners may export, erase or merge clients', () => {
    expect(ROLES.filter((r) => can(r, 'manage-clients'))).toEqual(['manager', 'owner']);
  });
});
