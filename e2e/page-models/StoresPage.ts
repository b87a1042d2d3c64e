import { expect, type Locator, type Page } from '@playwright/test';
import { openArea } from './areas.ts';

/** Back office › Stores (client/src/backoffice/StoresPage.tsx): one form per store, owners only. */
export class StoresPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async open(): Promise<void> {
    await openArea(this.page, 'Back office');
    await this.page
      .getByRole('navigation', { name: 'Back office' })
      .getByRole('link', { name: 'Stores' })
      .click();
    await expect(this.page.getByTestId('store-form').first()).toBeVisible();
  }

  form(storeName: string): Locator {
    return this.page.getByRole('form', { name: storeName, exact: true });
  }

  /** Replaces the store's category rates with these (category label → percent, as typed). */
  async setCategoryRates(storeName: string, rates: readonly [string, string][]): Promise<void> {
    const form = this.form(storeName);
    const remove = form.getByRole('button', { name: /^Remove the rate for/ });
    while ((await remove.count()) > 0) await remove.first().click();
    for (const [category, percent] of rates) {
      await form.getByTestId('add-category-rate').click();
      const row = form.getByTestId('category-rate').last();
      await row.getByTestId('category-rate-category').selectOption({ label: category });
      await row.getByTestId('category-rate-percent').fill(percent);
    }
  }

  async setFooter(storeName: string, lines: readonly string[]): Promise<void> {
    await this.form(storeName).getByTestId('receipt-footer-input').fill(lines.join('\n'));
  }

  /**
   * Saves the form. The relay's decision re-renders the form from `org` (its "Done." may go with
   * it), so callers wait for what the relay holds (`storeSettings` in the spec).
   */
  async save(storeName: string): Promise<void> {
    await this.form(storeName).getByRole('button', { name: 'Save' }).click();
  }
}
