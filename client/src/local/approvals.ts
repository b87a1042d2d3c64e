/**
 * A manager's PIN at the counter, online or not (sync/SPEC.md USER-4, domain/SPEC.md APPROVAL-*).
 * Online, the PIN is checked by the relay, which returns the manager's signing key for this till
 * (kept under the PIN for later offline use). Offline, the key kept from an earlier online use
 * is unlocked with the PIN. Either way the approval signs the one command it covers.
 */
import { err, ok, type Result } from '../../../domain/result.ts';
import { rememberKey, unlockKey } from './key-vault.ts';
import type { ApprovalGrant } from './outbox.ts';
import { type LoginError, loginWithPin, type Session, type SessionUser } from './session.ts';

export type PinCheck = { user: SessionUser; signingKey: string; session?: Session };

export const OFFLINE_UNKNOWN =
  'No network, and this person has not used their PIN on this till before: it cannot be checked now.';
export const WRONG_PIN = 'That user and PIN do not match.';

/** Checks a person's PIN: with the relay when it answers, else against this till's key vault. */
export async function checkPin(
  login: string,
  pin: string,
  deviceId: string,
): Promise<Result<PinCheck, LoginError>> {
  const online = await loginWithPin(login.trim(), pin, deviceId);
  if (online.ok) {
    const { user, signingKey } = online.value;
    if (!signingKey) return ok({ user, signingKey: '', session: online.value });
    await rememberKey(login, pin, user, signingKey).catch(() => {});
    return ok({ user, signingKey, session: online.value });
  }
  if (online.error.code !== 'offline') return online;
  const local = await unlockKey(login, pin);
  if (local.ok) return ok(local.value);
  return err({
    code: 'bad-credentials',
    message: local.error === 'wrong-pin' ? WRONG_PIN : OFFLINE_UNKNOWN,
  });
}

/** A manager's approval for the next command, valid for a short while (APPROVAL-2). */
export type ManagerApproval = ApprovalGrant & { name: string; role: SessionUser['role'] };

export async function approveWithPin(
  login: string,
  pin: string,
  deviceId: string,
  now = new Date(),
): Promise<Result<ManagerApproval, LoginError>> {
  const r = await checkPin(login, pin, deviceId);
  if (!r.ok) return r;
  const { user, signingKey } = r.value;
  if (!signingKey)
    return err({ code: 'server', message: 'The store server gave no approval key. Try again.' });
  return ok({ userId: user.id, name: user.name, role: user.role, signingKey, at: now.toISOString() });
}

/**
 * A switch of person at the till. Online it is a PIN sign-in. Offline the till keeps its
 * connection's token and signs the new person's commands with their key (USER-2).
 */
export async function switchWithPin(
  login: string,
  pin: string,
  deviceId: string,
  current: Session | undefined,
): Promise<Result<Session, LoginError>> {
  const r = await checkPin(login, pin, deviceId);
  if (!r.ok) return r;
  if (r.value.session) return ok(r.value.session);
  if (!current) return err({ code: 'offline', message: OFFLINE_UNKNOWN });
  return ok({
    token: current.token,
    refreshToken: current.refreshToken,
    expiresAt: current.expiresAt,
    user: r.value.user,
    signingKey: r.value.signingKey,
    tokenUser: current.tokenUser ?? current.user.id,
  });
}
