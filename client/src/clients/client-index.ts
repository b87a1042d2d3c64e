/**
 * Search as you type over the store's client book (SEARCH-1…4, SEARCH-8…10): one index per till,
 * used by the Clients list and by every client picker (`ClientSearchField`). A sorted dictionary
 * of the folded words of names and e-mails with each word's clients, and an index of the 4-digit
 * runs of phone keys (`sync/shared/client-search-keys.ts`), chosen by measurement over MiniSearch
 * (docs/decisions/0010); the parsed profiles sit beside it for the filters and the rows. A search
 * walks the clients of its rarest word only, checks the other words on each, and ranks only the
 * rows shown. The index follows the Yjs book: `bindClientIndex` re-reads only the clients a
 * transaction touched (a local edit or another till's, merged in by sync), never the whole book.
 */
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
  /** One more condition the filters cannot say alone (a tier, which needs the store's sales). */
  readonly where?: (p: ClientProfile) => boolean;
};
export type ClientSearchResult = { readonly total: number; readonly hits: readonly ClientProfile[] };

/** Typos forgiven per word: none under 4 letters, one up to 6, two from 7 ("Luarent" finds "Laurent"). */
export const typoDistance = (term: string): number => (term.length < 4 ? 0 : term.length < 7 ? 1 : 2);

/**
 * SEARCH-8: the number of edits between two words, an edit being a letter added, removed,
 * replaced, or two neighbours swapped ("mratin" is one edit from "martin"); `max + 1` as soon as
 * it is known to exceed `max`.
 */
export function typoEdits(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  // Three rows of the optimal-string-alignment table.
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = Array.from({ length: lb + 1 }, (_, j) => j);
  let cur = new Array<number>(lb + 1).fill(0);
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (ca === cb ? 0 : 1),
      );
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb)
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[lb] as number, max + 1);
}

/** Fewer exact finds than this, and typo-tolerant finds are added. */
const FEW = 5;
/** Phone keys are found through their runs of this many digits. */
const GRAM = 4;
/** How well one query word is met by a client (0: not at all); a row's rank is the sum over the words. */
const NAME_WORD = 8;
const NAME_START = 6;
const MAIL_WORD = 4;
const MAIL_START = 3;
const NAME_TYPO = 2;
const MAIL_TYPO = 1;

/** The 4-digit runs of a digit string, as numbers (0000–9999). */
function gramsOf(key: string, into: Set<number>): void {
  for (let i = 0; i + GRAM <= key.length; i++) into.add(Number(key.slice(i, i + GRAM)));
}

/**
 * The rows shown, best first: a bounded heap whose root is the worst row kept, so a large find
 * costs one comparison per client that does not make the page. Rows of equal rank go by name:
 * first by a number made of the name's first ten letters (`nameOrder`), then by the whole key.
 */
class TopRows {
  private readonly doc: number[] = [];
  private readonly rank: number[] = [];
  private readonly limit: number;
  private readonly key: readonly (string | undefined)[];
  private readonly ord: Float64Array;
  total = 0;
  constructor(limit: number, key: readonly (string | undefined)[], ord: Float64Array) {
    this.limit = limit;
    this.key = key;
    this.ord = ord;
  }

  /** Is row a (rank ra) better than row b? Rank, then name, then id. */
  private better(a: number, ra: number, b: number, rb: number): boolean {
    if (ra !== rb) return ra > rb;
    const oa = this.ord[a] as number;
    const ob = this.ord[b] as number;
    if (oa !== ob) return oa < ob;
    return (this.key[a] as string) < (this.key[b] as string);
  }

