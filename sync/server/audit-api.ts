/**
 * The audit viewer's API (AUDITV-*) and the owner's chain check (CHAIN-3), over SQL:
 * `GET /api/audit?store=…[&user&device&document&piece&client&from&to&before&limit]` lists, newest
 * first, who changed what and when — document edits (`audit_log`, AUDIT-4) and decided commands —
 * with before → after for prices and catalog attributes; `GET /api/audit/verify` walks the chain.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DatabaseSync } from 'node:sqlite';
import type { Extension } from '@hocuspocus/server';
import { atLeast } from '../../domain/roles.ts';
import { AuditChain } from './audit-chain.ts';
import { apiRoute, json, keyRingOf, requireCaller } from './http-io.ts';

export type AuditLine =
  | {
      kind: 'edit';
      id: string;
      at: string;
      user: string | null;
      userName: string | null;
      device: string | null;
      document: string;
      /** Root → paths changed (AUDIT-3), as the audit recorded them. */
      changes: Record<string, unknown>;
    }
  | {
      kind: 'command';
      id: string;
      at: string;
      user: string | null;
      userName: string | null;
      device: string;
      store: string | null;
      type: string | null;
      status: 'accepted' | 'rejected';
      code: string | null;
      reason: string | null;
      payload: unknown;
      /** Attribute → before → after, for prices and catalog attributes (AUDITV-3). */
      diff?: Record<string, { before: unknown; after: unknown }>;
    };

export type AuditQuery = {
  store: string | null;
  user?: string;
  device?: string;
  document?: string;
  piece?: string;
  client?: string;
  from?: string;
  to?: string;
  /** An `at` from the previous page: lines strictly older. */
  before?: string;
  limit: number;
};

