/**
 * A seeded boutique till in a real browser, shared by the browser benchmarks: the web app built
 * from the working tree into a temp folder (`vite build`), a real relay (`startRelay`: auth,
 * guard, persistence, validator) on 127.0.0.1 with the demo organisation seeded at boutique
 * size, Debian's Chromium through playwright-core, and an associate of the first store signed in
 * through the login form and synced once, so the device's IndexedDB holds its store.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import * as Y from 'yjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.ts';
import { startRelay, type ValidatingRelay } from '../../sync/server/validator/index.ts';
import { names } from '../../sync/shared/doc-names.ts';
import { catalogDoc } from '../../sync/shared/docs/catalog.ts';
import { clientsDoc } from '../../sync/shared/docs/clients.ts';
import { ORG_ROOTS } from '../../sync/shared/docs/org.ts';
import { stockDoc } from '../../sync/shared/docs/stock.ts';
import { type TempDir, tempDir } from '../dataset.ts';
import { scale, sizeFromEnv } from '../stats.ts';

const PASSWORD = 'bench-secret';
const ROOT_DIR = join(dirname(new URL(import.meta.url).pathname), '..', '..');

/** Per store of the demo organisation (two stores; a till holds its own store's catalog). */
export function tillSizes(): { piecesPerStore: number; clientsPerStore: number } {
  return {
    piecesPerStore: sizeFromEnv('BENCH_TILL_PIECES', { default: 6_000, small: 1_200 }),
    clientsPerStore: sizeFromEnv('BENCH_TILL_CLIENTS', { default: 15_000, small: 3_000 }),
  };
}

/** The records the till holds, as plain objects keyed like the documents (the raw baseline). */
export type TillRecords = {
  org: Array<[string, unknown]>;
  pieces: Array<[string, unknown]>;
  clients: Array<[string, unknown]>;
  stock: Array<[string, unknown]>;
};

export type Till = {
  relay: ValidatingRelay;
  browser: Browser;
  context: BrowserContext;
  /** The page that signed in and completed the first sync (still open). */
  page: Page;
  store: string;
  login: string;
  /** Milliseconds: build, relay start with seed, sign-in + first sync; where the app came from. */
  setup: { buildMs: number; relayMs: number; firstSyncMs: number; client: string };
  /** Distinct pieces of the till's store that are in stock (relay's SQL truth), in serial order. */
  inStock: (n: number) => string[];
  records: () => Promise<TillRecords>;
  close: () => Promise<void>;
};

