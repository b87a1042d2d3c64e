/**
 * CONVERGE-1/2: random concurrent edits of one client on N replicas (tills offline for a while,
 * syncing in random pairs) converge to one profile, and no edit of a distinct field is lost.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type ClientProfile, parseClient } from '../../../domain/client.ts';
import { unwrap } from '../../../domain/result.ts';
import {
  addToClientList,
  clientBook,
  clientJson,
  clientListEntries,
  createClient,
  editClientNotes,
  readClient,
  removeFromClientList,
  setClientField,
} from './clients.ts';

const STORE = 'a0000000-0000-7000-8000-000000000001';
const ID = 'd0000000-0000-7000-8000-000000000009';
const base = (): ClientProfile =>
  unwrap(
    parseClient({
      id: ID,
      names: { first: 'Amélie', last: 'Durand' },
      contacts: { emails: ['first@example.com'], phones: [] },
      consent: {},
      homeStore: STORE,
      createdAt: '2026-03-01T10:00:00.000Z',
      notes: 'Start.',
    }),
  );

type ListName = 'emails' | 'phones' | 'ringSizes' | 'milestones';
type Op =
  | { t: 'scalar'; r: number; field: 'names' | 'wristCm' | 'neckCm'; v: number }
  | { t: 'add'; r: number; list: ListName }
  | { t: 'remove'; r: number; list: ListName; pick: number }
  | { t: 'notes'; r: number; at: number }
  | { t: 'sync'; a: number; b: number };

const LISTS: readonly ListName[] = ['emails', 'phones', 'ringSizes', 'milestones'];
const MAX_ADDS_PER_LIST = 9; // under every list's limit, so the limit never hides an edit

const op = (n: number): fc.Arbitrary<Op> => {
  const r = fc.nat({ max: n - 1 });
  return fc.oneof(
    fc.record({
      t: fc.constant('scalar' as const),
      r,
      field: fc.constantFrom('names' as const, 'wristCm' as const, 'neckCm' as const),
      v: fc.nat({ max: 19 }),
    }),
    fc.record({ t: fc.constant('add' as const), r, list: fc.constantFrom(...LISTS) }),
    fc.record({ t: fc.constant('remove' as const), r, list: fc.constantFrom(...LISTS), pick: fc.nat() }),
    fc.record({ t: fc.constant('notes' as const), r, at: fc.nat() }),
    fc.record({ t: fc.constant('sync' as const), a: r, b: r }),
  );
};

function exchange(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

/** The value each scalar op writes (distinct per op, so a survivor names its writer). */
const scalarValue = (field: 'names' | 'wristCm' | 'neckCm', r: number, v: number, k: number) =>
  field === 'names'
    ? { first: `R${r}n${k}`, last: 'Durand' }
    : field === 'wristCm'
      ? 10 + v + r / 10
      : 30 + v + r / 10;

