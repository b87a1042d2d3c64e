import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  test,
} from '@playwright/test';
import { DEMO_PASSWORD } from '../fixtures.ts';
import { LoginPage } from './LoginPage.ts';
import { SyncBadge } from './SyncBadge.ts';

/**
 * Every till a test opens is its own browser context, and the worker's browser outlives the test:
 * a till left open keeps its socket, syncs every later change of its store and renders it, so a
 * long run gets slower with each test. Tills of earlier tests are closed when a test opens its
 * first one (the worker's last tills go with the browser).
 */
const open: { testId: string; context: BrowserContext }[] = [];

async function closeEarlierTills(): Promise<void> {
  const current = test.info().testId;
  const earlier = open.filter((t) => t.testId !== current);
  for (const t of earlier) {
    await t.context.close().catch(() => undefined);
    open.splice(open.indexOf(t), 1);
  }
}

/** A new till context, closed once a later test opens its own tills. */
export async function newTillContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  await closeEarlierTills();
  const context = await browser.newContext(options);
  open.push({ testId: test.info().testId, context });
  return context;
}

/** A till: its own browser context (own IndexedDB, own device id), signed in and synced. */
export async function openTill(browser: Browser, login: string): Promise<Page> {
  const context = await newTillContext(browser, { viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await new LoginPage(page).signIn(login, DEMO_PASSWORD);
  await new SyncBadge(page).expectSettled();
  return page;
}
