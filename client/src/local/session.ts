/**
 * Sign-in against the relay's HTTP API (public contract in DESIGN.md) and the stored
 * session. The session is kept in localStorage so a till that reloads while the network
 * is down still opens with the last signed-in user and its local data.
 */
import { isPlainObject } from '../../../domain/parse.ts';
import { err, ok, type Result } from '../../../domain/result.ts';
import { ROLES, type Role } from '../../../domain/roles.ts';
import type { LoginAnswer, PublicUser } from '../../../sync/shared/api.ts';

export type { Role };

export type SessionUser = PublicUser;
/**
 * The login answer as the till keeps it (`sync/shared/api.ts`): the device id is the till's own,
 * and a session saved by an older version may lack its signing key.
 */
export type Session = Omit<LoginAnswer, 'device' | 'signingKey'> & {
  /** The user's key on this device: every command they make is signed with it (sync/SPEC.md USER-2). */
  signingKey?: string;
  /**
   * Set after a PIN switch made with no network: the token (and its refresh) still belong to this
   * earlier user, whose connection carries the new user's signed commands until they sign in online.
   */
  tokenUser?: string;
};

export type LoginError = { code: 'bad-credentials' | 'offline' | 'server'; message: string };

const KEY = 'loupe.session';

export function parseSession(v: unknown): Session | undefined {
  if (!isPlainObject(v) || !isPlainObject(v.user)) return undefined;
  const { token, refreshToken, expiresAt, user } = v;
  if (typeof token !== 'string' || typeof expiresAt !== 'string') return undefined;
  if (typeof user.id !== 'string' || typeof user.name !== 'string') return undefined;
  if (
    typeof user.role !== 'string' ||
    !(ROLES as readonly string[]).includes(user.role) ||
    !Array.isArray(user.stores)
  )
    return undefined;
  return {
    token,
    refreshToken: typeof refreshToken === 'string' ? refreshToken : '',
    expiresAt,
    ...(typeof v.signingKey === 'string' ? { signingKey: v.signingKey } : {}),
    ...(typeof v.tokenUser === 'string' ? { tokenUser: v.tokenUser } : {}),
    user: {
      id: user.id,
      name: user.name,
      role: user.role as Role,
      stores: user.stores.filter((s): s is string => typeof s === 'string'),
    },
  };
}

export const loadSession = (storage: Storage = localStorage): Session | undefined => {
  try {
    return parseSession(JSON.parse(storage.getItem(KEY) ?? 'null'));
  } catch {
    return undefined;
  }
};
export const saveSession = (s: Session, storage: Storage = localStorage) =>
  storage.setItem(KEY, JSON.stringify(s));
export const clearSession = (storage: Storage = localStorage) => storage.removeItem(KEY);

async function post(path: string, body: unknown): Promise<Result<Session, LoginError>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return err({ code: 'offline', message: 'The store server cannot be reached. Check the network.' });
  }
  const json: unknown = await res.json().catch(() => undefined);
  if (res.status === 401 || res.status === 400)
    return err({ code: 'bad-credentials', message: 'That user and secret do not match.' });
  const session = res.ok ? parseSession(json) : undefined;
  if (!session) return err({ code: 'server', message: `The server answered ${res.status}. Try again.` });
  return ok(session);
}

export const loginWithPassword = (user: string, password: string, device: string) =>
  post('/api/login', { user, password, device });
export const loginWithPin = (user: string, pin: string, device: string) =>
  post('/api/login', { user, pin, device });
export const refresh = (refreshToken: string, device: string) =>
  post('/api/refresh', { refreshToken, device });

/** When to refresh: a minute before expiry, or half-way for short tokens; never in the past. */
export function refreshDelay(expiresAt: string, now: number = Date.now()): number {
  const left = Date.parse(expiresAt) - now;
  if (!Number.isFinite(left)) return 60_000;
  return Math.max(1_000, left - 60_000, left / 2);
}
