import { expect, type Locator, type Page } from '@playwright/test';
import { openArea } from './areas.ts';

export class ConflictsPage {
  readonly page: Page;
  readonly items: Locator;
  constructor(page: Page) {
    this.page = page;
    this.items = page.getByTestId('conflict');
  }

  async open(): Promise<void> {
    await openArea(this.page, 'Conflicts');
    await expect(this.page.getByRole('heading', { name: 'Conflicts' })).toBeVisible();
  }

  /** What the inbox says when nothing is open. */
  get empty(): Locator {
    return this.page.getByTestId('no-conflicts');
  }

  /** The resolution buttons of a conflict's card, in the order they are offered. */
  actions(serial: string): Locator {
    return this.about(serial).locator('.actions button');
  }

  /** The usual way out: the other sale keeps the piece, this client is refunded. */
  async refundThisClient(serial: string): Promise<void> {
    await this.about(serial)
      .getByRole('button', { name: 'Refund this client (the other sale keeps the piece)' })
      .click();
    await expect(this.about(serial)).toHaveCount(0);
  }

  /** The conflict about this serial (the rejected sale). */
  about(serial: string): Locator {
    return this.page.locator(`[data-testid="conflict"][data-serials~="${serial}"]`);
  }

  async expectConflict(serial: string, timeout = 30_000): Promise<void> {
    await expect(this.about(serial)).toBeVisible({ timeout });
    await expect(this.about(serial).getByTestId('conflict-reason')).not.toBeEmpty();
  }

  async correctRecord(serial: string): Promise<void> {
    await this.about(serial).getByRole('button', { name: 'Correct the record' }).click();
    await expect(this.about(serial)).toHaveCount(0);
  }

  /** The piece goes to the rejected sale's client: void the sale that won and refund it. */
  async voidCompetingSale(serial: string, note: string): Promise<void> {
    await this.about(serial).getByLabel('Note').fill(note);
    await this.about(serial)
      .getByRole('button', { name: 'Void the other sale and refund its client' })
      .click();
    await expect(this.about(serial)).toHaveCount(0);
  }

  async expectResolved(serial: string, timeout = 30_000): Promise<void> {
    await expect(this.about(serial)).toHaveCount(0, { timeout });
  }
}
