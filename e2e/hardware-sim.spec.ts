import { expect, test } from '@playwright/test';
import { demoUser } from './fixtures.ts';
import { CountPage } from './page-models/CountPage.ts';
import { HardwarePage } from './page-models/HardwarePage.ts';
import { openTill } from './page-models/till.ts';

test('BRIDGE-12: the till pairs from its own origin with no allowed origins configured, and a demo count with the simulated reader finds the whole store', async ({
  browser,
}) => {
  const till = await openTill(browser, demoUser('manager', 'par').login);
  const hardware = new HardwarePage(till);
  await hardware.open();
  // playwright.config.ts writes no allowedOrigins: the app's origin is allowed because it serves Loupe.
  await hardware.pair();
  await expect(till.getByTestId('simulation')).toBeVisible();
  await till.getByTestId('sim-scan-data').fill('LP-000-000001');
  await till.getByTestId('sim-scan').click();
  await expect(till.getByTestId('hardware-message')).toHaveText('Scanned LP-000-000001.');
  await till.setViewportSize({ width: 1366, height: 900 });
  await till.screenshot({ path: 'test-results/hardware-1366.png', fullPage: true });

  const counts = new CountPage(till);
  await counts.open();
  await till.getByTestId('count-start').click();
  await expect(counts.live).toHaveAttribute('data-phase', 'counting');
  const expected = (await till.getByTestId('count-expected').textContent()) ?? '';
  expect(Number(expected)).toBeGreaterThan(50);
  await till.getByTestId('sim-rfid-sweep').click();
  // Read both live: a decision from an earlier till may still change the store's stock meanwhile.
  const text = async (id: string) => (await till.getByTestId(id).textContent()) ?? '';
  await expect
    .poll(async () => {
      const [found, now] = [await text('count-found'), await text('count-expected')];
      return found === now ? Number(found) : `found ${found} of ${now}`;
    })
    .toBeGreaterThan(50);
  await expect(till.getByTestId('count-unexpected')).toHaveText('0');
  await expect(till.getByTestId('variance').getByTestId('variance-missing')).toHaveAttribute(
    'data-count',
    '0',
  );
  await till.setViewportSize({ width: 820, height: 1180 });
  await till.screenshot({ path: 'test-results/count-820.png' });
});
