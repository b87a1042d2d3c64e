import { expect, type Locator, type Page } from '@playwright/test';
import { openArea } from './areas.ts';

/** The Reports screen (owner dashboard): periods, key figures, store comparison, CSV export. */
export class ReportsPage {
  readonly page: Page;
  readonly netSales: Locator;
  readonly salesCount: Locator;
  readonly storeTable: Locator;
  readonly updated: Locator;
  readonly chart: Locator;

  constructor(page: Page) {
    this.page = page;
    this.netSales = page.getByTestId('kpi-net-sales');
    this.salesCount = page.getByTestId('kpi-sales');
    this.storeTable = page.getByTestId('store-table');
    this.updated = page.getByTestId('reports-updated');
    this.chart = page.getByTestId('reports-chart');
  }

  async open(): Promise<void> {
    await openArea(this.page, 'Reports');
    await expect(this.page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
    await expect(this.updated).toContainText('Figures as of');
  }

  async period(kind: 'today' | 'week' | 'month' | 'year'): Promise<void> {
    await this.page.getByTestId(`period-${kind}`).click();
  }

  /** The consolidated net sales on screen, in minor units (the KPI's data-minor). */
  async netSalesMinor(): Promise<number> {
    return Number(await this.netSales.getAttribute('data-minor'));
  }

  storeSales(storeId: string): Locator {
    return this.storeTable.getByTestId(`store-row-${storeId}`).getByTestId('store-sales');
  }

  /** Clicks the export of the store comparison and returns the CSV's text. */
  exportStores(): Promise<string> {
    return this.exportCsv('export-stores');
  }

  /** Clicks a table's CSV export (`export-stores`, `-days`, `-sales`, `-tiers`) and returns its text. */
  async exportCsv(testId: string): Promise<string> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(testId).click();
    const path = await (await download).path();
    const { readFileSync } = await import('node:fs');
    return readFileSync(path, 'utf8');
  }

  /** Drill-down, chain → store: the store's period by day. */
  async openStore(name: string): Promise<void> {
    await this.page.getByRole('button', { name: `Open ${name} by day` }).click();
    await expect(this.page.getByRole('heading', { name: `${name} — by day` })).toBeVisible();
  }

  /** Drill-down, store → day: that day's sales, read from the server. */
  async openDay(day: string): Promise<Locator> {
    await this.page.getByRole('button', { name: `Open the sales of ${day}` }).click();
    return this.page.getByTestId('day-sales');
  }
}
