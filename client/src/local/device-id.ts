/**
 * This browser's device id: a UUIDv7 made once and kept in localStorage. It names the
 * device's outbox (`outbox/<device>`), so it must survive reloads and sign-outs.
 */
import { type DeviceId, isUuid, newDeviceId } from '../../../domain/ids.ts';

const KEY = 'loupe.deviceId';

export function deviceId(storage: Storage = localStorage): DeviceId {
  const existing = storage.getItem(KEY);
  if (existing && isUuid(existing)) return existing as DeviceId;
  const id = newDeviceId();
  storage.setItem(KEY, id);
  return id;
}
