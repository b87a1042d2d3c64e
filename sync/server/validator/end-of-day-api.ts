/**
 * `GET /api/end-of-day?store=<id>&day=<YYYY-MM-DD>[&till=<device id>]` (EOD-6): what the day took so
 * far, by tender, and every close of that day and scope as decided — figures, who, when, the audit
 * chain's head at the time — for the managers' end-of-day screen and its printout.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DatabaseSync } from 'node:sqlite';
import type { Extension } from '@hocuspocus/server';
import { businessDay } from '../../../domain/business-day.ts';
import { isoDate } from '../../../domain/parse.ts';
import { apiRoute, json, keyRingOf, requireCaller } from '../http-io.ts';
import { DayTakingsReader } from './day-takings.ts';

export type DayCloseRecord = {
  id: string;
  till: string | null;
  currency: string;
  float: number;
  counted: number;
  expected: number;
  overShort: number;
  takings: unknown;
  note: string | null;
  corrects: string | null;
  chainHead: string;
  by: string;
  byName: string | null;
  at: string;
};

export class EndOfDayApi {
  readonly #db: DatabaseSync;
  readonly #takings: DayTakingsReader;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#takings = new DayTakingsReader(db);
  }

  extension(): Extension {
    return apiRoute(
      'loupe-end-of-day-api',
      (url) => url.pathname === '/api/end-of-day',
      (req, res, url) => this.#handle(req, res, url),
    );
  }

  async #handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET') return json(res, 405, { error: 'method-not-allowed' });
    const store = url.searchParams.get('store') ?? '';
    const claims = await requireCaller(req, res, keyRingOf(this.#db), {
      capability: 'view-finance',
      forbidden: 'only managers and owners close a day',
      store,
    });
    if (!claims) return;
    const s = this.#db.prepare('SELECT time_zone, currency FROM stores WHERE id = ?').get(store) as
      | { time_zone: string; currency: string }
      | undefined;
    if (!s) return json(res, 404, { error: 'not-found', message: 'no such store' });
    const dayText = url.searchParams.get('day') ?? businessDay(Date.now(), s.time_zone);
    const day = isoDate(dayText, 'day');
    if (!day.ok) return json(res, 400, { error: 'invalid-request', message: `day: ${day.error.message}` });
    const till = url.searchParams.get('till') || undefined;
    if (till && till.length > 64)
      return json(res, 400, { error: 'invalid-request', message: 'till: too long' });
    json(res, 200, {
      store,
      day: day.value,
      till: till ?? null,
      timeZone: s.time_zone,
      currency: s.currency,
      takings: this.#takings.takings(store, day.value, till),
      closes: this.closes(store, day.value, till),
    });
  }

  /** Every close of that day and scope, oldest first (a correction follows what it corrects). */
  closes(store: string, day: string, till: string | undefined): DayCloseRecord[] {
    const rows = this.#db
      .prepare(
        `SELECT c.*, u.name AS user_name FROM day_closes c LEFT JOIN users u ON u.id = c.user_id
         WHERE c.store = ? AND c.day = ? AND c.till = ? ORDER BY c.seq`,
      )
      .all(store, day, till ?? '') as Record<string, string | number | null>[];
    return rows.map((r) => ({
      id: String(r.id),
      till: r.till ? String(r.till) : null,
      currency: String(r.currency),
      float: Number(r.float_minor),
      counted: Number(r.counted_minor),
      expected: Number(r.expected_minor),
      overShort: Number(r.over_short_minor),
      takings: JSON.parse(String(r.takings)),
      note: r.note === null ? null : String(r.note),
      corrects: r.corrects === null ? null : String(r.corrects),
      chainHead: String(r.chain_head),
      by: String(r.user_id),
      byName: r.user_name === null ? null : String(r.user_name),
      at: String(r.at),
    }));
  }
}
