/**
 * One client, live: the profile and each list's entry keys (what removals take), read from the
 * store's `clients/<store>` document through its schema module and refreshed on every change to
 * that client — a local edit, or another till's merged in by sync.
 */
import { type Accessor, createEffect, createSignal, onCleanup } from 'solid-js';
import type * as Y from 'yjs';
import type { ClientProfile } from '../../../domain/client.ts';
import {
  CLIENT_LISTS,
  type ClientList,
  type ClientListEntry,
  clientBook,
  clientListEntries,
  parseClientRecord,
} from '../../../sync/shared/docs/clients.ts';

export type LiveClient = {
  readonly profile: ClientProfile;
  readonly entries: { readonly [L in ClientList]: readonly ClientListEntry<L>[] };
};

export function readLiveClient(doc: Y.Doc, id: string): LiveClient | undefined {
  const stored = clientBook(doc).get(id);
  const profile = parseClientRecord(stored);
  if (!profile) return undefined;
  const entries = Object.fromEntries(CLIENT_LISTS.map((l) => [l, clientListEntries(stored, l)]));
  return { profile, entries: entries as unknown as LiveClient['entries'] };
}

export function createLiveClient(
  doc: Accessor<Y.Doc | undefined>,
  id: Accessor<string>,
): Accessor<LiveClient | undefined> {
  const [client, setClient] = createSignal<LiveClient>();
  createEffect(() => {
    const d = doc();
    const key = id();
    if (!d) return setClient(undefined);
    const book = clientBook(d);
    const refresh = () => setClient(readLiveClient(d, key));
    const onDeep = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      if (events.some((e) => (e.target === book ? e.changes.keys.has(key) : e.path[0] === key))) refresh();
    };
    refresh();
    book.observeDeep(onDeep);
    onCleanup(() => book.unobserveDeep(onDeep));
  });
  return client;
}
