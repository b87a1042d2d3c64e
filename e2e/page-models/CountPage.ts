import { expect, type Locator, type Page } from '@playwright/test';
import { openArea } from './areas.ts';

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
    await openArea(this.page, 'Counts');
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

/** A barcode count (COUNT-4, COUNT-5): the place counted, scans, the relay's variance, adjustments. */
export class BarcodeCountPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async start(place: string): Promise<void> {
    await this.page.getByTestId('count-method-barcode').check();
    const select = this.page.getByTestId('count-place');
    await expect(select.locator('option', { hasText: place })).toHaveCount(1, { timeout: 30_000 });
    await select.selectOption({ label: place });
  }

  async scan(serial: string): Promise<void> {
    const input = this.page.getByTestId('count-scan');
    await input.fill(serial);
    await input.press('Enter');
  }

  async submit(): Promise<void> {
    await this.page.getByTestId('count-submit').click();
    await expect(this.page.getByTestId('count-submitted')).toBeVisible();
  }

  relayListed(kind: 'missing' | 'unexpected', serial: string): Locator {
    return this.page
      .getByTestId('relay-variance-report')
      .getByTestId(`variance-${kind}`)
      .locator(`li[data-serial="${serial}"]`);
  }

  async writeOffMissing(serial: string, timeout = 30_000): Promise<void> {
    const adjustments = this.page.getByTestId('count-adjustments');
    await adjustments.locator(`li[data-serial="${serial}"]`).getByTestId('adjust-write-off').click();
    await expect(adjustments.getByTestId('adjustment-sent').getByTestId('sale-status')).toHaveAttribute(
      'data-state',
      'accepted',
      { timeout },
    );
  }
}
