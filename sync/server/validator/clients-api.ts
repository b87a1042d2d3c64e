/**
 * The client book's relay API over SQL (HISTORY-4, PRIVACY-4):
 *
 * - `GET /api/clients/history?store=<id>&client=<id>[&before=<instant>][&limit=<n>]` — the client's
 *   purchases, returns, voids and custom orders, newest first, `limit` (≤ 200, default 50) at a
 *   time before `before`; the first page also lists the pieces reserved for them now. Staff of the
 *   store (`edit-clients`). A merged id answers for its survivor (`resolvedFrom`).
 * - `GET /api/clients/export?store=<id>&client=<id>` — everything held about one client, as JSON:
 *   profile, sales, returns, orders, reservations, merges, and the audit lines about them.
 *   Managers and owners (`manage-clients`); the export itself is audited.
 *
 * Erasing is a command (`client.erase`), decided once like every other.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DatabaseSync } from 'node:sqlite';
import type { Extension, Hocuspocus, onConfigurePayload } from '@hocuspocus/server';
import type { ExchangeRate } from '../../../domain/exchange.ts';
import { uuidv7 } from '../../../domain/ids.ts';
import type { Currency } from '../../../domain/money.ts';
import { names } from '../../shared/doc-names.ts';
import { type AuditEntry, appendAudit, auditEntries } from '../../shared/docs/audit.ts';
import { clientBook, clientJson, clientTombstone } from '../../shared/docs/clients.ts';
import { apiRoute, json, keyRingOf, requireCaller } from '../http-io.ts';
import { writeRelayDoc } from '../relay-writes.ts';
import type { TokenClaims } from '../tokens.ts';

type Row = Record<string, string | number | null>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** One line of a client's history as the API answers it (the domain's HistoryLine, from SQL). */
export type ApiHistoryLine = {
  id: string;
  kind: 'purchase' | 'return' | 'void' | 'order' | 'reservation';
  at: string;
  store: string;
  amount?: { minor: number; currency: string };
  serials?: string[];
  description?: string;
  saleId?: string;
  source: 'relay';
};

