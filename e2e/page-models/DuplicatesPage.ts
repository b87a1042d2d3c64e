import { expect, type Locator, type Page } from '@playwright/test';
import { openArea } from './areas.ts';

/** Clients → Likely duplicates, and the side-by-side merge of one pair (managers). */
export class DuplicatesPage {
  readonly page: Page;
  readonly pairs: Locator;
  readonly mergeTable: Locator;
  readonly survivor: Locator;
  readonly status: Locator;
  constructor(page: Page) {
    this.page = page;
    this.pairs = page.getByTestId('duplicate-pair');
    this.mergeTable = page.getByTestId('merge-table');
    this.survivor = page.getByTestId('merge-survivor');
    this.status = page.getByTestId('merge-status');
  }

  async open(): Promise<void> {
    await openArea(this.page, 'Clients');
    await this.page.getByTestId('open-duplicates').click();
    await expect(this.page.getByRole('heading', { name: 'Likely duplicates' })).toBeVisible();
  }

  /** The pair of these two clients (in either order). */
  pair(a: string, b: string): Locator {
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    return this.page.locator(`[data-testid="duplicate-pair"][data-pair="${key}"]`);
  }

  async review(a: string, b: string): Promise<void> {
    await this.pair(a, b).getByTestId('review-pair').click();
    await expect(this.mergeTable).toBeVisible();
  }

  /** Makes `id` the client who stays (swapping sides when needed). */
  async keep(id: string): Promise<void> {
    if ((await this.survivor.getAttribute('data-client')) !== id)
      await this.page.getByTestId('merge-swap').click();
    await expect(this.survivor).toHaveAttribute('data-client', id);
  }

  async pick(field: string, side: 'survivor' | 'merged' | 'both'): Promise<void> {
    await this.page.getByTestId(`pick-${field}-${side}`).check();
  }

  async merge(): Promise<void> {
    await this.page.getByTestId('merge-submit').click();
    await expect(this.status).toContainText('Merged', { timeout: 30_000 });
  }
}
