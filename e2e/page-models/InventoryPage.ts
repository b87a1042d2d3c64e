import { expect, type Locator, type Page } from '@playwright/test';
import { openArea } from './areas.ts';

export class InventoryPage {
  readonly page: Page;
  readonly rows: Locator;
  constructor(page: Page) {
    this.page = page;
    this.rows = page.getByTestId('piece-row');
  }

  async open(): Promise<void> {
    await openArea(this.page, 'Inventory');
    await expect(this.page.getByTestId('pieces')).toBeVisible();
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('inventory-search').fill(text);
  }

  row(serial: string): Locator {
    return this.page.locator(`[data-testid="piece-row"][data-serial="${serial}"]`);
  }

  async expectStatus(serial: string, status: string, timeout = 30_000): Promise<void> {
    await expect(this.row(serial)).toHaveAttribute('data-status', status, { timeout });
  }

  async openPiece(serial: string): Promise<void> {
    await this.row(serial).getByRole('link', { name: serial }).click();
    await expect(this.page.getByTestId('piece-detail')).toHaveAttribute('data-serial', serial);
  }
}
