import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, pair } from './testing/bridge-client.ts';

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGTERM');
  child = undefined;
});

async function run(env: Record<string, string>): Promise<{ output: () => string; state: string }> {
  const state = await mkdtemp(join(tmpdir(), 'loupe-bridge-main-'));
  child = spawn(process.execPath, [join(import.meta.dirname, 'main.ts')], {
    env: { ...process.env, NODE_OPTIONS: '', BRIDGE_PORT: '0', LOUPE_BRIDGE_STATE: state, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  await expect.poll(() => out, { timeout: 20_000 }).toMatch(/pairing code \d{4} \d{4}/);
  return { output: () => out, state };
}

describe('npm run bridge', () => {
  it('HID-4: starts with no hardware, says "no devices" and prints a pairing code', async () => {
    const { output, state } = await run({});
    expect(output()).toContain('no devices');
    await expect(readFile(join(state, 'pairing-code'), 'utf8')).rejects.toThrow(/ENOENT/);
    expect(output()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
  });

  it('BRIDGE-9: in simulation the printed code pairs an app that can drive the twin scanner', async () => {
    const { output } = await run({ LOUPE_BRIDGE_SIMULATE: '1' });
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(output())?.[1]);
    const code = /pairing code (\d{4} \d{4})/.exec(output())?.[1] ?? '';
    const res = await pair(port, code);
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const c = await connectClient(`ws://127.0.0.1:${port}/?token=${token}`, 'http://localhost:4321');
    expect(await c.request({ type: 'hello', id: 'h', versions: [1] })).toMatchObject({ simulate: true });
    await c.request({ type: 'sim.scan', id: 's', symbology: ']E0', data: '4006381333931' });
    await expect
      .poll(() => c.messages.find((m) => m.type === 'scan'))
      .toMatchObject({ data: '4006381333931' });
    // the next device gets a fresh code
    await expect.poll(() => output().match(/pairing code/g)?.length).toBe(2);
    c.close();
  });

  it('BRIDGE-11: in simulation the current pairing code is also in <state>/pairing-code, renewed after use', async () => {
    const { output, state } = await run({ LOUPE_BRIDGE_SIMULATE: '1' });
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(output())?.[1]);
    const first = (await readFile(join(state, 'pairing-code'), 'utf8')).trim();
    expect(output()).toContain(`pairing code ${first.slice(0, 4)} ${first.slice(4)}`);
    expect((await pair(port, first)).status).toBe(200);
    const next = (await readFile(join(state, 'pairing-code'), 'utf8')).trim();
    expect(next).toMatch(/^\d{8}$/);
    expect(next).not.toBe(first);
    expect((await pair(port, next)).status).toBe(200);
  });
});
