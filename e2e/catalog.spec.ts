import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, demoUser, pieceInStock } from './fixtures.ts';
import { openArea } from './page-models/areas.ts';
import { InventoryPage } from './page-models/InventoryPage.ts';
import { LoginPage } from './page-models/LoginPage.ts';
import { newTillContext, openTill } from './page-models/till.ts';

const NOISE = /\d[.,]\d{4,}/; // 1.4300000000000002, 3.2199999

test('UNIT-1: stone and metal weights are exact decimals in Inventory and on the piece page', async ({
  browser,
}) => {
  const till = await openTill(browser, demoUser('associate', 'par', 0).login);
  const inventory = new InventoryPage(till);
  await inventory.open();
  await expect(inventory.rows.first()).toBeVisible();
  const stones = await till.getByTestId('piece-stones').allTextContents();
  expect(stones.join(' ')).toMatch(/\d\.\d{2} ct/);
  for (const s of stones) expect(s).not.toMatch(NOISE);

  const piece = pieceInStock('par');
  await inventory.search(piece.serial);
  await inventory.openPiece(piece.serial);
  await expect(till.getByTestId('piece-weight')).toHaveText(/^\d+\.\d{2,3} g$/);
  expect(await till.getByTestId('piece-detail').textContent()).not.toMatch(NOISE);
});

test('PIECE-5: karats list gold only; platinum and silver are shown and filtered by fineness', async ({
  browser,
}) => {
  const till = await openTill(browser, demoUser('associate', 'par', 0).login);
  const inventory = new InventoryPage(till);
  await inventory.open();
  const purity = till.getByTestId('filter-purity');
  const karats = await purity.locator('optgroup[label="Gold (karat)"] option').allTextContents();
  expect(karats.length).toBeGreaterThan(0);
  for (const k of karats) expect(k).toMatch(/^\d{1,2}k$/);
  const fineness = await purity.locator('optgroup[label="Fineness (‰)"] option').allTextContents();
  expect(fineness).toEqual(expect.arrayContaining(['925 ‰', '950 ‰']));
  expect([...karats, ...fineness]).not.toContain('904');

  await purity.selectOption('950 ‰');
  await expect(inventory.rows.first()).toBeVisible();
  for (const metal of await till.getByTestId('piece-metal').allTextContents())
    expect(metal).toBe('platinum · 950 ‰');
  await purity.selectOption('18k');
  for (const metal of await till.getByTestId('piece-metal').allTextContents())
    expect(metal).toMatch(/gold · 18k$/);
});

test('Inventory at tablet width: the price column is whole, inside the page', async ({ browser }) => {
  const till = await openTill(browser, demoUser('associate', 'par', 0).login);
  const inventory = new InventoryPage(till);
  for (const [width, height] of [
    [1366, 900],
    [820, 1180],
  ] as const) {
    await till.setViewportSize({ width, height });
    await inventory.open();
    await expect(inventory.rows.first()).toBeVisible();
    const price = till.locator('[data-testid="piece-row"] td.price').first();
    await expect(price).toBeVisible();
    const box = await price.boundingBox();
    expect(box && box.x + box.width, `price cell inside ${width}px`).toBeLessThanOrEqual(width);
    // Not cut: the text fits its cell.
    expect(await price.evaluate((td) => td.scrollWidth <= td.clientWidth + 1)).toBe(true);
    // The page itself does not scroll sideways.
    expect(await till.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await till.screenshot({ path: `test-results/inventory-${width}.png` });
  }
});

test('controls line up: checkboxes and radios are boxes beside their labels, the Ctrl+Enter hint is gone on touch', async ({
  browser,
}) => {
  const till = await openTill(browser, demoUser('manager', 'par').login);
  await openArea(till, 'Counts');
  const box = till.getByTestId('count-whole-store');
  const b = await box.boundingBox();
  expect(b?.height).toBeLessThanOrEqual(24);
  // The box is centred on its label's line.
  const label = till.locator('label', { has: box });
  const l = await label.boundingBox();
  expect(b && l && Math.abs(b.y + b.height / 2 - (l.y + l.height / 2))).toBeLessThanOrEqual(3);
  await till.setViewportSize({ width: 820, height: 1180 });
  await till.screenshot({ path: 'test-results/count-checkbox-820.png' });

  // A piece's tag sizes (radios) sit on their labels' line too.
  const inventory = new InventoryPage(till);
  await inventory.open();
  const piece = pieceInStock('par');
  await inventory.search(piece.serial);
  await inventory.openPiece(piece.serial);
  for (const radio of await till.locator('input[type="radio"]').all()) {
    const r = await radio.boundingBox();
    const rl = await radio.locator('xpath=..').boundingBox();
    expect(r?.height).toBeLessThanOrEqual(24);
    expect(r && rl && Math.abs(r.y + r.height / 2 - (rl.y + rl.height / 2))).toBeLessThanOrEqual(3);
  }

  // Keyboard shortcuts are hinted where there is a keyboard, not on a touch screen.
  await openArea(till, 'Sell');
  await expect(till.locator('.kbd-hint')).toBeVisible();
  const tablet = await newTillContext(browser, {
    viewport: { width: 820, height: 1180 },
    hasTouch: true,
    isMobile: true,
  });
  const touch = await tablet.newPage();
  await new LoginPage(touch).signIn(demoUser('associate', 'par', 1).login, DEMO_PASSWORD);
  await openArea(touch, 'Sell');
  await expect(touch.getByTestId('complete-sale')).toBeVisible();
  await expect(touch.locator('.kbd-hint')).toBeHidden();
  await tablet.close();
});
