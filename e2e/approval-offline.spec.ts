import { expect, test } from '@playwright/test';
import { demoUser, pieceInStock } from './fixtures.ts';
import { LoginPage } from './page-models/LoginPage.ts';
import { SellPage } from './page-models/SellPage.ts';
import { SyncBadge } from './page-models/SyncBadge.ts';
import { openTill } from './page-models/till.ts';

/**
 * sync/SPEC.md USER-2, USER-4 at the counter: a manager who has used their PIN on this till
 * can approve a discount and take over the till with no network; the relay accepts what they did
 * when the till reconnects, because each command carries its author's and approver's proofs.
 */
test('with no network, a manager approves a discount and takes over the till by PIN; both sales are accepted on reconnect', async ({
  browser,
}) => {
  const associate = demoUser('associate', 'par', 0);
  const manager = demoUser('manager', 'par');
  const [first, second] = [pieceInStock('par'), pieceInStock('par')];
  const till = await openTill(browser, associate.login);
  const login = new LoginPage(till);
  const sell = new SellPage(till);
  const badge = new SyncBadge(till);

  // Earlier in the day, online: the manager switched in once, then the associate came back.
  await login.switchTo(manager.login, manager.pin, manager.name);
  await login.switchTo(associate.login, associate.pin, associate.name);

  await till.context().setOffline(true);
  await badge.expectOffline();

  // A made-up PIN is refused on the spot, even offline.
  await sell.addToCart(first.serial);
  await sell.discount('15');
  await sell.approveDiscount(manager.login, '000000');
  await expect(till.getByRole('region', { name: 'Discount' }).getByRole('alert')).toContainText(
    'do not match',
  );
  await expect(sell.completeButton).toBeDisabled();

  await sell.approveDiscount(manager.login, manager.pin);
  await expect(till.getByText(`Approved by ${manager.name}`)).toBeVisible();
  await sell.payByCard('AUTH-OFFLINE-APPROVED');
  const discounted = await sell.complete();
  await sell.expectSale(discounted, 'pending');

  // The manager takes the till over, still offline, and sells.
  await sell.receipt.getByRole('button', { name: 'Next client' }).click();
  await login.switchTo(manager.login, manager.pin, manager.name);
  const managers = await sell.sell(second.serial, 'AUTH-OFFLINE-MANAGER');
  await sell.expectSale(managers, 'pending');

  await till.context().setOffline(false);
  await sell.expectSale(discounted, 'accepted');
  await sell.expectSale(managers, 'accepted');
  await badge.expectSettled();
});

test('with no network, someone who never used their PIN on this till cannot take it over', async ({
  browser,
}) => {
  const till = await openTill(browser, demoUser('associate', 'par', 0).login);
  const stranger = demoUser('manager', 'par');
  await till.context().setOffline(true);
  await new SyncBadge(till).expectOffline();
  await till.getByRole('button', { name: 'Switch user' }).click();
  const dialog = till.getByRole('dialog', { name: 'Switch user' });
  await dialog.getByLabel('User').fill(stranger.login);
  await dialog.getByLabel('PIN').fill(stranger.pin);
  await dialog.getByRole('button', { name: 'Switch' }).click();
  await expect(dialog.getByRole('alert')).toContainText('has not used their PIN on this till');
  await expect(till.getByTestId('current-user')).toHaveText(demoUser('associate', 'par', 0).name);
});
