import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../../sync/shared/device-storage.ts';
import { createDevice } from './device.ts';

// The device client itself is tested against a real relay (sync/server/device-contract.test.ts);
// here only its Solid binding: documents, sync flags and socket status as signals.
describe('the till’s device (Solid binding over connectDevice)', () => {
  it('opens documents once, lists them, and reports the socket as signals', async () => {
    await createRoot(async (dispose) => {
      const device = createDevice({
        url: 'ws://127.0.0.1:9/',
        token: () => 't',
        deviceId: 'd',
        storage: memoryStorage(),
      });
      const clients = device.open('clients/s');
      expect(device.open('clients/s')).toBe(clients);
      device.open('stock/s');
      expect(device.docs().map((d) => d.name)).toEqual(['clients/s', 'stock/s']);
      await clients.loaded;
      expect(clients.synced()).toBe(false);
      expect(device.socket()).not.toBe('connected');
      dispatchEvent(new Event('offline'));
      expect(device.socket()).toBe('disconnected');
      expect(device.authFailed()).toBeUndefined();
      device.destroy();
      expect(device.docs()).toEqual([]);
      dispose();
    });
  });
});
