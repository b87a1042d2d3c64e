import { createRoot } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import { closeCodes } from '../../../hardware-bridge/protocol.ts';
import { connectBridge } from './bridge-connection.ts';
import { FakeBridgeSocket } from './fake-bridge-socket.ts';
import { createHardware } from './hardware.ts';

const printer = { id: 'p', kind: 'receipt-printer', name: 'Twin', simulated: true, status: 'ready' } as const;

function setup() {
  localStorage.clear();
  const sockets: FakeBridgeSocket[] = [];
  const fetch = vi.fn(async () => new Response(JSON.stringify({ token: 't1' }), { status: 200 }));
  const hw = createRoot(() =>
    createHardware({
      fetch,
      connect: (o) =>
        connectBridge({
          ...o,
          backoffMs: () => 1,
          log: () => undefined,
          openSocket: (url) => {
            const s = new FakeBridgeSocket(url);
            sockets.push(s);
            return s;
          },
        }),
    }),
  );
  const socket = () => sockets.at(-1) as FakeBridgeSocket;
  return { hw, sockets, socket };
}

describe('the till’s hardware', () => {
  it('unpaired, every device says so in words, and a print is refused without a request', async () => {
    const { hw, sockets } = setup();
    expect(hw.unavailable('receipt-printer')).toMatch(/No hardware bridge is paired/);
    expect(await hw.printReceipt({} as never, true)).toMatchObject({
      ok: false,
      error: /No hardware bridge/,
    });
    expect(sockets).toHaveLength(0);
  });

  it('pairing stores the token and connects; devices become usable once listed; a missing kind says so', async () => {
    const { hw, socket } = setup();
    expect(await hw.pair(4392, '1234 5678')).toMatchObject({ ok: true });
    expect(JSON.parse(localStorage.getItem('loupe.bridge') ?? '{}')).toMatchObject({
      port: 4392,
      token: 't1',
    });
    expect(hw.unavailable('receipt-printer')).toMatch(/not connected/);
    socket().greet();
    await vi.waitFor(() => expect(socket().last('devices.list')).toBeTruthy());
    socket().deliver({ type: 'devices', id: socket().last('devices.list').id, devices: [printer] });
    await vi.waitFor(() => expect(hw.unavailable('receipt-printer')).toBeUndefined());
    expect(hw.unavailable('tag-printer')).toBe('The hardware bridge has no tag printer.');
    socket().deliver({ type: 'device.status', device: { ...printer, status: 'offline' } });
    expect(hw.unavailable('receipt-printer')).toBe('The receipt printer is offline.');
  });

  it('a bridge that forgot the token (4401) unpairs the till and says why', async () => {
    const { hw, socket } = setup();
    await hw.pair(4392, '12345678');
    socket().open();
    socket().drop(closeCodes.unauthorized);
    expect(hw.pairing()).toBeUndefined();
    expect(localStorage.getItem('loupe.bridge')).toBeNull();
    expect(hw.problem()).toMatch(/pair it again/);
  });

  it('scans from the bridge reach listeners; unpairing closes the socket', async () => {
    const { hw, socket } = setup();
    await hw.pair(4392, '12345678');
    socket().greet();
    const seen: string[] = [];
    hw.onScan((s) => seen.push(s.data));
    socket().deliver({
      type: 'scan',
      device: 's',
      symbology: ']C1',
      data: 'LP-001-000001',
      at: '2026-01-02T10:00:00Z',
    });
    expect(seen).toEqual(['LP-001-000001']);
    hw.unpair();
    expect(socket().closedWith).toBe(1000);
    expect(hw.unavailable('scanner')).toMatch(/No hardware bridge is paired/);
  });
});
