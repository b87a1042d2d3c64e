/**
 * The relay and the devices one test opens, closed after that test: the `afterEach` every test
 * file over a real relay needs, and the signed-in tills it connects. Holds no tests itself (vitest
 * excludes *.support.test.ts).
 */
import { afterEach } from 'vitest';
import * as Y from 'yjs';
import type { CommandType } from '../../domain/commands.ts';
import { command, type PayloadInput } from '../shared/command-builder.ts';
import { connectDevice, type Device } from '../shared/device-client.ts';
import { names } from '../shared/doc-names.ts';
import type { Outcome } from '../shared/docs/outcome.ts';
import { connectAs, demoUser, login, type SessionBody, type TestRelay } from './test-utils.ts';

/** A demo user's till: signed in over HTTP, connected over the websocket. */
export type Till = {
  store: string;
  session: SessionBody;
  device: Device;
  /** Appends a command as this till's user at its store, and waits for the relay's outcome. */
  send<T extends CommandType>(type: T, payload: PayloadInput<T>): Promise<Outcome>;
};

export type Opened = {
  /** The test's relay; set it again after `restart()`, so that the new one is the one cleaned up. */
  relay: TestRelay | undefined;
  /** The test's devices, closed before the relay. */
  readonly devices: Device[];
  /**
   * Connects a device for a signed-in session, closed after the test; with `outbox`, the device
   * brings that outbox (a till that wrote its commands offline, reconnecting).
   */
  connect(r: TestRelay, session: SessionBody, outbox?: Y.Doc): Device;
  /** Signs in the demo `role` of store `storeIndex` (0 Paris, 1 New York) and connects its till. */
  till(r: TestRelay, role: string, storeIndex?: number): Promise<Till>;
};

/**
 * Call once at the top level of a test file: after each of its tests, the devices that test
 * opened are closed, then its relay is destroyed and its temp dir removed.
 */
export function closeAfterEach(): Opened {
  const opened: Opened = {
    relay: undefined,
    devices: [],
    connect(r, session, outbox) {
      const device = outbox
        ? connectDevice({
            url: r.wsUrl,
            token: session.token,
            deviceId: session.device,
            docFor: (name) => (name === names.outbox(session.device) ? outbox : new Y.Doc()),
          })
        : connectAs(r, session);
      opened.devices.push(device);
      return device;
    },
    async till(r, role, storeIndex = 0) {
      const { store, login: user } = demoUser(r, role, storeIndex);
      const session = await login(r, user);
      const device = opened.connect(r, session);
      const send = <T extends CommandType>(type: T, payload: PayloadInput<T>): Promise<Outcome> => {
        const c = command({ store, device: session.device, user: session.user.id }, type, payload);
        device.append(c);
        return device.outcome(c.id);
      };
      return { store, session, device, send };
    },
  };
  afterEach(async () => {
    await Promise.all(opened.devices.splice(0).map((d) => d.close()));
    await opened.relay?.cleanup();
    opened.relay = undefined;
  });
  return opened;
}
