import { expect, test } from '@playwright/test';
import { demoUser, pieceInStock } from './fixtures.ts';
import { InventoryPage } from './page-models/InventoryPage.ts';
import { LoginPage } from './page-models/LoginPage.ts';
import { SellPage } from './page-models/SellPage.ts';
import { openTill } from './page-models/till.ts';

test('a piece sold on one till is returned on another, against the original sale', async ({ browser }) => {
  const piece = pieceInStock('par');
  const tillA = await openTill(browser, demoUser('associate', 'par', 0).login);
  const tillB = await openTill(browser, demoUser('associate', 'par', 1).login);
  const sellA = new SellPage(tillA);
  const sale = await sellA.sell(piece.serial, 'AUTH-RET');
  await sellA.expectSale(sale, 'accepted');

  // Returns need a manager: one steps in at till B with a PIN.
  const manager = demoUser('manager', 'par');
  await new LoginPage(tillB).switchTo(manager.login, manager.pin, manager.name);
  const sellB = new SellPage(tillB);
  await sellB.findSaleToReturn(piece.serial);
  await sellB.refund([piece.serial]);
  await sellB.expectReturn('accepted');

  const inventory = new InventoryPage(tillB);
  await inventory.open();
  await inventory.search(piece.serial);
  await inventory.expectStatus(piece.serial, 'returned');
  await expect(inventory.row(piece.serial)).toBeVisible();
});
