/** The relay's audit API (`GET /api/audit`, `GET /api/audit/verify`; docs/api.md, AUDITV-*, CHAIN-3). */
import { isPlainObject } from '../../../domain/parse.ts';

export type AuditFilters = {
  user?: string;
  device?: string;
  document?: string;
  piece?: string;
  client?: string;
  from?: string;
  to?: string;
};

export type AuditLine = {
  kind: 'edit' | 'command';
  id: string;
  at: string;
  user: string | null;
  userName: string | null;
  device: string | null;
  document?: string;
  changes?: Record<string, unknown>;
  type?: string | null;
  status?: 'accepted' | 'rejected';
  code?: string | null;
  reason?: string | null;
  payload?: unknown;
  diff?: Record<string, { before: unknown; after: unknown }>;
};

export type AuditPage = { lines: AuditLine[]; next: string | null };

export type ChainVerdict = {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string; at: string } | null;
  first: { seq: number | null; kind: string; ref: string; problem: string; message: string } | null;
};

export type Answer<T> = { ok: true; value: T } | { ok: false; message: string };

async function getJson(path: string, token: string): Promise<Answer<unknown>> {
  try {
    const res = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok)
      return {
        ok: false,
        message:
          isPlainObject(body) && typeof body.message === 'string' ? body.message : `HTTP ${res.status}`,
      };
    return { ok: true, value: body };
  } catch {
    return { ok: false, message: 'the store server cannot be reached' };
  }
}

/** The query string for `store`, these filters and a page cursor (empty filters left out). */
export function auditQuery(store: string, filters: AuditFilters, before?: string): string {
  const q = new URLSearchParams({ store });
  for (const [k, v] of Object.entries(filters)) if (typeof v === 'string' && v.trim()) q.set(k, v.trim());
  if (before) q.set('before', before);
  return q.toString();
}

export async function fetchAudit(
  store: string,
  filters: AuditFilters,
  token: string,
  before?: string,
): Promise<Answer<AuditPage>> {
  const got = await getJson(`/api/audit?${auditQuery(store, filters, before)}`, token);
  if (!got.ok) return got;
  const body = got.value;
  if (!isPlainObject(body) || !Array.isArray(body.lines)) return { ok: false, message: 'unexpected answer' };
  return {
    ok: true,
    value: {
      lines: body.lines.filter((l): l is AuditLine => isPlainObject(l) && typeof l.id === 'string'),
      next: typeof body.next === 'string' ? body.next : null,
    },
  };
}

export async function verifyChain(token: string): Promise<Answer<ChainVerdict>> {
  const got = await getJson('/api/audit/verify', token);
  if (!got.ok) return got;
  return isPlainObject(got.value) && typeof got.value.ok === 'boolean'
    ? { ok: true, value: got.value as ChainVerdict }
    : { ok: false, message: 'unexpected answer' };
}
