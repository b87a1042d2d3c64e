/**
 * Search as you type over the store's client book (SEARCH-1…4): one index per till, used by the
 * Clients list and by every client picker (`ClientSearchField`). MiniSearch (chosen by
 * measurement, docs/decisions/0010) holds the folded names, e-mails and phone keys
 * (`sync/shared/client-search-keys.ts`); the parsed profiles sit beside it for the filters and
 * the rows. The index follows the Yjs book: `bindClientIndex` re-reads only the clients a
 * transaction touched (a local edit or another till's, merged in by sync), never the whole book.
 */
import MiniSearch from 'minisearch';
import type * as Y from 'yjs';
import type { ClientProfile } from '../../../domain/client.ts';
import { type ClientFilter, foldText, meetsFilters, words } from '../../../domain/client-search.ts';
import {
  type ClientSearchFields,
  type CountryCode,
  clientSearchFields,
  displayName,
  isPhoneQuery,
  phoneQueryKeys,
} from '../../../sync/shared/client-search-keys.ts';
import { clientBook, parseClientRecord } from '../../../sync/shared/docs/clients.ts';
import { type ClientView, clientView } from '../local/records.ts';

export type ClientSearchOptions = {
  /** At most this many profiles are returned (`total` counts them all). */
  readonly limit?: number;
  readonly filters?: readonly ClientFilter[];
};
export type ClientSearchResult = { readonly total: number; readonly hits: readonly ClientProfile[] };

/** Typos forgiven per word: none under 4 letters, one up to 6, two from 7 ("Luarent" finds "Laurent"). */
export const typoDistance = (term: string): number => (term.length < 4 ? 0 : term.length < 7 ? 1 : 2);

