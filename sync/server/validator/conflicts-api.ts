/**
 * `GET /api/conflicts?store=<id>[&include=resolved]`: the managers' conflicts list from SQL,
 * across every ledger month (VAL-10). Each rejected command comes with the command that won
 * when there is one, so a manager can decide what to do without opening two tills.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DatabaseSync } from 'node:sqlite';
import type { Extension } from '@hocuspocus/server';
import { apiRoute, json, keyRingOf, requireCaller } from '../http-io.ts';

type CommandRow = {
  id: string;
  device: string;
  user_id: string | null;
  store: string | null;
  type: string | null;
  at: string | null;
  envelope: string;
  code: string | null;
  reason: string | null;
  context: string | null;
  decided_at: string;
  resolved_by: string | null;
  resolved_at: string | null;
  resolution: string | null;
};

export type Conflict = {
  id: string;
  type: string | null;
  store: string | null;
  user: string | null;
  device: string;
  at: string | null;
  payload: unknown;
  code: string | null;
  reason: string | null;
  context: Record<string, unknown>;
  decidedAt: string;
  resolved: { by: string; at: string; resolution: string; note: string } | null;
  competing: {
    id: string;
    type: string | null;
    user: string | null;
    /** The till that sent it. */
    device: string;
    at: string | null;
    payload: unknown;
  } | null;
};

export class ConflictsApi {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  /** The relay extension answering `/api/conflicts`. */
  extension(): Extension {
    return apiRoute(
      'loupe-conflicts-api',
      (url) => url.pathname === '/api/conflicts',
      (req, res, url) => this.#handle(req, res, url),
    );
  }

  async #handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET') return json(res, 405, { error: 'method-not-allowed' });
    const store = url.searchParams.get('store') ?? '';
    const claims = await requireCaller(req, res, keyRingOf(this.#db), {
      capability: 'resolve-conflicts',
      forbidden: 'only managers and owners see conflicts',
      store,
    });
    if (!claims) return;
    const includeResolved = url.searchParams.get('include') === 'resolved';
    json(res, 200, { store, conflicts: this.list(store, includeResolved) });
  }

  list(store: string, includeResolved = false): Conflict[] {
    const rows = this.#db
      .prepare(
        `SELECT * FROM commands WHERE store = ? AND status = 'rejected'
         ${includeResolved ? '' : 'AND resolved_at IS NULL'} ORDER BY seq DESC LIMIT 500`,
      )
      .all(store) as CommandRow[];
    const byId = this.#db.prepare('SELECT * FROM commands WHERE id = ?');
    return rows.map((r) => {
      const context = r.context ? (JSON.parse(r.context) as Record<string, unknown>) : {};
      const competingId = typeof context.competingCommandId === 'string' ? context.competingCommandId : null;
      const c = competingId ? (byId.get(competingId) as CommandRow | undefined) : undefined;
      return {
        id: r.id,
        type: r.type,
        store: r.store,
        user: r.user_id,
        device: r.device,
        at: r.at,
        payload: payloadOf(r.envelope),
        code: r.code,
        reason: r.reason,
        context,
        decidedAt: r.decided_at,
        resolved:
          r.resolved_at && r.resolved_by
            ? { by: r.resolved_by, at: r.resolved_at, ...resolutionOf(r.resolution) }
            : null,
        competing: c
          ? {
              id: c.id,
              type: c.type,
              user: c.user_id,
              device: c.device,
              at: c.at,
              payload: payloadOf(c.envelope),
            }
          : null,
      };
    });
  }
}

function resolutionOf(json: string | null): { resolution: string; note: string } {
  try {
    const v = JSON.parse(json ?? '{}') as { resolution?: string; note?: string };
    return { resolution: v.resolution ?? '', note: v.note ?? '' };
  } catch {
    return { resolution: '', note: '' };
  }
}

function payloadOf(envelope: string): unknown {
  try {
    return (JSON.parse(envelope) as { payload?: unknown }).payload ?? null;
  } catch {
    return null;
  }
}