const FILTERS = ['user', 'device', 'document', 'piece', 'client', 'from', 'to', 'before'] as const;
const MAX_LIMIT = 500;
const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class AuditApi {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  extension(): Extension {
    return apiRoute(
      'loupe-audit-api',
      (url) => url.pathname === '/api/audit' || url.pathname === '/api/audit/verify',
      (req, res, url) => this.#handle(req, res, url),
    );
  }

  async #handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET') return json(res, 405, { error: 'method-not-allowed' });
    if (url.pathname === '/api/audit/verify') {
      const claims = await requireCaller(req, res, keyRingOf(this.#db));
      if (!claims) return;
      if (claims.role !== 'owner')
        return json(res, 403, { error: 'forbidden', message: 'only owners check the audit chain' });
      return json(res, 200, new AuditChain(this.#db).verify());
    }
    const store = url.searchParams.get('store');
    const claims = await requireCaller(req, res, keyRingOf(this.#db), store ? { store } : {});
    if (!claims) return;
    if (!atLeast(claims.role, 'manager'))
      return json(res, 403, { error: 'forbidden', message: 'only managers and owners read the audit' });
    if (!store && claims.role !== 'owner')
      return json(res, 400, { error: 'invalid-request', message: 'store: name one of your stores' });
    const limitText = url.searchParams.get('limit');
    const limit = limitText === null ? 100 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      return json(res, 400, {
        error: 'invalid-request',
        message: `limit: a whole number from 1 to ${MAX_LIMIT}`,
      });
    const query: AuditQuery = { store, limit };
    for (const f of FILTERS) {
      const v = url.searchParams.get(f)?.trim();
      if (!v) continue;
      if (v.length > 200) return json(res, 400, { error: 'invalid-request', message: `${f}: too long` });
      if ((f === 'from' || f === 'to' || f === 'before') && Number.isNaN(Date.parse(v)))
        return json(res, 400, { error: 'invalid-request', message: `${f}: expected a date or an ISO time` });
      query[f] = v;
    }
    const lines = this.lines(query);
    json(res, 200, { store, lines, next: lines.length === limit ? (lines.at(-1)?.at ?? null) : null });
  }

  /** Lines matching `q`, newest first (AUDITV-1, AUDITV-2). */
  lines(q: AuditQuery): AuditLine[] {
    const names = new Map(
      (this.#db.prepare('SELECT id, name FROM users').all() as { id: string; name: string }[]).map((u) => [
        u.id,
        u.name,
      ]),
    );
    const edits = q.piece ? [] : this.#edits(q);
    const commands = q.document ? [] : this.#commands(q, names);
    return [...edits, ...commands]
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1))
      .slice(0, q.limit);
  }

  #edits(q: AuditQuery): AuditLine[] {
    const { where, args, add } = conditions();
    if (q.store) add('EXISTS (SELECT 1 FROM json_each(stores) WHERE value = ?)', q.store);
    if (q.user) add('user_id = ?', q.user);
    if (q.device) add('device = ?', q.device);
    if (q.document) add('document = ?', q.document);
    if (q.client) add("changes LIKE ? ESCAPE '\\'", like(q.client));
    if (q.from) add('at >= ?', new Date(q.from).toISOString());
    if (q.to) add('at <= ?', endOf(q.to));
    if (q.before) add('at < ?', q.before);
    const rows = this.#db
      .prepare(
        `SELECT id, at, user_id, user_name, device, document, changes FROM audit_log
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC LIMIT ?`,
      )
      .all(...args, q.limit) as {
      id: string;
      at: string;
      user_id: string | null;
      user_name: string | null;
      device: string | null;
      document: string;
      changes: string;
    }[];
    return rows.map((r) => ({
      kind: 'edit',
      id: r.id,
      at: r.at,
      user: r.user_id,
      userName: r.user_name,
      device: r.device,
      document: r.document,
      changes: JSON.parse(r.changes) as Record<string, unknown>,
    }));
  }

  #commands(q: AuditQuery, names: Map<string, string>): AuditLine[] {
    const { where, args, add } = conditions();
    if (q.store) add('store = ?', q.store);
    if (q.user) add('user_id = ?', q.user);
    if (q.device) add('device = ?', q.device);
    if (q.piece) add("envelope LIKE ? ESCAPE '\\'", like(`"${q.piece}"`));
    if (q.client) add("envelope LIKE ? ESCAPE '\\'", like(`"${q.client}"`));
    if (q.from) add('decided_at >= ?', new Date(q.from).toISOString());
    if (q.to) add('decided_at <= ?', endOf(q.to));
    if (q.before) add('decided_at < ?', q.before);
    const rows = this.#db
      .prepare(
        `SELECT seq, id, device, user_id, store, type, envelope, status, code, reason, decided_at FROM commands
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`,
      )
      .all(...args, q.limit) as {
      seq: number;
      id: string;
      device: string;
      user_id: string | null;
      store: string | null;
      type: string | null;
      envelope: string;
      status: 'accepted' | 'rejected';
      code: string | null;
      reason: string | null;
      decided_at: string;
    }[];
    return rows.map((r) => {
      const payload = payloadOf(r.envelope);
      const diff = r.status === 'accepted' ? this.#diff(r.id, r.type) : undefined;
      return {
        kind: 'command',
        id: r.id,
        at: r.decided_at,
        user: r.user_id,
        userName: r.user_id ? (names.get(r.user_id) ?? null) : null,
        device: r.device,
        store: r.store,
        type: r.type,
        status: r.status,
        code: r.code,
        reason: r.reason,
        payload,
        ...(diff ? { diff } : {}),
      };
    });
  }

  /** Before → after of a price change (`price_history`) or a catalog edit (`attribute_history`) (AUDITV-3). */
  #diff(id: string, type: string | null): Record<string, { before: unknown; after: unknown }> | undefined {
    if (type === 'price.change') {
      const row = this.#db
        .prepare('SELECT from_minor, to_minor, currency FROM price_history WHERE command_id = ?')
        .get(id) as { from_minor: number; to_minor: number; currency: string } | undefined;
      if (!row) return undefined;
      return {
        listPrice: {
          before: { minor: Number(row.from_minor), currency: row.currency },
          after: { minor: Number(row.to_minor), currency: row.currency },
        },
      };
    }
    if (type !== 'piece.update') return undefined;
    const row = this.#db
      .prepare('SELECT before, after FROM attribute_history WHERE command_id = ?')
      .get(id) as { before: string; after: string } | undefined;
    if (!row) return undefined;
    const before = JSON.parse(row.before) as Record<string, unknown>;
    const after = JSON.parse(row.after) as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(after).map((k) => [k, { before: before[k] ?? null, after: after[k] }]),
    );
  }
}

/** SQL conditions joined by AND, each with its one argument. */
function conditions() {
  const where: string[] = [];
  const args: string[] = [];
  return {
    where,
    args,
    add(sql: string, value: string) {
      where.push(sql);
      args.push(value);
    },
  };
}

/** `to` as a day (YYYY-MM-DD) means the whole day; a time means that instant. */
function endOf(to: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? `${to}T23:59:59.999Z` : new Date(to).toISOString();
}

function payloadOf(envelope: string): unknown {
  try {
    return (JSON.parse(envelope) as { payload?: unknown }).payload ?? null;
  } catch {
    return null;
  }
}
