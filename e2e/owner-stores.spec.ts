import { expect, test } from '@playwright/test';
import { demoUser, pieceInStock } from './fixtures.ts';
import { InventoryPage } from './page-models/InventoryPage.ts';
import { SyncBadge } from './page-models/SyncBadge.ts';
import { openTill } from './page-models/till.ts';

test('an owner switches the till between stores and sees each store’s own inventory', async ({ browser }) => {
  const paris = pieceInStock('par');
  const newYork = pieceInStock('nyc');
  const till = await openTill(browser, demoUser('owner').login);
  const inventory = new InventoryPage(till);
  await inventory.open();
  await inventory.search(paris.serial);
  await expect(inventory.row(paris.serial)).toBeVisible();

  await till.getByLabel('Store').selectOption({ label: 'Loupe New York' });
  await new SyncBadge(till).expectSettled();
  await inventory.search(newYork.serial);
  await expect(inventory.row(newYork.serial)).toBeVisible();
  await inventory.search(paris.serial);
  await expect(inventory.rows).toHaveCount(0);
});
