/**
 * Signing keys per person and device (USER-*): the secret a device uses to prove, even offline,
 * that a person wrote a command on it or approved one. One key per (user, device), made at the
 * first sign-in there and handed back at every sign-in; revoked with the device.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { newSigningKey } from '../shared/command-proof.ts';

export class DeviceKeys {
  readonly #find: StatementSync;
  readonly #insert: StatementSync;
  readonly #revokeDevice: StatementSync;

  constructor(db: DatabaseSync) {
    this.#find = db.prepare(
      'SELECT secret FROM device_keys WHERE user_id = ? AND device_id = ? AND revoked_at IS NULL',
    );
    this.#insert = db.prepare(
      `INSERT INTO device_keys (user_id, device_id, secret, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (user_id, device_id) DO UPDATE SET secret = excluded.secret,
         created_at = excluded.created_at, revoked_at = NULL
       WHERE device_keys.revoked_at IS NOT NULL`,
    );
    this.#revokeDevice = db.prepare(
      'UPDATE device_keys SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL',
    );
  }

  /** The live key of this person on this device, if any. */
  find(user: string, device: string): string | undefined {
    return (this.#find.get(user, device) as { secret: string } | undefined)?.secret;
  }

  /** The key to hand out at sign-in: the existing one, or a new one (a revoked one is replaced). */
  issue(user: string, device: string, now = Date.now()): string {
    const existing = this.find(user, device);
    if (existing) return existing;
    this.#insert.run(user, device, newSigningKey(), new Date(now).toISOString());
    const made = this.find(user, device);
    if (!made) throw new Error(`device key for ${user} on ${device} was not stored`);
    return made;
  }

  revokeDevice(device: string, now = Date.now()): void {
    this.#revokeDevice.run(new Date(now).toISOString(), device);
  }
}
