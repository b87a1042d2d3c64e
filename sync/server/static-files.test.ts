import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRelay, type TestRelay } from './test-utils.ts';

let relay: TestRelay;
beforeAll(async () => {
  const build = mkdtempSync(join(tmpdir(), 'loupe-build-'));
  mkdirSync(join(build, 'assets'));
  writeFileSync(join(build, 'index.html'), '<!doctype html><title>Loupe app</title>');
  writeFileSync(join(build, 'assets', 'app-1234.js'), 'console.log("loupe")');
  relay = await startTestRelay({ staticDir: build, seedDemo: false });
});
afterAll(async () => relay.cleanup());

describe('web app serving', () => {
  it('HTTP-3: deep links fall back to index.html; assets are served with their type', async () => {
    const page = await fetch(`${relay.url}/clients/0191fa38-78f1-7da7-80c9-12e04e8ee28a`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Loupe app');
    const asset = await fetch(`${relay.url}/assets/app-1234.js`);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(await asset.text()).toContain('loupe');
    expect((await fetch(`${relay.url}/assets/missing.js`)).status).toBe(404);
  });

  it('HTTP-4: a path escaping the build folder never serves files outside it', async () => {
    const res = await fetch(`${relay.url}/%2e%2e/%2e%2e/%2e%2e/etc/passwd`);
    expect(await res.text()).not.toContain('root:');
  });
});
