import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackOrigin, originCheck, servesLoupeApp } from './app-origin.ts';
import { closeCodes } from './close-codes.ts';
import { loadConfig } from './config.ts';
import { emptyDevices } from './device-set.ts';
import { Pairing } from './pairing.ts';
import { type RunningBridge, startBridge } from './server.ts';
import { connectClient, pair } from './testing/bridge-client.ts';

const servers: Server[] = [];
let bridge: RunningBridge | undefined;
afterEach(async () => {
  await bridge?.close();
  bridge = undefined;
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A web app on a random loopback port: Loupe's manifest, or another site's. */
async function app(name: string): Promise<string> {
  const s = createServer((req, res) => {
    if (req.url === '/manifest.webmanifest') res.writeHead(200).end(JSON.stringify({ name }));
    else res.writeHead(404).end();
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

async function start() {
  const stateDir = await mkdtemp(join(tmpdir(), 'loupe-bridge-'));
  const pairing = await Pairing.open({ stateDir });
  const { code } = pairing.newCode();
  // Only the default app origins are configured: no config file written by hand.
  bridge = await startBridge({
    port: 0,
    allowedOrigins: ['http://localhost:4321', 'http://127.0.0.1:4321'],
    pairing,
    devices: emptyDevices(),
  });
  return { port: bridge.port, code, pairing };
}

describe('the app origin, whatever its port (BRIDGE-12)', () => {
  it('BRIDGE-12: a loopback origin serving the Loupe app pairs and connects without a config file', async () => {
    const origin = await app('Loupe');
    const b = await start();
    const res = await pair(b.port, b.code, origin);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    const { token } = (await res.json()) as { token: string };
    const c = await connectClient(`ws://127.0.0.1:${b.port}/?token=${token}`, origin);
    expect(await c.request({ type: 'hello', id: 'h1', versions: [1] })).toMatchObject({ type: 'welcome' });
    c.close();
  });

  it('BRIDGE-2, BRIDGE-12: another local site, a remote site and look-alike origins are still refused', async () => {
    const other = await app('Something else');
    const b = await start();
    for (const origin of [other, 'http://evil.example', 'http://127.0.0.1.evil.example:4321', 'null']) {
      const res = await pair(b.port, b.code, origin);
      expect(res.status, origin).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    const c = await connectClient(`ws://127.0.0.1:${b.port}/?token=x`, other);
    await expect.poll(() => c.closeCode()).toBe(closeCodes.forbiddenOrigin);
  });

  it('BRIDGE-12: only exact loopback origins are asked, and the answer must name Loupe', async () => {
    expect(isLoopbackOrigin('http://localhost:8080')).toBe(true);
    expect(isLoopbackOrigin('http://[::1]:4321')).toBe(true);
    for (const o of [
      'https://localhost:8080',
      'http://localhost:8080/x',
      'http://user@localhost:1',
      'http://10.0.0.2:4321',
    ])
      expect(isLoopbackOrigin(o), o).toBe(false);
    expect(await servesLoupeApp(await app('Loupe'))).toBe(true);
    expect(await servesLoupeApp(await app('Loupe2'))).toBe(false);
    let asked = 0;
    const check = originCheck([], async () => {
      asked += 1;
      return true;
    });
    expect(await check('http://localhost:9')).toBe(true);
    expect(await check('http://localhost:9')).toBe(true);
    expect(await check('http://evil.example')).toBe(false);
    expect(asked).toBe(1);
  });

  it('BRIDGE-12: LOUPE_APP_ORIGIN adds the origin of an app served on the store network', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loupe-bridge-'));
    const c = await loadConfig({
      LOUPE_BRIDGE_STATE: dir,
      LOUPE_APP_ORIGIN: 'http://192.168.1.10:4321, http://till-2.local:8080',
    });
    expect(c.ok && c.value.allowedOrigins).toEqual([
      'http://localhost:4321',
      'http://127.0.0.1:4321',
      'http://192.168.1.10:4321',
      'http://till-2.local:8080',
    ]);
    const bad = await loadConfig({ LOUPE_BRIDGE_STATE: dir, LOUPE_APP_ORIGIN: 'http://x/path' });
    expect(bad.ok ? null : bad.error.path).toBe('LOUPE_APP_ORIGIN');
  });
});
