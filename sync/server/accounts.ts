/**
 * Login and refresh (AUTH-*). Outcomes are Result values: a wrong password is an expected
 * answer, not an exception.
 */

import { createHash, randomBytes } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { CapabilitySettings } from '../../domain/capabilities.ts';
import { isUuid, uuidv7 } from '../../domain/ids.ts';
import { err, ok, type Result } from '../../domain/result.ts';
import type { Role } from '../../domain/roles.ts';
import type { LoginAnswer, PublicUser } from '../shared/api.ts';
import { capabilitySettingsOf, hasBackoffice } from './backoffice-source.ts';
import { transaction } from './db.ts';
import { DeviceKeys } from './device-keys.ts';
import { decoyHash, hashSecret, verifySecret } from './passwords.ts';
import type { KeyRing, TokenClaims } from './tokens.ts';

export const REFRESH_TOKEN_DAYS = 30;

export type { PublicUser };
/** What login and refresh give (`sync/shared/api.ts`, the HTTP contract). */
export type Session = LoginAnswer;
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

  /** Login throttling and its audit log (AUTH-11…14). */
  readonly throttle: LoginThrottle;

  constructor(db: DatabaseSync, keys: KeyRing) {
    this.db = db;
    this.keys = keys;
    this.throttle = new LoginThrottle(db);
  }
  /** The owner's capability settings (CAP-*); undefined (the default matrix) without the validator's tables. */
  capabilitySettings(): CapabilitySettings | undefined {
    return hasBackoffice(this.db) ? capabilitySettingsOf(this.db) : undefined;
  }

  /** The claims of a valid access token (Bearer), or null. */
  verifyToken(token: string): Promise<TokenClaims | null> {
    return this.keys.verify(token);
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
      new DeviceKeys(this.db).revokeDevice(device, now);
    });
  }

  /** A member of staff by id, for who-may-manage-whom (ORG-4) and the credentials endpoint. */
  staffById(id: string): (StaffMember & { active: boolean }) | undefined {
    const row = this.db.prepare('SELECT id, role, stores, disabled FROM users WHERE id = ?').get(id) as
      | { id: string; role: Role; stores: string; disabled: number }
      | undefined;
    return row
      ? {
          id: row.id,
          role: row.role,
          stores: JSON.parse(row.stores) as string[],
          active: Number(row.disabled) === 0,
        }
      : undefined;
  }

  /**
   * Sets a person's password and/or PIN (ORG-9: secrets travel over HTTP, never in a command or a
   * document), hashed as at sign-in. With neither, makes a one-time initial password and returns it
   * (the only time it is ever shown). Returns undefined for an unknown id.
   */
  async setCredentials(
    id: string,
    secrets: { password?: string; pin?: string },
  ): Promise<{ initialPassword?: string } | undefined> {
    if (!this.db.prepare('SELECT 1 FROM users WHERE id = ?').get(id)) return undefined;
    const initialPassword =
      secrets.password === undefined && secrets.pin === undefined ? newInitialPassword() : undefined;
    const password = secrets.password ?? initialPassword;
    const passwordHash = password === undefined ? undefined : await hashSecret(password);
    const pinHash = secrets.pin === undefined ? undefined : await hashSecret(secrets.pin);
    transaction(this.db, () => {
      if (passwordHash)
        this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id);
      if (pinHash) this.db.prepare('UPDATE users SET pin_hash = ? WHERE id = ?').run(pinHash, id);
    });
    return initialPassword ? { initialPassword } : {};
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
    const signingKey = transaction(this.db, () => {
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
      return new DeviceKeys(this.db).issue(user.id, device, now);
    });
    return { token, refreshToken, expiresAt, device, user, signingKey };
  }
}

