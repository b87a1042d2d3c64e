/** The life of a piece from its page (domain STOCK-*, RES-*, WRITEOFF-*): each action a command. */
import { expect, test } from '@playwright/test';
import { seriousViolations } from './axe.ts';
import { demoUser, pieceInStock } from './fixtures.ts';
import { LoginPage } from './page-models/LoginPage.ts';
import { PiecePage, sendToNewYork } from './page-models/PiecePage.ts';
import { SellPage } from './page-models/SellPage.ts';
import { openTill } from './page-models/till.ts';

test('a manager reserves a piece for a client; an associate cannot sell it to someone else until it is released', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  const manager = await openTill(browser, demoUser('manager', 'par').login);
  const managerPiece = new PiecePage(manager);
  await managerPiece.open(piece.serial);
  await expect(managerPiece.action('Write off')).toBeVisible();
  const client = await managerPiece.reserveFor('ma');
  await managerPiece.expectOutcome('accepted');
  await managerPiece.expectStatus('reserved');
  await expect(manager.getByTestId('reserved-for')).toContainText(client);

  // The associate's till: the piece is held for someone else (SALE-4), and the panel offers
  // an associate's actions only (ROLE-1: no write-off, no transfer).
  const associate = await openTill(browser, demoUser('associate', 'par', 0).login);
  const sell = new SellPage(associate);
  await sell.scan(piece.serial);
  await expect(sell.notice).toContainText('reserved for another client');
  await expect(sell.line(piece.serial)).toHaveCount(0);
  const associatePiece = new PiecePage(associate);
  await associatePiece.open(piece.serial);
  await expect(associatePiece.action('Release the reservation')).toBeVisible();
  await expect(associatePiece.action('Write off')).toHaveCount(0);

  await managerPiece.action('Release the reservation').click();
  await managerPiece.expectOutcome('accepted');
  await managerPiece.expectStatus('in stock');
  await associatePiece.expectStatus('in stock');
  await sell.open();
  await sell.addToCart(piece.serial);
});

test('RET-4: a sold then returned piece is restocked from its page and sold again', async ({ browser }) => {
  const piece = pieceInStock('par');
  const till = await openTill(browser, demoUser('associate', 'par', 0).login);
  const sell = new SellPage(till);
  await sell.expectSale(await sell.sell(piece.serial, 'AUTH-LIFE-1'), 'accepted');
  const manager = demoUser('manager', 'par');
  await new LoginPage(till).switchTo(manager.login, manager.pin, manager.name);
  await sell.findSaleToReturn(piece.serial);
  await sell.refund([piece.serial]);
  await sell.expectReturn('accepted');

  const page = new PiecePage(till);
  await page.open(piece.serial);
  await page.expectStatus('returned');
  await page.action('Restock (back on the shelf)').click();
  await page.expectOutcome('accepted');
  await page.expectStatus('in stock');

  await sell.open();
  await sell.expectSale(await sell.sell(piece.serial, 'AUTH-LIFE-2'), 'accepted');
});

test('WRITEOFF-4: a manager writes off a piece and it can no longer be sold', async ({ browser }) => {
  const piece = pieceInStock('par');
  const till = await openTill(browser, demoUser('manager', 'par').login);
  const page = new PiecePage(till);
  await page.open(piece.serial);
  await page.writeOff('Stolen', 'Taken from case 3 during the opening');
  await page.expectOutcome('accepted');
  await page.expectStatus('written off');
  await expect(page.panel).toContainText('Nothing your role can do');

  const sell = new SellPage(till);
  await sell.open();
  await sell.scan(piece.serial);
  await expect(sell.notice).toContainText('written off');
  await expect(sell.line(piece.serial)).toHaveCount(0);
});

test('STOCK-3: a manager sends a piece to New York; it arrives there in transit, is received and repriced in dollars', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  await sendToNewYork(browser, piece.serial);

  const newYork = await openTill(browser, demoUser('manager', 'nyc').login);
  const receiver = new PiecePage(newYork);
  await receiver.open(piece.serial);
  await receiver.expectStatus('in transit');
  await expect(receiver.action('Write off')).toHaveCount(0);
  await receiver.action('Receive the transfer').click();
  await receiver.expectOutcome('accepted');
  await receiver.expectStatus('in stock');
  // Priced in euros, it is repriced in the store's dollars before it can be sold (STOCK-5).
  await receiver.changePrice('12000', 'Repriced for New York');
  await receiver.expectOutcome('accepted');
  await expect(newYork.locator('.price-big')).toContainText('12,000.00');
});

test('offline, an action waits on the till like a sale and is decided on reconnect', async ({ browser }) => {
  const piece = pieceInStock('par');
  const till = await openTill(browser, demoUser('manager', 'par').login);
  const page = new PiecePage(till);
  await page.open(piece.serial);
  await till.context().setOffline(true);
  await page.action('Send to repair').click();
  await page.expectOutcome('pending');
  await expect(page.actionStatus).toContainText('Offline');
  await expect(page.action('Write off')).toBeDisabled();
  await page.expectStatus('in stock');
  await till.context().setOffline(false);
  await page.expectOutcome('accepted');
  await page.expectStatus('in repair');
  await page.action('Back from repair').click();
  await page.expectOutcome('accepted');
  await page.expectStatus('in stock');
});

test('a11y: the panel and its forms, at tablet width, by keyboard', async ({ browser }) => {
  const piece = pieceInStock('par');
  const till = await openTill(browser, demoUser('manager', 'par').login);
  await till.setViewportSize({ width: 820, height: 1180 });
  const page = new PiecePage(till);
  await page.open(piece.serial);
  expect(await seriousViolations(till)).toEqual([]);
  // The form opens with its first field focused; Escape closes it.
  await page.action('Reserve for a client').focus();
  await till.keyboard.press('Enter');
  await expect(page.form('Reserve for a client').getByLabel('Client')).toBeFocused();
  expect(await seriousViolations(till)).toEqual([]);
  await till.keyboard.press('Escape');
  await expect(page.form('Reserve for a client')).toHaveCount(0);
  await page.action('Write off').click();
  await expect(page.form('Write off').getByLabel('Lost')).toBeFocused();
  // A write-off says why: an empty note is refused in words, before any command.
  await page.form('Write off').getByRole('button', { name: 'Write off for good' }).click();
  await expect(page.panel.getByTestId('piece-action-error')).toHaveText('Say what happened, in a few words.');
  expect(await seriousViolations(till)).toEqual([]);
  const box = await page.panel.boundingBox();
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(820);
});
