/**
 * Signed links a client opens without logging in (LINK-*, MAIL-3): the status link of an order or
 * repair and the unsubscribe link of a mail. Signed with the relay's EdDSA key (jose) under their
 * own audiences, so neither can ever pass for an access token, nor one for the other. A status
 * link is also a row in SQL (`status_links`): revoking it there ends it at once.
 */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { createLocalJWKSet, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { ISSUER, KeyRing } from './tokens.ts';

export const STATUS_AUDIENCE = 'loupe-status';
export const UNSUBSCRIBE_AUDIENCE = 'loupe-unsubscribe';
export type WorkAudience = typeof STATUS_AUDIENCE | typeof UNSUBSCRIBE_AUDIENCE;

type KeyRow = { kid: string; private_jwk: string };

/** Signs a link token: `sub` the link id (status) or the client id (unsubscribe). */
export async function signWorkToken(
  db: DatabaseSync,
  claims: { aud: WorkAudience; sub: string; store?: string; days?: number; expiresAt?: string },
): Promise<string> {
  await new KeyRing(db).ensureKey();
  const row = db
    .prepare(
      `SELECT kid, private_jwk FROM signing_keys WHERE retired_at IS NULL
       ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    )
    .get() as KeyRow | undefined;
  if (!row) throw new Error('no signing key');
  const key = await importJWK(JSON.parse(row.private_jwk) as JWK, 'EdDSA');
  const exp = claims.expiresAt
    ? Math.floor(Date.parse(claims.expiresAt) / 1000)
    : Math.floor(Date.now() / 1000) + (claims.days ?? 90) * 86_400;
  return new SignJWT(claims.store ? { store: claims.store } : {})
    .setProtectedHeader({ alg: 'EdDSA', kid: row.kid })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(claims.aud)
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(key);
}

/** The token's subject (and store) when it verifies for `aud`; null otherwise (forged, expired, other use). */
export async function verifyWorkToken(
  db: DatabaseSync,
  token: string,
  aud: WorkAudience,
): Promise<{ sub: string; store?: string } | null> {
  if (token.length > 2_000) return null;
  try {
    const keys = createLocalJWKSet({ keys: new KeyRing(db).publicKeys() });
    const { payload } = await jwtVerify(token, keys, {
      issuer: ISSUER,
      audience: aud,
      algorithms: ['EdDSA'],
    });
    if (typeof payload.sub !== 'string') return null;
    return { sub: payload.sub, ...(typeof payload.store === 'string' ? { store: payload.store } : {}) };
  } catch {
    return null;
  }
}

export type StatusLink = {
  id: string;
  orderId: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedBy: string | null;
  revokedAt: string | null;
};

const toLink = (r: Record<string, string | null>): StatusLink => ({
  id: String(r.id),
  orderId: String(r.order_id),
  createdBy: String(r.created_by),
  createdAt: String(r.created_at),
  expiresAt: String(r.expires_at),
  revokedBy: r.revoked_by ?? null,
  revokedAt: r.revoked_at ?? null,
});

/** LINK-1: a new status link for the order, good for `days` unless revoked. */
export async function createStatusLink(
  db: DatabaseSync,
  orderId: string,
  by: string,
  days = 90,
): Promise<{ link: StatusLink; token: string }> {
  const id = randomUUID();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + days * 86_400_000).toISOString();
  db.prepare(
    'INSERT INTO status_links (id, order_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
  ).run(id, orderId, by, now.toISOString(), expiresAt);
  const token = await signWorkToken(db, { aud: STATUS_AUDIENCE, sub: id, expiresAt });
  const link = statusLinks(db, orderId).find((l) => l.id === id);
  if (!link) throw new Error('status link not stored');
  return { link, token };
}

export function statusLinks(db: DatabaseSync, orderId: string): StatusLink[] {
  return (
    db
      .prepare('SELECT * FROM status_links WHERE order_id = ? ORDER BY created_at DESC')
      .all(orderId) as Record<string, string | null>[]
  ).map(toLink);
}

/** LINK-2: revokes a link; false when there is no such link on that order or it was already revoked. */
export function revokeStatusLink(db: DatabaseSync, orderId: string, id: string, by: string): boolean {
  const r = db
    .prepare(
      'UPDATE status_links SET revoked_by = ?, revoked_at = ? WHERE id = ? AND order_id = ? AND revoked_at IS NULL',
    )
    .run(by, new Date().toISOString(), id, orderId);
  return Number(r.changes) === 1;
}

/** The order a status token opens, when it verifies and its link is neither revoked nor expired (LINK-2). */
export async function openStatusToken(db: DatabaseSync, token: string): Promise<string | null> {
  const claims = await verifyWorkToken(db, token, STATUS_AUDIENCE);
  if (!claims) return null;
  const row = db
    .prepare('SELECT order_id, expires_at FROM status_links WHERE id = ? AND revoked_at IS NULL')
    .get(claims.sub) as { order_id: string; expires_at: string } | undefined;
  if (!row || Date.parse(row.expires_at) <= Date.now()) return null;
  return row.order_id;
}

/** A token for the newest live status link of the order (for mail), or undefined when none is open. */
export async function statusLinkToken(db: DatabaseSync, orderId: string): Promise<string | undefined> {
  const live = statusLinks(db, orderId).find((l) => !l.revokedAt && Date.parse(l.expiresAt) > Date.now());
  return live
    ? signWorkToken(db, { aud: STATUS_AUDIENCE, sub: live.id, expiresAt: live.expiresAt })
    : undefined;
}
