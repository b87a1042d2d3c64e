/**
 * FIELDHIST-1: what a transaction did to a client's scalar fields (`names`, `wristCm`, `neckCm`,
 * `budget`), read from the Yjs items themselves: the value the sender wrote, the value that was
 * current before, and whether the write is the one that stays. When two people set the same field
 * at once, the later-arriving write may lose (Yjs keeps one deterministically); it is still
 * recorded here with `kept: false`, so the field's history shows it and it can be restored.
 * Called from `afterTransaction`, before Yjs collects deleted content.
 */
import * as Y from 'yjs';
import { clientBook } from '../../shared/docs/clients.ts';

export type FieldValue = { before: unknown; after: unknown; kept: boolean };

/** The fields whose values the audit records (lists and notes are named by path only). */
export const VALUED_FIELDS: ReadonlySet<string> = new Set(['names', 'wristCm', 'neckCm', 'budget']);
/** A value larger than this (as JSON) is not copied into the audit. */
const MAX_VALUE_JSON = 2_000;

const itemValue = (item: Y.Item): unknown => {
  if (item.content instanceof Y.ContentAny) return item.content.arr[0] ?? null;
  return null;
};
const bounded = (v: unknown): unknown => {
  const j = JSON.stringify(v ?? null);
  return j.length > MAX_VALUE_JSON ? '(too large to record)' : (v ?? null);
};

/** `<client id>.<field>` → the change, for every valued field this transaction touched. */
export function clientFieldValues(doc: Y.Doc, tr: Y.Transaction): Record<string, FieldValue> {
  const book = clientBook(doc);
  const out: Record<string, FieldValue> = {};
  for (const [type, keys] of tr.changed) {
    if (!(type instanceof Y.Map) || type._item === null || type._item.parent !== book) continue;
    const clientId = type._item.parentSub;
    if (clientId === null) continue;
    for (const key of keys) {
      if (key === null || !VALUED_FIELDS.has(key)) continue;
      const change = fieldChange(tr, type, key);
      if (change) out[`${clientId}.${key}`] = change;
    }
  }
  return out;
}

function fieldChange(tr: Y.Transaction, map: Y.Map<unknown>, key: string): FieldValue | undefined {
  const newIn = (item: Y.Item) => item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
  let written: Y.Item | undefined;
  let before: Y.Item | undefined;
  let removed: Y.Item | undefined;
  // From the newest entry of this key back: the item this transaction wrote, the one current before.
  for (let item = map._map.get(key) ?? null; item !== null; item = item.left) {
    if (newIn(item)) {
      if (!written) written = item;
      continue;
    }
    const deletedNow = item.deleted && Y.isDeleted(tr.deleteSet, item.id);
    if (!item.deleted || deletedNow) {
      if (!before) before = item;
      if (deletedNow && !removed) removed = item;
    }
  }
  if (written)
    return {
      before: bounded(before ? itemValue(before) : null),
      after: bounded(itemValue(written)),
      kept: !written.deleted,
    };
  if (removed) return { before: bounded(itemValue(removed)), after: null, kept: !map.has(key) };
  return undefined;
}
