/**
 * Issue 9, "The counter as a new user finds it": what an associate on their first day notices at
 * the counter — the discount they typed, a scan right after signing in, a piece found by its
 * name, the receipt where the eye is, the approval's stale error, the card's reference, times.
 */

import { type Browser, expect, type Page, test } from '@playwright/test';
import { DEMO_PASSWORD, demoUser, pieceInStock } from './fixtures.ts';
import { InventoryPage } from './page-models/InventoryPage.ts';
import { LoginPage } from './page-models/LoginPage.ts';
import { SellPage } from './page-models/SellPage.ts';
import { SyncBadge } from './page-models/SyncBadge.ts';
import { newTillContext } from './page-models/till.ts';

type Size = { width: number; height: number };
const LAPTOP: Size = { width: 1366, height: 900 };
const TABLET: Size = { width: 820, height: 1180 };

async function till(
  browser: Browser,
  login: string,
  opts: { viewport?: Size; timezoneId?: string; settle?: boolean; slowRelayMs?: number } = {},
): Promise<Page> {
  const context = await newTillContext(browser, {
    viewport: opts.viewport ?? LAPTOP,
    ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
  });
  const delay = opts.slowRelayMs;
  if (delay) {
    // A slow store network: everything the relay sends arrives `delay` ms late, so the first
    // download is still under way when the associate scans.
    await context.routeWebSocket(/.*/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((m) => setTimeout(() => ws.send(m), delay));
      ws.onMessage((m) => server.send(m));
    });
  }
  const page = await context.newPage();
  await new LoginPage(page).signIn(login, DEMO_PASSWORD);
  if (opts.settle !== false) await new SyncBadge(page).expectSettled();
  return page;
}

const amount = (text: string | null): number =>
  Number((text ?? '').replace(/[^\d.,]/g, '').replace(/,/g, ''));

test('a discount typed and not yet applied is never dropped: Ctrl+Enter does not complete at full price (item 1)', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  const page = await till(browser, demoUser('associate', 'par', 0).login);
  const sell = new SellPage(page);
  await sell.addToCart(piece.serial);
  const fullTotal = await page.getByTestId('total').textContent();
  await sell.payByCard('AUTH-FULL');

  // 8 % typed, focus still in the field, then Ctrl+Enter: the cart shows 8 % off, so a sale at
  // full price would not be what the client was shown.
  await sell.typeDiscount('8');
  await expect(page.getByTestId('total')).not.toHaveText(fullTotal ?? '');
  await sell.completeWithKeyboard();
  await expect(sell.receipt).toHaveCount(0);
  await expect(sell.notice).toContainText('more than the total');

  // Above the limit and not approved: Ctrl+Enter explains instead of selling at full price.
  await sell.removePayments();
  await sell.typeDiscount('15');
  await sell.payByCard('AUTH-15', String(amount(await page.getByTestId('due').textContent())));
  await sell.completeWithKeyboard();
  await expect(sell.receipt).toHaveCount(0);
  await expect(sell.notice).toContainText('15 % discount is above your limit');

  // Back to 8 %, paid again: the sale completes with the discount the client saw.
  await sell.removePayments();
  await sell.typeDiscount('8');
  const shown = await page.getByTestId('total').textContent();
  await sell.payByCard('AUTH-8');
  await sell.completeWithKeyboard();
  await expect(sell.receipt).toBeVisible();
  await expect(sell.receipt.locator('tr.grand')).toContainText(shown ?? '');
  expect(amount(shown)).toBeLessThan(amount(fullTotal));
});

test('a scan made right after signing in waits for the store’s pieces instead of calling the tag wrong (item 2)', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  // A fresh till on a slow network, no waiting for the first download: the associate scans at once.
  const page = await till(browser, demoUser('associate', 'par', 1).login, {
    settle: false,
    slowRelayMs: 2_500,
  });
  const sell = new SellPage(page);
  await sell.scan(piece.serial);
  await expect(sell.notice).not.toContainText('catalog');
  await expect(sell.notice).not.toContainText('cannot be sold');
  await expect(sell.line(piece.serial)).toBeVisible({ timeout: 30_000 });
  await expect(sell.notice).toHaveCount(0);
});

