import { describe, expect, it } from 'vitest';
import { parseClient } from '../../../domain/client.ts';
import type { ClientView } from '../local/records.ts';
import {
  buildClient,
  dateIn,
  emptyForm,
  findDuplicates,
  formFromQuery,
  type NewClientForm,
  reasonsInWords,
} from './new-client.ts';

const ctx = {
  id: '0193f1a2-0000-7000-8000-0000000000c1',
  store: '0193f1a2-0000-7000-8000-0000000000a1',
  now: new Date('2026-11-25T10:00:00.000Z'),
  today: '2026-11-25',
};
const form = (over: Partial<NewClientForm>): NewClientForm => ({
  ...emptyForm(),
  first: 'Inès',
  last: 'Moreau',
  email: 'ines.moreau@example.com',
  ...over,
});
const errorOf = (f: NewClientForm) => {
  const r = buildClient(f, ctx);
  return r.ok ? undefined : r.error;
};

describe('new client form', () => {
  it('builds a profile the domain accepts: home store, consent dated today, ring size, milestones', () => {
    const r = buildClient(
      form({
        phone: '+33 6 98 76 54 32',
        consent: { email: true, sms: false, phone: true },
        ringSize: '52',
        birthday: '1988-04-12',
        anniversary: '2019-06-21',
      }),
      ctx,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      id: ctx.id,
      names: { first: 'Inès', last: 'Moreau', display: 'Inès Moreau' },
      contacts: { emails: ['ines.moreau@example.com'], phones: ['+33 6 98 76 54 32'] },
      consent: {
        email: { granted: true, date: '2026-11-25' },
        sms: { granted: false, date: '2026-11-25' },
        phone: { granted: true, date: '2026-11-25' },
      },
      ringSizes: [{ hand: 'left', finger: 'ring', size: '52', system: 'EU' }],
      milestones: [
        { kind: 'birthday', date: '1988-04-12', recurrence: 'yearly' },
        { kind: 'anniversary', date: '2019-06-21', recurrence: 'yearly' },
      ],
      homeStore: ctx.store,
      createdAt: '2026-11-25T10:00:00.000Z',
    });
    // What is written is exactly what every reader's parser accepts.
    expect(parseClient(r.value).ok).toBe(true);
    // No phone given: no consent recorded for phone channels.
    const emailOnly = buildClient(form({}), ctx);
    expect(emailOnly.ok && Object.keys(emailOnly.value.consent)).toEqual(['email']);
  });

  it('names the field to correct, in plain words', () => {
    expect(errorOf(form({ first: '  ' }))).toEqual({ field: 'first', message: 'First name is required.' });
    expect(errorOf(form({ last: '' }))?.field).toBe('last');
    expect(errorOf(form({ email: '', phone: '' }))).toMatchObject({ field: 'email' });
    expect(errorOf(form({ email: 'ines@' }))).toEqual({
      field: 'email',
      message: 'E-mail is not a valid address (like name@example.com).',
    });
    expect(errorOf(form({ phone: 'call me' }))?.field).toBe('phone');
    expect(errorOf(form({ ringSize: '99' }))).toEqual({
      field: 'ringSize',
      message: 'Ring size: "99" is not a EU ring size.',
    });
    expect(errorOf(form({ ringSize: 'n', ringSystem: 'UK' }))).toBeUndefined();
    expect(errorOf(form({ anniversary: '2019-02-30' }))).toEqual({
      field: 'anniversary',
      message: 'Anniversary is not a real date.',
    });
    expect(errorOf(form({ birthday: '1988-13-01', anniversary: '2019-06-21' }))?.field).toBe('birthday');
    expect(errorOf(form({ first: 'x'.repeat(81) }))).toEqual({
      field: 'first',
      message: 'First name must be at most 80 characters.',
    });
  });

  it('puts what was searched for into the right field', () => {
    expect(formFromQuery(' Inès  de Moreau ')).toMatchObject({ first: 'Inès', last: 'de Moreau' });
    expect(formFromQuery('ines@example.com')).toMatchObject({ email: 'ines@example.com', first: '' });
    expect(formFromQuery('+33 6 98')).toMatchObject({ phone: '+33 6 98', first: '' });
    // A name with a digit in it is still a name.
    expect(formFromQuery('Louis 14')).toMatchObject({ first: 'Louis', last: '14', phone: '' });
  });

  it('dates consent in the store’s calendar', () => {
    const late = new Date('2026-11-24T23:30:00.000Z');
    expect(dateIn('Europe/Paris', late)).toBe('2026-11-25');
    expect(dateIn('America/New_York', late)).toBe('2026-11-24');
    expect(dateIn('Not/AZone', late)).toBe('2026-11-24');
  });
});

const c = (id: string, name: string, email: string, phone: string): ClientView => ({
  id,
  name,
  email,
  phone,
  ringSize: '',
  notes: '',
});
const book = {
  a: c('a', 'Inès Moreau', 'ines@old.example.com', '+33 6 11 22 33 44'),
  b: c('b', 'Paul Girard', 'ines.moreau@example.com', ''),
  d: c('d', 'Hugo Blanc', 'hugo@example.com', '+33 6 98 76 54 32'),
  e: c('e', 'Inès Morel', 'im@example.com', ''),
};

describe('likely duplicates', () => {
  it('same e-mail (any case), same phone digits, or same full name (accents aside)', () => {
    const found = findDuplicates(
      form({ first: 'ines', last: 'MOREAU', email: 'Ines.Moreau@Example.com', phone: '+33 (6) 98.76.54.32' }),
      book,
    );
    // One reason each: by name (Hugo Blanc, Inès Moreau, Paul Girard); Inès Morel is not the same name.
    expect(found.map((d) => [d.client.id, d.reasons])).toEqual([
      ['d', ['phone']],
      ['a', ['name']],
      ['b', ['email']],
    ]);
    expect(reasonsInWords({ client: book.a, reasons: ['email', 'name'] })).toBe('same e-mail, same name');
  });

  it('the strongest match comes first; a new person matches nobody', () => {
    const both = findDuplicates(form({ email: 'hugo@example.com', first: 'Hugo', last: 'Blanc' }), book);
    expect(both[0]).toMatchObject({ client: { id: 'd' }, reasons: ['email', 'name'] });
    expect(
      findDuplicates(
        form({ first: 'Léa', last: 'Fontaine', email: 'lea@example.com', phone: '+33 7 00 00 00 01' }),
        book,
      ),
    ).toEqual([]);
    // Half a name is not a match, nor is a near name.
    expect(findDuplicates(form({ first: 'Inès', last: '', email: '' }), book)).toEqual([]);
    expect(findDuplicates(form({ first: 'Inès', last: 'Morea', email: '' }), book)).toEqual([]);
  });
});
