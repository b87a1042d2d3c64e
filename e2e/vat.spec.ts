import { expect, test } from '@playwright/test';
import { demoUser, pieceInStock } from './fixtures.ts';
import { SellPage } from './page-models/SellPage.ts';
import { openTill } from './page-models/till.ts';

const digits = (s: string | null) => Number((s ?? '').replace(/[^\d]/g, ''));

test('TAX-2: in Paris the ticket price includes VAT: the client pays the price, the receipt shows the VAT in it', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  const till = await openTill(browser, demoUser('associate', 'par', 0).login);
  const sell = new SellPage(till);
  await sell.open();
  await sell.addToCart(piece.serial);
  await sell.payByCard('AUTH-VAT-1');
  const id = await sell.complete();
  const total = sell.receipt.locator('tr.grand td.num');
  expect(digits(await total.textContent())).toBe(piece.listPriceMinor);
  await expect(sell.receipt.getByTestId('receipt-tax-label')).toHaveText('VAT included (20 %)');
  // €x at 20 % included: x − x / 1.2, half to even; the relay accepts exactly that (SALE-7).
  const vat = piece.listPriceMinor - Math.round((piece.listPriceMinor * 10_000) / 12_000);
  const vatCell = sell.receipt.getByTestId('receipt-tax-label').locator('xpath=following-sibling::td');
  expect(Math.abs(digits(await vatCell.textContent()) - vat)).toBeLessThanOrEqual(1);
  await sell.expectSale(id, 'accepted');
  await till.screenshot({ path: 'test-results/receipt-paris.png', fullPage: true });
});

test('TAX-2: in New York sales tax is added on top of the ticket price', async ({ browser }) => {
  const piece = pieceInStock('nyc');
  const till = await openTill(browser, demoUser('associate', 'nyc', 0).login);
  const sell = new SellPage(till);
  await sell.open();
  await sell.addToCart(piece.serial);
  await sell.payByCard('AUTH-TAX-1');
  const id = await sell.complete();
  const tax = Math.round((piece.listPriceMinor * 888) / 10_000);
  const total = digits(await sell.receipt.locator('tr.grand td.num').textContent());
  expect(Math.abs(total - (piece.listPriceMinor + tax))).toBeLessThanOrEqual(1);
  await expect(sell.receipt.getByTestId('receipt-tax-label')).toHaveText('Tax (8.88 %)');
  await sell.expectSale(id, 'accepted');
});
