import { describe, expect, it } from 'vitest';
import { type Milestone, nextOccurrence, parseClient } from './client.ts';
import { CLIENT, STORE } from './test-support.ts';

const base = {
  id: CLIENT,
  names: { first: 'Ada', last: 'Lovelace' },
  contacts: { emails: ['ada@example.com'], phones: ['+44 20 7946 0018'] },
  consent: { email: { granted: true, date: '2026-01-10' } },
  ringSizes: [{ hand: 'left', finger: 'ring', size: 'M½', system: 'UK' }],
  preferences: { metals: ['platinum'], stones: ['sapphire'], designers: [] },
  budget: { min: { minor: 200_000, currency: 'EUR' }, max: { minor: 800_000, currency: 'EUR' } },
  milestones: [{ kind: 'anniversary', date: '2019-06-12', recurrence: 'yearly' }],
  homeStore: STORE,
  createdAt: '2026-01-10T09:00:00.000Z',
};
const pathOf = (input: unknown) => {
  const r = parseClient(input);
  return r.ok ? null : r.error.path;
};

describe('client profile', () => {
  it('CLIENT-1: a full profile parses and defaults fill what is missing', () => {
    const r = parseClient(base);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.consent.email).toEqual({ granted: true, date: '2026-01-10' });
    expect(r.value.notes).toBe('');
    expect(
      parseClient({
        id: CLIENT,
        names: { first: 'Bo', last: '' },
        homeStore: STORE,
        createdAt: base.createdAt,
      }).ok,
    ).toBe(true);
  });

  it('CLIENT-1: bad contacts, sizes, budgets and milestones are refused with their path', () => {
    expect(pathOf({ ...base, contacts: { emails: ['not-an-email'], phones: [] } })).toBe(
      'contacts.emails[0]',
    );
    expect(pathOf({ ...base, ringSizes: [{ hand: 'left', finger: 'ring', size: '7', system: 'UK' }] })).toBe(
      'ringSizes[0]',
    );
    expect(
      pathOf({ ...base, ringSizes: [{ hand: 'left', finger: 'ring', size: '6.75', system: 'US' }] }),
    ).toBe(null);
    expect(
      pathOf({ ...base, ringSizes: [{ hand: 'left', finger: 'ring', size: '6.3', system: 'US' }] }),
    ).toBe('ringSizes[0]');
    expect(pathOf({ ...base, ringSizes: [{ hand: 'left', finger: 'toe', size: '52', system: 'EU' }] })).toBe(
      'ringSizes[0].finger',
    );
    expect(pathOf({ ...base, budget: { min: base.budget.max, max: base.budget.min } })).toBe('budget');
    expect(pathOf({ ...base, budget: { ...base.budget, max: { minor: 1, currency: 'USD' } } })).toBe(
      'budget',
    );
    expect(
      pathOf({ ...base, milestones: [{ kind: 'birthday', date: '2026-02-30', recurrence: 'yearly' }] }),
    ).toBe('milestones[0].date');
    expect(pathOf({ ...base, consent: { sms: { granted: 'yes', date: '2026-01-01' } } })).toBe(
      'consent.sms.granted',
    );
  });

  it('CLIENT-1: a refusal says what kind of problem by a field, not only in words (format, date)', () => {
    const problemOf = (input: unknown) => {
      const r = parseClient(input);
      return r.ok ? null : [r.error.path, r.error.problem ?? null];
    };
    expect(problemOf({ ...base, contacts: { emails: ['not-an-email'], phones: [] } })).toEqual([
      'contacts.emails[0]',
      'format',
    ]);
    expect(problemOf({ ...base, contacts: { emails: [], phones: ['call me'] } })).toEqual([
      'contacts.phones[0]',
      'format',
    ]);
    for (const date of ['2026-02-30', '12/04/1988'])
      expect(problemOf({ ...base, milestones: [{ kind: 'birthday', date, recurrence: 'yearly' }] })).toEqual([
        'milestones[0].date',
        'date',
      ]);
    expect(
      problemOf({ ...base, ringSizes: [{ hand: 'left', finger: 'ring', size: '7', system: 'UK' }] }),
    ).toEqual(['ringSizes[0]', null]);
  });

  it('CLIENT-2: the display name defaults to first and last; a client needs some name', () => {
    const r = parseClient(base);
    expect(r.ok && r.value.names.display).toBe('Ada Lovelace');
    const named = parseClient({ ...base, names: { first: 'Ada', last: 'L', display: 'Countess' } });
    expect(named.ok && named.value.names.display).toBe('Countess');
    expect(pathOf({ ...base, names: { first: '', last: ' ' } })).toBe('(root)');
  });
});

describe('milestone reminders', () => {
  const yearly = (date: string): Milestone => ({ kind: 'anniversary', date, recurrence: 'yearly' });

  it('CLIENT-3: a yearly milestone falls next on or after today; a past one-off has none', () => {
    expect(nextOccurrence(yearly('2019-06-12'), '2026-03-01')).toBe('2026-06-12');
    expect(nextOccurrence(yearly('2019-06-12'), '2026-06-12')).toBe('2026-06-12');
    expect(nextOccurrence(yearly('2019-06-12'), '2026-06-13')).toBe('2027-06-12');
    expect(nextOccurrence(yearly('2027-01-05'), '2026-03-01')).toBe('2027-01-05');
    const once: Milestone = { kind: 'wedding', date: '2026-09-05', recurrence: 'once' };
    expect(nextOccurrence(once, '2026-03-01')).toBe('2026-09-05');
    expect(nextOccurrence(once, '2026-09-06')).toBeUndefined();
  });

  it('CLIENT-4: a 29 February milestone is remembered on 28 February in common years', () => {
    const leap = yearly('2020-02-29');
    expect(nextOccurrence(leap, '2026-01-01')).toBe('2026-02-28');
    expect(nextOccurrence(leap, '2027-03-01')).toBe('2028-02-29');
    expect(nextOccurrence(leap, '2100-01-01')).toBe('2100-02-28');
    expect(nextOccurrence(leap, '2026-02-28')).toBe('2026-02-28');
  });
});
