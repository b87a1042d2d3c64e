import type { Browser, Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../fixtures.ts';
import { LoginPage } from './LoginPage.ts';
import { SyncBadge } from './SyncBadge.ts';

/** A till: its own browser context (own IndexedDB, own device id), signed in and synced. */
export async function openTill(browser: Browser, login: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await new LoginPage(page).signIn(login, DEMO_PASSWORD);
  await new SyncBadge(page).expectSettled();
  return page;
}
