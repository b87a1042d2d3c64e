/** The life of a piece from its page (domain STOCK-*, RES-*, WRITEOFF-*): each action a command. */
import { expect, test } from '@playwright/test';
import { demoUser, pieceInStock } from './fixtures.ts';
import { LoginPage } from './page-models/LoginPage.ts';
import { PiecePage } from './page-models/PiecePage.ts';
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
  await sell.scan(piece.serial);
  await expect(sell.line(piece.serial)).toBeVisible();
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
