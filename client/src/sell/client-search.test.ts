import { describe, expect, it } from 'vitest';
import type { ClientView } from '../local/records.ts';
import { searchClients } from './client-search.ts';

const c = (id: string, name: string, phone: string, email: string): ClientView => ({
  id,
  name,
  phone,
  email,
  ringSize: '',
  notes: '',
});
const book = {
  a: c('a', 'Amélie Laurent', '+33 6 12 34 56 78', 'amelie@example.com'),
  b: c('b', 'Marcus Chen', '+1 (415) 555-0199', 'mchen@example.com'),
};

describe('client search', () => {
  it('finds by name, e-mail, or phone digits however they are written', () => {
    expect(searchClients(book, 'laur').map((x) => x.id)).toEqual(['a']);
    expect(searchClients(book, 'MCHEN@').map((x) => x.id)).toEqual(['b']);
    expect(searchClients(book, '555 0199').map((x) => x.id)).toEqual(['b']);
  });
  it('one letter is not a search', () => {
    expect(searchClients(book, 'a')).toEqual([]);
  });
});
