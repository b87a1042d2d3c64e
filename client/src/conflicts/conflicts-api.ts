/**
 * The relay's conflicts list (`GET /api/conflicts`, docs/api.md): from SQL across every
 * ledger month, each rejected command paired with the command that won. Online it is the
 * authority; offline the inbox falls back to what this till's ledger copy shows.
 */
import { isPlainObject } from '../../../domain/parse.ts';
import { type Outcome, readCommand } from '../local/records.ts';
import type { Conflict } from './conflicts.ts';

export type RemoteConflict = Conflict;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function parseRemote(item: unknown): RemoteConflict | undefined {
  if (!isPlainObject(item) || typeof item.id !== 'string') return undefined;
  const command = readCommand({ ...item, type: str(item.type), user: str(item.user) });
  const competing = isPlainObject(item.competing)
    ? readCommand({ device: '', ...item.competing, store: str(item.store) })
    : undefined;
  const outcome: Outcome = {
    status: 'rejected',
    ...(typeof item.code === 'string' ? { code: item.code } : {}),
    ...(typeof item.reason === 'string' ? { reason: item.reason } : {}),
    decidedAt: str(item.decidedAt),
  };
  const p = command?.payload as { lines?: Array<{ serial?: unknown }> } | undefined;
  const serials = Array.isArray(p?.lines) ? p.lines.map((l) => String(l.serial ?? '')) : [];
  return {
    id: item.id,
    outcome,
    ...(command ? { command } : {}),
    serials,
    ...(competing ? { competing } : {}),
  };
}

export async function fetchConflicts(store: string, token: string): Promise<RemoteConflict[] | undefined> {
  try {
    const res = await fetch(`/api/conflicts?store=${encodeURIComponent(store)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) return undefined;
    const body: unknown = await res.json();
    const list = isPlainObject(body) && Array.isArray(body.conflicts) ? body.conflicts : [];
    return list.map(parseRemote).filter((c): c is RemoteConflict => c !== undefined);
  } catch {
    return undefined;
  }
}

/**
 * Local ledger conflicts plus the relay's list. When the relay answered, a local item it
 * no longer lists was resolved — unless it was decided after the relay was asked.
 */
export function mergeConflicts(
  local: readonly Conflict[],
  remote: readonly RemoteConflict[] | undefined,
  askedAt: string,
): RemoteConflict[] {
  if (!remote) return [...local];
  const byId = new Map<string, RemoteConflict>(remote.map((r) => [r.id, r]));
  for (const l of local) {
    const r = byId.get(l.id);
    if (r)
      byId.set(l.id, {
        ...r,
        ...(l.command ? { command: l.command } : {}),
        serials: r.serials.length ? r.serials : l.serials,
      });
    else if (l.outcome.decidedAt > askedAt) byId.set(l.id, l);
  }
  return [...byId.values()].sort((a, b) => b.outcome.decidedAt.localeCompare(a.outcome.decidedAt));
}
