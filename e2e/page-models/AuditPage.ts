import { expect, type Locator, type Page } from '@playwright/test';
import { openArea } from './areas.ts';

/** The audit viewer (client/src/audit/AuditPage.tsx). */
export class AuditPage {
  readonly page: Page;
  readonly filters: Locator;
  readonly lines: Locator;
  readonly chainVerdict: Locator;
  constructor(page: Page) {
    this.page = page;
    this.filters = page.getByRole('form', { name: 'Filters' });
    this.lines = page.getByTestId('audit-line');
    this.chainVerdict = page.getByTestId('chain-verdict');
  }

  async open(): Promise<void> {
    await openArea(this.page, 'Audit');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Audit' })).toBeVisible();
  }

  /** Sets the given filters (labels as on screen) and shows the matching lines. */
  async filter(values: { person?: string; client?: string; piece?: string }): Promise<void> {
    if (values.person) await this.filters.getByLabel('Person').selectOption({ label: values.person });
    if (values.client) await this.filters.getByLabel('Client id').fill(values.client);
    if (values.piece) await this.filters.getByLabel('Piece (serial)').fill(values.piece);
    await this.filters.getByRole('button', { name: 'Show' }).click();
  }

  async checkChain(): Promise<void> {
    await this.page.getByRole('button', { name: 'Check the audit chain' }).click();
  }
}