const byName = (a: ClientProfile, b: ClientProfile): number =>
  displayName(a).localeCompare(displayName(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class ClientIndex {
  readonly region: CountryCode | undefined;
  /** Names and e-mails (typo-tolerant). */
  private readonly text: MiniSearch<ClientSearchFields>;
  /** Phone keys, in their own tree so a typo-tolerant name search never walks digits. */
  private readonly phones: MiniSearch<ClientSearchFields>;
  private readonly profiles = new Map<string, ClientProfile>();
  private readonly fields = new Map<string, ClientSearchFields>();
  private readonly listeners = new Set<() => void>();

  constructor(region?: CountryCode) {
    this.region = region;
    // Fields are stored already folded (`clientSearchFields`); queries are folded the same way.
    this.text = new MiniSearch<ClientSearchFields>({
      fields: ['name', 'email'],
      processTerm: (t) => t,
      searchOptions: { boost: { name: 2 }, processTerm: (t) => foldText(t) },
    });
    this.phones = new MiniSearch<ClientSearchFields>({
      fields: ['phone'],
      processTerm: (t) => t,
      tokenize: (t) => t.split(' '),
    });
  }

  get size(): number {
    return this.profiles.size;
  }

  get(id: string): ClientProfile | undefined {
    return this.profiles.get(id);
  }

  /** Called after every change that may change a search's answer; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** Adds or refreshes clients (the text index is touched only when a searched field changed). */
  upsert(profiles: Iterable<ClientProfile>): void {
    const fresh: ClientSearchFields[] = [];
    for (const p of profiles) {
      const next = clientSearchFields(p, this.region);
      const before = this.fields.get(p.id);
      this.profiles.set(p.id, p);
      if (before && before.name === next.name && before.email === next.email && before.phone === next.phone)
        continue;
      if (before) {
        this.text.remove(before);
        this.phones.remove(before);
      }
      this.fields.set(p.id, next);
      fresh.push(next);
    }
    if (fresh.length > 0) {
      this.text.addAll(fresh);
      this.phones.addAll(fresh);
    }
    this.changed();
  }

  remove(ids: Iterable<string>): void {
    for (const id of ids) {
      const before = this.fields.get(id);
      if (before) {
        this.text.remove(before);
        this.phones.remove(before);
      }
      this.fields.delete(id);
      this.profiles.delete(id);
    }
    this.changed();
  }

  /**
   * SEARCH-1…3: clients whose name or e-mail has every word of the query (as a word start, or
   * within `typoDistance`), or — for a query that looks like a phone number — a phone with those
   * digits (national or international form), best first; every filter met. An empty query
   * lists every client meeting the filters, by name.
   */
  search(query: string, options: ClientSearchOptions = {}): ClientSearchResult {
    const limit = options.limit ?? 50;
    const filters = options.filters ?? [];
    const q = query.trim();
    if (words(q).length === 0) {
      const all = [...this.profiles.values()].filter((p) => meetsFilters(p, filters)).sort(byName);
      return { total: all.length, hits: all.slice(0, limit) };
    }
    const filter =
      filters.length === 0
        ? undefined
        : (r: { id: string }) => {
            const p = this.profiles.get(r.id);
            return p !== undefined && meetsFilters(p, filters);
          };
    const found = isPhoneQuery(q)
      ? this.phones.search(
          { queries: phoneQueryKeys(q, this.region), combineWith: 'OR' },
          { prefix: true, fuzzy: false, ...(filter ? { filter } : {}) },
        )
      : this.textSearch(q, filter);
    const hits: ClientProfile[] = [];
    for (const r of found.slice(0, limit)) {
      const p = this.profiles.get(r.id);
      if (p) hits.push(p);
    }
    return { total: found.length, hits };
  }

  /**
   * Words as typed first (each a word start, all required); typos are forgiven only when that
   * finds fewer than `FEW` clients — a name typed right is not drowned in near-misses, and the
   * costly typo-tolerant walk runs only when it can help. Exact finds stay first.
   */
  private textSearch(q: string, userFilter: ((r: { id: string }) => boolean) | undefined) {
    // Words of one or two letters start thousands of words: they are checked on the candidates
    // the longer words find, not looked up (a lookup would score every client they start).
    const ws = words(q);
    const long = ws.filter((w) => w.length >= 3);
    const short = ws.filter((w) => w.length < 3);
    const startsAll = (id: string) => {
      const f = this.fields.get(id);
      if (!f) return false;
      const text = ` ${f.name} ${f.email.replace(/[^\p{L}\p{N}]+/gu, ' ')}`;
      return short.every((w) => text.includes(` ${w}`));
    };
    if (long.length === 0) {
      const out: Array<{ id: string; score: number }> = [];
      for (const id of this.fields.keys())
        if (startsAll(id) && (!userFilter || userFilter({ id }))) out.push({ id, score: 0 });
      return out.sort((a, b) =>
        byName(this.profiles.get(a.id) as ClientProfile, this.profiles.get(b.id) as ClientProfile),
      );
    }
    const filter =
      short.length === 0
        ? userFilter
        : (r: { id: string }) => startsAll(r.id) && (!userFilter || userFilter(r));
    q = long.join(' ');
    const common = { combineWith: 'AND' as const, prefix: true, ...(filter ? { filter } : {}) };
    const exact = this.text.search(q, { ...common, fuzzy: false });
    if (exact.length >= FEW) return exact;
    const seen = new Set(exact.map((r) => r.id));
    const near = this.text.search(q, { ...common, fuzzy: typoDistance, maxFuzzy: 2 });
    return [...exact, ...near.filter((r) => !seen.has(r.id))];
  }
}

/** Fewer exact finds than this, and typo-tolerant finds are added. */
const FEW = 5;

/**
 * The baseline the index is measured against (bench/client-search.bench.ts) and checked with in
 * tests: every record's folded name and e-mail scanned for each query word as a substring, or
 * its phone keys for the query's digits. No typo tolerance, so it does less than the index.
 */
export function scanClients(
  records: readonly ClientSearchFields[],
  query: string,
  region: CountryCode | undefined,
  limit = 50,
): string[] {
  const q = query.trim();
  const out: string[] = [];
  if (isPhoneQuery(q)) {
    const keys = phoneQueryKeys(q, region);
    for (const r of records) if (keys.some((k) => r.phone.includes(k))) out.push(r.id);
  } else {
    const ws = words(q);
    if (ws.length === 0) return [];
    for (const r of records) {
      const text = `${r.name} ${r.email}`;
      if (ws.every((w) => text.includes(w))) out.push(r.id);
    }
  }
  return out.slice(0, limit);
}

/**
 * Fills the index from the book, then keeps it in step: each transaction re-reads only the
 * clients it touched (a client added, replaced or removed in the book, or one of its fields
 * changed). Returns the unbinding.
 */
export function bindClientIndex(doc: Y.Doc, index: ClientIndex): () => void {
  const book = clientBook(doc);
  const load = (ids: Iterable<string>) => {
    const present: ClientProfile[] = [];
    const gone: string[] = [];
    for (const id of ids) {
      const p = parseClientRecord(book.get(id));
      if (p) present.push(p);
      else gone.push(id);
    }
    if (gone.length > 0) index.remove(gone);
    if (present.length > 0) index.upsert(present);
  };
  load(book.keys());
  const onDeep = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
    const touched = new Set<string>();
    for (const e of events) {
      if (e.target === book) for (const k of e.changes.keys.keys()) touched.add(k);
      else if (typeof e.path[0] === 'string') touched.add(e.path[0]);
    }
    if (touched.size > 0) load(touched);
  };
  book.observeDeep(onDeep);
  return () => book.unobserveDeep(onDeep);
}

/**
 * What a client picker shows (`ClientSearchField`: the Sell page, a reservation): the best
 * matches of the store's index as screen records, nothing under two characters.
 */
export function pickClients(index: ClientIndex | undefined, query: string, limit = 8): ClientView[] {
  if (!index || query.trim().length < 2) return [];
  return index.search(query, { limit }).hits.map(clientView);
}
