/**
 * A thin binding from Yjs shared types to Solid stores. Components read plain objects
 * and re-render per key; the Yjs types stay the single source of truth. The bindings are
 * read-only on purpose: writes go through `outbox.ts` (commands) or the few documents a
 * device may edit, never through the store.
 */

import { batch, getOwner, onCleanup } from 'solid-js';
import { createStore, reconcile, type SetStoreFunction } from 'solid-js/store';
import type * as Y from 'yjs';

/** Turns an untrusted value read from a document into a record, or drops it. */
export type Reader<T> = (value: unknown, key: string) => T | undefined;

const identity = <T>(value: unknown): T => value as T;

const plain = (value: unknown): unknown =>
  value !== null && typeof value === 'object' && 'toJSON' in value
    ? (value as { toJSON(): unknown }).toJSON()
    : value;

export type Binding<S> = { readonly state: S; readonly dispose: () => void };

function bind<S>(subscribe: () => () => void, state: S): Binding<S> {
  const unsubscribe = subscribe();
  let disposed = false;
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    unsubscribe();
  };
  if (getOwner()) onCleanup(dispose);
  return { state, dispose };
}

function setKey<T>(set: SetStoreFunction<Record<string, T | undefined>>, key: string, value: T | undefined) {
  // Solid deletes a key from a store object when it is set to undefined.
  set(key, value === undefined ? undefined : reconcile(value as T & object));
}

/** A Y.Map as a Solid store keyed like the map; only the changed keys notify. */
export function bindYMap<T, V = unknown>(
  map: Y.Map<V>,
  read: Reader<T> = identity,
): Binding<Record<string, T>> {
  const initial: Record<string, T> = {};
  for (const [key, value] of map.entries()) {
    const record = read(plain(value), key);
    if (record !== undefined) initial[key] = record;
  }
  const [state, set] = createStore<Record<string, T | undefined>>(initial);
  // One Yjs transaction (a sync, an IndexedDB load) is one Solid batch: views that read many
  // keys (a filtered list) recompute once per transaction, not once per key.
  const onChange = (event: Y.YMapEvent<V>) =>
    batch(() => {
      for (const key of event.keysChanged) {
        const raw = map.get(key);
        setKey(set, key, raw === undefined ? undefined : read(plain(raw), key));
      }
    });
  // Nested shared types (a Y.Map inside the map) change without touching the outer key.
  const onDeep = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
    const keys = new Set<string>();
    for (const e of events) {
      if (e.target === map) continue;
      const top = e.path[0];
      if (typeof top === 'string') keys.add(top);
    }
    batch(() => {
      for (const key of keys) setKey(set, key, read(plain(map.get(key)), key));
    });
  };
  return bind(
    () => {
      map.observe(onChange);
      map.observeDeep(onDeep);
      return () => {
        map.unobserve(onChange);
        map.unobserveDeep(onDeep);
      };
    },
    state as Record<string, T>,
  );
}

/** A Y.Array as a Solid store array (outboxes: append-only, small). */
export function bindYArray<T, V = unknown>(
  array: Y.Array<V>,
  read: Reader<T> = identity,
): Binding<{ items: T[] }> {
  const snapshot = (): T[] => {
    const out: T[] = [];
    array.toArray().forEach((value, i) => {
      const record = read(plain(value), String(i));
      if (record !== undefined) out.push(record);
    });
    return out;
  };
  const [state, set] = createStore<{ items: T[] }>({ items: snapshot() });
  const onChange = () => set('items', reconcile(snapshot()));
  return bind(() => {
    array.observeDeep(onChange);
    return () => array.unobserveDeep(onChange);
  }, state);
}

type Entry = { key: string; val: unknown };
const isEntry = (v: unknown): v is Entry =>
  v !== null && typeof v === 'object' && typeof (v as { key?: unknown }).key === 'string';

/**
 * A YKeyValue-style array (`{key, val}` pairs, rightmost wins) as a keyed store.
 * y-utility's own class rewrites the array to drop duplicates; on a relay-owned
 * document that would be a local write the relay never accepts, so this reads only.
 */
export function bindYKeyValue<T, V = unknown>(
  array: Y.Array<V>,
  read: Reader<T> = identity,
): Binding<Record<string, T>> {
  const latest = (): Map<string, unknown> => {
    const out = new Map<string, unknown>();
    for (const item of array.toArray()) if (isEntry(item)) out.set(item.key, item.val);
    return out;
  };
  const initial: Record<string, T> = {};
  for (const [key, val] of latest()) {
    const record = read(val, key);
    if (record !== undefined) initial[key] = record;
  }
  const [state, set] = createStore<Record<string, T | undefined>>(initial);
  const onChange = (event: Y.YArrayEvent<V>) => {
    const touched = new Set<string>();
    const collect = (items: Set<Y.Item>) => {
      for (const item of items) for (const c of item.content.getContent()) if (isEntry(c)) touched.add(c.key);
    };
    collect(event.changes.added);
    collect(event.changes.deleted);
    const now = latest();
    batch(() => {
      for (const key of touched) {
        const val = now.get(key);
        setKey(set, key, val === undefined ? undefined : read(val, key));
      }
    });
  };
  return bind(
    () => {
      array.observe(onChange);
      return () => array.unobserve(onChange);
    },
    state as Record<string, T>,
  );
}
