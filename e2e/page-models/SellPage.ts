import { expect, type Locator, type Page } from '@playwright/test';
import { openArea } from './areas.ts';

export type SaleState = 'pending' | 'accepted' | 'rejected';

export class SellPage {
  readonly page: Page;
  readonly cartLines: Locator;
  readonly notice: Locator;
  readonly receipt: Locator;
  readonly completeButton: Locator;
  constructor(page: Page) {
    this.page = page;
    this.cartLines = page.getByTestId('cart-line');
    this.notice = page.getByTestId('scan-notice');
    this.receipt = page.getByTestId('receipt');
    this.completeButton = page.getByTestId('complete-sale');
  }

  async open(): Promise<void> {
    await openArea(this.page, 'Sell');
    await expect(this.page.getByTestId('scan-input')).toBeVisible();
  }

  /** Types the serial in the scan field, as an associate would. */
  async scan(serial: string): Promise<void> {
    await this.page.getByTestId('scan-input').fill(serial);
    await this.page.getByTestId('scan-input').press('Enter');
  }

  /** Scans the serial and waits for its line in the cart. */
  async addToCart(serial: string): Promise<void> {
    await this.scan(serial);
    await expect(this.line(serial)).toBeVisible();
  }

  /** A keyboard-wedge scanner: a fast burst of keys and Enter, wherever the focus is. */
  async wedgeScan(serial: string): Promise<void> {
    await this.page.keyboard.type(`${serial}\n`);
  }

  line(serial: string): Locator {
    return this.page.locator(`[data-testid="cart-line"][data-serial="${serial}"]`);
  }

  /** A card payment of `amount` (major units), or of everything still due. */
  async payByCard(reference: string, amount?: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Card', exact: true }).click();
    if (amount) await this.page.getByTestId('tender-amount').fill(amount);
    await this.page.getByTestId('tender-reference').fill(reference);
    await this.page.getByTestId('add-tender').click();
    if (!amount) await expect(this.completeButton).toBeEnabled();
  }

  /** Cash for what is due, rounded up to the next 50 so there is change to give. */
  async payCash(): Promise<void> {
    const due = (await this.page.getByTestId('due').textContent()) ?? '';
    const major = Number(due.replace(/[^\d.]/g, ''));
    const handed = (Math.floor(major / 50) + 1) * 50;
    await this.page.getByRole('button', { name: 'Cash', exact: true }).click();
    await this.page.getByTestId('tender-amount').fill(String(handed));
    await this.page.getByTestId('add-tender').click();
    await expect(this.completeButton).toBeEnabled();
  }

  async discount(percent: string): Promise<void> {
    await this.page.getByTestId('discount').fill(percent);
    await this.page.getByTestId('discount').press('Tab');
  }

  /** Types a discount and leaves the focus in the field (no blur), as a hurried associate does. */
  async typeDiscount(percent: string): Promise<void> {
    await this.page.getByTestId('discount').fill(percent);
  }

  /** Ctrl+Enter from wherever the focus is. */
  async completeWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('Control+Enter');
  }

  /** Types words (not a serial) in the scan field: the matching pieces are listed below it. */
  async search(text: string): Promise<void> {
    await this.page.getByTestId('scan-input').fill(text);
    await expect(this.matches.first()).toBeVisible();
  }

  get matches(): Locator {
    return this.page.getByTestId('piece-match');
  }

  /** The option the arrow keys have highlighted in the list of matches. */
  get activeMatch(): Locator {
    return this.page.locator('[data-testid="piece-match"][aria-selected="true"]');
  }

  /** Removes every payment added so far. */
  async removePayments(): Promise<void> {
    const remove = this.page.getByRole('button', { name: 'Remove payment' });
    while ((await remove.count()) > 0) await remove.first().click();
  }

  async approveDiscount(manager: string, pin: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Manager override' });
    await form.getByLabel('Manager', { exact: true }).fill(manager);
    await form.getByLabel('Manager PIN').fill(pin);
    await form.getByRole('button', { name: 'Approve' }).click();
  }

  /** Completes the sale and returns the command id shown on the receipt's line in "recent sales". */
  async complete(): Promise<string> {
    await this.completeButton.click();
    await expect(this.receipt).toBeVisible();
    const id = await this.page.getByTestId('recent-sale').first().getAttribute('data-command-id');
    if (!id) throw new Error('the sale did not appear in recent sales');
    return id;
  }

  /** Scan, pay by card, complete: the whole counter routine. */
  async sell(serial: string, reference = 'AUTH-0001'): Promise<string> {
    await this.scan(serial);
    await expect(this.line(serial)).toBeVisible();
    await this.payByCard(reference);
    return this.complete();
  }

  saleStatus(commandId: string): Locator {
    return this.page.locator(
      `[data-testid="recent-sale"][data-command-id="${commandId}"] [data-testid="sale-status"]`,
    );
  }

  async expectSale(commandId: string, state: SaleState, timeout = 30_000): Promise<void> {
    await expect(this.saleStatus(commandId)).toHaveAttribute('data-state', state, { timeout });
  }

  /** Returns and exchanges: find the original sale by the piece's serial (any till of the store). */
  async findSaleToReturn(serial: string): Promise<void> {
    await this.page.getByTestId('return-serial').fill(serial);
    await this.page.getByRole('button', { name: 'Find sale' }).click();
    await expect(this.page.getByTestId('return-sale')).toBeVisible({ timeout: 30_000 });
  }

  async refund(serials: readonly string[]): Promise<void> {
    const panel = this.page.getByTestId('return-sale');
    for (const s of serials) await panel.getByRole('checkbox', { name: new RegExp(s) }).check();
    await panel.getByRole('button', { name: /^Refund / }).click();
    await expect(panel).toHaveCount(0);
  }

  async expectReturn(state: SaleState, timeout = 30_000): Promise<void> {
    await expect(this.page.getByTestId('return-recorded').getByTestId('sale-status')).toHaveAttribute(
      'data-state',
      state,
      { timeout },
    );
  }
}
