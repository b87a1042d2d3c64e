import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Starts `npm start`'s script on a free port and waits for its banner. */
async function start(env: Record<string, string>): Promise<{ url: string; port: number; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-start-'));
  dirs.push(dir);
  const child = spawn(process.execPath, ['scripts/start.ts'], {
    env: { ...process.env, LOUPE_AUTOBUILD: '0', PORT: '0', LOUPE_DB: join(dir, 'loupe.db'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  child.stderr?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  await expect.poll(() => out, { timeout: 30_000, interval: 100 }).toMatch(/Ready\./);
  const m = /Loupe relay (http:\/\/\S+):(\d+)/.exec(out);
  if (!m) throw new Error(out);
  return { url: `${m[1]}:${m[2]}`, port: Number(m[2]), out };
}

/** The local addresses listening on `port`, from the kernel's own table (Linux). */
function listeners(port: number): string[] {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const rows = ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((f) => {
    try {
      return readFileSync(f, 'utf8').split('\n').slice(1);
    } catch {
      return [];
    }
  });
  return rows
    .map((r) => r.trim().split(/\s+/))
    .filter((c) => c[1]?.endsWith(`:${hex}`) && c[3] === '0A')
    .map((c) => c[1]?.split(':')[0] ?? '');
}

describe('npm start', () => {
  it('SERVE-1: by default it listens on 127.0.0.1 only, where its banner says', async () => {
    const s = await start({ HOST: '' });
    expect(s.url).toBe(`http://127.0.0.1:${s.port}`);
    expect(listeners(s.port)).toEqual(['0100007F']);
    expect(s.out).toMatch(/Only this computer can connect/);
  }, 60_000);

  it('SERVE-1: HOST=0.0.0.0 serves tills on the store network, and says so', async () => {
    const s = await start({ HOST: '0.0.0.0' });
    expect(listeners(s.port)).toContain('00000000');
    expect(s.out).toMatch(/Listening on every interface \(HOST=0\.0\.0\.0\)/);
  }, 60_000);
});