test('a piece is found by its title and chosen with the keyboard; a piece page puts its piece in the cart (item 3)', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  const other = pieceInStock('par');
  const page = await till(browser, demoUser('associate', 'par', 0).login);
  const sell = new SellPage(page);

  await sell.search(piece.title);
  await expect(sell.matches.filter({ hasText: piece.title }).first()).toBeVisible();
  await page.getByTestId('scan-input').press('ArrowDown');
  await expect(sell.activeMatch).toHaveCount(1);
  const chosen = await sell.activeMatch.getAttribute('data-serial');
  await page.getByTestId('scan-input').press('Enter');
  await expect(sell.line(chosen ?? '')).toBeVisible();
  await expect(sell.matches).toHaveCount(0);
  await expect(sell.notice).toHaveCount(0);

  const inventory = new InventoryPage(page);
  await inventory.open();
  await inventory.search(other.serial);
  await inventory.openPiece(other.serial);
  await page.getByRole('button', { name: 'Sell this piece' }).click();
  await expect(page.getByTestId('scan-input')).toBeVisible();
  await expect(sell.line(other.serial)).toBeVisible();
  await expect(sell.cartLines).toHaveCount(2);
});

for (const [name, viewport] of [
  ['1366×900', LAPTOP],
  ['820×1180', TABLET],
] as const) {
  test(`after a sale the receipt is where the eye is, at ${name} (item 9)`, async ({ browser }) => {
    const piece = pieceInStock('par');
    const page = await till(browser, demoUser('associate', 'par', 0).login, { viewport });
    const sell = new SellPage(page);
    await sell.addToCart(piece.serial);
    await sell.payByCard('AUTH-EYE');
    await sell.complete();
    await expect(sell.receipt).toBeInViewport({ ratio: 0.5 });
    await expect(sell.receipt.getByRole('button', { name: 'Next client' })).toBeInViewport();
    await expect(sell.receipt.getByRole('button', { name: 'Next client' })).toBeFocused();
    await page.screenshot({ path: `test-results/receipt-after-sale-${viewport.width}.png` });
    // Enter starts the next client; the cart is ready for a scan.
    await page.keyboard.press('Enter');
    await expect(sell.receipt).toHaveCount(0);
    await expect(page.getByTestId('scan-input')).toBeFocused();
  });
}

test('a failed PIN’s error leaves once a manager approves, and after the sale (item 10)', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  const page = await till(browser, demoUser('associate', 'par', 0).login);
  const sell = new SellPage(page);
  const manager = demoUser('manager', 'par');
  await sell.addToCart(piece.serial);
  await sell.typeDiscount('15');
  await sell.approveDiscount(manager.login, manager.pin === '0000' ? '1111' : '0000');
  const discountError = page.getByRole('region', { name: 'Discount' }).getByRole('alert');
  await expect(discountError).toBeVisible();
  await sell.approveDiscount(manager.login, manager.pin);
  await expect(page.getByText(`Approved by ${manager.name}`)).toBeVisible();
  await expect(discountError).toHaveCount(0);
  await sell.payByCard('AUTH-PIN');
  await sell.complete();
  await expect(discountError).toHaveCount(0);
  await expect(page.getByText(`Approved by ${manager.name}`)).toHaveCount(0);
});

test('a card payment says its terminal reference is needed before Add payment is pressed (item 16)', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  const page = await till(browser, demoUser('associate', 'par', 0).login);
  const sell = new SellPage(page);
  await sell.addToCart(piece.serial);
  await page.getByRole('button', { name: 'Card', exact: true }).click();
  await expect(page.getByLabel('Terminal reference (required)')).toBeVisible();
  await expect(page.getByTestId('tender-reference-hint')).toContainText(
    'reference the card terminal printed',
  );
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a sale’s time reads the same on the receipt and in recent sales: the store’s time zone (item 11)', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  // A Paris till whose computer clock is set to New York.
  const page = await till(browser, demoUser('associate', 'par', 0).login, { timezoneId: 'America/New_York' });
  const sell = new SellPage(page);
  await sell.addToCart(piece.serial);
  await sell.payByCard('AUTH-TZ');
  const id = await sell.complete();
  const onReceipt = (await page.getByTestId('receipt-time').textContent()) ?? '';
  const inList =
    (await page
      .locator(`[data-testid="recent-sale"][data-command-id="${id}"] .row > span`)
      .first()
      .textContent()) ?? '';
  const clock = (s: string) => /\d{1,2}:\d{2}/.exec(s)?.[0];
  expect(clock(onReceipt)).toBeTruthy();
  expect(clock(inList)).toBe(clock(onReceipt));
});

test('an offline sale waits in words a person understands: “1 sale waiting to be sent” (item 15)', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  const page = await till(browser, demoUser('associate', 'par', 1).login);
  const sell = new SellPage(page);
  const badge = new SyncBadge(page);
  await page.context().setOffline(true);
  await badge.expectOffline();
  await sell.sell(piece.serial, 'AUTH-OFF');
  await expect(badge.pending).toHaveText('1 sale waiting to be sent');
  await page.context().setOffline(false);
  await badge.expectSettled();
});
