import { expect, type Locator, type Page } from '@playwright/test';
import { openArea } from './areas.ts';

/** Locations (managers): move pieces by scanning them into a place; the end-of-day safe check. */
export class LocationsPage {
  readonly page: Page;
  readonly outcome: Locator;
  constructor(page: Page) {
    this.page = page;
    this.outcome = page.getByTestId('location-outcome');
  }

  async open(): Promise<void> {
    await openArea(this.page, 'Locations');
    await expect(this.page.getByRole('heading', { name: 'Locations', level: 1 })).toBeVisible();
  }

  /** A place that is not yet in the list: its kind and name. */
  async toNewPlace(kind: string, label: string): Promise<void> {
    await this.page.getByTestId('move-destination').selectOption('__new__');
    await this.page.getByLabel('Kind of place').selectOption(kind);
    await this.page.getByTestId('move-new-label').fill(label);
  }

  /** A serial typed into the scan field and Enter: what a keyboard-wedge scanner does too. */
  async scan(serial: string): Promise<void> {
    const input = this.page.getByTestId('location-scan');
    await input.fill(serial);
    await input.press('Enter');
  }

  async moveScanned(expected: number, place: string, timeout = 30_000): Promise<void> {
    await this.page.getByTestId('move-submit').click();
    await expect(this.outcome).toHaveText(`${expected} moved to ${place}.`, { timeout });
  }

  /** Transfers on their way to this store, received by scanning them at the door (STOCK-3). */
  async openArrivals(): Promise<void> {
    await this.page.getByTestId('mode-arrivals').click();
  }

  arrival(serial: string): Locator {
    return this.page.getByTestId('arrivals').locator(`li[data-serial="${serial}"]`);
  }

  async receiveScanned(expected: number, timeout = 30_000): Promise<void> {
    await this.page.getByTestId('arrivals-submit').click();
    await expect(this.outcome).toHaveText(`${expected} received.`, { timeout });
  }
}
