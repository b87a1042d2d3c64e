/**
 * Access tokens: short-lived EdDSA JWTs (AUTH-*). Keys are generated at first start and kept
 * in the database; every non-retired key verifies, the newest signs, so a key can be
 * rotated without logging anyone out.
 */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { Role } from '../../domain/roles.ts';
import { ROLES } from '../../domain/roles.ts';

export const ISSUER = 'loupe-relay';
export const AUDIENCE = 'loupe';
export const ACCESS_TOKEN_SECONDS = 15 * 60;

export type TokenClaims = {
  sub: string;
  name: string;
  role: Role;
  stores: string[];
  device: string;
};

type KeyRow = { kid: string; private_jwk: string; public_jwk: string };

export class KeyRing {
  private readonly db: DatabaseSync;
  private verifier: ReturnType<typeof createLocalJWKSet> | undefined;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  /** Ensures a signing key exists (first start) and returns the active one's kid. */
  async ensureKey(): Promise<string> {
    const active = this.activeRow();
    return active ? active.kid : this.rotate();
  }

  /** Adds a new signing key; older keys keep verifying until retired. */
  async rotate(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair('Ed25519', { extractable: true });
    const kid = randomUUID();
    const priv = { ...(await exportJWK(privateKey)), kid, alg: 'EdDSA' };
    const pub = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA' };
    this.db
      .prepare('INSERT INTO signing_keys (kid, private_jwk, public_jwk, created_at) VALUES (?, ?, ?, ?)')
      .run(kid, JSON.stringify(priv), JSON.stringify(pub), new Date().toISOString());
    this.verifier = undefined;
    return kid;
  }

  retire(kid: string): void {
    this.db
      .prepare('UPDATE signing_keys SET retired_at = ? WHERE kid = ? AND retired_at IS NULL')
      .run(new Date().toISOString(), kid);
    this.verifier = undefined;
  }

  async sign(claims: TokenClaims, now = Date.now()): Promise<{ token: string; expiresAt: string }> {
    const row = this.activeRow();
    if (!row) throw new Error('no signing key: call ensureKey() at start');
    const key = await importJWK(JSON.parse(row.private_jwk) as JWK, 'EdDSA');
    const iat = Math.floor(now / 1000);
    const exp = iat + ACCESS_TOKEN_SECONDS;
    const { sub, ...rest } = claims;
    const token = await new SignJWT(rest)
      .setProtectedHeader({ alg: 'EdDSA', kid: row.kid, typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(key);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** Verifies signature, issuer, audience, expiry and claim shapes; null when anything is off. */
  async verify(token: string): Promise<TokenClaims | null> {
    this.verifier ??= createLocalJWKSet({ keys: this.publicKeys() });
    try {
      const { payload } = await jwtVerify(token, this.verifier, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['EdDSA'],
      });
      return claimsFrom(payload);
    } catch {
      return null;
    }
  }

  publicKeys(): JWK[] {
    const rows = this.db
      .prepare('SELECT public_jwk FROM signing_keys WHERE retired_at IS NULL')
      .all() as Array<{ public_jwk: string }>;
    return rows.map((r) => JSON.parse(r.public_jwk) as JWK);
  }

  private activeRow(): KeyRow | undefined {
    return this.db
      .prepare(
        `SELECT kid, private_jwk, public_jwk FROM signing_keys WHERE retired_at IS NULL
         ORDER BY created_at DESC, rowid DESC LIMIT 1`,
      )
      .get() as KeyRow | undefined;
  }
}

function claimsFrom(p: JWTPayload): TokenClaims | null {
  const { sub, name, role, stores, device } = p as Record<string, unknown>;
  if (typeof sub !== 'string' || typeof name !== 'string' || typeof device !== 'string') return null;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return null;
  if (!Array.isArray(stores) || !stores.every((s) => typeof s === 'string')) return null;
  return { sub, name, role: role as Role, stores: stores as string[], device };
}
