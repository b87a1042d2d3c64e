/**
 * `clients/<store>` — the store's client book, edited live by its staff (DOC-4, DOC-8, SYNC-2);
 * every change is attributed in `audit/<store>` with the field it touched (AUDIT-3).
 *
 * Y.Map `clients`: client id → a nested `Y.Map` of fields, so two people editing two fields of the
 * same client at once both keep their edit:
 *
 * | key | holds |
 * | --- | --- |
 * | `format` | `2` (a client stored before this shape is a plain JSON profile; it still reads) |
 * | `id`, `homeStore`, `createdAt` | strings |
 * | `names` | `{first, last, display}` as one value (a name is replaced whole: never left empty) |
 * | `wristCm`, `neckCm`, `budget` | plain values; absent when not known |
 * | `consent` | Y.Map channel → `{granted, date}` |
 * | `notes` | Y.Text (characters merge) |
 * | `emails`, `phones`, `metals`, `stones`, `designers` | Y.Map value → `{v: value, o: order}` |
 * | `ringSizes`, `milestones` | Y.Map entry id → `{v: item, o: order}` |
 *
 * A list's entries are keyed, so two additions made at once both survive and a removal removes
 * one entry; its order is `o` (the time it was added), then the key. Readers rebuild the domain's
 * `ClientProfile` and parse it with `parseClient`: a client that does not parse is not shown.
 * Writers check the profile the edit leads to with the same parser and refuse, with the parser's
 * error, an edit that would not parse.
 */
import * as Y from 'yjs';
import {
  CHANNELS,
  type Channel,
  CLIENT_LIST_LIMITS,
  type ClientProfile,
  type Consent,
  type Milestone,
  parseClient,
  type RingSize,
} from '../../../domain/client.ts';
import { uuidv7 } from '../../../domain/ids.ts';
import type { ParseError } from '../../../domain/parse.ts';
import { isPlainObject } from '../../../domain/parse.ts';
import type { Metal } from '../../../domain/piece.ts';
import { err, ok, type Result } from '../../../domain/result.ts';
import { names } from '../doc-names.ts';

export type ClientRecord = ClientProfile;

export const clientsDoc = {
  kind: 'clients',
  name: names.clients,
  writer: 'staff',
  // `appointments`, `followups` and `clienteling`: viewings and follow-ups (./clienteling.ts, APPT-5, FOLLOWUP-6).
  roots: {
    clients: 'clients',
    dismissedPairs: 'dismissedPairs',
    appointments: 'appointments',
    followups: 'followups',
    clienteling: 'clienteling',
  },
} as const;

/** The value of the `format` key of a client stored field by field. */
export const CLIENT_FORMAT = 2;

/** What a client's key holds: its fields (current) or a plain JSON profile (before `format` 2). */
export type StoredClient = Y.Map<unknown> | Record<string, unknown>;

export const clientBook = (doc: Y.Doc): Y.Map<StoredClient> =>
  doc.getMap<StoredClient>(clientsDoc.roots.clients);

// ---------------------------------------------------------------------------------------------
// Fields and lists

/** Fields replaced whole by `setClientField`. */
export type ClientScalarField = 'names' | 'wristCm' | 'neckCm' | 'budget';
export type ClientScalarValue<F extends ClientScalarField> = F extends 'names'
  ? { first: string; last: string; display?: string }
  : ClientProfile[F];

export type ClientList = 'emails' | 'phones' | 'ringSizes' | 'milestones' | 'metals' | 'stones' | 'designers';
export type ClientListItem<L extends ClientList> = L extends 'ringSizes'
  ? RingSize
  : L extends 'milestones'
    ? Milestone
    : L extends 'metals'
      ? Metal
      : string;
export const CLIENT_LISTS: readonly ClientList[] = [
  'emails',
  'phones',
  'ringSizes',
  'milestones',
  'metals',
  'stones',
  'designers',
];
/** Lists keyed by the value itself (adding it twice keeps one); the others by a generated id. */
const VALUE_KEYED: ReadonlySet<ClientList> = new Set(['emails', 'phones', 'metals', 'stones', 'designers']);
const SCALARS: readonly ClientScalarField[] = ['names', 'wristCm', 'neckCm', 'budget'];

/** A list entry as stored: the item and its place in the list. */
type Entry = { v: unknown; o: number };
export type ClientListEntry<L extends ClientList> = {
  readonly key: string;
  readonly value: ClientListItem<L>;
};

