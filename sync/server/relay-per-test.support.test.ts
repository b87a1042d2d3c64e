/**
 * The relay and the devices one test opens, closed after that test (or one relay for a whole
 * file): the hooks every test file over a real relay needs, and the signed-in tills it connects.
 * Holds no tests itself (vitest excludes *.support.test.ts).
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
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

/** The devices a test opens, closed after it, and the ways it opens them. */
export type TestDevices = {
  /** The test's devices, closed after it (before its relay). */
  readonly devices: Device[];
  /**
   * Connects a device for a signed-in session, closed after the test; with `outbox`, the device
   * brings that outbox (a till that wrote its commands offline, reconnecting).
   */
  connect(r: TestRelay, session: Pick<SessionBody, 'token' | 'device'>, outbox?: Y.Doc): Device;
  /** Signs in the demo `role` of store `storeIndex` (0 Paris, 1 New York) and connects its till. */
  till(r: TestRelay, role: string, storeIndex?: number): Promise<Till>;
};

export type Opened = TestDevices & {
  /** The test's relay; set it again after `restart()`, so that the new one is the one cleaned up. */
  relay: TestRelay | undefined;
};

function testDevices(): TestDevices {
  const devices: Device[] = [];
  const connect = (r: TestRelay, session: Pick<SessionBody, 'token' | 'device'>, outbox?: Y.Doc): Device => {
    const device = outbox
      ? connectDevice({
          url: r.wsUrl,
          token: session.token,
          deviceId: session.device,
          docFor: (name) => (name === names.outbox(session.device) ? outbox : new Y.Doc()),
        })
      : connectAs(r, session);
    devices.push(device);
    return device;
  };
  const till = async (r: TestRelay, role: string, storeIndex = 0): Promise<Till> => {
    const { store, login: user } = demoUser(r, role, storeIndex);
    const session = await login(r, user);
    const device = connect(r, session);
    const send = <T extends CommandType>(type: T, payload: PayloadInput<T>): Promise<Outcome> => {
      const c = command({ store, device: session.device, user: session.user.id }, type, payload);
      device.append(c);
      return device.outcome(c.id);
    };
    return { store, session, device, send };
  };
  return { devices, connect, till };
}

const closeAll = (devices: Device[]) => Promise.all(devices.splice(0).map((d) => d.close()));

/**
 * Call once at the top level of a test file: after each of its tests, the devices that test
 * opened are closed, then its relay is destroyed and its temp dir removed.
 */
export function closeAfterEach(): Opened {
  const opened: Opened = { ...testDevices(), relay: undefined };
  afterEach(async () => {
    await closeAll(opened.devices);
    await opened.relay?.cleanup();
    opened.relay = undefined;
  });
  return opened;
}

/**
 * Call once at the top level of a test file whose tests share one relay: `start` runs before the
 * first test and the relay is destroyed after the last; each test's devices are closed after it.
 */
export function relayPerFile(start: () => Promise<TestRelay>): TestDevices & { readonly relay: TestRelay } {
  let relay: TestRelay | undefined;
  const shared = testDevices();
  beforeAll(async () => {
    relay = await start();
  });
  afterEach(() => closeAll(shared.devices));
  afterAll(async () => relay?.cleanup());
  return {
    ...shared,
    get relay(): TestRelay {
      if (!relay) throw new Error('the relay starts before the first test (beforeAll)');
      return relay;
    },
  };
}
