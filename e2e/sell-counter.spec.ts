import { expect, test } from '@playwright/test';
import { demoUser, pieceInStock } from './fixtures.ts';
import { SellPage } from './page-models/SellPage.ts';
import { openTill } from './page-models/till.ts';

test('a discount above the associate’s limit is approved by a manager’s PIN, paid by card and cash with change', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  const till = await openTill(browser, demoUser('associate', 'par', 0).login);
  const sell = new SellPage(till);
  await sell.addToCart(piece.serial);

  const manager = demoUser('manager', 'par');
  await sell.discount('15');
  await expect(till.getByRole('form', { name: 'Manager override' })).toBeVisible();
  await expect(sell.completeButton).toBeDisabled();
  await sell.approveDiscount(manager.login, manager.pin);
  await expect(till.getByText(`Approved by ${manager.name}`)).toBeVisible();

  await sell.payByCard('AUTH-SPLIT', '100');
  await sell.payCash(); // the rest, rounded up to the next 50: change is due
  await expect(till.getByTestId('change')).toBeVisible();
  const sale = await sell.complete();
  await expect(sell.receipt).toContainText('Change');
  await expect(sell.receipt).toContainText(piece.serial);
  await sell.expectSale(sale, 'accepted');
});
