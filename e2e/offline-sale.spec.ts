import { expect, test } from '@playwright/test';
import { demoUser, pieceInStock } from './fixtures.ts';
import { SellPage } from './page-models/SellPage.ts';
import { SyncBadge } from './page-models/SyncBadge.ts';
import { openTill } from './page-models/till.ts';

test('a till that goes offline keeps selling, and the sale is accepted when it reconnects', async ({
  browser,
}) => {
  const first = pieceInStock('par');
  const second = pieceInStock('par');
  const till = await openTill(browser, demoUser('associate', 'par', 0).login);
  const badge = new SyncBadge(till);
  const sell = new SellPage(till);

  await till.context().setOffline(true);
  await badge.expectOffline();

  const sale = await sell.sell(first.serial, 'AUTH-OFFLINE-1');
  await sell.expectSale(sale, 'pending');
  await badge.expectPending(1);
  await expect(sell.receipt.getByTestId('sale-status')).toHaveText(/Pending/);

  // Still working: the next client's piece goes in the cart, the sold one does not.
  await sell.receipt.getByRole('button', { name: 'Next client' }).click();
  await sell.addToCart(second.serial);
  await sell.scan(first.serial);
  await expect(sell.notice).toContainText('just sold on this till');

  await till.context().setOffline(false);
  await sell.expectSale(sale, 'accepted');
  await badge.expectSettled();
});
