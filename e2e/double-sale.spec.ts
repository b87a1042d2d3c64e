import { expect, test } from '@playwright/test';
import { demoUser, pieceInStock } from './fixtures.ts';
import { ConflictsPage } from './page-models/ConflictsPage.ts';
import { LoginPage } from './page-models/LoginPage.ts';
import { SellPage } from './page-models/SellPage.ts';
import { SyncBadge } from './page-models/SyncBadge.ts';
import { openTill } from './page-models/till.ts';

test('two offline tills sell the same piece: one is accepted, the other waits in the conflicts inbox on both tills', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  const tillA = await openTill(browser, demoUser('associate', 'par', 0).login);
  const tillB = await openTill(browser, demoUser('associate', 'par', 1).login);

  await tillA.context().setOffline(true);
  await tillB.context().setOffline(true);
  const sellA = new SellPage(tillA);
  const sellB = new SellPage(tillB);
  const saleA = await sellA.sell(piece.serial, 'AUTH-A');
  const saleB = await sellB.sell(piece.serial, 'AUTH-B');

  // A reconnects first and wins; B's sale is refused by the relay.
  await tillA.context().setOffline(false);
  await sellA.expectSale(saleA, 'accepted');
  await tillB.context().setOffline(false);
  await sellB.expectSale(saleB, 'rejected');
  await expect(sellB.saleStatus(saleB)).toContainText(/sold/i);
  // The associate is told about their own refused sale, not sent to an inbox they cannot open.
  await expect(new SyncBadge(tillB).conflicts).toHaveText('1 sale refused — see what to do');

  // The manager sees it from either till after a quick switch with the PIN.
  const manager = demoUser('manager', 'par');
  for (const till of [tillA, tillB]) {
    await new LoginPage(till).switchTo(manager.login, manager.pin, manager.name);
    const inbox = new ConflictsPage(till);
    await inbox.open();
    await inbox.expectConflict(piece.serial);
  }
  // Both inboxes name the sale that won, so the manager can void it from either till.
  await expect(new ConflictsPage(tillB).about(piece.serial).getByTestId('competing-sale')).toBeVisible();
  await new ConflictsPage(tillA).voidCompetingSale(piece.serial, 'Client B had reserved it by phone');
  // The resolution is a command like any other: once decided, the conflict leaves every inbox.
  await new ConflictsPage(tillB).expectResolved(piece.serial);
  await expect(new SyncBadge(tillB).conflicts).toHaveCount(0, { timeout: 30_000 });
});
