import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import sharp from 'sharp';
import { DEMO_PASSWORD, demoUser, pieceInStock } from './fixtures.ts';
import { InventoryPage } from './page-models/InventoryPage.ts';
import { openTill } from './page-models/till.ts';
import { WorkPage } from './page-models/WorkPage.ts';

/** Serious and critical WCAG 2.1 A/AA violations on the page as it is now, in words. */
async function serious(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a11y: no serious or critical violations on Login', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByLabel('User')).toBeVisible();
  expect(await serious(page)).toEqual([]);
});

test('a11y: no serious or critical violations on Inventory and Piece', async ({ browser }) => {
  const till = await openTill(browser, demoUser('associate', 'par', 0).login);
  const inventory = new InventoryPage(till);
  await inventory.open();
  await expect(inventory.rows.first()).toBeVisible();
  expect(await serious(till)).toEqual([]);
  const piece = pieceInStock('par');
  await inventory.search(piece.serial);
  await inventory.openPiece(piece.serial);
  expect(await serious(till)).toEqual([]);
});

test('a11y: no serious or critical violations on Counts and Hardware', async ({ browser }) => {
  const till = await openTill(browser, demoUser('manager', 'par').login);
  await till.getByRole('link', { name: 'Counts' }).click();
  await expect(till.getByRole('heading', { name: 'Stock count' })).toBeVisible();
  expect(await serious(till)).toEqual([]);
  await till.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: 'Hardware' }).click();
  await expect(till.getByRole('heading', { name: 'Hardware', level: 1 })).toBeVisible();
  expect(await serious(till)).toEqual([]);
});

test('a11y: no serious or critical violations on Sell and Conflicts', async ({ browser }) => {
  const till = await openTill(browser, demoUser('manager', 'par').login);
  await till.getByRole('link', { name: 'Sell' }).click();
  await expect(till.getByTestId('scan-input')).toBeVisible();
  const sell = await serious(till);
  await till.getByRole('link', { name: 'Conflicts' }).click();
  await expect(till.getByRole('heading', { level: 1 })).toBeVisible();
  const conflicts = await serious(till);
  expect({ sell, conflicts }).toEqual({ sell: [], conflicts: [] });
});

test('a11y: no serious or critical violations in the back office (ORGUI-5)', async ({ browser }) => {
  const till = await openTill(browser, demoUser('owner').login);
  await till.getByRole('link', { name: 'Back office' }).click();
  const tabs = till.getByRole('navigation', { name: 'Back office' });
  const found: Record<string, string[]> = {};
  for (const [tab, testId] of [
    ['Staff', 'staff-table'],
    ['Stores', 'store-form'],
    ['Roles & rates', 'capabilities'],
    ['Consignment', 'consignments'],
  ] as const) {
    await tabs.getByRole('link', { name: tab }).click();
    await expect(till.getByTestId(testId).first()).toBeVisible();
    found[tab] = await serious(till);
  }
  expect(found).toEqual({ Staff: [], Stores: [], 'Roles & rates': [], Consignment: [] });
});

test('a11y: no serious or critical violations on the work list, repair intake and a job page', async ({
  browser,
}) => {
  const till = await openTill(browser, demoUser('manager', 'par').login);
  const work = new WorkPage(till);
  await work.open();
  const list = await serious(till);
  await till.getByTestId('new-repair').click();
  await expect(till.getByTestId('intake-title')).toBeVisible();
  const intake = await serious(till);
  await work.open();
  const id = await work.intake('repair', {
    client: 'example.com',
    title: 'Silver chain, clasp',
    price: '45',
  });
  await work.openJob(id);
  // A job with a photo (ORDERATT-*): thumbnail, kind and the picker are checked too.
  const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#b9a' } })
    .png()
    .toBuffer();
  await work.attach('clasp.png', photo, 'photo');
  await expect(till.getByTestId('work-attachment-thumb')).toHaveCount(1);
  const job = await serious(till);
  expect({ list, intake, job }).toEqual({ list: [], intake: [], job: [] });
});

test('keyboard: sign in, find a piece and open it with the keyboard alone', async ({ page }) => {
  const piece = pieceInStock('par');
  await page.goto('/');
  await page.getByLabel('User').focus();
  await page.keyboard.type(demoUser('associate', 'par', 0).login);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-user')).toBeVisible();
  await page.getByRole('link', { name: 'Inventory' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pieces')).toBeVisible();
  // Tab reaches the search field, the filters, then the first piece's link; focus is visible.
  await page.getByTestId('inventory-search').focus();
  await page.keyboard.type(piece.serial);
  const link = page.getByRole('link', { name: piece.serial });
  for (let i = 0; i < 12 && !(await link.evaluate((a) => a === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(link).toBeFocused();
  const outline = await link.evaluate((a) => getComputedStyle(a).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('piece-detail')).toHaveAttribute('data-serial', piece.serial);
});

test('/favicon.ico is served on every page', async ({ request }) => {
  for (const path of ['/favicon.ico', '/inventory/../favicon.ico']) {
    const r = await request.get(path);
    expect(r.status(), path).toBe(200);
    expect(r.headers()['content-type']).toBe('image/x-icon');
  }
});
