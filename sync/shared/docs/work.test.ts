import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ClientId, OrderId } from '../../../domain/ids.ts';
import type { WorkRecord } from '../../../domain/work-order.ts';
import {
  addToWorkList,
  createWork,
  readWork,
  readWorks,
  removeFromWorkList,
  setWorkField,
  setWorkNotes,
  updateWorkListEntry,
  workListEntries,
  workOrders,
} from './work.ts';

const ID = '0193a8f0-1c2d-7e3f-8a4b-5c6d7e8f9a0b' as OrderId;
const CLIENT = 'd0000000-0000-7000-8000-000000000001' as ClientId;

const order = (): WorkRecord => ({
  id: ID,
  kind: 'custom',
  clientId: CLIENT,
  title: 'Engagement ring',
  createdAt: '2026-03-01T10:00:00.000Z',
  notes: 'Old cut.',
  attachments: [],
  sizes: ['52'],
  stones: [],
  quote: [],
  work: [],
  metal: 'platinum',
});

/** Two replicas that exchange updates only when `sync` is called (concurrent edits in between). */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
  };
  return { a, b, sync };
}

describe('work/<store>', () => {
  it('WORK-1: an order is stored as a nested map and reads back as the domain record', () => {
    const doc = new Y.Doc();
    expect(createWork(doc, order()).ok).toBe(true);
    expect(workOrders(doc).get(ID)).toBeInstanceOf(Y.Map);
    expect(readWork(doc, ID)).toMatchObject({ title: 'Engagement ring', metal: 'platinum', sizes: ['52'] });
    expect(readWorks(doc)).toHaveLength(1);
  });

  it('WORK-1: an edit that would not parse is refused with the field, and changes nothing', () => {
    const doc = new Y.Doc();
    createWork(doc, order());
    const r = setWorkField(doc, ID, 'dueDate', '2026-02-30');
    expect(!r.ok && r.error.reason === 'invalid' ? r.error.error.path : null).toBe('dueDate');
    const s = addToWorkList(doc, ID, 'stones', { kind: 'ruby', source: 'found' as 'sourced' });
    expect(s.ok).toBe(false);
    expect(readWork(doc, ID)?.dueDate).toBeUndefined();
    expect(readWork(doc, ID)?.stones).toEqual([]);
    expect(setWorkField(doc, 'nope', 'title', 'x').ok).toBe(false);
  });

  it('WORK-8: two people editing different fields of the same order at once both keep their edit', () => {
    const { a, b, sync } = pair();
    createWork(a, order());
    sync();
    setWorkField(a, ID, 'metal', 'yellow gold');
    setWorkField(b, ID, 'engravingText', 'Pour toujours');
    sync();
    for (const d of [a, b])
      expect(readWork(d, ID)).toMatchObject({ metal: 'yellow gold', engravingText: 'Pour toujours' });
  });

  it('WORK-8: notes typed together and a stone added on each side all survive', () => {
    const { a, b, sync } = pair();
    createWork(a, order());
    sync();
    setWorkNotes(a, ID, 'Designer: Old cut.');
    setWorkNotes(b, ID, 'Old cut. Associate: call Friday.');
    addToWorkList(a, ID, 'stones', { kind: 'diamond', source: 'sourced', caratWeight: 1.01, colour: 'F' });
    addToWorkList(b, ID, 'stones', { kind: 'sapphire', source: 'client-supplied' });
    sync();
    for (const d of [a, b]) {
      const w = readWork(d, ID);
      expect(w?.notes).toBe('Designer: Old cut. Associate: call Friday.');
      expect(w?.stones.map((s) => s.kind).sort()).toEqual(['diamond', 'sapphire']);
    }
  });

  it('WORK-8: a quote line edited on one side and removed on none keeps its place; removal removes one', () => {
    const doc = new Y.Doc();
    createWork(doc, order());
    const k1 = addToWorkList(doc, ID, 'quote', { kind: 'metal', description: 'Pt', amountMinor: 100 }, 1);
    const k2 = addToWorkList(doc, ID, 'quote', { kind: 'labour', description: 'Bench', amountMinor: 200 }, 2);
    if (!k1.ok || !k2.ok) throw new Error('add failed');
    expect(
      updateWorkListEntry(doc, ID, 'quote', k1.value, { kind: 'metal', description: 'Pt', amountMinor: 150 })
        .ok,
    ).toBe(true);
    expect(readWork(doc, ID)?.quote.map((l) => l.amountMinor)).toEqual([150, 200]);
    removeFromWorkList(doc, ID, 'quote', k2.value);
    expect(workListEntries(workOrders(doc).get(ID), 'quote')).toHaveLength(1);
  });

  it('WORK-1, ORDERATT-1: attachments are referenced by SHA-256 id, once each, with their kind', () => {
    const doc = new Y.Doc();
    createWork(doc, order());
    const sha = 'ab'.repeat(32);
    addToWorkList(doc, ID, 'attachments', { id: sha, kind: 'sketch' });
    addToWorkList(doc, ID, 'attachments', { id: sha, kind: 'sketch' });
    expect(readWork(doc, ID)?.attachments).toEqual([{ id: sha, kind: 'sketch' }]);
    expect(addToWorkList(doc, ID, 'attachments', { id: 'photo.jpg', kind: 'photo' }).ok).toBe(false);
    expect(addToWorkList(doc, ID, 'attachments', { id: sha, kind: 'selfie' as never }).ok).toBe(false);
    // The kind is changed in place, by the attachment's id.
    expect(updateWorkListEntry(doc, ID, 'attachments', sha, { id: sha, kind: 'signed-quote' }).ok).toBe(true);
    expect(readWork(doc, ID)?.attachments.map((a) => a.kind)).toEqual(['signed-quote']);
  });

  it('ORDERATT-1: two people attaching at once both keep theirs; a bare id (first records) reads as a photo', () => {
    const a = new Y.Doc();
    createWork(a, order());
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    addToWorkList(a, ID, 'attachments', { id: '1'.repeat(64), kind: 'sketch', name: 'sketch.png' });
    addToWorkList(b, ID, 'attachments', { id: '2'.repeat(64), kind: 'certificate' });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const d of [a, b])
      expect(
        readWork(d, ID)
          ?.attachments.map((x) => x.id[0])
          .sort(),
      ).toEqual(['1', '2']);
    const legacy = workOrders(a).get(ID) as Y.Map<unknown>;
    (legacy.get('attachments') as Y.Map<unknown>).set('3'.repeat(64), { v: '3'.repeat(64), o: 0 });
    expect(readWork(a, ID)?.attachments.find((x) => x.id === '3'.repeat(64))?.kind).toBe('photo');
  });
});
