import { type Browser, expect, type Locator, type Page } from '@playwright/test';
import { demoUser } from '../fixtures.ts';
import { InventoryPage } from './InventoryPage.ts';
import { openTill } from './till.ts';

export type ActionState = 'pending' | 'accepted' | 'rejected';

/** The piece page and its "What happens to this piece" panel (client/src/inventory/PieceLifePanel.tsx). */
export class PiecePage {
  readonly page: Page;
  readonly status: Locator;
  readonly panel: Locator;
  readonly actionStatus: Locator;
  constructor(page: Page) {
    this.page = page;
    this.status = page.getByTestId('piece-status');
    this.panel = page.getByTestId('piece-life');
    this.actionStatus = page.getByTestId('piece-action-status');
  }

  /** Inventory › search › the piece's link. */
  async open(serial: string): Promise<void> {
    const inventory = new InventoryPage(this.page);
    await inventory.open();
    await inventory.search(serial);
    await inventory.openPiece(serial);
  }

  action(name: string): Locator {
    return this.panel.getByRole('button', { name, exact: true });
  }

  form(name: string): Locator {
    return this.panel.getByRole('form', { name });
  }

  /** Reserves for the first client the search finds; returns the client's name. */
  async reserveFor(query: string): Promise<string> {
    await this.action('Reserve for a client').click();
    const form = this.form('Reserve for a client');
    await form.getByLabel('Client').fill(query);
    const first = form.locator('.matches button').first();
    const name = ((await first.locator('strong').textContent()) ?? '').trim();
    await first.click();
    await expect(form.getByTestId('reserve-client')).toContainText(name);
    await form.getByRole('button', { name: 'Reserve', exact: true }).click();
    return name;
  }

  /** Sends the piece to `storeName`; resolves once the page says it has gone there. */
  async transferTo(storeName: string): Promise<void> {
    await this.action('Transfer to another store').click();
    const form = this.form('Transfer to another store');
    await form.getByLabel('Destination store').selectOption({ label: storeName });
    await form.getByRole('button', { name: 'Send', exact: true }).click();
    // Sent: gone from this store's catalog and stock, and the page says where it went.
    await expect(this.page.getByTestId('piece-sent-away')).toContainText(storeName, { timeout: 30_000 });
  }

  /** A new list price typed as a person would ("12000", "12,000.50"), with why. */
  async changePrice(price: string, reason: string): Promise<void> {
    await this.action('Change the price').click();
    const form = this.form('Change the price');
    await form.getByLabel(/^New price/).fill(price);
    await form.getByLabel('Reason').fill(reason);
    await form.getByRole('button', { name: 'Change the price' }).click();
  }

  async writeOff(reason: 'Lost' | 'Damaged' | 'Stolen' | 'Other', note: string): Promise<void> {
    await this.action('Write off').click();
    const form = this.form('Write off');
    await form.getByLabel(reason).check();
    await form.getByLabel('What happened').fill(note);
    await form.getByRole('button', { name: 'Write off for good' }).click();
  }

  async expectOutcome(state: ActionState, timeout = 30_000): Promise<void> {
    await expect(this.actionStatus).toHaveAttribute('data-state', state, { timeout });
  }

  /** The status pill, in words ("in stock", "reserved", "written off"). */
  async expectStatus(words: string, timeout = 30_000): Promise<void> {
    await expect(this.status).toHaveText(words, { timeout });
  }
}

/** A Paris manager's till sends the piece to New York; returns that till, left on the piece page. */
export async function sendToNewYork(browser: Browser, serial: string): Promise<Page> {
  const paris = await openTill(browser, demoUser('manager', 'par').login);
  const sender = new PiecePage(paris);
  await sender.open(serial);
  await sender.transferTo('Loupe New York');
  return paris;
}
