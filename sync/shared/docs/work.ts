/**
 * `work/<store>` — custom orders and repairs, edited live by the store's staff (DOC-*, WORK-1). The
 * money held for an order and its stage are decided by commands (`order.open`, `deposit.*`,
 * `work.stage`) and kept in SQL (projected into `stock/<store>`, root `jobs`); this document
 * carries what people edit together.
 *
 * Y.Map `orders`: order id → a nested `Y.Map` of fields (the pattern of `clients.ts`, decision
 * 0009), so a designer and an associate editing the same order at once both keep their edit:
 *
 * | key | holds |
 * | --- | --- |
 * | `format` | `1` |
 * | `id`, `kind`, `clientId`, `createdAt` | strings, set once |
 * | `title`, `dueDate`, `designer`, `metal`, `fineness`, `engravingText`, `engravingFont`, `item` | strings; absent when not known |
 * | `declaredValueMinor`, `callAboveMinor`, `estimateMinor` | integers (minor units of the store's currency) |
 * | `notes` | Y.Text (characters merge) |
 * | `stones`, `quote`, `sizes` | Y.Map entry id → `{v: item, o: order}` (two additions at once both stay) |
 * | `attachments` | Y.Map SHA-256 id → `{v: {id, kind, contentType?, name?, addedAt?}, o: order}` (the relay's attachment store; ORDERATT-1: two people attaching at once both keep theirs; a bare id reads as a photo) |
 * | `work` | Y.Map work kind → `{v: kind, o: order}` (a repair's work requested) |
 *
 * Readers rebuild the record and parse it with the domain's `parseWorkRecord`: a record that does
 * not parse is not shown. Writers check the record an edit leads to with the same parser and
 * refuse, with the parser's error, an edit that would not parse.
 */
import * as Y from 'yjs';
import { uuidv7 } from '../../../domain/ids.ts';
import { isPlainObject, type ParseError } from '../../../domain/parse.ts';
import { err, ok, type Result } from '../../../domain/result.ts';
import {
  parseWorkRecord,
  type QuoteLine,
  type RepairWork,
  type Stone,
  WORK_LIMITS,
  type WorkAttachment,
  type WorkRecord,
} from '../../../domain/work-order.ts';
import { names } from '../doc-names.ts';

export type { WorkRecord };

export const workDoc = {
  kind: 'work',
  name: names.work,
  writer: 'staff',
  roots: { orders: 'orders' },
} as const;

export const WORK_FORMAT = 1;

export const workOrders = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(workDoc.roots.orders);

export type WorkScalarField =
  | 'title'
  | 'dueDate'
  | 'designer'
  | 'metal'
  | 'fineness'
  | 'engravingText'
  | 'engravingFont'
  | 'item'
  | 'declaredValueMinor'
  | 'callAboveMinor'
  | 'estimateMinor';
export const WORK_SCALARS: readonly WorkScalarField[] = [
  'title',
  'dueDate',
  'designer',
  'metal',
  'fineness',
  'engravingText',
  'engravingFont',
  'item',
  'declaredValueMinor',
  'callAboveMinor',
  'estimateMinor',
];
export type WorkScalarValue<F extends WorkScalarField> = NonNullable<WorkRecord[F]>;

export type WorkList = 'stones' | 'quote' | 'sizes' | 'attachments' | 'work';
export type WorkListItem<L extends WorkList> = L extends 'stones'
  ? Stone
  : L extends 'quote'
    ? QuoteLine
    : L extends 'work'
      ? RepairWork
      : L extends 'attachments'
        ? WorkAttachment
        : string;
export const WORK_LISTS: readonly WorkList[] = ['stones', 'quote', 'sizes', 'attachments', 'work'];
/** Lists keyed by the value itself (adding it twice keeps one); the others by a generated id. */
const VALUE_KEYED: ReadonlySet<WorkList> = new Set(['attachments', 'work']);

export type WorkListEntry<L extends WorkList> = { readonly key: string; readonly value: WorkListItem<L> };

export type WorkWriteError =
  | { readonly reason: 'unknown-order'; readonly id: string }
  | { readonly reason: 'invalid'; readonly error: ParseError };
type Written<T = void> = Result<T, WorkWriteError>;

const json = (v: unknown): string => JSON.stringify(v ?? null);

