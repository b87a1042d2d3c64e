/**
 * Issue 9, items 5–8: a sale refused because another till sold the piece first. The associate at
 * till B learns what happened and what to do (and cannot print the refused receipt); the manager
 * sees who sold, where, to whom and how it was paid, and refunds this client first.
 */
import { expect, test } from '@playwright/test';
import { demoUser, pieceInStock } from './fixtures.ts';
import { ConflictsPage } from './page-models/ConflictsPage.ts';
import { LoginPage } from './page-models/LoginPage.ts';
import { SellPage } from './page-models/SellPage.ts';
import { SyncBadge } from './page-models/SyncBadge.ts';
import { openTill } from './page-models/till.ts';

test('a refused sale is explained to the associate, cannot be printed, and the manager’s card says who, where, which client and how it was paid (items 5–8)', async ({
  browser,
}) => {
  // Two tills, offline and back, then a manager: the longest walk in the suite.
  test.slow();
  const piece = pieceInStock('par');
  const seller = demoUser('associate', 'par', 0);
  const associate = demoUser('associate', 'par', 1);
  const manager = demoUser('manager', 'par');
  const tillA = await openTill(browser, seller.login);
  const tillB = await openTill(browser, associate.login);
  await tillA.context().setOffline(true);
  await tillB.context().setOffline(true);

  const sellA = new SellPage(tillA);
  const saleA = await sellA.sell(piece.serial, 'AUTH-A');
  // Till B's client is known: attached to the sale.
  const sellB = new SellPage(tillB);
  await sellB.addToCart(piece.serial);
  await tillB.getByTestId('client-search').fill('ma');
  await tillB.locator('.client-picker .matches button').first().click();
  const client = ((await tillB.getByTestId('attached-client').locator('strong').textContent()) ?? '').trim();
  expect(client).not.toBe('');
  await sellB.payByCard('AUTH-B');
  const saleB = await sellB.complete();

  await tillA.context().setOffline(false);
  await sellA.expectSale(saleA, 'accepted');
  await tillB.context().setOffline(false);
  await sellB.expectSale(saleB, 'rejected');

  // Item 6: the refused sale's receipt says so and offers no printing.
  await expect(sellB.receipt.getByTestId('receipt-refused')).toBeVisible();
  await expect(sellB.receipt.getByRole('button', { name: /Print/ })).toHaveCount(0);
  // Item 5: who sold the piece, where and what to do now, in plain words.
  const told = sellB.receipt.getByTestId('refused-sale');
  await expect(told.getByTestId('refused-who')).toContainText(`${seller.name} sold it on another till`);
  await expect(told).toContainText('similar piece');
  await expect(told).toContainText('deposit');
  await expect(told).toContainText('call a manager');
  await tillB.screenshot({ path: 'test-results/refused-sale-associate.png' });

  // The badge takes the associate to their refused sales, not to an inbox they cannot open.
  const badge = new SyncBadge(tillB);
  await expect(badge.conflicts).toHaveText('1 sale refused — see what to do');
  await badge.conflicts.click();
  await expect(tillB.getByTestId('own-refused').getByTestId('refused-who')).toContainText(seller.name);
  await expect(tillB.getByText('Only a manager can resolve conflicts')).toHaveCount(0);

  // Item 7: the manager, at till B, sees both sides with names, tills, client and tenders.
  await new LoginPage(tillB).switchTo(manager.login, manager.pin, manager.name);
  const inbox = new ConflictsPage(tillB);
  await inbox.open();
  await inbox.expectConflict(piece.serial);
  const card = inbox.about(piece.serial);
  const refused = card.getByTestId('refused-side');
  await expect(refused.getByTestId('side-who')).toHaveText(associate.name);
  await expect(refused.getByTestId('side-where')).toContainText('this till');
  await expect(refused.getByTestId('side-client')).toHaveText(client);
  await expect(refused.getByTestId('side-tenders')).toContainText('AUTH-B');
  const winner = card.getByTestId('competing-sale');
  await expect(winner.getByTestId('side-who')).toHaveText(seller.name);
  await expect(winner.getByTestId('side-where')).toContainText('another till');
  await expect(winner.getByTestId('side-tenders')).toContainText('AUTH-A');
  await expect(card).not.toContainText('Accepted sale on this till');
  await expect(inbox.actions(piece.serial).first()).toHaveText(
    'Refund this client (the other sale keeps the piece)',
  );
  await tillB.screenshot({ path: 'test-results/refused-sale-manager.png', fullPage: true });

  // Item 8: once resolved, the inbox says what is true.
  await inbox.refundThisClient(piece.serial);
  await expect(inbox.empty).toHaveText('No open conflicts in this store.');
  await expect(tillB.getByText('Every command was accepted')).toHaveCount(0);
});
