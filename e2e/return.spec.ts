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

test('a sale paid by card and cash is refunded the same way, and the return prints a receipt (item 17)', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  const till = await openTill(browser, demoUser('associate', 'par', 0).login);
  const sell = new SellPage(till);
  await sell.addToCart(piece.serial);
  await sell.payByCard('AUTH-SPLIT-RET', '100');
  await sell.payCash();
  const sale = await sell.complete();
  await sell.expectSale(sale, 'accepted');

  const manager = demoUser('manager', 'par');
  await new LoginPage(till).switchTo(manager.login, manager.pin, manager.name);
  await sell.findSaleToReturn(piece.serial);
  const panel = till.getByTestId('return-sale');
  await panel.getByRole('checkbox', { name: new RegExp(piece.serial) }).check();
  // The refund is proposed as it was paid: 100 back to the card, the rest in cash.
  const split = panel.getByTestId('refund-split');
  await expect(split).toContainText('Card · AUTH-SPLIT-RET — €100.00');
  await expect(split).toContainText('Cash');
  await panel.getByRole('button', { name: /^Refund / }).click();
  await sell.expectReturn('accepted');
  const receipt = till.getByTestId('return-receipt');
  await expect(receipt).toBeVisible();
  await expect(receipt.getByTestId('return-refund')).toHaveCount(2);
  await expect(receipt).toContainText('AUTH-SPLIT-RET');
  await expect(receipt.getByRole('button', { name: 'Print' })).toBeVisible();
  await receipt.screenshot({ path: 'test-results/return-receipt.png' });
});
