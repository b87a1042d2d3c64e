import { expect, test } from '@playwright/test';
import { demoUser } from './fixtures.ts';
import { InventoryPage } from './page-models/InventoryPage.ts';
import { SyncBadge } from './page-models/SyncBadge.ts';
import { openTill } from './page-models/till.ts';

test('the app reloads with no network and still opens with its data', async ({ browser }) => {
  const till = await openTill(browser, demoUser('associate', 'par', 0).login);
  // The service worker has cached the shell once it is active.
  await till.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const inventory = new InventoryPage(till);
  await inventory.open();
  const count = await till.getByTestId('inventory-count').textContent();
  expect(count).toMatch(/^[1-9]\d* pieces/);

  await till.context().setOffline(true);
  await till.reload();
  await new SyncBadge(till).expectOffline();
  await expect(till.getByTestId('current-user')).toBeVisible();
  await expect(till.getByTestId('inventory-count')).toHaveText(count ?? '');
  await expect(inventory.rows.first()).toBeVisible();
  await till.context().setOffline(false);
});