function run(n: number, ops: readonly Op[]) {
  const docs = Array.from({ length: n }, () => new Y.Doc());
  const first = docs[0];
  if (!first) throw new Error('no replica');
  unwrap(createClient(first, base(), 1));
  for (const d of docs.slice(1)) exchange(first, d);

  const adds: Array<{ list: ListName; key: string }> = [];
  const addCount = new Map<ListName, number>();
  const removed = new Set<string>();
  const notes: string[] = [];
  const written = new Map<string, unknown[]>();
  const lastBy = new Map<string, Map<number, unknown>>();
  let k = 0;
  for (const o of ops) {
    k++;
    if (o.t === 'sync') {
      const a = docs[o.a];
      const b = docs[o.b];
      if (a && b && a !== b) exchange(a, b);
      continue;
    }
    const doc = docs[o.r];
    if (!doc) continue;
    if (o.t === 'scalar') {
      const value = scalarValue(o.field, o.r, o.v, k);
      unwrap(setClientField(doc, ID, o.field, value as never));
      written.set(o.field, [...(written.get(o.field) ?? []), value]);
      const by = lastBy.get(o.field) ?? new Map<number, unknown>();
      by.set(o.r, value);
      lastBy.set(o.field, by);
    } else if (o.t === 'add') {
      const count = addCount.get(o.list) ?? 0;
      if (count >= MAX_ADDS_PER_LIST) continue;
      addCount.set(o.list, count + 1);
      const item =
        o.list === 'emails'
          ? `r${o.r}.k${k}@example.com`
          : o.list === 'phones'
            ? `+33 6 ${String(10 + o.r)} ${String(k).padStart(2, '0')} 00 00`
            : o.list === 'ringSizes'
              ? { hand: 'left', finger: 'ring', size: String(40 + (k % 30)), system: 'EU' }
              : { kind: 'other', date: '2026-05-01', recurrence: 'once', label: `r${o.r}k${k}` };
      const key = unwrap(addToClientList(doc, ID, o.list, item as never, 1000 + k));
      adds.push({ list: o.list, key });
    } else if (o.t === 'remove') {
      const entries = clientListEntries(clientBook(doc).get(ID), o.list);
      const e = entries[o.pick % Math.max(1, entries.length)];
      if (!e) continue;
      unwrap(removeFromClientList(doc, ID, o.list, e.key));
      removed.add(`${o.list}/${e.key}`);
    } else {
      const token = `[r${o.r}k${k}]`;
      // Typed between earlier insertions (never inside one, which would be an edit of it).
      const text = readClient(doc, ID)?.notes ?? '';
      const places = [0, text.length, ...[...text].flatMap((c, i) => (c === ']' ? [i + 1] : []))];
      unwrap(editClientNotes(doc, ID, places[o.at % places.length] ?? 0, 0, token));
      notes.push(token);
    }
  }
  // Everyone meets everyone (in a chain, then back), as the relay would make happen.
  for (let i = 1; i < n; i++) exchange(docs[i - 1] as Y.Doc, docs[i] as Y.Doc);
  for (let i = n - 1; i > 0; i--) exchange(docs[i - 1] as Y.Doc, docs[i] as Y.Doc);
  return { docs, adds, removed, notes, written, lastBy };
}

describe('client book under concurrent edits (property)', () => {
  it('CONVERGE-1: N replicas editing one client at random, syncing in random pairs, end identical', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 4 })
          .chain((n) => fc.tuple(fc.constant(n), fc.array(op(n), { maxLength: 60 }))),
        ([n, ops]) => {
          const { docs } = run(n, ops);
          const [a, ...rest] = docs.map((d) => JSON.stringify(clientJson(clientBook(d).get(ID))));
          for (const other of rest) expect(other).toBe(a);
          const parsed = docs.map((d) => readClient(d, ID));
          expect(parsed[0]).toBeDefined();
          for (const p of parsed) expect(p).toEqual(parsed[0]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('CONVERGE-2: no edit of a distinct field is lost — additions, note insertions, a field’s only writer', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 4 })
          .chain((n) => fc.tuple(fc.constant(n), fc.array(op(n), { maxLength: 60 }))),
        ([n, ops]) => {
          const { docs, adds, removed, notes, written, lastBy } = run(n, ops);
          const doc = docs[0] as Y.Doc;
          const final = readClient(doc, ID);
          if (!final) throw new Error('client lost');
          // Every entry added and not removed by anyone is there.
          for (const a of adds) {
            if (removed.has(`${a.list}/${a.key}`)) continue;
            const keys = clientListEntries(clientBook(doc).get(ID), a.list).map((e) => e.key);
            expect(keys, `${a.list} ${a.key}`).toContain(a.key);
          }
          // Every piece of text typed into the notes is there, whole.
          for (const t of notes) expect(final.notes).toContain(t);
          // …and nothing else was made up or lost: without the insertions, the first text is left.
          expect(notes.reduce((text, t) => text.replace(t, ''), final.notes)).toBe('Start.');
          // A field one replica alone wrote holds its last write; a field written concurrently holds
          // one of the values written (deterministic, the same everywhere: CONVERGE-1).
          for (const [field, by] of lastBy) {
            const value = field === 'names' ? final.names.first : final[field as 'wristCm' | 'neckCm'];
            const asWritten = (v: unknown) =>
              field === 'names' ? (v as { first: string }).first : (v as number | undefined);
            if (by.size === 1) expect(value).toEqual(asWritten([...by.values()][0]));
            else expect((written.get(field) ?? []).map(asWritten)).toContain(value);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
