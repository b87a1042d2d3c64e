/**
 * The till's memory of who may act here with no network (sync/SPEC.md USER-2, USER-4). When a
 * person types their PIN on this till while it is online, the relay hands back their signing key
 * for this device; it is kept here encrypted under that PIN (PBKDF2 → AES-GCM, WebCrypto). With no
 * network, the same PIN unlocks it again: a wrong PIN fails the decryption, and the key signs the
 * person's commands or approvals so the relay can check them when the till reconnects.
 */
import { isPlainObject } from '../../../domain/parse.ts';
import { err, ok, type Result } from '../../../domain/result.ts';
import { fromBase64Url, toBase64Url } from '../../../sync/shared/command-proof.ts';
import { parseSession, type SessionUser } from './session.ts';

const KEY = 'loupe.keyVault';
/** Costly enough to slow guessing a short PIN on a stolen disk; fast enough at the counter. */
const ITERATIONS = 210_000;

type Entry = { user: SessionUser; salt: string; iv: string; wrapped: string };
export type Unlocked = { user: SessionUser; signingKey: string };
export type UnlockError = 'unknown-here' | 'wrong-pin';

const bytes = (s: string) => fromBase64Url(s) as Uint8Array<ArrayBuffer>;

function load(storage: Storage): Record<string, Entry> {
  try {
    const v: unknown = JSON.parse(storage.getItem(KEY) ?? '{}');
    if (!isPlainObject(v)) return {};
    const out: Record<string, Entry> = {};
    for (const [login, e] of Object.entries(v)) {
      if (!isPlainObject(e)) continue;
      const user = parseSession({ token: '', expiresAt: '', user: e.user })?.user;
      if (user && typeof e.salt === 'string' && typeof e.iv === 'string' && typeof e.wrapped === 'string')
        out[login] = { user, salt: e.salt, iv: e.iv, wrapped: e.wrapped };
    }
    return out;
  } catch {
    return {};
  }
}

async function pinKey(pin: string, salt: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: ITERATIONS },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

const normal = (login: string) => login.trim().toLowerCase();

/** After a successful online PIN sign-in or approval: keep the key for offline use. */
export async function rememberKey(
  login: string,
  pin: string,
  user: SessionUser,
  signingKey: string,
  storage: Storage = localStorage,
): Promise<void> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await pinKey(pin, salt);
  const wrapped = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, bytes(signingKey));
  const all = load(storage);
  all[normal(login)] = {
    user,
    salt: toBase64Url(salt),
    iv: toBase64Url(iv),
    wrapped: toBase64Url(new Uint8Array(wrapped)),
  };
  storage.setItem(KEY, JSON.stringify(all));
}

/** With no network: the person and their key, if this PIN is theirs and they used it here before. */
export async function unlockKey(
  login: string,
  pin: string,
  storage: Storage = localStorage,
): Promise<Result<Unlocked, UnlockError>> {
  const entry = load(storage)[normal(login)];
  if (!entry) return err('unknown-here');
  try {
    const key = await pinKey(pin, bytes(entry.salt));
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes(entry.iv) },
      key,
      bytes(entry.wrapped),
    );
    return ok({ user: entry.user, signingKey: toBase64Url(new Uint8Array(plain)) });
  } catch {
    return err('wrong-pin');
  }
}

/** Signing out of the till for good (or a revoked device) forgets every key. */
export const forgetKeys = (storage: Storage = localStorage) => storage.removeItem(KEY);
