import { expect, type Locator, type Page } from '@playwright/test';
import { openArea } from './areas.ts';

/** Gift cards and store credit (client/src/money/CardsPage.tsx). */
export class CardsPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async open(): Promise<void> {
    await openArea(this.page, 'Gift cards');
    await expect(this.page.getByRole('heading', { name: 'Gift cards and store credit' })).toBeVisible();
  }

  /** Sells a gift card of `amount` paid by card; returns its number once the relay accepted it. */
  async sellGiftCard(amount: string): Promise<string> {
    const number = ((await this.page.getByTestId('issue-number').textContent()) ?? '').trim();
    await this.page.getByTestId('issue-amount').fill(amount);
    await this.page.getByTestId('issue-card').click();
    await expect(this.page.getByTestId('issue-status')).toHaveAttribute('data-state', 'accepted', {
      timeout: 30_000,
    });
    return number;
  }

  /** The relay's balance of a card, as the page shows it. */
  async balanceOf(number: string): Promise<Locator> {
    await this.page.getByTestId('card-lookup').fill(number);
    await this.page.getByTestId('card-check').click();
    return this.page.getByTestId('card-balance');
  }
}

/** One order's payments (client/src/money/OrderPayments.tsx), on its own route or the order page. */
export class OrderPaymentsPanel {
  readonly page: Page;
  readonly root: Locator;
  readonly balance: Locator;
  readonly status: Locator;
  constructor(page: Page) {
    this.page = page;
    this.root = page.getByTestId('order-payments');
    this.balance = page.getByTestId('order-balance');
    this.status = page.getByTestId('order-status');
  }

  /** A payment of `amount` (everything owed when omitted) by `tender`. */
  async pay(
    tender: 'Card' | 'Cash' | 'Wallet' | 'Gift card' | 'Store credit',
    amount?: string,
    reference?: string,
  ) {
    await this.root.getByRole('button', { name: tender, exact: true }).click();
    if (amount) await this.page.getByTestId('payment-amount').fill(amount);
    if (reference) await this.page.getByTestId('payment-reference').fill(reference);
    await this.page.getByTestId('record-payment').click();
  }
}