const listOf = (profile: ClientProfile, list: ClientList): readonly unknown[] => {
  switch (list) {
    case 'emails':
      return profile.contacts.emails;
    case 'phones':
      return profile.contacts.phones;
    case 'metals':
      return profile.preferences.metals;
    case 'stones':
      return profile.preferences.stones;
    case 'designers':
      return profile.preferences.designers;
    default:
      return profile[list];
  }
};

/** `list` replaced in a profile-shaped JSON object. */
function withList(
  raw: Record<string, unknown>,
  list: ClientList,
  items: readonly unknown[],
): Record<string, unknown> {
  const obj = (v: unknown) => (isPlainObject(v) ? v : {});
  switch (list) {
    case 'emails':
    case 'phones':
      return { ...raw, contacts: { ...obj(raw.contacts), [list]: items } };
    case 'metals':
    case 'stones':
    case 'designers':
      return { ...raw, preferences: { ...obj(raw.preferences), [list]: items } };
    default:
      return { ...raw, [list]: items };
  }
}

const json = (v: unknown): string => JSON.stringify(v ?? null);

// ---------------------------------------------------------------------------------------------
// Reading

function sortedEntries(map: unknown): Array<{ key: string; v: unknown }> {
  if (!isPlainObject(map)) return [];
  const out: Array<{ key: string; v: unknown; o: number }> = [];
  for (const [key, e] of Object.entries(map)) {
    if (!isPlainObject(e)) continue;
    out.push({ key, v: e.v, o: typeof e.o === 'number' ? e.o : 0 });
  }
  return out.sort((a, b) => a.o - b.o || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const isFieldForm = (raw: Record<string, unknown>): boolean => raw.format === CLIENT_FORMAT;

/**
 * A stored client — the nested `Y.Map`, its `toJSON()` (what a Solid binding hands over) or a
 * plain profile from before field-level storage — as profile-shaped JSON, not yet parsed. A list
 * that concurrent additions took past its limit shows its first entries (the limit's worth).
 */
export function clientJson(stored: unknown): unknown {
  const raw = stored instanceof Y.Map ? stored.toJSON() : stored;
  if (!isPlainObject(raw) || !isFieldForm(raw)) return raw;
  let out: Record<string, unknown> = {
    id: raw.id,
    names: raw.names,
    consent: isPlainObject(raw.consent) ? raw.consent : {},
    notes: typeof raw.notes === 'string' ? raw.notes.slice(0, CLIENT_LIST_LIMITS.notes) : raw.notes,
    homeStore: raw.homeStore,
    createdAt: raw.createdAt,
    ...(raw.wristCm !== undefined ? { wristCm: raw.wristCm } : {}),
    ...(raw.neckCm !== undefined ? { neckCm: raw.neckCm } : {}),
    ...(raw.budget !== undefined ? { budget: raw.budget } : {}),
  };
  for (const list of CLIENT_LISTS)
    out = withList(
      out,
      list,
      sortedEntries(raw[list])
        .map((e) => e.v)
        .slice(0, CLIENT_LIST_LIMITS[list]),
    );
  return out;
}

/** A stored client (any form) as the domain's profile; undefined when it does not parse. */
export function parseClientRecord(stored: unknown): ClientRecord | undefined {
  const r = parseClient(clientJson(stored));
  return r.ok ? r.value : undefined;
}

export const readClient = (doc: Y.Doc, id: string): ClientRecord | undefined =>
  parseClientRecord(clientBook(doc).get(id));

/** Every client that parses, in key order. */
export function readClients(doc: Y.Doc): ClientRecord[] {
  const out: ClientRecord[] = [];
  for (const value of clientBook(doc).values()) {
    const c = parseClientRecord(value);
    if (c) out.push(c);
  }
  return out;
}

/**
 * A list's entries with their keys (what `removeFromClientList` takes), in the list's order, from
 * the stored client (any form; a plain profile's entries are keyed by position, `#0`, `#1`…).
 */
export function clientListEntries<L extends ClientList>(stored: unknown, list: L): ClientListEntry<L>[] {
  const raw = stored instanceof Y.Map ? stored.toJSON() : stored;
  if (isPlainObject(raw) && isFieldForm(raw))
    return sortedEntries(raw[list]).map((e) => ({ key: e.key, value: e.v as ClientListItem<L> }));
  const profile = parseClientRecord(raw);
  return profile
    ? listOf(profile, list).map((v, i) => ({ key: `#${i}`, value: v as ClientListItem<L> }))
    : [];
}

// ---------------------------------------------------------------------------------------------
// Writing

export type ClientWriteError =
  | { readonly reason: 'unknown-client'; readonly id: string }
  /** The edit would leave a profile `parseClient` refuses: its error names the field and why. */
  | { readonly reason: 'invalid'; readonly error: ParseError };

type Written<T = void> = Result<T, ClientWriteError>;

const invalid = (error: ParseError): Written<never> => err({ reason: 'invalid', error });
const entryMap = (): Y.Map<Entry> => new Y.Map<Entry>();

/** A new key for an entry of a list keyed by id (ring sizes, milestones). */
const entryKey = (list: ClientList, item: unknown): string =>
  VALUE_KEYED.has(list) ? String(item) : uuidv7();

/** A name as stored: the display name only when it is not just first and last (so it follows them). */
function storedNames(n: { first: string; last: string; display?: string }) {
  const joined = [n.first, n.last].filter(Boolean).join(' ');
  return { first: n.first, last: n.last, display: n.display && n.display !== joined ? n.display : '' };
}

/** The nested form of a (parsed) profile; `order` is the time the entries count as added. */
function fieldsOf(profile: ClientProfile, order: number): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  m.set('format', CLIENT_FORMAT);
  m.set('id', profile.id);
  m.set('homeStore', profile.homeStore);
  m.set('createdAt', profile.createdAt);
  m.set('names', storedNames(profile.names));
  for (const f of ['wristCm', 'neckCm', 'budget'] as const)
    if (profile[f] !== undefined) m.set(f, structuredClone(profile[f]));
  const consent = new Y.Map<Consent>();
  for (const c of CHANNELS) {
    const v = profile.consent[c];
    if (v) consent.set(c, { ...v });
  }
  m.set('consent', consent);
  m.set('notes', new Y.Text(profile.notes));
  for (const list of CLIENT_LISTS) {
    const entries = entryMap();
    listOf(profile, list).forEach((item, i) => {
      entries.set(entryKey(list, item), { v: structuredClone(item), o: order + i });
    });
    m.set(list, entries);
  }
  return m;
}

/**
 * Writes a new client (or replaces one with the same id) in its nested form. The profile is
 * checked with `parseClient` first.
 */
export function createClient(
  doc: Y.Doc,
  profile: ClientProfile,
  now: number = Date.now(),
): Written<ClientRecord> {
  const r = parseClient(profile);
  if (!r.ok) return invalid(r.error);
  clientBook(doc).set(r.value.id, fieldsOf(r.value, now));
  return ok(r.value);
}

/**
 * The client's nested map, ready to edit: a plain profile stored before field-level storage is
 * rewritten in the nested form first (the relay's migration does the same once for every one).
 */
function fieldsFor(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
  const book = clientBook(doc);
  const stored = book.get(id);
  if (stored instanceof Y.Map) return stored;
  const profile = parseClientRecord(stored);
  if (!profile) return undefined;
  const m = fieldsOf(profile, 0);
  book.set(id, m);
  return m;
}

/** Checks the profile an edit leads to; `change` gets the current profile-shaped JSON. */
function check(
  doc: Y.Doc,
  id: string,
  change: (raw: Record<string, unknown>) => Record<string, unknown>,
): Written<ClientRecord> {
  const raw = clientJson(clientBook(doc).get(id));
  if (!isPlainObject(raw) || !parseClient(raw).ok) return err({ reason: 'unknown-client', id });
  const r = parseClient(change(raw));
  return r.ok ? ok(r.value) : invalid(r.error);
}

function transact<T>(doc: Y.Doc, f: () => T): T {
  let out: T | undefined;
  doc.transact(() => {
    out = f();
  });
  return out as T;
}

/** Replaces one field (`names`, `wristCm`, `neckCm`, `budget`); `undefined` clears the optional ones. */
export function setClientField<F extends ClientScalarField>(
  doc: Y.Doc,
  id: string,
  field: F,
  value: ClientScalarValue<F> | undefined,
): Written {
  const r = check(doc, id, (raw) => {
    const next = { ...raw };
    if (value === undefined) delete next[field];
    else next[field] = value;
    return next;
  });
  if (!r.ok) return r;
  const parsed = field === 'names' ? storedNames(r.value.names) : r.value[field];
  return transact(doc, () => {
    const m = fieldsFor(doc, id);
    if (!m) return err({ reason: 'unknown-client', id });
    if (parsed === undefined) m.delete(field);
    else if (json(m.get(field)) !== json(parsed)) m.set(field, structuredClone(parsed));
    return ok(undefined);
  });
}

/** Grants or withdraws consent on one channel (`undefined` forgets it). */
export function setClientConsent(
  doc: Y.Doc,
  id: string,
  channel: Channel,
  consent: Consent | undefined,
): Written {
  const r = check(doc, id, (raw) => {
    const c = { ...(isPlainObject(raw.consent) ? raw.consent : {}) };
    if (consent === undefined) delete c[channel];
    else c[channel] = consent;
    return { ...raw, consent: c };
  });
  if (!r.ok) return r;
  return transact(doc, () => {
    const m = fieldsFor(doc, id);
    const map = m?.get('consent');
    if (!(map instanceof Y.Map)) return err({ reason: 'unknown-client', id });
    const v = r.value.consent[channel];
    if (v === undefined) map.delete(channel);
    else map.set(channel, { ...v });
    return ok(undefined);
  });
}

/**
 * Adds an item to a list; returns its entry key. An e-mail, phone, metal, stone or designer
 * already there is not added twice (its key is returned).
 */
export function addToClientList<L extends ClientList>(
  doc: Y.Doc,
  id: string,
  list: L,
  item: ClientListItem<L>,
  now: number = Date.now(),
): Written<string> {
  const entries = clientListEntries(clientBook(doc).get(id), list);
  const r = check(doc, id, (raw) => withList(raw, list, [...entries.map((e) => e.value), item]));
  if (!r.ok) return r;
  // The parsed item (trimmed, normalised) is what is stored.
  const parsed = listOf(r.value, list).at(-1);
  return transact(doc, () => {
    const m = fieldsFor(doc, id);
    const map = m?.get(list);
    if (!(map instanceof Y.Map)) return err({ reason: 'unknown-client', id });
    const key = entryKey(list, parsed);
    if (!map.has(key)) map.set(key, { v: structuredClone(parsed), o: now });
    return ok(key);
  });
}

/** Removes one entry (by the key `clientListEntries` gives); an entry already gone is fine. */
export function removeFromClientList(doc: Y.Doc, id: string, list: ClientList, key: string): Written {
  const entries = clientListEntries(clientBook(doc).get(id), list);
  const r = check(doc, id, (raw) =>
    withList(
      raw,
      list,
      entries.filter((e) => e.key !== key).map((e) => e.value),
    ),
  );
  if (!r.ok) return r;
  return transact(doc, () => {
    const stored = clientBook(doc).get(id);
    // A plain profile's entries are keyed by position: convert, then remove the same item.
    const target = stored instanceof Y.Map ? key : undefined;
    const m = fieldsFor(doc, id);
    const map = m?.get(list);
    if (!(map instanceof Y.Map)) return err({ reason: 'unknown-client', id });
    if (target !== undefined) map.delete(target);
    else {
      const item = entries.find((e) => e.key === key);
      const now = clientListEntries(m, list).find((e) => item && json(e.value) === json(item.value));
      if (now) map.delete(now.key);
    }
    return ok(undefined);
  });
}

/** The notes' shared text (created when missing). */
function notesOf(doc: Y.Doc, id: string): Y.Text | undefined {
  const m = fieldsFor(doc, id);
  if (!m) return undefined;
  const t = m.get('notes');
  if (t instanceof Y.Text) return t;
  const text = new Y.Text(typeof t === 'string' ? t : '');
  m.set('notes', text);
  return text;
}

/** One edit of the notes at a position (characters merge with other people's edits). */
export function editClientNotes(
  doc: Y.Doc,
  id: string,
  index: number,
  deleteCount: number,
  insert = '',
): Written {
  const current = readClient(doc, id);
  if (!current) return err({ reason: 'unknown-client', id });
  const at = Math.max(0, Math.min(index, current.notes.length));
  const del = Math.max(0, Math.min(deleteCount, current.notes.length - at));
  const next = current.notes.slice(0, at) + insert + current.notes.slice(at + del);
  const r = check(doc, id, (raw) => ({ ...raw, notes: next }));
  if (!r.ok) return r;
  return transact(doc, () => {
    const text = notesOf(doc, id);
    if (!text) return err({ reason: 'unknown-client', id });
    if (del > 0) text.delete(at, del);
    if (insert) text.insert(at, insert);
    return ok(undefined);
  });
}

/**
 * Makes the notes read `next` with the smallest edit (common start and end kept), so a text box
 * can hand over its whole value and still merge with someone typing elsewhere in the notes.
 */
export function setClientNotes(doc: Y.Doc, id: string, next: string): Written {
  const current = readClient(doc, id);
  if (!current) return err({ reason: 'unknown-client', id });
  const { index, deleteCount, insert } = textDiff(current.notes, next);
  if (deleteCount === 0 && insert === '') return ok(undefined);
  return editClientNotes(doc, id, index, deleteCount, insert);
}

/** The one splice that turns `a` into `b`. */
export function textDiff(a: string, b: string): { index: number; deleteCount: number; insert: string } {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
    end++;
  return { index: start, deleteCount: a.length - start - end, insert: b.slice(start, b.length - end) };
}

/**
 * Saves a whole profile field by field: only the fields that differ from what is stored are
 * written (list entries added or removed one by one, notes by their smallest edit), so what
 * someone else changed meanwhile in other fields stays. A client not yet stored is created.
 * For code holding a whole profile (seed, scripts, tests); screens use the field writers.
 */
export function writeClient(
  doc: Y.Doc,
  profile: ClientProfile,
  now: number = Date.now(),
): Written<ClientRecord> {
  const r = parseClient(profile);
  if (!r.ok) return invalid(r.error);
  const next = r.value;
  const id = next.id;
  const stored = clientBook(doc).get(id);
  if (!parseClientRecord(stored)) return createClient(doc, next, now);
  return transact(doc, () => {
    const m = fieldsFor(doc, id);
    if (!m) return err({ reason: 'unknown-client', id });
    for (const f of ['homeStore', 'createdAt', ...SCALARS] as const) {
      const v = f === 'names' ? storedNames(next.names) : next[f];
      if (v === undefined) m.delete(f);
      else if (json(m.get(f)) !== json(v)) m.set(f, structuredClone(v));
    }
    const consent = m.get('consent');
    if (consent instanceof Y.Map)
      for (const c of CHANNELS) {
        const v = next.consent[c];
        if (v === undefined) consent.delete(c);
        else if (json(consent.get(c)) !== json(v)) consent.set(c, { ...v });
      }
    for (const list of CLIENT_LISTS) {
      const map = m.get(list);
      if (!(map instanceof Y.Map)) continue;
      const want = listOf(next, list).map(json);
      const have = clientListEntries(m, list);
      // Keep each entry still wanted (once), remove the rest, add what is new at the end.
      const left = [...want];
      for (const e of have) {
        const i = left.indexOf(json(e.value));
        if (i >= 0) left.splice(i, 1);
        else map.delete(e.key);
      }
      left.forEach((j, i) => {
        const item = JSON.parse(j) as unknown;
        map.set(entryKey(list, item), { v: item, o: now + i });
      });
    }
    const text = notesOf(doc, id);
    if (text) {
      const d = textDiff(text.toString(), next.notes);
      if (d.deleteCount > 0) text.delete(d.index, d.deleteCount);
      if (d.insert) text.insert(d.index, d.insert);
    }
    return ok(next);
  });
}

/** Deletes a client from the book. */
export const deleteClient = (doc: Y.Doc, id: string): void => clientBook(doc).delete(id);

/**
 * Rewrites every client stored as a plain JSON profile in the nested form (the relay does it once
 * at start, `server/clients-migration.ts`). A record that does not parse is left as it is (it is
 * not shown either way). Returns how many were rewritten; a second run rewrites none.
 */
export function upgradeClientBook(doc: Y.Doc, now = 0): { upgraded: number; unreadable: string[] } {
  const book = clientBook(doc);
  let upgraded = 0;
  const unreadable: string[] = [];
  doc.transact(() => {
    for (const [id, stored] of [...book.entries()]) {
      if (stored instanceof Y.Map) continue;
      const profile = parseClientRecord(stored);
      if (!profile || profile.id !== id) {
        unreadable.push(id);
        continue;
      }
      book.set(id, fieldsOf(profile, now));
      upgraded++;
    }
  });
  return { upgraded, unreadable };
}

// ---------------------------------------------------------------------------------------------
// Merged and erased clients (MERGE-*, PRIVACY-*): written by the relay when it publishes a
// `client.merge` or `client.erase`; every reader follows them.

/**
 * What stays under a merged or erased client's key: no personal data, only where its history
 * went (`mergedInto`) or that it was erased. Readers (`readClient`, the list) skip it: it does
 * not parse as a profile.
 */
export type ClientTombstone =
  | { readonly format: 'merged'; readonly id: string; readonly mergedInto: string; readonly at: string }
  | { readonly format: 'erased'; readonly id: string; readonly at: string };

export function clientTombstone(stored: unknown): ClientTombstone | undefined {
  const raw = stored instanceof Y.Map ? stored.toJSON() : stored;
  if (!isPlainObject(raw) || typeof raw.id !== 'string' || typeof raw.at !== 'string') return undefined;
  if (raw.format === 'merged' && typeof raw.mergedInto === 'string')
    return { format: 'merged', id: raw.id, mergedInto: raw.mergedInto, at: raw.at };
  if (raw.format === 'erased') return { format: 'erased', id: raw.id, at: raw.at };
  return undefined;
}

export type ResolvedClient =
  | {
      readonly status: 'active';
      readonly id: string;
      readonly client: ClientRecord;
      readonly via: readonly string[];
    }
  | { readonly status: 'erased'; readonly id: string; readonly via: readonly string[] }
  | { readonly status: 'unknown'; readonly id: string; readonly via: readonly string[] };

/**
 * MERGE-6: the client an id stands for now, following merges (`via` lists the merged ids passed
 * through): a sale, order or reservation naming a merged client shows under the survivor.
 */
export function resolveClient(doc: Y.Doc, id: string): ResolvedClient {
  const book = clientBook(doc);
  const via: string[] = [];
  let current = id;
  for (let hop = 0; hop < 16; hop++) {
    const stored = book.get(current);
    const t = clientTombstone(stored);
    if (t?.format === 'merged') {
      via.push(current);
      current = t.mergedInto;
      continue;
    }
    if (t?.format === 'erased') return { status: 'erased', id: current, via };
    const client = parseClientRecord(stored);
    return client ? { status: 'active', id: current, client, via } : { status: 'unknown', id: current, via };
  }
  return { status: 'unknown', id: current, via };
}

/** Every id that now stands for `id` (itself and the clients merged into it, at any depth). */
export function clientAliases(doc: Y.Doc, id: string): string[] {
  const into = new Map<string, string[]>();
  for (const [key, stored] of clientBook(doc).entries()) {
    const t = clientTombstone(stored);
    if (t?.format === 'merged') into.set(t.mergedInto, [...(into.get(t.mergedInto) ?? []), key]);
  }
  const out = [id];
  for (let i = 0; i < out.length && out.length < 1000; i++)
    for (const k of into.get(out[i] as string) ?? []) if (!out.includes(k)) out.push(k);
  return out;
}

/** Relay only (publishing a merge): the merged client's record becomes a pointer to the survivor. */
export function markClientMerged(doc: Y.Doc, mergedId: string, survivorId: string, at: string): void {
  clientBook(doc).set(mergedId, { format: 'merged', id: mergedId, mergedInto: survivorId, at });
}

/** Relay only (publishing an erasure): the client's fields go; only the fact of the erasure stays. */
export function markClientErased(doc: Y.Doc, id: string, at: string): void {
  clientBook(doc).set(id, { format: 'erased', id, at });
}

// ---------------------------------------------------------------------------------------------
// Dismissed duplicates (MERGE-2): pair key → who said "not the same person", and when.

export type DismissedPair = { readonly by: string; readonly at: string };

export const dismissedPairs = (doc: Y.Doc): Y.Map<DismissedPair> =>
  doc.getMap<DismissedPair>(clientsDoc.roots.dismissedPairs);

export function dismissPair(
  doc: Y.Doc,
  key: string,
  by: string,
  at: string = new Date().toISOString(),
): void {
  dismissedPairs(doc).set(key, { by, at });
}

export const readDismissedPairs = (doc: Y.Doc): Set<string> => new Set(dismissedPairs(doc).keys());