  add(doc: number, rank: number): void {
    this.total++;
    if (this.limit <= 0) return;
    const d = this.doc;
    const r = this.rank;
    if (d.length < this.limit) {
      // Sift up: the worse row rises towards the root.
      let i = d.length;
      d.push(doc);
      r.push(rank);
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.better(d[p] as number, r[p] as number, doc, rank)) break;
        d[i] = d[p] as number;
        r[i] = r[p] as number;
        i = p;
      }
      d[i] = doc;
      r[i] = rank;
      return;
    }
    if (!this.better(doc, rank, d[0] as number, r[0] as number)) return;
    // Sift down from the root: the new row sinks below every worse one.
    const n = d.length;
    let i = 0;
    for (;;) {
      const a = 2 * i + 1;
      if (a >= n) break;
      const b = a + 1;
      let w = a;
      if (b < n && this.better(d[a] as number, r[a] as number, d[b] as number, r[b] as number)) w = b;
      if (!this.better(doc, rank, d[w] as number, r[w] as number)) break;
      d[i] = d[w] as number;
      r[i] = r[w] as number;
      i = w;
    }
    d[i] = doc;
    r[i] = rank;
  }

  /** The rows kept, best first. */
  rows(): number[] {
    const order = this.doc.map((_, i) => i);
    order.sort((i, j) =>
      this.better(
        this.doc[i] as number,
        this.rank[i] as number,
        this.doc[j] as number,
        this.rank[j] as number,
      )
        ? -1
        : 1,
    );
    return order.map((i) => this.doc[i] as number);
  }
}

/** A number that orders names as their first ten letters do (space first, then a–z, digits, the rest). */
function nameOrder(key: string): number {
  let n = 0;
  for (let i = 0; i < 10; i++) {
    const c = i < key.length ? key.charCodeAt(i) : 0;
    const v = c <= 32 ? 0 : c >= 97 && c <= 122 ? c - 96 : c >= 48 && c <= 57 ? c - 21 : 37;
    n = n * 38 + v;
  }
  return n;
}

/** How one query word meets each dictionary word: not, within its typos, begun by it, equal. */
const NONE = 0;
const TYPO = 1;
const START = 2;
const EQUAL = 3;

/** One query word: the dictionary words it meets (by their number) and what walking them costs. */
type WordMatch = {
  /** Per dictionary word number: NONE, TYPO, START or EQUAL. */
  readonly how: Uint8Array;
  readonly terms: readonly number[];
  /** How many postings walking this word visits (its clients, counted once per dictionary word). */
  readonly cost: number;
};

/**
 * The order of rows of equal rank: the folded shown name, then the id. Made one flat string
 * (a joined string is a tree of parts V8 would walk at every comparison).
 */
function rowKey(p: ClientProfile): string {
  const key = `${foldText(displayName(p))}\u0000${p.id}`;
  key.charCodeAt(0);
  return key;
}

