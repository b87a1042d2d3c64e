import { expect, type Locator, type Page } from '@playwright/test';

/** The RFID stock count (managers). */
export class CountPage {
  readonly page: Page;
  readonly live: Locator;
  readonly submitted: Locator;
  constructor(page: Page) {
    this.page = page;
    this.live = page.getByTestId('count-live');
    this.submitted = page.getByTestId('count-submitted');
  }

  async open(): Promise<void> {
    await this.page.getByRole('link', { name: 'Counts' }).click();
    await expect(this.page.getByRole('heading', { name: 'Stock count' })).toBeVisible();
  }

  /** A count of part of the store (one case): nothing is reported missing (COUNT-3). */
  async startPartial(scope: string): Promise<void> {
    await this.page.getByTestId('count-scope').fill(scope);
    await this.page.getByTestId('count-whole-store').uncheck();
    await this.page.getByTestId('count-start').click();
    await expect(this.live).toHaveAttribute('data-phase', 'counting');
  }

  async expectLive(found: number, unexpected: number): Promise<void> {
    await expect(this.page.getByTestId('count-found')).toHaveText(String(found));
    await expect(this.page.getByTestId('count-unexpected')).toHaveText(String(unexpected));
  }

  /** The live variance list of one kind: missing, unexpected, found. */
  listed(kind: 'missing' | 'unexpected' | 'found', serial: string): Locator {
    return this.page
      .getByTestId('variance')
      .getByTestId(`variance-${kind}`)
      .locator(`li[data-serial="${serial}"]`);
  }

  async submit(): Promise<void> {
    await this.page.getByTestId('count-submit').click();
    await expect(this.submitted).toBeVisible();
  }

  async expectAccepted(timeout = 30_000): Promise<void> {
    await expect(this.submitted.getByTestId('sale-status')).toHaveAttribute('data-state', 'accepted', {
      timeout,
    });
  }

  /** The relay's own variance, from the ledger. */
  relayListed(kind: 'missing' | 'unexpected', serial: string): Locator {
    return this.page
      .getByTestId('relay-variance-report')
      .getByTestId(`variance-${kind}`)
      .locator(`li[data-serial="${serial}"]`);
  }
}
