/**
 * Login and refresh (AUTH-*). Outcomes are Result values: a wrong password is an expected
 * answer, not an exception.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { isUuid, uuidv7 } from '../../domain/ids.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import type { Role } from '../shared/local-types.ts';
import { transaction } from './db.ts';
import { decoyHash, hashSecret, verifySecret } from './passwords.ts';
import type { KeyRing, TokenClaims } from './tokens.ts';

export const REFRESH_TOKEN_DAYS = 30;

export type PublicUser = { id: string; name: string; role: Role; stores: string[] };
export type Session = {
  token: string;
  refreshToken: string;
  expiresAt: string;
  device: string;
  user: PublicUser;
};
export type AuthError = { code: 'invalid-credentials' | 'invalid-refresh-token' | 'device-revoked' };

type UserRow = {
  id: string;
  name: string;
  login: string;
  role: Role;
  stores: string;
  password_hash: string;
  pin_hash: string | null;
  disabled: number;
};

export type NewUser = {
  id?: string;
  name: string;
  login: string;
  role: Role;
  stores: string[];
  password: string;
  pin?: string;
};

export async function createUser(db: DatabaseSync, u: NewUser): Promise<PublicUser> {
  const id = u.id ?? uuidv7();
  const passwordHash = await hashSecret(u.password);
  const pinHash = u.pin ? await hashSecret(u.pin) : null;
  db.prepare(
    'INSERT INTO users (id, name, login, role, stores, password_hash, pin_hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(id, u.name, u.login, u.role, JSON.stringify(u.stores), passwordHash, pinHash);
  return { id, name: u.name, role: u.role, stores: u.stores };
}

const publicUser = (row: UserRow): PublicUser => ({
  id: row.id,
  name: row.name,
  role: row.role,
  stores: JSON.parse(row.stores) as string[],
});

export type Credentials =
  | { user: string; password: string; device?: string }
  | { user: string; pin: string; device: string };

export class Accounts {
  private readonly db: DatabaseSync;
  private readonly keys: KeyRing;

  constructor(db: DatabaseSync, keys: KeyRing) {
    this.db = db;
    this.keys = keys;
  }

  async login(c: Credentials, now = Date.now()): Promise<Result<Session, AuthError>> {
    const row = this.db.prepare('SELECT * FROM users WHERE login = ?').get(c.user) as UserRow | undefined;
    const usable = row && row.disabled === 0;
    const secret = 'password' in c ? c.password : c.pin;
    const stored = usable ? ('password' in c ? row.password_hash : row.pin_hash) : null;
    // Always run scrypt once, so an unknown login answers as slowly as a wrong password.
    const good = await verifySecret(secret, stored ?? (await decoyHash()));
    if (!usable || !stored || !good) return err({ code: 'invalid-credentials' });
    const device = c.device && isUuid(c.device) ? c.device : uuidv7(now);
    if (this.deviceRevoked(device)) return err({ code: 'device-revoked' });
    return ok(await this.issue(row, device, now));
  }

  /** A refresh token is single-use and bound to its device; using it rotates it. */
  async refresh(refreshToken: string, device: string, now = Date.now()): Promise<Result<Session, AuthError>> {
    const hash = sha256(refreshToken);
    const found = this.db
      .prepare(
        `SELECT r.user_id, r.device_id, r.expires_at, r.revoked_at, u.* FROM refresh_tokens r
         JOIN users u ON u.id = r.user_id WHERE r.hash = ?`,
      )
      .get(hash) as
      | (UserRow & { user_id: string; device_id: string; expires_at: string; revoked_at: string | null })
      | undefined;
    if (!found || found.device_id !== device || found.disabled !== 0)
      return err({ code: 'invalid-refresh-token' });
    if (found.revoked_at !== null || Date.parse(found.expires_at) <= now)
      return err({ code: 'invalid-refresh-token' });
    if (this.deviceRevoked(device)) return err({ code: 'device-revoked' });
    const session = await this.issue(found, device, now);
    this.db
      .prepare('UPDATE refresh_tokens SET revoked_at = ?, replaced_by = ? WHERE hash = ?')
      .run(new Date(now).toISOString(), sha256(session.refreshToken), hash);
    return ok(session);
  }

  revokeDevice(device: string, now = Date.now()): void {
    const at = new Date(now).toISOString();
    transaction(this.db, () => {
      this.db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ?').run(at, device);
      this.db
        .prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL')
        .run(at, device);
    });
  }

  private deviceRevoked(device: string): boolean {
    const row = this.db.prepare('SELECT revoked_at FROM devices WHERE id = ?').get(device) as
      | { revoked_at: string | null }
      | undefined;
    return row?.revoked_at != null;
  }

  private async issue(row: UserRow, device: string, now: number): Promise<Session> {
    const user = publicUser(row);
    const claims: TokenClaims = {
      sub: user.id,
      name: user.name,
      role: user.role,
      stores: user.stores,
      device,
    };
    const { token, expiresAt } = await this.keys.sign(claims, now);
    const refreshToken = randomBytes(32).toString('base64url');
    const at = new Date(now).toISOString();
    transaction(this.db, () => {
      this.db
        .prepare(
          `INSERT INTO devices (id, first_user, created_at, last_seen_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
        )
        .run(device, user.id, at, at);
      this.db
        .prepare('INSERT INTO refresh_tokens (hash, user_id, device_id, expires_at) VALUES (?, ?, ?, ?)')
        .run(
          sha256(refreshToken),
          user.id,
          device,
          new Date(now + REFRESH_TOKEN_DAYS * 86_400_000).toISOString(),
        );
    });
    return { token, refreshToken, expiresAt, device, user };
  }
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
