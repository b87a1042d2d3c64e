/**
 * `GET /api/clienteling/sales?store=<id>`: every sale to a named client at the store, from SQL,
 * for tiers, rising clients, recommendations and follow-ups (TIER-4, sync/SPEC.md TIER-6).
 * A till holds only the ledger months it opened; this is the rest, which it keeps for offline
 * use and merges with its ledger by sale id (`mergeClientSales`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DatabaseSync } from 'node:sqlite';
import type { Extension } from '@hocuspocus/server';
import { parseStoreId } from '../../../domain/ids.ts';
import { apiRoute, json, keyRingOf, requireCaller } from '../http-io.ts';

/** The most sales one answer carries, newest first (a boutique's whole history fits). */
export const MAX_CLIENT_SALES = 50_000;

export type ClientSaleRow = {
  saleId: string;
  clientId: string;
  /** Who made the sale: the associate who looks after the client (FOLLOWUP-5). */
  userId: string;
  at: string;
  total: { minor: number; currency: string };
  refundedMinor: number;
  voided: boolean;
  /** Serials sold and not returned. */
  serials: string[];
};

type Row = {
  id: string;
  client_id: string;
  user_id: string;
  at: string;
  total_minor: number;
  currency: string;
  refunded_minor: number;
  voided: number;
  serials: string | null;
};

export class ClientelingApi {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  extension(): Extension {
    return apiRoute(
      'loupe-clienteling-api',
      (url) => url.pathname === '/api/clienteling/sales',
      (req, res, url) => this.#handle(req, res, url),
    );
  }

  async #handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET') return json(res, 405, { error: 'method-not-allowed' });
    const store = parseStoreId(url.searchParams.get('store'), 'store');
    if (!store.ok) return json(res, 400, { error: 'invalid-store', message: store.error.message });
    const claims = await requireCaller(req, res, keyRingOf(this.#db), {
      capability: 'edit-clients',
      forbidden: 'only the store’s staff see its clients’ purchases',
      store: store.value,
    });
    if (!claims) return;
    json(res, 200, { store: store.value, sales: this.sales(store.value) });
  }

  sales(store: string): ClientSaleRow[] {
    const rows = this.#db
      .prepare(
        `SELECT s.id, s.client_id, s.user_id, s.at, s.total_minor, s.currency, s.refunded_minor, s.voided,
           (SELECT json_group_array(l.serial) FROM sale_lines l WHERE l.sale_id = s.id AND l.live = 1) AS serials
         FROM sales s WHERE s.store = ? AND s.client_id IS NOT NULL
         ORDER BY s.at DESC LIMIT ${MAX_CLIENT_SALES}`,
      )
      .all(store) as Row[];
    return rows.map((r) => ({
      saleId: r.id,
      clientId: r.client_id,
      userId: r.user_id,
      at: r.at,
      total: { minor: Number(r.total_minor), currency: r.currency },
      refundedMinor: Number(r.refunded_minor),
      voided: Number(r.voided) === 1,
      serials: r.serials ? (JSON.parse(r.serials) as string[]) : [],
    }));
  }
}
