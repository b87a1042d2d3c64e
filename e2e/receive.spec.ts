/**
 * The back office end to end (issue 13): receive a piece with a photo and its tag printed on the
 * simulated printer, scan it into a case, sell it from another till; a barcode count of one place
 * with a missing piece, written off by the manager.
 */
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { seriousViolations } from './axe.ts';
import { demoUser, pieceInStock, stamp } from './fixtures.ts';
import { BarcodeCountPage, CountPage } from './page-models/CountPage.ts';
import { HardwarePage } from './page-models/HardwarePage.ts';
import { LocationsPage } from './page-models/LocationsPage.ts';
import { PiecePage, sendToNewYork } from './page-models/PiecePage.ts';
import { ReceivePage } from './page-models/ReceivePage.ts';
import { SellPage } from './page-models/SellPage.ts';
import { openTill } from './page-models/till.ts';

test('RECEIVE: a manager receives a piece with a photo, prints its tag, scans it into a case; an associate on another till sells it', async ({
  browser,
}) => {
  const serial = `E2E-RCV-${stamp()}`;
  const manager = await openTill(browser, demoUser('manager', 'par').login);
  const hardware = new HardwarePage(manager);
  await hardware.open();
  await hardware.pair();

  const receive = new ReceivePage(manager);
  await receive.open();
  // Words, not codes, when the form is not right.
  await receive.submit();
  await expect(receive.errors).toContainText('serial number is missing');
  await receive.fill({
    serial,
    style: 'RG-E2E-01',
    title: 'Solitaire ring, end to end',
    category: 'ring',
    metal: 'yellow-gold',
    karat: '18',
    weight: '3.8',
    cost: '900',
    listPrice: '2400',
    locationKind: 'safe',
    location: 'Safe',
  });
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#d4af37' } })
    .png()
    .toBuffer();
  await receive.attachPhoto('ring.png', photo);
  await receive.submit();
  await expect(receive.tagResult).toHaveText(`Tag printed for ${serial}.`);
  await receive.expectReceived(serial);

  const piece = new PiecePage(manager);
  await piece.open(serial);
  await piece.expectStatus('in stock');
  await expect(manager.getByTestId('attachments').locator('img')).toHaveCount(1);

  const locations = new LocationsPage(manager);
  await locations.open();
  const place = `Case E2E ${stamp()}`;
  await locations.toNewPlace('case', place);
  await locations.scan(serial);
  await expect(manager.getByTestId('scanned-count')).toHaveText('1 piece scanned');
  await locations.moveScanned(1, place);

  const associate = await openTill(browser, demoUser('associate', 'par', 0).login);
  const sell = new SellPage(associate);
  await sell.expectSale(await sell.sell(serial, 'AUTH-RCV-1'), 'accepted');
  await piece.open(serial);
  await piece.expectStatus('sold');
});

test('COUNT-7: a barcode count of a tray with one piece missing ends in the manager writing it off', async ({
  browser,
}) => {
  const [found, lost] = [pieceInStock('par'), pieceInStock('par')];
  const manager = await openTill(browser, demoUser('manager', 'par').login);
  const locations = new LocationsPage(manager);
  await locations.open();
  const tray = `Tray ${stamp()}`;
  await locations.toNewPlace('tray', tray);
  await locations.scan(found.serial);
  await locations.scan(lost.serial);
  await locations.moveScanned(2, tray);

  const counts = new CountPage(manager);
  await counts.open();
  const count = new BarcodeCountPage(manager);
  await count.start(tray);
  await expect(manager.getByTestId('count-expected')).toHaveText('2');
  await count.scan(found.serial);
  await expect(manager.getByTestId('count-found')).toHaveText('1');
  await count.submit();
  await expect(count.relayListed('missing', lost.serial)).toBeVisible({ timeout: 30_000 });
  await count.writeOffMissing(lost.serial);
  await expect(manager.getByTestId('count-history')).toContainText(tray);

  const piece = new PiecePage(manager);
  await piece.open(lost.serial);
  await piece.expectStatus('written off');
});

test('STOCK-3: a piece sent from Paris shows on its way in New York at once and is received there by scan', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  await sendToNewYork(browser, piece.serial);

  const newYork = await openTill(browser, demoUser('manager', 'nyc').login);
  const arrivals = new LocationsPage(newYork);
  await arrivals.open();
  await arrivals.openArrivals();
  await expect(arrivals.arrival(piece.serial)).toBeVisible({ timeout: 30_000 });
  await arrivals.scan(piece.serial);
  await expect(arrivals.arrival(piece.serial)).toHaveAttribute('data-scanned', 'yes');
  await arrivals.receiveScanned(1);
  const receiver = new PiecePage(newYork);
  await receiver.open(piece.serial);
  await receiver.expectStatus('in stock');
});

test('a11y: no serious or critical violations on Receive, Import, Locations and a barcode count, at 1366 and 820 wide', async ({
  browser,
}) => {
  const till = await openTill(browser, demoUser('manager', 'par').login);
  const found: Record<string, string[]> = {};
  for (const size of [
    { width: 1366, height: 900 },
    { width: 820, height: 1180 },
  ]) {
    await till.setViewportSize(size);
    const receive = new ReceivePage(till);
    await receive.open();
    await receive.submit();
    await expect(receive.errors).toBeVisible();
    found[`receive-${size.width}`] = await seriousViolations(till);
    await till.getByRole('link', { name: 'Import a CSV file instead →' }).click();
    await expect(till.getByRole('heading', { name: 'Import pieces from a file' })).toBeVisible();
    found[`import-${size.width}`] = await seriousViolations(till);
    const locations = new LocationsPage(till);
    await locations.open();
    found[`locations-${size.width}`] = await seriousViolations(till);
    await till.getByTestId('mode-safe').click();
    await expect(till.getByTestId('safe-progress')).toBeVisible();
    found[`safe-${size.width}`] = await seriousViolations(till);
    await new CountPage(till).open();
    await till.getByTestId('count-method-barcode').check();
    found[`count-${size.width}`] = await seriousViolations(till);
  }
  expect(Object.values(found).flat()).toEqual([]);
});