/** A growable list of 32-bit integers. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
}

export class ClientIndex {
  readonly region: CountryCode | undefined;
  private readonly profiles = new Map<string, ClientProfile>();
  private readonly fields = new Map<string, ClientSearchFields>();
  private readonly listeners = new Set<() => void>();

  // Each indexed version of a client is a numbered entry; an edit retires the entry and adds a
  // new one, and retired entries are skipped until enough of them make a compaction worth it.
  private readonly docOf = new Map<string, number>();
  /** Per entry: the client's id, `undefined` once retired. */
  private docId: (string | undefined)[] = [];
  /** Per entry: where its dictionary word numbers start in `words`, where its e-mail's start, and the end. */
  private docFrom: number[] = [];
  private docMail: number[] = [];
  private docTo: number[] = [];
  private words = new IntList();
  /** Per entry: " " + every phone key, space-separated (a key begins after a space). */
  private docPhone: string[] = [];
  /** Per entry: the folded shown name and the id, the order of rows of equal rank. */
  private docKey: (string | undefined)[] = [];
  private retired = 0;

  /** The dictionary: every word of the names and e-mails, numbered as first met, with its entries. */
  private termOf = new Map<string, number>();
  private termText: string[] = [];
  /** Per dictionary word: the entries with it in their name, and those with it in an e-mail. */
  private namePosts: number[][] = [];
  private mailPosts: number[][] = [];
  /** The dictionary's numbers in the order of their words (a prefix is a range). */
  private sorted: number[] = [];
  /** Per 4-digit run (0000–9999), the entries with a phone key containing it. */
  private grams: number[][] = Array.from({ length: 10 ** GRAM }, () => []);

  /** Per entry, the number of the search that last visited it (each is visited once). */
  private seen = new Uint32Array(1024);
  private visit = 0;
  /** Per entry: `nameOrder` of its key. */
  private ord = new Float64Array(1024);

  constructor(region?: CountryCode) {
    this.region = region;
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
    const fresh: number[] = [];
    for (const p of profiles) {
      const next = clientSearchFields(p, this.region);
      const before = this.fields.get(p.id);
      const shownBefore = this.profiles.get(p.id);
      this.profiles.set(p.id, p);
      if (
        before &&
        shownBefore &&
        before.name === next.name &&
        before.email === next.email &&
        before.phone === next.phone &&
        displayName(shownBefore) === displayName(p)
      )
        continue;
      this.retire(p.id);
      this.fields.set(p.id, next);
      this.addEntry(next, rowKey(p), fresh);
    }
    this.addTerms(fresh);
    this.compactIfWorthIt();
    this.changed();
  }

  remove(ids: Iterable<string>): void {
    for (const id of ids) {
      this.retire(id);
      this.fields.delete(id);
      this.profiles.delete(id);
    }
    this.compactIfWorthIt();
    this.changed();
  }

  private retire(id: string): void {
    const doc = this.docOf.get(id);
    if (doc === undefined) return;
    this.docOf.delete(id);
    this.docId[doc] = undefined;
    this.docKey[doc] = undefined;
    this.docPhone[doc] = '';
    this.retired++;
  }

  private term(t: string, fresh: number[]): number {
    let n = this.termOf.get(t);
    if (n === undefined) {
      n = this.termText.length;
      this.termOf.set(t, n);
      this.termText.push(t);
      this.namePosts.push([]);
      this.mailPosts.push([]);
      fresh.push(n);
    }
    return n;
  }

  private addEntry(f: ClientSearchFields, key: string, fresh: number[]): void {
    const doc = this.docId.length;
    this.docOf.set(f.id, doc);
    this.docId.push(f.id);
    this.docKey.push(key);
    this.docPhone.push(` ${f.phone}`);
    this.docFrom.push(this.words.length);
    const inName = new Set<number>();
    for (const w of f.name.split(' ')) {
      if (!w) continue;
      const n = this.term(w, fresh);
      this.words.push(n);
      inName.add(n);
    }
    this.docMail.push(this.words.length);
    const inMail = new Set<number>();
    for (const w of f.email.split(/[^\p{L}\p{N}]+/u)) {
      if (!w) continue;
      const n = this.term(w, fresh);
      this.words.push(n);
      inMail.add(n);
    }
    this.docTo.push(this.words.length);
    for (const n of inName) this.namePosts[n]?.push(doc);
    for (const n of inMail) this.mailPosts[n]?.push(doc);
    if (f.phone) {
      const grams = new Set<number>();
      for (const k of f.phone.split(' ')) gramsOf(k, grams);
      for (const g of grams) this.grams[g]?.push(doc);
    }
    if (this.seen.length < this.docId.length) {
      const grown = new Uint32Array(this.seen.length * 2);
      grown.set(this.seen);
      this.seen = grown;
      const ord = new Float64Array(this.seen.length);
      ord.set(this.ord);
      this.ord = ord;
    }
    this.ord[doc] = nameOrder(key);
  }

  /** The first place in `sorted` whose word is not before `s`. */
  private lowerBound(s: string): number {
    const sorted = this.sorted;
    const text = this.termText;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((text[sorted[mid] as number] as string) < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** New dictionary words into the sorted order: one by one when few, re-sorted when many. */
  private addTerms(fresh: readonly number[]): void {
    if (fresh.length === 0) return;
    const text = this.termText;
    if (fresh.length > 64) {
      this.sorted.push(...fresh);
      this.sorted.sort((a, b) => ((text[a] as string) < (text[b] as string) ? -1 : 1));
      return;
    }
    for (const n of fresh) this.sorted.splice(this.lowerBound(text[n] as string), 0, n);
  }

  /** Once retired entries outnumber live ones (and are many), everything is renumbered densely. */
  private compactIfWorthIt(): void {
    if (this.retired < 1024 || this.retired < this.docOf.size) return;
    const live = [...this.docOf.entries()].sort((a, b) => a[1] - b[1]);
    this.docOf.clear();
    this.docId = [];
    this.docFrom = [];
    this.docMail = [];
    this.docTo = [];
    this.words = new IntList();
    this.docPhone = [];
    this.docKey = [];
    this.termOf = new Map();
    this.termText = [];
    this.namePosts = [];
    this.mailPosts = [];
    this.sorted = [];
    this.grams = Array.from({ length: 10 ** GRAM }, () => []);
    this.retired = 0;
    this.seen = new Uint32Array(Math.max(1024, live.length));
    this.ord = new Float64Array(this.seen.length);
    this.visit = 0;
    const fresh: number[] = [];
    for (const [id] of live) {
      const f = this.fields.get(id);
      const p = this.profiles.get(id);
      if (f && p) this.addEntry(f, rowKey(p), fresh);
    }
    this.addTerms(fresh);
  }

  /** A fresh visit number (each entry is visited once per search). */
  private nextVisit(): number {
    if (this.visit === 0xffffffff) {
      this.seen.fill(0);
      this.visit = 0;
    }
    return ++this.visit;
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
    const where = options.where;
    const meets =
      filters.length === 0 && !where
        ? undefined
        : (doc: number) => {
            const p = this.profiles.get(this.docId[doc] as string);
            return p !== undefined && meetsFilters(p, filters) && (!where || where(p));
          };
    const ws = words(q);
    let rows: number[];
    let total: number;
    if (ws.length === 0) {
      const top = new TopRows(limit, this.docKey, this.ord);
      this.docId.forEach((id, doc) => {
        if (id !== undefined && (!meets || meets(doc))) top.add(doc, 0);
      });
      rows = top.rows();
      total = top.total;
    } else if (isPhoneQuery(q)) {
      const top = new TopRows(limit, this.docKey, this.ord);
      this.phoneSearch(phoneQueryKeys(q, this.region), meets, top);
      rows = top.rows();
      total = top.total;
    } else {
      // SEARCH-4: words as typed first (each a word start, all required); typos are forgiven
      // only when that finds fewer than FEW clients, and those finds come after the exact ones.
      // Kept to FEW rows at least, so every exact find is known when typos are looked for.
      const exact = new TopRows(Math.max(limit, FEW), this.docKey, this.ord);
      this.textSearch(ws, false, meets, exact, undefined);
      rows = exact.rows();
      total = exact.total;
      if (total >= FEW) rows = rows.slice(0, limit);
      else {
        const found = new Set(rows);
        const near = new TopRows(limit, this.docKey, this.ord);
        this.textSearch(ws, true, meets, near, found);
        rows = [...rows, ...near.rows()].slice(0, limit);
        total += near.total;
      }
    }
    const hits: ClientProfile[] = [];
    for (const doc of rows) {
      const p = this.profiles.get(this.docId[doc] as string);
      if (p) hits.push(p);
    }
    return { total, hits };
  }

  /** The dictionary words a query word starts or equals, and — when typos are allowed — those within them. */
  private match(word: string, typos: boolean): WordMatch {
    const text = this.termText;
    const how = new Uint8Array(text.length);
    const terms: number[] = [];
    let cost = 0;
    const sorted = this.sorted;
    const lo = this.lowerBound(word);
    let hi = lo;
    for (; hi < sorted.length; hi++) {
      const n = sorted[hi] as number;
      const t = text[n] as string;
      if (!t.startsWith(word)) break;
      how[n] = t.length === word.length ? EQUAL : START;
      terms.push(n);
      cost += (this.namePosts[n]?.length ?? 0) + (this.mailPosts[n]?.length ?? 0);
    }
    const max = typos ? typoDistance(word) : 0;
    if (max > 0)
      for (let n = 0; n < text.length; n++) {
        if (how[n] !== NONE) continue;
        const t = text[n] as string;
        if (Math.abs(t.length - word.length) <= max && typoEdits(word, t, max) <= max) {
          how[n] = TYPO;
          terms.push(n);
          cost += (this.namePosts[n]?.length ?? 0) + (this.mailPosts[n]?.length ?? 0);
        }
      }
    return { how, terms, cost };
  }

  /** How well an entry meets one query word (0: not at all). */
  private meet(doc: number, how: Uint8Array): number {
    const words = this.words.data;
    const mail = this.docMail[doc] as number;
    let best = 0;
    for (let i = this.docFrom[doc] as number; i < mail; i++) {
      const h = how[words[i] as number];
      if (h === EQUAL) return NAME_WORD;
      if (h === START) best = NAME_START;
      else if (h === TYPO && best < NAME_TYPO) best = NAME_TYPO;
    }
    if (best === NAME_START) return best;
    const to = this.docTo[doc] as number;
    for (let i = mail; i < to; i++) {
      const h = how[words[i] as number];
      if (h === EQUAL) return MAIL_WORD;
      if (h === START) best = Math.max(best, MAIL_START);
      else if (h === TYPO) best = Math.max(best, MAIL_TYPO);
    }
    return best;
  }

  /**
   * SEARCH-9: the entries of the query's rarest word (fewest clients to visit) are visited once
   * each; every other word is checked on them, so a word of one or two letters, or a common
   * one, costs nothing beyond the rare word's clients.
   */
  private textSearch(
    ws: readonly string[],
    typos: boolean,
    meets: ((doc: number) => boolean) | undefined,
    top: TopRows,
    skip: ReadonlySet<number> | undefined,
  ): void {
    const matches = [...new Set(ws)].map((w) => this.match(w, typos));
    const rarest = matches.reduce((a, b) => (b.cost < a.cost ? b : a));
    const others = matches.filter((m) => m !== rarest);
    const visit = this.nextVisit();
    const seen = this.seen;
    const docId = this.docId;
    // The rarest word's entries in the order of how well they meet it, so the first visit of an
    // entry is its best: whole name words, begun ones, whole e-mail words, begun ones, typos.
    const pass = (fields: number[][], how: number, rank: number) => {
      for (const n of rarest.terms) {
        if (rarest.how[n] !== how) continue;
        const list = fields[n] as number[];
        for (let i = 0; i < list.length; i++) {
          const doc = list[i] as number;
          if (seen[doc] === visit) continue;
          seen[doc] = visit;
          if (docId[doc] === undefined || skip?.has(doc)) continue;
          let sum = rank;
          for (let k = 0; k < others.length; k++) {
            const r = this.meet(doc, (others[k] as WordMatch).how);
            if (r === 0) {
              sum = 0;
              break;
            }
            sum += r;
          }
          if (sum > 0 && (!meets || meets(doc))) top.add(doc, sum);
        }
      }
    };
    pass(this.namePosts, EQUAL, NAME_WORD);
    pass(this.namePosts, START, NAME_START);
    pass(this.mailPosts, EQUAL, MAIL_WORD);
    pass(this.mailPosts, START, MAIL_START);
    pass(this.namePosts, TYPO, NAME_TYPO);
    pass(this.mailPosts, TYPO, MAIL_TYPO);
  }

  /**
   * SEARCH-2, SEARCH-10: a phone key begins with one of the query's keys; the candidates are the
   * entries sharing the key's rarest 4-digit run (a key of 3 digits checks every entry).
   */
  private phoneSearch(
    keys: readonly string[],
    meets: ((doc: number) => boolean) | undefined,
    top: TopRows,
  ): void {
    const visit = this.nextVisit();
    const seen = this.seen;
    for (const key of keys) {
      let candidates: readonly number[] | undefined;
      if (key.length >= GRAM) {
        const grams = new Set<number>();
        gramsOf(key, grams);
        for (const g of grams) {
          const list = this.grams[g] as number[];
          if (!candidates || list.length < candidates.length) candidates = list;
        }
      }
      const needle = ` ${key}`;
      const check = (doc: number) => {
        if (seen[doc] === visit || this.docId[doc] === undefined) return;
        const phone = this.docPhone[doc] as string;
        const at = phone.indexOf(needle);
        if (at < 0) return;
        seen[doc] = visit;
        if (meets && !meets(doc)) return;
        const end = at + needle.length;
        // A key typed whole ranks above one begun.
        top.add(doc, end === phone.length || phone[end] === ' ' ? 2 : 1);
      };
      if (candidates) for (const doc of candidates) check(doc);
      else for (let doc = 0; doc < this.docId.length; doc++) check(doc);
    }
  }
}

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
