import { expect, type Page, test } from '@playwright/test';
import { BridgeTwins, paperText } from './bridge-twin.ts';
import { demoUser, pieceInStock } from './fixtures.ts';
import { CountPage } from './page-models/CountPage.ts';
import { HardwarePage } from './page-models/HardwarePage.ts';
import { InventoryPage } from './page-models/InventoryPage.ts';
import { SellPage } from './page-models/SellPage.ts';
import { openTill } from './page-models/till.ts';

let twins: BridgeTwins | undefined;
test.afterEach(() => {
  twins?.close();
  twins = undefined;
});

/** A till paired with the simulated bridge from its settings page, and the test's hands on the twins. */
async function pairedTill(page: Page): Promise<HardwarePage> {
  const hardware = new HardwarePage(page);
  await hardware.open();
  await hardware.pair();
  await hardware.expectReady(['scanner', 'rfid', 'receipt-printer', 'tag-printer', 'drawer']);
  twins = await BridgeTwins.connect();
  return hardware;
}

test('paired from settings: a twin scan lands in the cart, a cash sale prints its receipt and opens the drawer', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  const till = await openTill(browser, demoUser('associate', 'par', 0).login);
  const sell = new SellPage(till);
  await sell.open();
  await expect(till.getByTestId('receipt')).toHaveCount(0);

  await pairedTill(till);
  const t = twins as BridgeTwins;
  await sell.open();
  await t.scan(piece.serial);
  await expect(sell.line(piece.serial)).toBeVisible();

  await sell.payCash();
  await sell.complete();
  await expect(till.getByTestId('receipt-printer')).toHaveAttribute('data-state', 'printed');
  await expect(till.getByTestId('receipt-printer')).toContainText('cash drawer opened');
  const total = paperText((await sell.receipt.locator('tr.grand td.num').textContent()) ?? '');
  expect(total).toMatch(/\d/);

  const printed = async () =>
    (await t.printouts()).receipts.find((r) => r.lines.join('\n').includes(piece.serial));
  await expect.poll(printed).toBeDefined();
  const receipt = await printed();
  const text = paperText(receipt?.lines.join('\n') ?? '');
  expect(text).toContain(piece.serial);
  expect(text).toContain(paperText(piece.title).split(' ')[0] ?? '');
  expect(text).toMatch(new RegExp(`TOTAL.*${total.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i'));
  expect(receipt?.drawerKicks).toBe(1);
  expect(receipt?.qrcodes).toHaveLength(1);
  expect(receipt?.cuts).toBe(1);
});

test('a jewelry tag printed from the piece page carries the serial', async ({ browser }) => {
  const piece = pieceInStock('par');
  const till = await openTill(browser, demoUser('associate', 'par', 1).login);
  const inventory = new InventoryPage(till);
  await inventory.open();
  await inventory.search(piece.serial);
  await inventory.openPiece(piece.serial);
  await expect(till.getByTestId('tag-print').getByTestId('device-unavailable')).toContainText(
    'No hardware bridge is paired',
  );
  await expect(till.getByTestId('print-tag')).toBeDisabled();

  await pairedTill(till);
  await inventory.open();
  await inventory.search(piece.serial);
  await inventory.openPiece(piece.serial);
  await till.getByLabel('Butterfly (necklaces)').check();
  await till.getByTestId('print-tag').click();
  await expect(till.getByTestId('tag-result')).toHaveText(`Tag printed for ${piece.serial}.`);
  await expect
    .poll(async () =>
      (await (twins as BridgeTwins).printouts()).tags.some((tag) => tag.barcodes.includes(piece.serial)),
    )
    .toBe(true);
});

test('an RFID count shows found and unexpected live, and the relay’s variance once submitted', async ({
  browser,
}) => {
  const here = [pieceInStock('par'), pieceInStock('par'), pieceInStock('par')].map((p) => p.serial);
  const elsewhere = pieceInStock('nyc').serial;
  const till = await openTill(browser, demoUser('manager', 'par').login);
  await pairedTill(till);
  const counts = new CountPage(till);
  await counts.open();
  await counts.startPartial('Case 3');
  await (twins as BridgeTwins).rfid([...here, elsewhere]);
  await counts.expectLive(4, 1);
  for (const s of here) await expect(counts.listed('found', s)).toBeVisible();
  await expect(counts.listed('unexpected', elsewhere)).toBeVisible();

  await counts.submit();
  await counts.expectAccepted();
  await expect(counts.relayListed('unexpected', elsewhere)).toBeVisible({ timeout: 30_000 });
  await expect(counts.submitted.getByTestId('relay-variance')).toContainText(
    '4 found, 0 missing, 1 unexpected',
  );
});