function sortedEntries(map: unknown): Array<{ key: string; v: unknown }> {
  if (!isPlainObject(map)) return [];
  const out: Array<{ key: string; v: unknown; o: number }> = [];
  for (const [key, e] of Object.entries(map)) {
    if (!isPlainObject(e)) continue;
    out.push({ key, v: e.v, o: typeof e.o === 'number' ? e.o : 0 });
  }
  return out.sort((a, b) => a.o - b.o || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A stored order (the nested map or its `toJSON()`) as record-shaped JSON, not yet parsed. */
export function workJson(stored: unknown): unknown {
  const raw = stored instanceof Y.Map ? stored.toJSON() : stored;
  if (!isPlainObject(raw) || raw.format !== WORK_FORMAT) return raw;
  const out: Record<string, unknown> = {
    id: raw.id,
    kind: raw.kind,
    clientId: raw.clientId,
    createdAt: raw.createdAt,
    notes: typeof raw.notes === 'string' ? raw.notes.slice(0, WORK_LIMITS.notes) : '',
  };
  for (const f of WORK_SCALARS) if (raw[f] !== undefined) out[f] = raw[f];
  for (const list of WORK_LISTS) {
    const limit = list === 'work' ? 20 : WORK_LIMITS[list];
    out[list] = sortedEntries(raw[list])
      .map((e) => e.v)
      .slice(0, limit);
  }
  return out;
}

export function parseWorkStored(stored: unknown): WorkRecord | undefined {
  const r = parseWorkRecord(workJson(stored));
  return r.ok ? r.value : undefined;
}

export const readWork = (doc: Y.Doc, id: string): WorkRecord | undefined =>
  parseWorkStored(workOrders(doc).get(id));

/** Every order and repair that parses. */
export function readWorks(doc: Y.Doc): WorkRecord[] {
  const out: WorkRecord[] = [];
  for (const v of workOrders(doc).values()) {
    const w = parseWorkStored(v);
    if (w) out.push(w);
  }
  return out;
}

/** A list's entries with their keys (what `removeFromWorkList` takes), in the list's order. */
export function workListEntries<L extends WorkList>(stored: unknown, list: L): WorkListEntry<L>[] {
  const raw = stored instanceof Y.Map ? stored.toJSON() : stored;
  if (!isPlainObject(raw)) return [];
  return sortedEntries(raw[list]).map((e) => ({ key: e.key, value: e.v as WorkListItem<L> }));
}

function transact<T>(doc: Y.Doc, f: () => T): T {
  let out: T | undefined;
  doc.transact(() => {
    out = f();
  });
  return out as T;
}

const fieldsOf = (doc: Y.Doc, id: string): Y.Map<unknown> | undefined => {
  const m = workOrders(doc).get(id);
  return m instanceof Y.Map ? (m as Y.Map<unknown>) : undefined;
};

function check(
  doc: Y.Doc,
  id: string,
  change: (raw: Record<string, unknown>) => Record<string, unknown>,
): Written<WorkRecord> {
  const raw = workJson(workOrders(doc).get(id));
  if (!isPlainObject(raw) || !parseWorkRecord(raw).ok) return err({ reason: 'unknown-order', id });
  const r = parseWorkRecord(change(raw));
  return r.ok ? ok(r.value) : err({ reason: 'invalid', error: r.error });
}

const entryKey = (list: WorkList, item: unknown): string =>
  list === 'attachments' && isPlainObject(item) && typeof item.id === 'string'
    ? item.id
    : VALUE_KEYED.has(list)
      ? String(item)
      : uuidv7();

/**
 * Writes a new order or repair in its nested form (checked with `parseWorkRecord` first). An id
 * already stored is left as it is: two tills creating the same job keep one.
 */
export function createWork(doc: Y.Doc, record: WorkRecord, now: number = Date.now()): Written<WorkRecord> {
  const r = parseWorkRecord(record);
  if (!r.ok) return err({ reason: 'invalid', error: r.error });
  const w = r.value;
  if (workOrders(doc).has(w.id)) return ok(readWork(doc, w.id) ?? w);
  transact(doc, () => {
    const m = new Y.Map<unknown>();
    m.set('format', WORK_FORMAT);
    m.set('id', w.id);
    m.set('kind', w.kind);
    m.set('clientId', w.clientId);
    m.set('createdAt', w.createdAt);
    for (const f of WORK_SCALARS) if (w[f] !== undefined) m.set(f, w[f]);
    m.set('notes', new Y.Text(w.notes));
    for (const list of WORK_LISTS) {
      const entries = new Y.Map<{ v: unknown; o: number }>();
      (w[list] as readonly unknown[]).forEach((item, i) => {
        entries.set(entryKey(list, item), { v: structuredClone(item), o: now + i });
      });
      m.set(list, entries);
    }
    workOrders(doc).set(w.id, m);
  });
  return ok(w);
}

/** Replaces one field; `undefined` clears it (the title cannot be cleared: the parser refuses). */
export function setWorkField<F extends WorkScalarField>(
  doc: Y.Doc,
  id: string,
  field: F,
  value: WorkScalarValue<F> | undefined,
): Written {
  const r = check(doc, id, (raw) => {
    const next = { ...raw };
    if (value === undefined || value === '') delete next[field];
    else next[field] = value;
    return next;
  });
  if (!r.ok) return r;
  const parsed = r.value[field];
  return transact(doc, () => {
    const m = fieldsOf(doc, id);
    if (!m) return err({ reason: 'unknown-order', id });
    if (parsed === undefined) m.delete(field);
    else if (json(m.get(field)) !== json(parsed)) m.set(field, parsed);
    return ok(undefined);
  });
}

/** Adds an item to a list; returns its entry key. */
export function addToWorkList<L extends WorkList>(
  doc: Y.Doc,
  id: string,
  list: L,
  item: WorkListItem<L>,
  now: number = Date.now(),
): Written<string> {
  const entries = workListEntries(workOrders(doc).get(id), list);
  const r = check(doc, id, (raw) => ({ ...raw, [list]: [...entries.map((e) => e.value), item] }));
  if (!r.ok) return r;
  const parsed = (r.value[list] as readonly unknown[]).at(-1);
  return transact(doc, () => {
    const map = fieldsOf(doc, id)?.get(list);
    if (!(map instanceof Y.Map)) return err({ reason: 'unknown-order', id });
    const key = entryKey(list, parsed);
    if (!map.has(key)) map.set(key, { v: structuredClone(parsed), o: now });
    return ok(key);
  });
}

/** Replaces one entry of a keyed list (a stone's 4Cs, a quote line's amount), keeping its place. */
export function updateWorkListEntry<L extends WorkList>(
  doc: Y.Doc,
  id: string,
  list: L,
  key: string,
  item: WorkListItem<L>,
): Written {
  const entries = workListEntries(workOrders(doc).get(id), list);
  if (!entries.some((e) => e.key === key)) return err({ reason: 'unknown-order', id });
  const r = check(doc, id, (raw) => ({
    ...raw,
    [list]: entries.map((e) => (e.key === key ? item : e.value)),
  }));
  if (!r.ok) return r;
  const index = entries.findIndex((e) => e.key === key);
  const parsed = (r.value[list] as readonly unknown[])[index];
  return transact(doc, () => {
    const map = fieldsOf(doc, id)?.get(list);
    if (!(map instanceof Y.Map)) return err({ reason: 'unknown-order', id });
    const prev = map.get(key) as { o?: number } | undefined;
    map.set(key, { v: structuredClone(parsed), o: prev?.o ?? 0 });
    return ok(undefined);
  });
}

/** Removes one entry (by the key `workListEntries` gives); an entry already gone is fine. */
export function removeFromWorkList(doc: Y.Doc, id: string, list: WorkList, key: string): Written {
  return transact(doc, () => {
    const map = fieldsOf(doc, id)?.get(list);
    if (!(map instanceof Y.Map)) return err({ reason: 'unknown-order', id });
    map.delete(key);
    return ok(undefined);
  });
}

/** The smallest splice turning `a` into `b`. */
export function textDiff(a: string, b: string): { index: number; deleteCount: number; insert: string } {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
    end++;
  return { index: start, deleteCount: a.length - start - end, insert: b.slice(start, b.length - end) };
}

/**
 * Makes the notes read `next` with the smallest edit, so a text box can hand over its whole value
 * and still merge with someone typing elsewhere in the notes.
 */
export function setWorkNotes(doc: Y.Doc, id: string, next: string): Written {
  if (next.length > WORK_LIMITS.notes)
    return err({
      reason: 'invalid',
      error: {
        code: 'invalid-input',
        path: 'notes',
        message: `must be at most ${WORK_LIMITS.notes} characters`,
      },
    });
  return transact(doc, () => {
    const m = fieldsOf(doc, id);
    if (!m) return err({ reason: 'unknown-order', id });
    let text = m.get('notes');
    if (!(text instanceof Y.Text)) {
      text = new Y.Text(typeof text === 'string' ? text : '');
      m.set('notes', text);
    }
    const t = text as Y.Text;
    const d = textDiff(t.toString(), next);
    if (d.deleteCount > 0) t.delete(d.index, d.deleteCount);
    if (d.insert) t.insert(d.index, d.insert);
    return ok(undefined);
  });
}
