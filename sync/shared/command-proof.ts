/**
 * Proofs that travel with a command (sync/SPEC.md USER-*), for the browser and Node alike.
 *
 * Every person who signs in on a device gets a signing key bound to that person and that device
 * (`signingKey` in the login answer; the relay keeps the same secret). With it the device proves,
 * even offline, that a command was written by that person (`signature`), or that a manager
 * approved it (`approval.sig`). Both are HMAC-SHA256 over the command's canonical JSON, so the
 * relay recomputes them byte for byte; a changed payload, user, store or time breaks them.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalJson } from '../../domain/canonical-json.ts';

/** The parts of a command a proof covers: everything but the proofs themselves. */
type Provable = {
  readonly id: string;
  readonly type: string;
  readonly store: string;
  readonly device: string;
  readonly user: string;
  readonly at: string;
  readonly payload: unknown;
};
export type ApprovalProof = { readonly by: string; readonly at: string; readonly sig: string };

const text = new TextEncoder();

const covered = (c: Provable) =>
  canonicalJson({
    id: c.id,
    type: c.type,
    store: c.store,
    device: c.device,
    user: c.user,
    at: c.at,
    payload: c.payload,
  });

function mac(key: string, message: string): string {
  return toBase64Url(hmac(sha256, fromBase64Url(key), text.encode(message)));
}

/** The writer's proof: `user` wrote this command on `device`. */
export function commandSignature(command: Provable, key: string): string {
  return mac(key, `loupe-command-v1\n${covered(command)}`);
}

/** A manager's approval of exactly this command, made with the manager's key for this device. */
export function approveCommand(command: Provable, by: string, key: string, at: string): ApprovalProof {
  return { by, at, sig: mac(key, `loupe-approval-v1\n${by}\n${at}\n${covered(command)}`) };
}

export function verifyCommandSignature(command: Provable, signature: string, key: string): boolean {
  return equal(commandSignature(command, key), signature);
}

export function verifyApproval(command: Provable, approval: ApprovalProof, key: string): boolean {
  return equal(approveCommand(command, approval.by, key, approval.at).sig, approval.sig);
}

/** A fresh 256-bit key, base64url (the relay makes them; tests too). */
export function newSigningKey(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Compares two proofs without an early exit on the first differing character. */
function equal(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(s: string): Uint8Array {
  const binary = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
