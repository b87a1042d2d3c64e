import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { demoUser, pieceInStock, relayDb } from './fixtures.ts';
import { ReportsPage } from './page-models/ReportsPage.ts';
import { SellPage } from './page-models/SellPage.ts';
import { openTill } from './page-models/till.ts';

const storeId = (name: string): string => {
  const db = relayDb();
  try {
    return (db.prepare('SELECT id FROM stores WHERE name = ?').get(name) as { id: string }).id;
  } finally {
    db.close();
  }
};

test('the owner’s dashboard moves when a till in another store sells, and its CSV has the screen’s totals', async ({
  browser,
}) => {
  const newYork = storeId('Loupe New York');
  const owner = await openTill(browser, demoUser('owner').login);
  const reports = new ReportsPage(owner);
  await reports.open();
  await reports.period('today');
  await expect(reports.chart).toBeVisible();
  const before = await reports.netSalesMinor();
  const nySalesBefore = Number((await reports.storeSales(newYork).textContent()) ?? '0');

  // A till in New York (the owner's screen opened on Paris) sells a piece.
  const piece = pieceInStock('nyc');
  const till = await openTill(browser, demoUser('associate', 'nyc').login);
  const sell = new SellPage(till);
  const sale = await sell.sell(piece.serial);
  await sell.expectSale(sale, 'accepted');

  // Pushed to the owner's open screen: no reload, no click.
  await expect(reports.storeSales(newYork)).toHaveText(String(nySalesBefore + 1), { timeout: 10_000 });
  await expect.poll(() => reports.netSalesMinor(), { timeout: 10_000 }).toBeGreaterThan(before);

  // The export holds the same rows and the same total as the screen.
  const shown = await reports.netSalesMinor();
  const csv = await reports.exportStores();
  const lines = csv.trim().split('\r\n');
  const header = lines[0]?.split(',') ?? [];
  const total = lines[lines.length - 1]?.split(',') ?? [];
  const col = header.findIndex((h) => h.startsWith('net_sales_') && h !== 'net_sales');
  expect(col).toBeGreaterThan(0);
  expect(total[0]).toBe('Total');
  expect(Math.round(Number(total[col]) * 100)).toBe(shown);
  const salesCol = header.indexOf('sales');
  expect(Number(total[salesCol])).toBe(Number(await reports.salesCount.textContent()));
  expect(lines).toHaveLength(2 + 2); // header, Paris, New York, total

  // REPORT-12: clients by tier (from the server), and a CSV with the same rows and totals.
  const tiers = owner.getByTestId('tier-table');
  await expect(tiers).toBeVisible({ timeout: 10_000 });
  await expect(tiers.getByRole('columnheader', { name: 'Tier' })).toBeVisible();
  for (const tier of ['vip', 'loyal', 'new'])
    await expect(tiers.getByTestId(`tier-row-${tier}`)).toBeVisible();
  const shownNet = Number(await owner.getByTestId('tier-total-net').getAttribute('data-minor'));
  const shownClients = Number(await owner.getByTestId('tier-total-clients').textContent());
  const shownRows = await tiers.locator('tbody tr').count();
  const tierLines = (await reports.exportCsv('export-tiers')).trim().split('\r\n');
  expect(tierLines[0]).toMatch(/^tier,clients,net_sales_[A-Z]{3},share_pct$/);
  expect(tierLines).toHaveLength(1 + shownRows + 1);
  const tierTotal = tierLines[tierLines.length - 1]?.split(',') ?? [];
  expect(tierTotal[0]).toBe('Total');
  expect(Number(tierTotal[1])).toBe(shownClients);
  expect(Math.round(Number(tierTotal[2]) * 100)).toBe(shownNet);
  // The table's labels hold for assistive technology (a11y.spec.ts does not open Reports).
  const axe = await new AxeBuilder({ page: owner }).include('[data-testid="tier-section"]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  const rowsNet = tierLines
    .slice(1, -1)
    .reduce((sum, l) => sum + Math.round(Number(l.split(',')[2]) * 100), 0);
  expect(rowsNet).toBe(shownNet);

  // Drill-down, chain → store → day → sale: New York today holds the sale, with the piece sold,
  // and each level's CSV has the rows and total of its screen.
  await reports.openStore('Loupe New York');
  const dayRows = owner.getByTestId('day-table').locator('tbody tr');
  await expect(dayRows).toHaveCount(1); // the period is today
  const today = (await dayRows.first().getByRole('rowheader').textContent())?.trim() ?? '';
  expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const daySalesShown = Number(await dayRows.first().locator('td').first().textContent());
  expect(daySalesShown).toBe(nySalesBefore + 1);
  const dayLines = (await reports.exportCsv('export-days')).trim().split('\r\n');
  expect(dayLines[0]).toBe('day,sales,units,net_sales,tax,margin,returns,currency');
  expect(dayLines).toHaveLength(1 + 1 + 1); // header, today, total
  expect(dayLines[1]?.split(',').slice(0, 2)).toEqual([today, String(daySalesShown)]);
  expect(dayLines[2]?.split(',').slice(0, 2)).toEqual(['Total', String(daySalesShown)]);

  const daySales = await reports.openDay(today);
  await expect(daySales.getByTestId('day-sale')).toHaveCount(daySalesShown, { timeout: 10_000 });
  await expect(daySales.getByTestId('day-sale').filter({ hasText: piece.serial })).toHaveCount(1);
  const saleLines = (await reports.exportCsv('export-sales')).trim().split('\r\n');
  const saleHeader = saleLines[0]?.split(',') ?? [];
  expect(saleHeader.slice(0, 4)).toEqual(['time', 'sale', 'sold_by', 'pieces']);
  expect(saleLines).toHaveLength(1 + daySalesShown + 1);
  const ours = saleLines.filter((l) => l.includes(piece.serial));
  expect(ours).toHaveLength(1);
  const revenueCol = saleHeader.indexOf('revenue');
  const saleRows = saleLines.slice(1, -1);
  const rowsRevenue = saleRows.reduce((t, l) => t + Math.round(Number(l.split(',')[revenueCol]) * 100), 0);
  const saleTotal = saleLines[saleLines.length - 1]?.split(',') ?? [];
  expect(saleTotal[0]).toBe('Total');
  expect(Math.round(Number(saleTotal[revenueCol]) * 100)).toBe(rowsRevenue);
});
