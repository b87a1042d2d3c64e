import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { seriousViolations } from './axe.ts';
import { DEMO_PASSWORD, demoUser, pieceInStock } from './fixtures.ts';
import { areaLink, areasNav, openArea } from './page-models/areas.ts';
import { InventoryPage } from './page-models/InventoryPage.ts';
import { openTill } from './page-models/till.ts';
import { WorkPage } from './page-models/WorkPage.ts';

test('a11y: no serious or critical violations on Login', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByLabel('User')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('a11y: no serious or critical violations on Inventory and Piece', async ({ browser }) => {
  const till = await openTill(browser, demoUser('associate', 'par', 0).login);
  const inventory = new InventoryPage(till);
  await inventory.open();
  await expect(inventory.rows.first()).toBeVisible();
  expect(await seriousViolations(till)).toEqual([]);
  const piece = pieceInStock('par');
  await inventory.search(piece.serial);
  await inventory.openPiece(piece.serial);
  expect(await seriousViolations(till)).toEqual([]);
});

test('a11y: no serious or critical violations on Counts and Hardware', async ({ browser }) => {
  const till = await openTill(browser, demoUser('manager', 'par').login);
  await openArea(till, 'Counts');
  await expect(till.getByRole('heading', { name: 'Stock count' })).toBeVisible();
  expect(await seriousViolations(till)).toEqual([]);
  await openArea(till, 'Hardware');
  await expect(till.getByRole('heading', { name: 'Hardware', level: 1 })).toBeVisible();
  expect(await seriousViolations(till)).toEqual([]);
});

test('a11y: no serious or critical violations on Sell and Conflicts', async ({ browser }) => {
  const till = await openTill(browser, demoUser('manager', 'par').login);
  await openArea(till, 'Sell');
  await expect(till.getByTestId('scan-input')).toBeVisible();
  const sell = await seriousViolations(till);
  await openArea(till, 'Conflicts');
  await expect(till.getByRole('heading', { level: 1 })).toBeVisible();
  const conflicts = await seriousViolations(till);
  expect({ sell, conflicts }).toEqual({ sell: [], conflicts: [] });
});

test('a11y: no serious or critical violations in the back office (ORGUI-5)', async ({ browser }) => {
  const till = await openTill(browser, demoUser('owner').login);
  await openArea(till, 'Back office');
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
    found[tab] = await seriousViolations(till);
  }
  expect(found).toEqual({ Staff: [], Stores: [], 'Roles & rates': [], Consignment: [] });
});

test('a11y: no serious or critical violations on the work list, repair intake and a job page', async ({
  browser,
}) => {
  const till = await openTill(browser, demoUser('manager', 'par').login);
  const work = new WorkPage(till);
  await work.open();
  const list = await seriousViolations(till);
  await till.getByTestId('new-repair').click();
  await expect(till.getByTestId('intake-title')).toBeVisible();
  const intake = await seriousViolations(till);
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
  const job = await seriousViolations(till);
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

test('NAV-1…3: the owner’s areas fit in groups; a group opens, moves and closes from the keyboard', async ({
  browser,
}) => {
  const till = await openTill(browser, demoUser('owner').login);
  const nav = areasNav(till);
  for (const size of [
    { width: 1366, height: 900 },
    { width: 820, height: 1180 },
  ]) {
    await till.setViewportSize(size);
    // One line: every top item shares the first one's row.
    const tops = await nav
      .locator('.area-groups > li')
      .evaluateAll((items) => items.map((i) => Math.round(i.getBoundingClientRect().top)));
    await till.screenshot({ path: test.info().outputPath(`topbar-${size.width}.png`) });
    // Nothing of the bar runs off the screen.
    const right = await till
      .locator('header.topbar *')
      .evaluateAll((els) => Math.max(...els.map((e) => e.getBoundingClientRect().right)));
    expect(right, JSON.stringify(size)).toBeLessThanOrEqual(size.width);
    // Items 44 px high at least: tops less than half a row apart are one line.
    expect(Math.max(...tops) - Math.min(...tops), `${JSON.stringify(size)} ${tops}`).toBeLessThan(22);
  }
  const office = nav.getByRole('button', { name: /^Office/ });
  await expect(office).toHaveAttribute('aria-expanded', 'false');
  await office.focus();
  await till.keyboard.press('ArrowDown');
  await expect(office).toHaveAttribute('aria-expanded', 'true');
  await expect(nav.getByRole('link', { name: 'Back office', exact: true })).toBeFocused();
  await till.keyboard.press('ArrowDown');
  await expect(nav.getByRole('link', { name: 'Reports', exact: true })).toBeFocused();
  await till.keyboard.press('End');
  await expect(nav.getByRole('link', { name: 'Hardware', exact: true })).toBeFocused();
  await till.keyboard.press('Escape');
  await expect(office).toHaveAttribute('aria-expanded', 'false');
  await expect(office).toBeFocused();
  // ↑ opens on the last link and moves up; Enter goes there; the group then says which area is shown.
  await till.keyboard.press('ArrowUp');
  await expect(nav.getByRole('link', { name: 'Hardware', exact: true })).toBeFocused();
  await till.keyboard.press('ArrowUp');
  await expect(nav.getByRole('link', { name: 'Conflicts', exact: true })).toBeFocused();
  await till.keyboard.press('Enter');
  await expect(till.getByRole('heading', { name: 'Conflicts', level: 1 })).toBeVisible();
  await expect(office).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('button', { name: /^Office\W+now: Conflicts$/ })).toBeVisible();
  expect(await seriousViolations(till)).toEqual([]);
  // Roles keep their areas: an associate has no Office group, only Hardware.
  const associate = await openTill(browser, demoUser('associate', 'par', 0).login);
  await expect(areaLink(associate, 'Reports')).toHaveCount(0);
  await expect(areaLink(associate, 'Hardware')).toBeVisible();
});