function buildClient(outDir: string): void {
  const require = createRequire(import.meta.url);
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const r = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: ROOT_DIR,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status ?? r.signal})`);
}

async function docRecords(
  relay: ValidatingRelay,
  name: string,
  read: (doc: Y.Doc) => Array<[string, unknown]>,
) {
  const dc = await relay.hocuspocus.openDirectConnection(name, { relay: true, purpose: 'bench-read' });
  try {
    const doc = dc.document;
    if (!doc) throw new Error(`document ${name} did not open`);
    return read(doc);
  } finally {
    await dc.disconnect();
  }
}

const mapEntries = (m: Y.Map<unknown>): Array<[string, unknown]> =>
  [...m.entries()].map(([k, v]) => [k, v instanceof Y.AbstractType ? v.toJSON() : v]);

/** Resolves once every `loupe:*` IndexedDB database of the page holds at least one update row. */
async function persisted(page: Page): Promise<void> {
  await page.waitForFunction(
    async () => {
      const dbs = (await indexedDB.databases()).filter((d) => d.name?.startsWith('loupe:'));
      if (dbs.length < 5) return false;
      const counts = await Promise.all(
        dbs.map(
          (d) =>
            new Promise<number>((resolve) => {
              const req = indexedDB.open(d.name ?? '');
              req.onsuccess = () => {
                const db = req.result;
                if (!db.objectStoreNames.contains('updates')) {
                  db.close();
                  resolve(0);
                  return;
                }
                const c = db.transaction('updates').objectStore('updates').count();
                c.onsuccess = () => {
                  db.close();
                  resolve(c.result);
                };
                c.onerror = () => resolve(0);
              };
              req.onerror = () => resolve(0);
            }),
        ),
      );
      return counts.every((n) => n > 0);
    },
    undefined,
    { polling: 250, timeout: 60_000 },
  );
}

export async function openTill(): Promise<Till> {
  const dir: TempDir = tempDir('loupe-bench-browser-');
  const sizes = tillSizes();
  let t = performance.now();
  // BENCH_CLIENT_DIST: an app built beforehand (e.g. from a clean checkout while the working
  // tree is mid-edit); otherwise the working tree's client is built into the temp folder.
  const prebuilt = process.env.BENCH_CLIENT_DIST;
  const staticDir = prebuilt ?? dir.file('client');
  try {
    if (!prebuilt) buildClient(staticDir);
  } catch (e) {
    dir.remove();
    throw e;
  }
  const buildMs = performance.now() - t;

  t = performance.now();
  const relay = await startRelay({
    port: 0,
    host: '127.0.0.1',
    dbPath: dir.file('loupe.db'),
    staticDir,
    seedDemo: { password: PASSWORD, ...sizes },
    demoHistory: false,
  });
  const relayMs = performance.now() - t;
  let browser: Browser | undefined;
  try {
    const store = relay.demo?.stores[0]?.id;
    const user = relay.demo?.users.find((u) => u.role === 'associate' && u.stores[0] === store);
    if (!store || !user) throw new Error('the demo has no associate in its first store');

    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS],
    });
    const context = await browser.newContext({ baseURL: relay.url, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();

    t = performance.now();
    await page.goto('/');
    await page.getByLabel('User').fill(user.login);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByTestId('current-user').waitFor({ timeout: 30_000 });
    // "Online" once every document completed its first sync and nothing is pending.
    await page.waitForFunction(
      () => document.querySelector('[data-testid="sync-label"]')?.textContent === 'Online',
      undefined,
      { polling: 100, timeout: 150_000 },
    );
    await persisted(page);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const firstSyncMs = performance.now() - t;

    const inStock = (n: number): string[] =>
      (
        relay.db
          .prepare(
            "SELECT serial FROM pieces WHERE store = ? AND status = 'in-stock' ORDER BY serial LIMIT ?",
          )
          .all(store, n) as Array<{ serial: string }>
      ).map((r) => r.serial);

    const records = async (): Promise<TillRecords> => ({
      org: await docRecords(relay, names.org, (d) => [
        ...mapEntries(d.getMap(ORG_ROOTS.stores)),
        ...mapEntries(d.getMap(ORG_ROOTS.staff)),
      ]),
      pieces: await docRecords(relay, names.catalog(store), (d) =>
        mapEntries(d.getMap(catalogDoc.roots.pieces)),
      ),
      clients: await docRecords(relay, names.clients(store), (d) =>
        mapEntries(d.getMap(clientsDoc.roots.clients)),
      ),
      stock: await docRecords(relay, names.stock(store), (d) => {
        const latest = new Map<string, unknown>();
        for (const item of d.getArray(stockDoc.roots.stock).toArray()) {
          const e = item as { key?: unknown; val?: unknown };
          if (typeof e.key === 'string') latest.set(e.key, e.val);
        }
        return [...latest];
      }),
    });

    const b = browser;
    return {
      relay,
      browser: b,
      context,
      page,
      store,
      login: user.login,
      setup: {
        buildMs,
        relayMs,
        firstSyncMs,
        client: prebuilt ? `prebuilt (${prebuilt})` : 'built from the working tree',
      },
      inStock,
      records,
      close: async () => {
        await b.close().catch(() => {});
        await relay.destroy();
        dir.remove();
      },
    };
  } catch (e) {
    await browser?.close().catch(() => {});
    await relay.destroy();
    dir.remove();
    throw e;
  }
}

export const scaleNote = (): string =>
  scale() === 'small'
    ? 'BENCH_SCALE=small: a smaller boutique than the goal is set for; compare ratios, not absolute times.'
    : 'Boutique size.';

/** The machine is shared: the 1-minute load average when the benchmark started, for reading the figures. */
const loadAtStart = loadavg()[0] ?? 0;
export const loadNote = (): string =>
  `Load average (1 min) when the benchmark started: ${loadAtStart.toFixed(2)}; now ${(loadavg()[0] ?? 0).toFixed(2)}.`;
