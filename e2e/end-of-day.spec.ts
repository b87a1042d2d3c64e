import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { demoUser } from './fixtures.ts';
import { openArea } from './page-models/areas.ts';
import { openTill } from './page-models/till.ts';

test('EOD-4, EOD-5, EOD-6: a manager closes this till’s day, then corrects it with a reason; both closes stay, each with the audit chain’s head', async ({
  browser,
}) => {
  const till = await openTill(browser, demoUser('manager', 'par').login);
  await openArea(till, 'End of day');
  await expect(till.getByRole('heading', { level: 1, name: 'End of day' })).toBeVisible();
  const report = till.getByTestId('eod-report');
  // A till that has sold nothing today: nothing taken, the drawer should hold the float.
  await expect(report.getByTestId('eod-no-takings')).toHaveText('Nothing taken that day.');
  const form = till.getByRole('form', { name: 'Close the day' });
  await form.getByLabel('Opening float').fill('200');
  await form.getByLabel('Cash counted in the drawer').fill('200');
  await expect(form.getByTestId('eod-over-short')).toContainText('the drawer matches');
  await form.getByRole('button', { name: 'Close the day' }).click();
  await expect(till.getByTestId('eod-status')).toContainText('Day closed.');
  await expect(till.getByTestId('eod-close')).toHaveCount(1);
  await expect(till.getByTestId('eod-close').first().locator('code.hash')).toHaveText(/^[0-9a-f]{64}$/);

  // A 5 short drawer found later: a correction, which needs a reason.
  const correction = till.getByRole('form', { name: 'Record a correction' });
  await correction.getByLabel('Opening float').fill('200');
  await correction.getByLabel('Cash counted in the drawer').fill('195');
  await expect(correction.getByTestId('eod-over-short')).toContainText('short by');
  await expect(correction.getByRole('button', { name: 'Record a correction' })).toBeDisabled();
  await correction.getByLabel('Note (why over or short)').fill('A 5 note was paid out for the courier');
  await correction.getByRole('button', { name: 'Record a correction' }).click();
  await expect(till.getByTestId('eod-close')).toHaveCount(2);
  await expect(till.getByTestId('eod-close').nth(1)).toContainText('correction');
  await expect(till.getByTestId('eod-close').nth(1)).toContainText('A 5 note was paid out for the courier');
  const a11y = await new AxeBuilder({ page: till }).include('.eod-page').analyze();
  expect(a11y.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')).toEqual([]);
});
