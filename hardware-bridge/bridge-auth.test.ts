import { mkdtemp, readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeCodes } from './close-codes.ts';
import { emptyDevices } from './device-set.ts';
import { Pairing } from './pairing.ts';
import { type RunningBridge, startBridge } from './server.ts';
import { connectClient, pair } from './testing/bridge-client.ts';

const APP = 'http://localhost:4321';
let bridge: RunningBridge | undefined;
afterEach(async () => {
  await bridge?.close();
  bridge = undefined;
});

async function start(now: () => number = Date.now) {
  const stateDir = await mkdtemp(join(tmpdir(), 'loupe-bridge-'));
  const pairing = await Pairing.open({ stateDir, now });
  const { code } = pairing.newCode();
  bridge = await startBridge({ port: 0, allowedOrigins: [APP], pairing, devices: emptyDevices() });
  return { port: bridge.port, code, stateDir, pairing, url: `ws://127.0.0.1:${bridge.port}/` };
}

describe('pairing', () => {
  it('BRIDGE-3: the console code buys a token, and only its hash is stored', async () => {
    const b = await start();
    const res = await pair(b.port, `${b.code.slice(0, 4)} ${b.code.slice(4)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    const { token } = (await res.json()) as { token: string };
    expect(token.length).toBeGreaterThanOrEqual(40);
    const stored = await readFile(join(b.stateDir, 'tokens.json'), 'utf8');
    expect(stored).not.toContain(token);
    expect(b.pairing.verify(token)).toBe(true);
    expect((await Pairing.open({ stateDir: b.stateDir })).verify(token)).toBe(true);
  });

  it('BRIDGE-4: a used pairing code is refused', async () => {
    const b = await start();
    expect((await pair(b.port, b.code)).status).toBe(200);
    const again = await pair(b.port, b.code);
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ error: 'invalid-code' });
  });

  it('BRIDGE-4: an expired pairing code is refused', async () => {
    let now = 1_000_000;
    const b = await start(() => now);
    now += 10 * 60_000 + 1;
    const res = await pair(b.port, b.code);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'expired-code' });
  });

  it('BRIDGE-4: five wrong guesses burn the code', async () => {
    const b = await start();
    const wrong = String((Number(b.code) + 1) % 10 ** 8).padStart(8, '0');
    for (let i = 0; i < 5; i++) expect((await pair(b.port, wrong)).status).toBe(401);
    expect((await pair(b.port, b.code)).status).toBe(401);
  });

  it('BRIDGE-4: pairing from a foreign Origin is refused even with the right code', async () => {
    const b = await start();
    expect((await pair(b.port, b.code, 'https://evil.example')).status).toBe(403);
    expect((await pair(b.port, b.code)).status).toBe(200);
  });

  it('BRIDGE-1: the bridge listens on the loopback address only', async () => {
    await start();
    expect(bridge?.address).toBe('127.0.0.1');
  });

  it('BRIDGE-1: a request naming another Host (DNS rebinding) is refused', async () => {
    const b = await start();
    // fetch will not forge Host, so use node:http as a rebinding page's request would arrive.
    const status = await new Promise<number | undefined>((resolve, reject) =>
      request(
        { host: '127.0.0.1', port: b.port, path: '/health', headers: { host: 'evil.example:4330' } },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      )
        .on('error', reject)
        .end(),
    );
    expect(status).toBe(403);
    expect((await fetch(`http://127.0.0.1:${b.port}/health`)).status).toBe(200);
  });
});

describe('websocket admission', () => {
  async function paired() {
    const b = await start();
    const { token } = (await (await pair(b.port, b.code)).json()) as { token: string };
    return { ...b, token };
  }

  it('BRIDGE-5: no token is refused with 4401', async () => {
    const b = await paired();
    const c = await connectClient(b.url, APP);
    await expect.poll(() => c.closeCode()).toBe(closeCodes.unauthorized);
  });

  it('BRIDGE-5: a wrong token is refused with 4401', async () => {
    const b = await paired();
    const c = await connectClient(`${b.url}?token=${b.token.slice(1)}x`, APP);
    await expect.poll(() => c.closeCode()).toBe(closeCodes.unauthorized);
  });

  it('BRIDGE-2: a foreign Origin is refused with 4403, even with a valid token', async () => {
    const b = await paired();
    const c = await connectClient(`${b.url}?token=${b.token}`, 'https://evil.example');
    await expect.poll(() => c.closeCode()).toBe(closeCodes.forbiddenOrigin);
  });

  it('BRIDGE-2: a connection without Origin is refused with 4403', async () => {
    const b = await paired();
    const c = await connectClient(`${b.url}?token=${b.token}`, undefined);
    await expect.poll(() => c.closeCode()).toBe(closeCodes.forbiddenOrigin);
  });

  it('BRIDGE-5: the paired app from an allowed Origin is welcomed', async () => {
    const b = await paired();
    const c = await connectClient(`${b.url}?token=${b.token}`, APP);
    expect(await c.request({ type: 'hello', id: 'h', versions: [1] })).toMatchObject({
      type: 'welcome',
      version: 1,
    });
    expect(c.closeCode()).toBeUndefined();
    c.close();
  });
});
