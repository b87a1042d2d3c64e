import { describe, expect, it } from 'vitest';
import { type ClientProfile, parseClient } from './client.ts';
import {
  chainHitFor,
  foldText,
  maskEmail,
  maskPhone,
  meetsFilters,
  seesContactsWhole,
  words,
} from './client-search.ts';
import { unwrap } from './result.ts';

const profile = (more: Record<string, unknown> = {}): ClientProfile =>
  unwrap(
    parseClient({
      id: 'd0000000-0000-7000-8000-000000000001',
      names: { first: 'Amélie', last: 'Laurent' },
      contacts: { emails: [], phones: [] },
      consent: {},
      homeStore: 'a0000000-0000-7000-8000-000000000001',
      createdAt: '2026-03-01T10:00:00.000Z',
      ...more,
    }),
  );

describe('client search rules', () => {
  it('SEARCH-1: text is folded — case and marks aside, letters without a decomposition spelled out', () => {
    expect(foldText('Amélie LAURENT')).toBe('amelie laurent');
    expect(foldText('Zoë Schäfer-Çelik')).toBe('zoe schafer-celik');
    expect(foldText('Straße Œuvre Søren Łukasz')).toBe('strasse oeuvre soren lukasz');
    expect(words('  Jean-Luc  O’Brien, 3e ')).toEqual(['jean', 'luc', 'o', 'brien', '3e']);
  });

  it('SEARCH-3: filters combine — ring size (as typed, in a system or any), metal, milestone within N days', () => {
    const p = profile({
      ringSizes: [
        { hand: 'left', finger: 'ring', size: 'N½', system: 'UK' },
        { hand: 'right', finger: 'index', size: '52.5', system: 'EU' },
      ],
      preferences: { metals: ['rose-gold'], stones: [], designers: [] },
      milestones: [
        { kind: 'birthday', date: '1990-01-03', recurrence: 'yearly' },
        { kind: 'engagement', date: '2026-12-20', recurrence: 'once' },
      ],
    });
    expect(meetsFilters(p, [])).toBe(true);
    expect(meetsFilters(p, [{ kind: 'ring-size', size: 'n 1/2' }])).toBe(true);
    expect(meetsFilters(p, [{ kind: 'ring-size', size: '52,5', system: 'EU' }])).toBe(true);
    expect(meetsFilters(p, [{ kind: 'ring-size', size: '52.5', system: 'US' }])).toBe(false);
    expect(meetsFilters(p, [{ kind: 'metal', metal: 'rose-gold' }])).toBe(true);
    expect(meetsFilters(p, [{ kind: 'metal', metal: 'platinum' }])).toBe(false);
    // The yearly birthday comes round on 3 January: within 40 days of 1 December, not 30.
    const soon = (days: number, today = '2026-12-01') => ({ kind: 'milestone-within' as const, days, today });
    expect(meetsFilters(p, [soon(18)])).toBe(false);
    expect(meetsFilters(p, [soon(19)])).toBe(true); // the one-off engagement on the 20th
    expect(meetsFilters(p, [soon(5, '2026-12-21')])).toBe(false); // past one-off, birthday 13 days on
    expect(meetsFilters(p, [soon(13, '2026-12-21')])).toBe(true);
    expect(
      meetsFilters(p, [{ kind: 'metal', metal: 'rose-gold' }, soon(19), { kind: 'ring-size', size: 'N½' }]),
    ).toBe(true);
    expect(meetsFilters(p, [{ kind: 'metal', metal: 'rose-gold' }, soon(1)])).toBe(false);
  });

  it('SEARCH-5: another store’s client — associates and designers see name, home store and masked contacts; managers and owners whole', () => {
    const c = {
      id: 'c1',
      homeStore: 's2',
      name: 'Zoë Ferrand',
      emails: ['zoe.ferrand@example.com', 'z@atelier.fr'],
      phones: ['+33 6 98 76 54 32'],
    };
    for (const role of ['associate', 'designer'] as const) {
      expect(seesContactsWhole(role)).toBe(false);
      expect(chainHitFor(role, c)).toEqual({
        id: 'c1',
        homeStore: 's2',
        name: 'Zoë Ferrand',
        email: 'z•••@example.com',
        phone: '•••• 32',
      });
    }
    for (const role of ['manager', 'owner'] as const)
      expect(chainHitFor(role, c)).toEqual({
        ...c,
        email: 'zoe.ferrand@example.com',
        phone: '+33 6 98 76 54 32',
      });
    expect(chainHitFor('associate', { ...c, emails: [], phones: [] })).toEqual({
      id: 'c1',
      homeStore: 's2',
      name: 'Zoë Ferrand',
    });
    expect(maskEmail('broken')).toBe('•••');
    expect(maskPhone('12')).toBe('••••');
  });
});
