/**
 * Chain-wide client search (SEARCH-5…7): `GET /api/clients/search?q=…&store=<caller's store>`
 * finds clients held in the other stores' books, from a SQL projection of their search fields.
 *
 * The projection follows `clients/<store>` documents (SEARCH-6): a book loaded on the relay is
 * projected whole once, then the clients edits touched are re-projected, one pass per burst of edits
 * and off the path of the edit (PERF-1, projection-queue.ts); a book no
 * device has opened since the relay started is loaded once at start if it was never projected.
 * `ClientSearchStore` is the one seam to SQL: `SqliteClientSearch` (FTS5) now; a PostgreSQL one
 * (tsvector with `unaccent`, `to_tsquery` prefixes) implements the same three methods.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DatabaseSync } from 'node:sqlite';
import type {
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  Extension,
  Hocuspocus,
  onConfigurePayload,
} from '@hocuspocus/server';
import type * as Y from 'yjs';
import { type ChainClientHit, chainHitFor, seesContactsWhole, words } from '../../../domain/client-search.ts';
import {
  type ClientSearchFields,
  clientSearchFields,
  displayName,
  isPhoneQuery,
  phoneQueryKeys,
  storeRegion,
} from '../../shared/client-search-keys.ts';
import { parseDocName } from '../../shared/doc-names.ts';
import { clientBook, parseClientRecord } from '../../shared/docs/clients.ts';
import type { DocumentStore } from '../document-store.ts';
import { apiRoute, json, keyRingOf, requireCaller } from '../http-io.ts';
import { ProjectionQueue } from './projection-queue.ts';

/** One client as the projection holds it. */
export type ClientSearchRow = ClientSearchFields & {
  /** The store whose book holds the client. */
  readonly book: string;
  readonly displayName: string;
  readonly emails: readonly string[];
  readonly phones: readonly string[];
};

/** The SQL seam: the same three operations on SQLite (FTS5) and, later, PostgreSQL. */
export interface ClientSearchStore {
  /** Replaces these clients' rows (and, with `whole`, drops the book's rows not among them). */
  put(book: string, rows: readonly ClientSearchRow[], options?: { whole?: boolean }): void;
  remove(book: string, ids: readonly string[]): void;
  /** Clients outside `exceptBook` whose fields match every word (prefixes), best first. */
  find(query: ChainQuery, exceptBook: string, limit: number): ClientSearchRow[];
  /** Whether a book was ever projected (a new relay projects the others once at start). */
  projected(book: string): boolean;
}

/** What to look for: words in names and e-mails, or digit prefixes in phone keys. */
export type ChainQuery =
  | { readonly kind: 'words'; readonly words: readonly string[] }
  | { readonly kind: 'phone'; readonly keys: readonly string[] };

export function chainQuery(q: string, region: Parameters<typeof phoneQueryKeys>[1]): ChainQuery | undefined {
  if (isPhoneQuery(q)) {
    const keys = phoneQueryKeys(q, region).filter((k) => k.length >= 3);
    return keys.length > 0 ? { kind: 'phone', keys } : undefined;
  }
  const ws = words(q).slice(0, 8);
  return ws.length > 0 && ws.join('').length >= 2 ? { kind: 'words', words: ws } : undefined;
}

/** An FTS5 string literal: words are letters and digits only (`words`), quoted all the same. */
const literal = (w: string): string => `"${w.replaceAll('"', '""')}"`;

export class SqliteClientSearch implements ClientSearchStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  put(book: string, rows: readonly ClientSearchRow[], options: { whole?: boolean } = {}): void {
    const db = this.#db;
    const now = new Date().toISOString();
    const current = db.prepare(
      'SELECT seq, book, home_store, display_name, emails, phones, name_key, email_key, phone_key FROM client_search WHERE id = ?',
    );
    const upsert = db.prepare(
      `INSERT INTO client_search (id, book, home_store, display_name, emails, phones, name_key, email_key, phone_key, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET book = excluded.book, home_store = excluded.home_store,
         display_name = excluded.display_name, emails = excluded.emails, phones = excluded.phones,
         name_key = excluded.name_key, email_key = excluded.email_key, phone_key = excluded.phone_key,
         updated_at = excluded.updated_at
       RETURNING seq`,
    );
    const ftsDelete = db.prepare('DELETE FROM client_search_fts WHERE rowid = ?');
    const ftsInsert = db.prepare(
      'INSERT INTO client_search_fts (rowid, name_key, email_key, phone_key) VALUES (?, ?, ?, ?)',
    );
    db.exec('BEGIN');
    try {
      if (options.whole) {
        const keep = new Set(rows.map((r) => r.id));
        const gone = (db.prepare('SELECT id FROM client_search WHERE book = ?').all(book) as { id: string }[])
          .map((r) => r.id)
          .filter((id) => !keep.has(id));
        this.#removeIn(book, gone);
        db.prepare(
          'INSERT INTO client_search_books (book, projected_at) VALUES (?, ?) ON CONFLICT (book) DO UPDATE SET projected_at = excluded.projected_at',
        ).run(book, now);
      }
      for (const r of rows) {
        const emails = JSON.stringify(r.emails);
        const phones = JSON.stringify(r.phones);
        const before = current.get(r.id) as
          | ({ seq: number } & Record<'book' | 'home_store' | 'display_name' | 'emails' | 'phones', string> &
              Record<'name_key' | 'email_key' | 'phone_key', string>)
          | undefined;
        // PERF-1: an edit that changed nothing a search reads (a note, a ring size) writes nothing.
        if (
          before &&
          before.book === book &&
          before.home_store === r.homeStore &&
          before.display_name === r.displayName &&
          before.emails === emails &&
          before.phones === phones &&
          before.name_key === r.name &&
          before.email_key === r.email &&
          before.phone_key === r.phone
        )
          continue;
        if (before) ftsDelete.run(before.seq);
        const { seq } = upsert.get(
          r.id,
          book,
          r.homeStore,
          r.displayName,
          emails,
          phones,
          r.name,
          r.email,
          r.phone,
          now,
        ) as { seq: number };
        ftsInsert.run(seq, r.name, r.email, r.phone);
      }
      db.exec('COMMIT');
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
  }

