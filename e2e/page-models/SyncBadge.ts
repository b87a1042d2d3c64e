import { expect, type Locator, type Page } from '@playwright/test';

/** The sync state shown on every screen. */
export class SyncBadge {
  readonly badge: Locator;
  readonly label: Locator;
  readonly pending: Locator;
  readonly conflicts: Locator;
  constructor(page: Page) {
    this.badge = page.getByTestId('sync-badge');
    this.label = page.getByTestId('sync-label');
    this.pending = page.getByTestId('sync-pending');
    this.conflicts = page.getByTestId('sync-conflicts');
  }

  async expectOnline(): Promise<void> {
    await expect(this.badge).toHaveAttribute('data-link', 'online');
  }
  async expectOffline(): Promise<void> {
    await expect(this.badge).toHaveAttribute('data-link', 'offline');
    await expect(this.label).toHaveText('Offline');
  }
  /** Online, first download done, nothing waiting. */
  async expectSettled(): Promise<void> {
    await expect(this.label).toHaveText('Online', { timeout: 30_000 });
    await expect(this.pending).toHaveCount(0);
  }
  /** `n` sales waiting in this till's outbox, said in words. */
  async expectPending(n: number): Promise<void> {
    await expect(this.pending).toHaveText(`${n} ${n === 1 ? 'sale' : 'sales'} waiting to be sent`);
  }
}
