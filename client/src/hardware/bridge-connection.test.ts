import { describe, expect, it, vi } from 'vitest';
import { closeCodes, type DeviceInfo } from '../../../hardware-bridge/protocol.ts';
import { type ConnectionOptions, connectBridge } from './bridge-connection.ts';
import { FakeBridgeSocket } from './fake-bridge-socket.ts';

const printer: DeviceInfo = {
  id: 'sim-receipt',
  kind: 'receipt-printer',
  name: 'Receipt twin',
  simulated: true,
  status: 'ready',
};

function setup(extra: Partial<ConnectionOptions> = {}) {
  const sockets: FakeBridgeSocket[] = [];
  const log = vi.fn();
  const conn = connectBridge({
    port: 4392,
    token: 'tok/en',
    openSocket: (url) => {
      const s = new FakeBridgeSocket(url);
      sockets.push(s);
      return s;
    },
    backoffMs: () => 1,
    log,
    ...extra,
  });
  const socket = () => {
    const s = sockets.at(-1);
    if (!s) throw new Error('no socket yet');
    return s;
  };
  /** Open, welcome, and answer the device list. */
  const ready = async (devices: DeviceInfo[] = [printer]) => {
    socket().greet();
    await vi.waitFor(() => expect(socket().last('devices.list')).toBeTruthy());
    socket().deliver({ type: 'devices', id: socket().last('devices.list').id, devices });
    await vi.waitFor(() => expect(conn.view.devices).toHaveLength(devices.length));
  };
  return { conn, sockets, socket, ready, log };
}

describe('bridge connection', () => {
  it('says hello with the token in the URL, then lists devices into the store', async () => {
    const { conn, socket, ready } = setup();
    expect(socket().url).toBe('ws://127.0.0.1:4392/?token=tok%2Fen');
    expect(conn.view.link).toBe('connecting');
    await ready();
    expect(socket().last('hello')).toMatchObject({ versions: [1] });
    expect(conn.view).toMatchObject({ link: 'ready', bridgeVersion: '0.1.0', devices: [printer] });
  });

  it('pairs replies with requests by id, errors included, whatever the order', async () => {
    const { conn, socket, ready } = setup();
    await ready();
    const a = conn.request({ type: 'drawer.open' });
    const b = conn.request({ type: 'print.tags', tags: [] });
    const [ida, idb] = [socket().last('drawer.open').id, socket().last('print.tags').id];
    expect(ida).not.toBe(idb);
    socket().deliver({ type: 'error', id: idb, code: 'no-device', message: 'no tag printer' });
    socket().deliver({ type: 'done', id: ida });
    expect(await a).toEqual({ ok: true, value: { type: 'done', id: ida } });
    expect(await b).toEqual({ ok: false, error: { code: 'no-device', message: 'no tag printer' } });
  });

  it('BRIDGE-10: a malformed message is logged and ignored; the connection keeps serving', async () => {
    const { conn, socket, ready, log } = setup();
    await ready();
    const scans: string[] = [];
    conn.onScan((s) => scans.push(s.data));
    socket().deliver('{not json');
    socket().deliver({ type: 'scan', device: 'x', symbology: ']E0', data: 'LP-001-000001', at: 'yesterday' });
    socket().deliver({ type: 'devices', devices: [{ ...printer, kind: 'toaster' }] });
    socket().deliver({ type: 'launch.missiles' });
    expect(log).toHaveBeenCalledTimes(4);
    expect(conn.view.devices).toEqual([printer]);
    socket().deliver({
      type: 'scan',
      device: 'x',
      symbology: ']C1',
      data: 'LP-001-000002',
      at: '2026-01-02T10:00:00Z',
    });
    expect(scans).toEqual(['LP-001-000002']);
    expect(conn.view.link).toBe('ready');
  });

  it('a device.status event updates that device in the store', async () => {
    const { conn, socket, ready } = setup();
    await ready();
    socket().deliver({ type: 'device.status', device: { ...printer, status: 'offline' } });
    expect(conn.view.devices).toEqual([{ ...printer, status: 'offline' }]);
  });

  it('requests before the welcome, or after a drop, fail as not-connected instead of hanging', async () => {
    const { conn, socket, ready } = setup();
    expect(await conn.request({ type: 'drawer.open' })).toMatchObject({
      ok: false,
      error: { code: 'not-connected' },
    });
    await ready();
    const waiting = conn.request({ type: 'drawer.open' });
    socket().drop(1006);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'not-connected' } });
  });

  it('reconnects with backoff after a drop or a bridge restart (1001), and greets again', async () => {
    const backoff = vi.fn((_attempt: number) => 1);
    const { conn, sockets, socket, ready } = setup({ backoffMs: backoff });
    await ready();
    socket().drop(closeCodes.goingAway);
    expect(conn.view.link).toBe('retrying');
    await vi.waitFor(() => expect(sockets).toHaveLength(2));
    socket().drop(1006); // still down
    await vi.waitFor(() => expect(sockets).toHaveLength(3));
    expect(backoff.mock.calls.map((c) => c[0])).toEqual([0, 1]);
    await ready();
    expect(conn.view.link).toBe('ready');
    expect(conn.view.attempt).toBe(0);
  });

  it('4401 forgets the pairing and stops; 4403 and 4406 stop without retrying', async () => {
    for (const [code, link] of [
      [closeCodes.unauthorized, 'unauthorized'],
      [closeCodes.forbiddenOrigin, 'forbidden-origin'],
      [closeCodes.unsupportedVersion, 'unsupported-version'],
    ] as const) {
      const onUnauthorized = vi.fn();
      const { conn, sockets, socket } = setup({ onUnauthorized });
      socket().open();
      socket().drop(code);
      expect(conn.view.link).toBe(link);
      expect(onUnauthorized).toHaveBeenCalledTimes(code === closeCodes.unauthorized ? 1 : 0);
      expect(sockets).toHaveLength(1);
    }
  });

  it('a request the bridge never answers times out', async () => {
    const { conn, ready } = setup();
    await ready();
    expect(await conn.request({ type: 'rfid.stop' }, { timeoutMs: 5 })).toMatchObject({
      ok: false,
      error: { code: 'timeout' },
    });
  });

  it('close() stops reconnecting', async () => {
    const { conn, sockets, socket, ready } = setup();
    await ready();
    conn.close();
    expect(socket().closedWith).toBe(1000);
    expect(conn.view.link).toBe('closed');
    expect(sockets).toHaveLength(1);
  });
});
