import { expect, type Locator, type Page } from '@playwright/test';

/** The profile's history (purchases, returns, orders, reservations) and its field history with Restore. */
export class ClientHistoryPanel {
  readonly page: Page;
  readonly history: Locator;
  readonly lines: Locator;
  readonly lifetimeValue: Locator;
  readonly fieldHistory: Locator;
  readonly changes: Locator;
  constructor(page: Page) {
    this.page = page;
    this.history = page.getByTestId('client-history');
    this.lines = this.history.getByTestId('history-line');
    this.lifetimeValue = page.getByTestId('lifetime-value');
    this.fieldHistory = page.getByTestId('field-history');
    this.changes = this.fieldHistory.getByTestId('field-change');
  }

  /** The purchase line holding this piece. */
  purchaseOf(serial: string): Locator {
    return this.lines.filter({ hasText: serial }).and(this.page.locator('[data-kind="purchase"]'));
  }

  changesOf(field: string): Locator {
    return this.fieldHistory.locator(`[data-testid="field-change"][data-field="${field}"]`);
  }

  /** Restores the field to a value shown in its history. */
  async restore(field: string, value: string): Promise<void> {
    await this.changesOf(field)
      .locator(`[data-testid="restore-value"][data-value="${value}"]`)
      .first()
      .click();
    await expect(this.fieldHistory.getByRole('status')).toHaveText('Restored.');
  }
}
