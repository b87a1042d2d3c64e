import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseClient } from '../../../domain/client.ts';
import { unwrap } from '../../../domain/result.ts';
import {
  addToClientList,
  clientBook,
  createClient,
  editClientNotes,
  removeFromClientList,
  setClientField,
} from '../../shared/docs/clients.ts';
import { changedKeys } from './audit.ts';

const ID = 'd0000000-0000-7000-8000-000000000001';
const profile = unwrap(
  parseClient({
    id: ID,
    names: { first: 'Jun', last: 'Tanaka' },
    contacts: { emails: ['jun@example.com'], phones: [] },
    homeStore: 'a0000000-0000-7000-8000-000000000001',
    createdAt: '2026-03-01T10:00:00.000Z',
  }),
);

/** What the audit would record for each transaction `edit` makes. */
function recorded(doc: Y.Doc, edit: () => void): Record<string, string[]>[] {
  const out: Record<string, string[]>[] = [];
  const listen = (tr: Y.Transaction) => out.push(changedKeys(doc, tr));
  doc.on('afterTransaction', listen);
  edit();
  doc.off('afterTransaction', listen);
  return out.filter((c) => Object.keys(c).length > 0);
}

describe('audit paths (AUDIT-3)', () => {
  it('AUDIT-3: a new client is named by its id; a field edit by <id>.<field>', () => {
    const doc = new Y.Doc();
    expect(recorded(doc, () => createClient(doc, profile))).toEqual([{ clients: [ID] }]);
    expect(recorded(doc, () => setClientField(doc, ID, 'names', { first: 'Jun', last: 'Sato' }))).toEqual([
      { clients: [`${ID}.names`] },
    ]);
    expect(recorded(doc, () => editClientNotes(doc, ID, 0, 0, 'VIP'))).toEqual([
      { clients: [`${ID}.notes`] },
    ]);
    expect(recorded(doc, () => addToClientList(doc, ID, 'phones', '+33 6 12 34 56 78'))).toEqual([
      { clients: [`${ID}.phones`] },
    ]);
    expect(recorded(doc, () => removeFromClientList(doc, ID, 'emails', 'jun@example.com'))).toEqual([
      { clients: [`${ID}.emails`] },
    ]);
    expect(
      recorded(doc, () =>
        doc.transact(() => {
          setClientField(doc, ID, 'wristCm', 16);
          editClientNotes(doc, ID, 0, 3);
        }),
      ),
    ).toEqual([{ clients: [`${ID}.notes`, `${ID}.wristCm`] }]);
    expect(recorded(doc, () => clientBook(doc).delete(ID))).toEqual([{ clients: [ID] }]);
  });

  it('AUDIT-1: plain JSON records (work orders) are still named by their key', () => {
    const doc = new Y.Doc();
    expect(recorded(doc, () => doc.getMap('orders').set('o1', { id: 'o1', status: 'open' }))).toEqual([
      { orders: ['o1'] },
    ]);
  });
});
