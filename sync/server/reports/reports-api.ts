/**
 * The reports API (REPORT-10), role-checked: owners see every store, managers their own stores,
 * nobody else (capability `view-finance`).
 *
 * - `GET /api/reports?from=YYYY-MM-DD&to=YYYY-MM-DD[&store=<id>]…[&by=all|day|category|metal|designer|associate][&clients=0–100][&stock=0|1]`
 *   a period's figures per store (and key), consolidated in the reporting currency, stock, top clients
 *   and clients by tier (REPORT-11);
 * - `GET /api/reports/sales?store=<id>&day=YYYY-MM-DD` the store's sales of that local day with their
 *   lines (drill-down: chain → store → day → sale).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DatabaseSync } from 'node:sqlite';
import type { Extension } from '@hocuspocus/server';
import { daysBetween, isDay } from '../../../domain/report.ts';
import { apiRoute, json, keyRingOf, requireCaller } from '../http-io.ts';
import { daySales, reportStores } from './queries.ts';
import { reportingRates } from './rates.ts';
import { ReportRunner } from './report-runner.ts';
import { DIMENSIONS, type Dimension } from './rollups.ts';
import type { Summary } from './summary.ts';

/** Ten years and a bit: longer periods are refused rather than left to run. */
const MAX_DAYS = 3_700;

export class ReportsApi {
  readonly #db: DatabaseSync;
  /** Summaries off the relay's thread (REPORT-13). */
  readonly runner: ReportRunner;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.runner = new ReportRunner(db);
  }

  extension(): Extension {
    return {
      ...apiRoute(
        'loupe-reports-api',
        (url) => url.pathname === '/api/reports' || url.pathname === '/api/reports/sales',
        (req, res, url) =>
          url.pathname === '/api/reports' ? this.#summary(req, res, url) : this.#sales(req, res, url),
      ),
      onDestroy: () => this.runner.close(),
    };
  }

  async #summary(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET') return json(res, 405, { error: 'method-not-allowed' });
    const claims = await requireCaller(req, res, keyRingOf(this.#db), {
      capability: 'view-finance',
      forbidden: 'only managers and owners see reports',
    });
    if (!claims) return;
    const from = url.searchParams.get('from') ?? '';
    const to = url.searchParams.get('to') ?? '';
    if (!isDay(from) || !isDay(to) || to < from)
      return json(res, 400, {
        error: 'invalid-period',
        message: 'from and to must be days (YYYY-MM-DD), from on or before to',
      });
    if (daysBetween(from, to) > MAX_DAYS)
      return json(res, 400, { error: 'invalid-period', message: `a period is at most ${MAX_DAYS} days` });
    const by = url.searchParams.get('by') ?? 'all';
    if (by !== 'day' && !(DIMENSIONS as readonly string[]).includes(by))
      return json(res, 400, {
        error: 'invalid-dimension',
        message: `by must be one of day, ${DIMENSIONS.join(', ')}`,
      });
    const known = new Set(reportStores(this.#db).map((s) => s.id));
    const asked = url.searchParams.getAll('store');
    for (const s of asked)
      if (!known.has(s)) return json(res, 404, { error: 'store-unknown', message: `no store ${s}` });
    const mine = (s: string) => claims.role === 'owner' || claims.stores.includes(s);
    if (asked.some((s) => !mine(s)))
      return json(res, 403, { error: 'forbidden', message: 'not a store of yours' });
    const stores = asked.length > 0 ? asked : claims.role === 'owner' ? undefined : claims.stores;
    const stock = url.searchParams.get('stock') ?? '1';
    if (stock !== '0' && stock !== '1')
      return json(res, 400, {
        error: 'invalid-stock',
        message: 'stock must be 1 (stock on hand, sell-through and turn) or 0 (left out)',
      });
    const clients = Number.parseInt(url.searchParams.get('clients') ?? '10', 10);
    const rates = reportingRates(this.#db);
    let summary: Summary;
    try {
      summary = await this.runner.summarize(
        {
          from,
          to,
          ...(stores ? { stores } : {}),
          by: by as Dimension | 'day',
          clients: Number.isFinite(clients) ? Math.min(100, Math.max(0, clients)) : 10,
          stock: stock === '1',
        },
        rates,
      );
    } catch (e) {
      return json(res, 503, {
        error: 'report-unavailable',
        message: `the report could not be computed: ${(e as Error).message}`,
      });
    }
    json(res, 200, { ...summary, rates: rates.rates });
  }

  async #sales(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET') return json(res, 405, { error: 'method-not-allowed' });
    const store = url.searchParams.get('store') ?? '';
    const day = url.searchParams.get('day') ?? '';
    const claims = await requireCaller(req, res, keyRingOf(this.#db), {
      capability: 'view-finance',
      forbidden: 'only managers and owners see reports',
      store,
    });
    if (!claims) return;
    if (!isDay(day)) return json(res, 400, { error: 'invalid-period', message: 'day must be YYYY-MM-DD' });
    const info = reportStores(this.#db).find((s) => s.id === store);
    if (!info) return json(res, 404, { error: 'store-unknown', message: `no store ${store}` });
    json(res, 200, {
      store,
      day,
      timeZone: info.timeZone,
      sales: daySales(this.#db, store, day, info.timeZone),
    });
  }
}
