/**
 * The relay and the devices one test opens, closed after that test: the `afterEach` every test
 * file over a real relay needs. Holds no tests itself (vitest excludes *.support.test.ts).
 */
import { afterEach } from 'vitest';
import type { Device } from '../shared/device-client.ts';
import type { TestRelay } from './test-utils.ts';

export type Opened = {
  /** The test's relay; set it again after `restart()`, so that the new one is the one cleaned up. */
  relay: TestRelay | undefined;
  /** The test's devices, closed before the relay. */
  readonly devices: Device[];
};

/**
 * Call once at the top level of a test file: after each of its tests, the devices that test
 * pushed are closed, then its relay is destroyed and its temp dir removed.
 */
export function closeAfterEach(): Opened {
  const opened: Opened = { relay: undefined, devices: [] };
  afterEach(async () => {
    await Promise.all(opened.devices.splice(0).map((d) => d.close()));
    await opened.relay?.cleanup();
    opened.relay = undefined;
  });
  return opened;
}