export class ClientsApi {
  readonly #db: DatabaseSync;
  #instance: Hocuspocus | undefined;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  extension(): Extension {
    const route = apiRoute(
      'loupe-clients-api',
      (url) =>
        url.pathname === '/api/clients/history' ||
        url.pathname === '/api/clients/export' ||
        url.pathname === '/api/exchange-rates',
      (req, res, url) =>
        url.pathname === '/api/exchange-rates' ? this.#rates(req, res) : this.#handle(req, res, url),
    );
    return {
      ...route,
      onConfigure: async ({ instance }: onConfigurePayload) => {
        this.#instance = instance;
      },
    };
  }

  async #handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET') return json(res, 405, { error: 'method-not-allowed' });
    const store = url.searchParams.get('store') ?? '';
    const client = url.searchParams.get('client') ?? '';
    const exporting = url.pathname === '/api/clients/export';
    const claims = await requireCaller(req, res, keyRingOf(this.#db), {
      capability: exporting ? 'manage-clients' : 'edit-clients',
      forbidden: exporting
        ? 'only managers and owners export a client'
        : 'your role may not read client history',
      store,
    });
    if (!claims) return;
    if (!UUID.test(store) || !UUID.test(client))
      return json(res, 400, { error: 'invalid-request', message: 'store and client must be ids' });
    const found = this.#resolve(client);
    if (!found || found.store !== store)
      return json(res, 404, { error: 'client-unknown', message: 'no such client in this store' });
    if (exporting) return json(res, 200, await this.export(store, found.id, claims));
    const before = url.searchParams.get('before');
    if (before !== null && !INSTANT.test(before))
      return json(res, 400, { error: 'invalid-request', message: 'before must be an ISO-8601 UTC instant' });
    const limitText = url.searchParams.get('limit');
    const limit = limitText === null ? 50 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200)
      return json(res, 400, { error: 'invalid-request', message: 'limit must be 1–200' });
    const page = this.history(found.id, before ?? undefined, limit);
    json(res, 200, {
      store,
      rates: this.rates(),
      client: found.id,
      status: found.status,
      ...(found.id !== client ? { resolvedFrom: client } : {}),
      ...page,
    });
  }

  /** HISTORY-5: `GET` every dated rate (any signed-in staff); `POST {from, to, rate, date}` sets one (owners). */
  async #rates(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET') {
      const claims = await requireCaller(req, res, keyRingOf(this.#db));
      if (!claims) return;
      return json(res, 200, { rates: this.rates() });
    }
    // Rates are set by the `exchange-rate.set` command (RATE-*), decided and audited like any other.
    return json(res, 405, {
      error: 'method-not-allowed',
      message: 'set rates with the exchange-rate.set command',
    });
  }

  rates(): ExchangeRate[] {
    return (
      this.#db
        .prepare('SELECT from_currency, to_currency, date, rate FROM exchange_rates ORDER BY date')
        .all() as Row[]
    ).map((r) => ({
      from: String(r.from_currency) as Currency,
      to: String(r.to_currency) as Currency,
      rate: String(r.rate),
      date: String(r.date),
    }));
  }

  /** The client an id stands for now (a merged id resolves to its survivor). */
  #resolve(id: string): { id: string; store: string; status: string } | undefined {
    const get = this.#db.prepare('SELECT id, store, status, merged_into FROM client_directory WHERE id = ?');
    let row = get.get(id) as Row | undefined;
    for (let hop = 0; row && row.status === 'merged' && row.merged_into && hop < 16; hop++)
      row = get.get(row.merged_into) as Row | undefined;
    return row ? { id: String(row.id), store: String(row.store), status: String(row.status) } : undefined;
  }

  /** HISTORY-4: a page of the client's history, newest first; `next` is the next page's `before`. */
  history(
    clientId: string,
    before: string | undefined,
    limit: number,
  ): { lines: ApiHistoryLine[]; next: string | null } {
    const upTo = before ?? '9999-12-31T23:59:59.999Z';
    const sales = this.#db
      .prepare(
        `SELECT s.id, s.store, s.currency, s.total_minor, s.voided, s.refunded_minor, s.at,
                (SELECT json_group_array(serial) FROM sale_lines WHERE sale_id = s.id) AS serials
         FROM sales s WHERE s.client_id = ? AND s.at < ? ORDER BY s.at DESC LIMIT ?`,
      )
      .all(clientId, upTo, limit) as Row[];
    const returns = this.#db
      .prepare(
        `SELECT r.id, r.sale_id, r.serials, r.refund_minor, r.at, s.store, s.currency FROM returns r
         JOIN sales s ON s.id = r.sale_id WHERE s.client_id = ? AND r.at < ? ORDER BY r.at DESC LIMIT ?`,
      )
      .all(clientId, upTo, limit) as Row[];
    const voids = this.#db
      .prepare(
        `SELECT c.id, c.at, s.id AS sale_id, s.store, s.currency,
                s.refunded_minor - coalesce((SELECT sum(refund_minor) FROM returns WHERE sale_id = s.id), 0) AS refund
         FROM sales s JOIN commands c ON c.type = 'sale.void' AND c.status = 'accepted'
           AND json_extract(c.envelope, '$.payload.saleId') = s.id
         WHERE s.client_id = ? AND s.voided = 1 AND c.at < ? ORDER BY c.at DESC LIMIT ?`,
      )
      .all(clientId, upTo, limit) as Row[];
    // An order's date is its command's: the orders table keeps none of its own.
    const orders = this.#db
      .prepare(
        `SELECT o.id, o.store, o.kind, o.description, o.currency, o.total_minor, o.paid_minor, o.refunded_minor,
                coalesce((SELECT c.at FROM commands c WHERE c.type = 'order.open' AND c.status = 'accepted'
                  AND json_extract(c.envelope, '$.payload.orderId') = o.id), '') AS at
         FROM orders o WHERE o.client_id = ? AND at < ? ORDER BY at DESC LIMIT ?`,
      )
      .all(clientId, upTo, limit) as Row[];
    const money = (minor: unknown, currency: unknown) => ({
      minor: Number(minor),
      currency: String(currency),
    });
    const lines: ApiHistoryLine[] = [
      ...sales.map((r) => ({
        id: String(r.id),
        kind: 'purchase' as const,
        at: String(r.at),
        store: String(r.store),
        amount: money(r.total_minor, r.currency),
        serials: JSON.parse(String(r.serials ?? '[]')) as string[],
        source: 'relay' as const,
      })),
      ...returns.map((r) => ({
        id: String(r.id),
        kind: 'return' as const,
        at: String(r.at),
        store: String(r.store),
        amount: money(r.refund_minor, r.currency),
        serials: JSON.parse(String(r.serials ?? '[]')) as string[],
        saleId: String(r.sale_id),
        source: 'relay' as const,
      })),
      ...voids.map((r) => ({
        id: String(r.id),
        kind: 'void' as const,
        at: String(r.at),
        store: String(r.store),
        amount: money(r.refund, r.currency),
        saleId: String(r.sale_id),
        source: 'relay' as const,
      })),
      ...orders.map((r) => ({
        id: String(r.id),
        kind: 'order' as const,
        at: String(r.at),
        store: String(r.store),
        amount: money(r.total_minor, r.currency),
        description: `${String(r.kind)}: ${String(r.description)}`,
        source: 'relay' as const,
      })),
    ]
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
      .slice(0, limit);
    if (!before) {
      const reserved = this.#db
        .prepare('SELECT serial, store, reserved_until FROM pieces WHERE reserved_for = ? ORDER BY serial')
        .all(clientId) as Row[];
      lines.unshift(
        ...reserved.map((r) => ({
          id: `reservation:${String(r.serial)}`,
          kind: 'reservation' as const,
          at: r.reserved_until ? String(r.reserved_until) : '',
          store: String(r.store),
          serials: [String(r.serial)],
          source: 'relay' as const,
        })),
      );
    }
    const dated = lines.filter((l) => l.kind !== 'reservation');
    const full =
      sales.length === limit || returns.length === limit || voids.length === limit || orders.length === limit;
    return { lines, next: full ? (dated.at(-1)?.at ?? null) : null };
  }

  /** PRIVACY-4: everything held about one client; the export is audited. */
  async export(store: string, clientId: string, by: TokenClaims): Promise<Record<string, unknown>> {
    const instance = this.#instance;
    let profile: unknown = null;
    let tombstone: unknown = null;
    let audit: AuditEntry[] = [];
    const merged = (
      this.#db.prepare('SELECT id FROM client_directory WHERE merged_into = ?').all(clientId) as Row[]
    ).map((r) => String(r.id));
    const ids = [clientId, ...merged];
    if (instance) {
      const book = await instance.openDirectConnection(names.clients(store), {
        relay: true,
        purpose: 'client-export',
      });
      try {
        const stored = book.document ? clientBook(book.document).get(clientId) : undefined;
        profile = stored === undefined ? null : clientJson(stored);
        tombstone = stored === undefined ? null : (clientTombstone(stored) ?? null);
      } finally {
        await book.disconnect();
      }
      const log = await instance.openDirectConnection(names.audit(store), {
        relay: true,
        purpose: 'client-export',
      });
      try {
        audit = log.document
          ? auditEntries(log.document)
              .toArray()
              .filter((e) => mentions(e, ids))
          : [];
      } finally {
        await log.disconnect();
      }
    }
    const all = (sql: string, ...args: string[]) => this.#db.prepare(sql).all(...args) as Row[];
    const placeholders = ids.map(() => '?').join(', ');
    const exportedAt = new Date().toISOString();
    const result = {
      exportedAt,
      exportedBy: by.sub,
      store,
      clientId,
      mergedIds: merged,
      profile: tombstone ? null : profile,
      ...(tombstone ? { status: tombstone } : {}),
      history: this.history(clientId, undefined, 10_000).lines,
      sales: all(
        `SELECT id, store, currency, tax_minor, total_minor, paid_minor, refunded_minor, voided, tenders, at,
                (SELECT json_group_array(json_object('serial', serial, 'net', net_minor, 'returned', returned))
                 FROM sale_lines WHERE sale_id = sales.id) AS lines
         FROM sales WHERE client_id = ? ORDER BY at`,
        clientId,
      ).map((r) => ({ ...r, tenders: JSON.parse(String(r.tenders)), lines: JSON.parse(String(r.lines)) })),
      orders: all('SELECT * FROM orders WHERE client_id = ? ORDER BY id', clientId),
      merges: all(
        `SELECT command_id, survivor_id, merged_id, user_id, at, picks, moved FROM client_merges
         WHERE survivor_id IN (${placeholders}) OR merged_id IN (${placeholders}) ORDER BY at`,
        ...ids,
        ...ids,
      ),
      audit,
    };
    if (instance)
      await writeRelayDoc(instance, names.audit(store), 'client-export', (doc) =>
        appendAudit(doc, [
          {
            id: uuidv7(),
            at: exportedAt,
            user: by.sub,
            userName: by.name,
            device: by.device,
            document: names.clients(store),
            changes: { 'client.export': [clientId] },
          },
        ]),
      );
    return result;
  }
}

/** Whether an audit entry is about one of `ids` (a client key, a field path, a command naming them). */
function mentions(e: AuditEntry, ids: readonly string[]): boolean {
  for (const paths of Object.values(e.changes))
    for (const p of paths) if (ids.some((id) => p === id || p.startsWith(`${id}.`))) return true;
  return false;
}
