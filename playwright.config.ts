/**
 * End-to-end tests: Debian's Chromium (browser downloads are impossible here) against a real relay
 * started by `npm start`'s own entry point, on a fresh database with the demo organisation, and
 * the hardware bridge (`npm run bridge`'s entry point) with its twin devices.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.ts';

const port = Number(process.env.LOUPE_E2E_PORT ?? 4391);
const baseURL = `http://127.0.0.1:${port}`;
// Evaluated once in the runner process, which is the one that starts the web server.
const dataDir = process.env.LOUPE_E2E_DATA ?? mkdtempSync(join(tmpdir(), 'loupe-e2e-'));
process.env.LOUPE_E2E_DATA = dataDir;

// The simulated bridge: a fixed port, state under the run's temp dir (it writes its current
// pairing code to <state>/pairing-code for e2e/bridge-twin.ts). No allowed origins are written:
// the app on 127.0.0.1:<any port> is allowed because it serves the Loupe app (BRIDGE-12).
const bridgePort = Number(process.env.LOUPE_E2E_BRIDGE_PORT ?? 4392);
process.env.LOUPE_E2E_BRIDGE_PORT = String(bridgePort);
const bridgeState = join(dataDir, 'bridge');
mkdirSync(bridgeState, { recursive: true });
writeFileSync(join(bridgeState, 'config.json'), JSON.stringify({ hid: false }));

export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    },
  },
  webServer: [
    {
      command: 'node scripts/start.ts',
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        LOUPE_DB: join(dataDir, 'loupe.db'),
        LOUPE_DEMO_PASSWORD: 'loupe-demo',
        // The owner dashboard consolidates New York's dollars into euros (REPORT-7).
        LOUPE_REPORTING_CURRENCY: 'EUR',
        LOUPE_EXCHANGE_RATES: JSON.stringify([{ from: 'USD', to: 'EUR', rate: '0.92', date: '2020-01-01' }]),
      },
    },
    {
      command: 'node hardware-bridge/main.ts',
      url: `http://127.0.0.1:${bridgePort}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        BRIDGE_PORT: String(bridgePort),
        LOUPE_BRIDGE_STATE: bridgeState,
        LOUPE_BRIDGE_SIMULATE: '1',
      },
    },
  ],
});