  remove(book: string, ids: readonly string[]): void {
    this.#db.exec('BEGIN');
    try {
      this.#removeIn(book, ids);
      this.#db.exec('COMMIT');
    } catch (e) {
      this.#db.exec('ROLLBACK');
      throw e;
    }
  }

  #removeIn(book: string, ids: readonly string[]): void {
    const find = this.#db.prepare('SELECT seq FROM client_search WHERE id = ? AND book = ?');
    const ftsDelete = this.#db.prepare('DELETE FROM client_search_fts WHERE rowid = ?');
    const rowDelete = this.#db.prepare('DELETE FROM client_search WHERE seq = ?');
    for (const id of ids) {
      const row = find.get(id, book) as { seq: number } | undefined;
      if (!row) continue;
      ftsDelete.run(row.seq);
      rowDelete.run(row.seq);
    }
  }

  find(query: ChainQuery, exceptBook: string, limit: number): ClientSearchRow[] {
    const match =
      query.kind === 'phone'
        ? `phone_key : (${query.keys.map((k) => `${literal(k)}*`).join(' OR ')})`
        : `{name_key email_key} : (${query.words.map((w) => `${literal(w)}*`).join(' AND ')})`;
    const rows = this.#db
      .prepare(
        `SELECT s.id, s.book, s.home_store, s.display_name, s.emails, s.phones, s.name_key, s.email_key, s.phone_key
         FROM client_search_fts f JOIN client_search s ON s.seq = f.rowid
         WHERE client_search_fts MATCH ? AND s.book <> ?
         ORDER BY bm25(client_search_fts, 2.0, 1.0, 1.0), s.display_name LIMIT ?`,
      )
      .all(match, exceptBook, limit) as Array<Record<string, string>>;
    return rows.map((r) => ({
      id: String(r.id),
      book: String(r.book),
      homeStore: String(r.home_store),
      displayName: String(r.display_name),
      emails: JSON.parse(String(r.emails)) as string[],
      phones: JSON.parse(String(r.phones)) as string[],
      name: String(r.name_key),
      email: String(r.email_key),
      phone: String(r.phone_key),
    }));
  }

  projected(book: string): boolean {
    return this.#db.prepare('SELECT 1 FROM client_search_books WHERE book = ?').get(book) !== undefined;
  }
}

/** The store's region for phone numbers, from SQL (`stores`). */
function regionOf(db: DatabaseSync, store: string) {
  const row = db.prepare('SELECT time_zone, phone FROM stores WHERE id = ?').get(store) as
    | { time_zone: string | null; phone: string | null }
    | undefined;
  return row
    ? storeRegion({ timeZone: row.time_zone ?? '', ...(row.phone ? { phone: row.phone } : {}) })
    : undefined;
}

export function searchRow(
  stored: unknown,
  book: string,
  region: ReturnType<typeof storeRegion>,
): ClientSearchRow | undefined {
  const p = parseClientRecord(stored);
  if (!p) return undefined;
  return {
    ...clientSearchFields(p, region),
    book,
    displayName: displayName(p),
    emails: p.contacts.emails,
    phones: p.contacts.phones,
  };
}

/** Keeps `client_search` in step with every `clients/<store>` the relay loads (SEARCH-6). */
export class ClientSearchProjection implements Extension {
  extensionName = 'loupe-client-search';
  readonly store: ClientSearchStore;
  readonly #db: DatabaseSync;
  readonly #documents: DocumentStore;
  readonly #observers = new Map<string, { doc: Y.Doc; off: () => void }>();
  #instance: Hocuspocus | undefined;
  /** Clients edited in loaded books, re-projected in one pass per burst (PERF-1). */
  readonly queue: ProjectionQueue;

