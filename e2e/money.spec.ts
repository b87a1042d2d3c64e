/** Money held for clients (MONEY-*, GIFT-*, LAYAWAY-*): gift cards at the counter and a layaway paid off. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { demoUser, pieceInStock } from './fixtures.ts';
import { CardsPage, OrderPaymentsPanel } from './page-models/MoneyPage.ts';
import { PiecePage } from './page-models/PiecePage.ts';
import { SellPage } from './page-models/SellPage.ts';
import { openTill } from './page-models/till.ts';

const major = (text: string | null) =>
  Number(
    (text ?? '')
      .replace(/[^\d.,]/g, '')
      .replace(/,(?=\d{3})/g, '')
      .replace(',', '.'),
  );

test('GIFT-3: a sale paid partly by gift card and partly by card; the card’s balance drops by what it paid', async ({
  browser,
}) => {
  const till = await openTill(browser, demoUser('associate', 'par', 0).login);
  const cards = new CardsPage(till);
  await cards.open();
  const number = await cards.sellGiftCard('500');
  expect(number).toMatch(/^\d{4}-\d{4}-\d{4}$/);
  const a11y = await new AxeBuilder({ page: till }).include('main').analyze();
  expect(a11y.violations).toEqual([]);

  const piece = pieceInStock('par');
  const sell = new SellPage(till);
  await sell.open();
  await sell.addToCart(piece.serial);
  // A mistyped number is caught at the till by its check digit.
  await till.getByRole('button', { name: 'Gift card', exact: true }).click();
  await till.getByTestId('tender-amount').fill('200');
  const wrong = `${number.slice(0, -1)}${(Number(number.slice(-1)) + 1) % 10}`;
  await till.getByTestId('tender-reference').fill(wrong);
  await till.getByTestId('add-tender').click();
  await expect(till.getByRole('alert')).toContainText('not a valid card number');
  await till.getByTestId('tender-reference').fill(number);
  await expect(till.getByTestId('tender-card-balance')).toContainText('500');
  await till.getByTestId('add-tender').click();
  await sell.payByCard('AUTH-GIFT-1');
  await sell.expectSale(await sell.complete(), 'accepted');

  await cards.open();
  const balance = await cards.balanceOf(number);
  await expect(balance).toContainText('300');
  expect(major(await balance.textContent())).toBe(300);
});

test('LAYAWAY-2: a piece put on layaway is reserved, and the payment that clears its balance makes it a sale', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  const till = await openTill(browser, demoUser('associate', 'par', 0).login);
  const piecePage = new PiecePage(till);
  await piecePage.open(piece.serial);
  const layaway = till.getByTestId('layaway');
  await layaway.getByLabel('Client').fill('ma');
  await layaway.locator('.matches button').first().click();
  await layaway.getByTestId('layaway-open').click();
  await piecePage.expectStatus('reserved');
  await layaway.getByRole('link', { name: 'Payments for this layaway' }).click({ timeout: 30_000 });

  const payments = new OrderPaymentsPanel(till);
  await expect(payments.status).toHaveText('Open');
  const total = major(await payments.balance.textContent());
  expect(total).toBeGreaterThan(100);
  await payments.pay('Cash', '100');
  await expect(payments.balance).not.toHaveText(/^\D*0[.,]00\D*$/);
  await expect
    .poll(async () => major(await payments.balance.textContent()), { timeout: 30_000 })
    .toBe(total - 100);
  await expect(till.getByTestId('statement')).toContainText('Cash');
  const a11y = await new AxeBuilder({ page: till }).include('main').analyze();
  expect(a11y.violations).toEqual([]);

  await payments.pay('Card', undefined, 'AUTH-LAY-2');
  await expect(payments.status).toHaveText('Paid off', { timeout: 30_000 });
  await expect.poll(async () => major(await payments.balance.textContent())).toBe(0);
  await piecePage.open(piece.serial);
  await piecePage.expectStatus('sold');
});