/** 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I): about 80 bits. */
const INITIAL_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newInitialPassword(): string {
  const bytes = randomBytes(16);
  let out = '';
  for (const b of bytes) out += INITIAL_ALPHABET[b % INITIAL_ALPHABET.length];
  return out;
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/**
 * Login throttling (AUTH-11…14): failures count per login name *and source* (the TCP peer
 * address; an IPv6 /64 is one source), so a stranger hammering a name locks out only
 * themselves. Delays grow with each failure; the tenth locks that source out of that name for
 * 15 minutes. Every failure, refusal, success and unlock is a row of `login_attempts`, which
 * managers can read (audit) and which several relay instances share.
 */
export const LOGIN_THROTTLE = {
  /** Failures older than this are forgotten. */
  windowMs: 15 * 60_000,
  /** Failures answered without any delay. */
  freeFailures: 3,
  /** After failure n > freeFailures, that source waits 2^(n − freeFailures − 1) s (1, 2, 4 … 32 s). */
  maxDelayMs: 60_000,
  /** The failure that locks this source out of this name, for `lockMs` after it. */
  lockAfter: 10,
  lockMs: 15 * 60_000,
  /** Rows older than this are deleted. */
  keepMs: 90 * 86_400_000,
} as const;

export type AttemptOutcome = 'failed' | 'locked' | 'succeeded' | 'unlocked';
export type LoginAttempt = {
  at: string;
  login: string;
  user: string | null;
  source: string;
  outcome: AttemptOutcome;
  /** Refused attempts within a minute of each other share one row. */
  count: number;
  /** For an unlock: the manager who did it. */
  by: string | null;
};
export type LoginGate =
  | { allowed: true }
  | { allowed: false; retryAfterMs: number; locked: boolean; failures: number };
export type LoginLock = { source: string; failures: number; until: string; locked: boolean };
export type StaffMember = { id: string; role: Role; stores: string[] };

/** The source a login comes from: the peer address, IPv4-mapped addresses unwrapped, IPv6 by /64. */
export function loginSource(remoteAddress: string | undefined): string {
  const a = (remoteAddress ?? '').trim();
  if (!a) return 'unknown';
  if (a.startsWith('::ffff:') && a.includes('.')) return a.slice(7);
  if (!a.includes(':')) return a;
  const [head = '', tail = ''] = a.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = a.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}

type AttemptRow = {
  at: string;
  login: string;
  user_id: string | null;
  source: string;
  outcome: AttemptOutcome;
  count: number;
  by_user: string | null;
};

export class LoginThrottle {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  /** Whether `source` may try `login` now; if not, for how long it must wait. */
  check(login: string, source: string, now = Date.now()): LoginGate {
    const failures = this.failures(login, source, now);
    const last = failures.at(-1);
    if (last === undefined) return { allowed: true };
    // Locked: `lockAfter` failures within one window, until `lockMs` after the last of them.
    const burst = failures.filter((t) => t >= last - LOGIN_THROTTLE.windowMs).length;
    if (burst >= LOGIN_THROTTLE.lockAfter && now < last + LOGIN_THROTTLE.lockMs)
      return {
        allowed: false,
        retryAfterMs: last + LOGIN_THROTTLE.lockMs - now,
        locked: true,
        failures: burst,
      };
    const n = failures.filter((t) => t >= now - LOGIN_THROTTLE.windowMs).length;
    if (n <= LOGIN_THROTTLE.freeFailures) return { allowed: true };
    const wait = Math.min(1000 * 2 ** (n - LOGIN_THROTTLE.freeFailures - 1), LOGIN_THROTTLE.maxDelayMs);
    const retryAfterMs = last + wait - now;
    return retryAfterMs > 0
      ? { allowed: false, retryAfterMs, locked: false, failures: n }
      : { allowed: true };
  }

  /**
   * Starts a login attempt: refused (and logged as `locked`) while this source must wait, else
   * logged at once as `failed`, so guesses sent in parallel count before any is verified;
   * `succeeded(seq)` corrects the row when the secret was right.
   */
  begin(login: string, source: string, now = Date.now()): LoginGate & { seq?: number } {
    const gate = this.check(login, source, now);
    if (!gate.allowed) {
      this.record(login, source, 'locked', now);
      return gate;
    }
    return { allowed: true, seq: this.record(login, source, 'failed', now) };
  }

  succeeded(seq: number): void {
    this.db.prepare("UPDATE login_attempts SET outcome = 'succeeded' WHERE seq = ?").run(seq);
  }

  /** Logs an attempt (its seq); refusals within a minute of the previous one from there add to its count. */
  record(login: string, source: string, outcome: AttemptOutcome, now = Date.now(), by?: string): number {
    const key = login.toLowerCase();
    const at = new Date(now).toISOString();
    if (outcome === 'locked') {
      const merged = this.db
        .prepare(
          `UPDATE login_attempts SET count = count + 1 WHERE seq = (
             SELECT seq FROM login_attempts WHERE login = ? AND source = ? ORDER BY seq DESC LIMIT 1
           ) AND outcome = 'locked' AND at >= ?`,
        )
        .run(key, source, new Date(now - 60_000).toISOString());
      if (Number(merged.changes) > 0) return 0;
    }
    const user = this.staff(key)?.id ?? null;
    const inserted = this.db
      .prepare(
        'INSERT INTO login_attempts (at, login, user_id, source, outcome, count, by_user) VALUES (?, ?, ?, ?, ?, 1, ?)',
      )
      .run(at, key, user, source, outcome, by ?? null);
    if (outcome !== 'locked')
      this.db
        .prepare('DELETE FROM login_attempts WHERE at < ?')
        .run(new Date(now - LOGIN_THROTTLE.keepMs).toISOString());
    return Number(inserted.lastInsertRowid);
  }

  /** A manager lifts the delays and locks on `login`, from one source or (default) every source. */
  unlock(login: string, by: string, source = '*', now = Date.now()): void {
    this.record(login, source, 'unlocked', now, by);
  }

  /** Sources currently delayed or locked out of `login`. */
  locks(login: string, now = Date.now()): LoginLock[] {
    const since = new Date(now - LOGIN_THROTTLE.windowMs - LOGIN_THROTTLE.lockMs).toISOString();
    const sources = this.db
      .prepare(
        `SELECT DISTINCT source FROM login_attempts WHERE login = ? AND outcome = 'failed' AND at >= ? ORDER BY source`,
      )
      .all(login.toLowerCase(), since) as { source: string }[];
    const out: LoginLock[] = [];
    for (const { source } of sources) {
      const gate = this.check(login, source, now);
      if (!gate.allowed)
        out.push({
          source,
          failures: gate.failures,
          until: new Date(now + gate.retryAfterMs).toISOString(),
          locked: gate.locked,
        });
    }
    return out;
  }

  /** The latest attempts on `login` (or on every login), newest first. */
  list(login: string | undefined, limit = 100): LoginAttempt[] {
    const rows = (
      login === undefined
        ? this.db.prepare('SELECT * FROM login_attempts ORDER BY seq DESC LIMIT ?').all(limit)
        : this.db
            .prepare('SELECT * FROM login_attempts WHERE login = ? ORDER BY seq DESC LIMIT ?')
            .all(login.toLowerCase(), limit)
    ) as AttemptRow[];
    return rows.map((r) => ({
      at: r.at,
      login: r.login,
      user: r.user_id,
      source: r.source,
      outcome: r.outcome,
      count: Number(r.count),
      by: r.by_user,
    }));
  }

  /** The staff member a login names, if any (who may unlock whom). */
  staff(login: string): StaffMember | undefined {
    const row = this.db.prepare('SELECT id, role, stores FROM users WHERE login = ?').get(login) as
      | { id: string; role: Role; stores: string }
      | undefined;
    return row ? { id: row.id, role: row.role, stores: JSON.parse(row.stores) as string[] } : undefined;
  }

  /** Times (ms) of the failures that may still count (a window, or a lock-out, ago), after the
   *  last success from this source and the last unlock of this name (for this source or all). */
  private failures(login: string, source: string, now: number): number[] {
    const key = login.toLowerCase();
    const since = new Date(now - LOGIN_THROTTLE.windowMs - LOGIN_THROTTLE.lockMs).toISOString();
    const reset = this.db
      .prepare(
        `SELECT max(seq) AS seq FROM login_attempts WHERE login = ? AND at >= ? AND (
           (outcome = 'succeeded' AND source = ?) OR (outcome = 'unlocked' AND source IN (?, '*')))`,
      )
      .get(key, since, source, source) as { seq: number | null };
    const rows = this.db
      .prepare(
        `SELECT at FROM login_attempts WHERE login = ? AND source = ? AND outcome = 'failed'
         AND at >= ? AND seq > ? ORDER BY seq`,
      )
      .all(key, source, since, reset.seq ?? 0) as { at: string }[];
    return rows.map((r) => Date.parse(r.at));
  }
}