  constructor(
    db: DatabaseSync,
    documents: DocumentStore,
    store: ClientSearchStore = new SqliteClientSearch(db),
    options: { delayMs?: number; maxDelayMs?: number } = {},
  ) {
    this.#db = db;
    this.#documents = documents;
    this.store = store;
    this.queue = new ProjectionQueue(
      db,
      'client search',
      (bookStore, doc, ids) => this.projectClients(bookStore, doc, ids),
      options,
    );
  }

  async onDestroy(): Promise<void> {
    this.queue.close();
  }

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.#instance = instance;
  }

  /** Books never projected (a relay from before this projection) are loaded once and projected. */
  async onListen(): Promise<void> {
    const instance = this.#instance;
    if (!instance) return;
    for (const name of await this.#documents.list('clients/')) {
      const p = parseDocName(name);
      if (!p.ok || p.value.kind !== 'clients' || this.store.projected(p.value.store)) continue;
      const connection = await instance.openDirectConnection(name, { relay: true, purpose: 'client-search' });
      if (connection.document) this.project(p.value.store, connection.document);
      await connection.disconnect();
    }
  }

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    const p = parseDocName(documentName);
    if (!p.ok || p.value.kind !== 'clients') return;
    const bookStore = p.value.store;
    this.project(bookStore, document);
    this.#observers.get(documentName)?.off();
    const book = clientBook(document);
    const onDeep = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
      const touched = new Set<string>();
      for (const e of events) {
        if (e.target === book) for (const k of e.changes.keys.keys()) touched.add(k);
        else if (typeof e.path[0] === 'string') touched.add(e.path[0]);
      }
      if (touched.size > 0) this.queue.add(documentName, bookStore, document, touched);
    };
    book.observeDeep(onDeep);
    this.#observers.set(documentName, { doc: document, off: () => book.unobserveDeep(onDeep) });
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.queue.flush(documentName);
    this.#observers.get(documentName)?.off();
    this.#observers.delete(documentName);
  }

  /** The whole book: every client that parses, and no row left for one gone. */
  project(bookStore: string, doc: Y.Doc): void {
    const region = regionOf(this.#db, bookStore);
    const rows: ClientSearchRow[] = [];
    for (const stored of clientBook(doc).values()) {
      const r = searchRow(stored, bookStore, region);
      if (r) rows.push(r);
    }
    this.store.put(bookStore, rows, { whole: true });
  }

  /** Only the clients a change touched. */
  projectClients(bookStore: string, doc: Y.Doc, ids: Iterable<string>): void {
    const region = regionOf(this.#db, bookStore);
    const book = clientBook(doc);
    const rows: ClientSearchRow[] = [];
    const gone: string[] = [];
    for (const id of ids) {
      const r = searchRow(book.get(id), bookStore, region);
      if (r && r.id === id) rows.push(r);
      else gone.push(id);
    }
    if (gone.length > 0) this.store.remove(bookStore, gone);
    if (rows.length > 0) this.store.put(bookStore, rows);
  }

  /** `GET /api/clients/search` (docs/api.md). */
  api(): Extension {
    return apiRoute(
      'loupe-client-search-api',
      (url) => url.pathname === '/api/clients/search',
      (req, res, url) => this.#handle(req, res, url),
    );
  }

  async #handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET') return json(res, 405, { error: 'method-not-allowed' });
    const store = url.searchParams.get('store') ?? '';
    const q = (url.searchParams.get('q') ?? '').slice(0, 200);
    const full = url.searchParams.get('contacts') === 'full';
    const claims = await requireCaller(req, res, keyRingOf(this.#db), {
      capability: 'edit-clients',
      forbidden: 'your role does not work with clients',
      store,
    });
    if (!claims) return;
    // SEARCH-5: whole contacts are for managers and owners; asking for them otherwise is refused.
    if (full && !seesContactsWhole(claims.role))
      return json(res, 403, {
        error: 'forbidden',
        message: 'only managers and owners see another store’s client contacts whole',
      });
    if (!store) return json(res, 400, { error: 'invalid-input', message: 'give the store you search from' });
    const limitParam = Number(url.searchParams.get('limit') ?? 20);
    const limit = Number.isInteger(limitParam) ? Math.min(50, Math.max(1, limitParam)) : 20;
    const query = chainQuery(q, regionOf(this.#db, store));
    if (!query)
      return json(res, 400, { error: 'invalid-input', message: 'type two letters or three digits at least' });
    const rows = this.store.find(query, store, limit);
    const clients: ChainClientHit[] = rows.map((r) =>
      chainHitFor(claims.role, {
        id: r.id,
        homeStore: r.homeStore,
        name: r.displayName,
        emails: r.emails,
        phones: r.phones,
      }),
    );
    json(res, 200, { store, q, clients });
  }
}

/** The projection and its API, for `validatorExtensions` (one line there). */
export function clientSearchExtensions(db: DatabaseSync, documents: DocumentStore): Extension[] {
  const projection = new ClientSearchProjection(db, documents);
  return [projection, projection.api()];
}
