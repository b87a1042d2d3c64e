import { expect, test } from '@playwright/test';
import { demoUser, relayDb } from './fixtures.ts';
import { openArea } from './page-models/areas.ts';
import { InventoryPage } from './page-models/InventoryPage.ts';
import { PiecePage, sendToNewYork } from './page-models/PiecePage.ts';
import { SellPage } from './page-models/SellPage.ts';
import { StoresPage } from './page-models/StoresPage.ts';
import { openTill } from './page-models/till.ts';

const PARIS = 'Maison Loupe — Paris';
const FOOTER = ['Returns within 30 days with this receipt', 'TVA FR 12 345678901'];
const digits = (s: string | null) => Number((s ?? '').replace(/[^\d]/g, ''));

/** x × 10 000 ÷ (10 000 + bp), half to even: the amount before VAT of a VAT-inclusive price. */
function beforeVat(minor: number, bp: number): number {
  const n = BigInt(minor) * 10_000n;
  const d = BigInt(10_000 + bp);
  const q = n / d;
  const r = n % d;
  const up = r * 2n > d || (r * 2n === d && q % 2n === 1n);
  return Number(up ? q + 1n : q);
}

/** Paris's category rates and footer as the relay's SQL holds them (validator-020). */
function storeSettings(): { tax_categories: string; receipt_footer: string } {
  const db = relayDb();
  try {
    return db.prepare('SELECT tax_categories, receipt_footer FROM stores WHERE name = ?').get(PARIS) as {
      tax_categories: string;
      receipt_footer: string;
    };
  } finally {
    db.close();
  }
}

/** An in-stock Paris piece of the category (or of any other one, with `not`). */
function parisPiece(category: string, not = false): { serial: string; minor: number } {
  const db = relayDb();
  try {
    const row = db
      .prepare(
        `SELECT p.serial, p.list_price_minor AS minor FROM pieces p JOIN stores s ON s.id = p.store
         WHERE s.name = ? AND p.status = 'in-stock' AND (json_extract(p.record, '$.category') = ?) = ?
         ORDER BY random() LIMIT 1`,
      )
      .get(PARIS, category, not ? 0 : 1) as { serial: string; minor: number } | undefined;
    if (!row) throw new Error(`no ${not ? 'non-' : ''}${category} in stock in Paris`);
    return row;
  } finally {
    db.close();
  }
}

test('TAXCAT-5, TAXCAT-6, TAXCAT-8, FOOTER-3: the owner sets a reduced rate for watches and a footer; a ring and a watch sell with two VAT lines, shown again as charged after the rate changes', async ({
  browser,
}) => {
  const owner = await openTill(browser, demoUser('owner').login);
  const stores = new StoresPage(owner);
  await stores.open();
  await stores.setCategoryRates(PARIS, [['Watches', '5.5']]);
  await stores.setFooter(PARIS, FOOTER);
  await stores.save(PARIS);
  await expect.poll(storeSettings, { timeout: 30_000 }).toEqual({
    tax_categories: JSON.stringify([{ category: 'watch', basisPoints: 550 }]),
    receipt_footer: JSON.stringify(FOOTER),
  });

  try {
    const ring = parisPiece('watch', true);
    const watch = parisPiece('watch');
    const till = await openTill(browser, demoUser('associate', 'par', 0).login);
    const sell = new SellPage(till);
    await sell.open();
    await sell.scan(ring.serial);
    await sell.addToCart(watch.serial);
    // The cart already shows one line per rate (from this till's copy of org).
    await expect(till.getByTestId('cart-tax-rate')).toHaveText(
      ['VAT included (20 %)', 'VAT included (5.5 %)'],
      {
        timeout: 30_000,
      },
    );
    await sell.payByCard('AUTH-TAXCAT-1');
    const id = await sell.complete();

    const lines = sell.receipt.getByTestId('receipt-tax-line');
    await expect(lines).toHaveCount(2);
    await expect(lines.getByTestId('receipt-tax-label')).toHaveText([
      'VAT included (20 %)',
      'VAT included (5.5 %)',
    ]);
    const ringVat = ring.minor - beforeVat(ring.minor, 2_000);
    const watchVat = watch.minor - beforeVat(watch.minor, 550);
    expect(digits(await lines.nth(0).locator('td.num').textContent())).toBe(ringVat);
    expect(digits(await lines.nth(1).locator('td.num').textContent())).toBe(watchVat);
    // Inclusive: the client pays the tags, whatever the rates.
    expect(digits(await sell.receipt.locator('tr.grand td.num').textContent())).toBe(
      ring.minor + watch.minor,
    );
    await expect(sell.receipt.getByTestId('receipt-footer')).toHaveText(FOOTER.join(''));
    await sell.expectSale(id, 'accepted');
    const db = relayDb();
    try {
      expect(
        db
          .prepare('SELECT s.tax_minor FROM sales s JOIN sale_lines l ON l.sale_id = s.id WHERE l.serial = ?')
          .get(watch.serial),
      ).toEqual({
        tax_minor: ringVat + watchVat,
      });
    } finally {
      db.close();
    }
    await till.screenshot({ path: 'test-results/receipt-tax-categories.png', fullPage: true });

    // TAXCAT-8: the owner raises the watch rate; the till prices a new watch at it, and the
    // receipt shown again from the recent sales still says what this sale charged.
    await stores.setCategoryRates(PARIS, [['Watches', '10']]);
    await stores.save(PARIS);
    await expect
      .poll(() => storeSettings().tax_categories, { timeout: 30_000 })
      .toBe(JSON.stringify([{ category: 'watch', basisPoints: 1_000 }]));
    await till.getByTestId('next-client').click();
    await expect(sell.receipt).toHaveCount(0);
    const nextRing = parisPiece('watch', true);
    const nextWatch = parisPiece('watch');
    await sell.scan(nextRing.serial);
    await sell.addToCart(nextWatch.serial);
    await expect(till.getByTestId('cart-tax-rate')).toHaveText(
      ['VAT included (20 %)', 'VAT included (10 %)'],
      {
        timeout: 30_000,
      },
    );
    await till
      .locator(`[data-testid="recent-sale"][data-command-id="${id}"]`)
      .getByRole('button', { name: 'Receipt' })
      .click();
    const again = sell.receipt.getByTestId('receipt-tax-line');
    await expect(again.getByTestId('receipt-tax-label')).toHaveText([
      'VAT included (20 %)',
      'VAT included (5.5 %)',
    ]);
    expect(digits(await again.nth(0).locator('td.num').textContent())).toBe(ringVat);
    expect(digits(await again.nth(1).locator('td.num').textContent())).toBe(watchVat);
  } finally {
    // Other specs sell in Paris at its one 20 % rate: put it back.
    await stores.setCategoryRates(PARIS, []);
    await stores.setFooter(PARIS, []);
    await stores.save(PARIS);
    await expect
      .poll(storeSettings, { timeout: 30_000 })
      .toEqual({ tax_categories: '[]', receipt_footer: '[]' });
  }
});

test('TRANSIT-3, TRANSIT-4: the sender’s inventory lists a piece sent to New York as in transit there, the receiver’s as in transit from Paris, until it is scanned in', async ({
  browser,
}) => {
  const piece = parisPiece('watch', true);
  const paris = await sendToNewYork(browser, piece.serial);
  const list = new InventoryPage(paris);
  // From the piece page, the top bar's link (the page has its own back link too).
  await openArea(paris, 'Inventory');
  await expect(paris.getByTestId('pieces')).toBeVisible();
  await list.search(piece.serial);
  await list.expectStatus(piece.serial, 'in-transit');
  await expect(list.row(piece.serial).getByTestId('piece-row-status')).toHaveText(
    'in transit to Loupe New York',
  );
  await paris.getByTestId('filter-status').selectOption('in-transit');
  await expect(list.row(piece.serial)).toBeVisible();

  const newYork = await openTill(browser, demoUser('manager', 'nyc').login);
  // TRANSIT-4: the receiver's list names where it comes from, and finds it by that store's name.
  const incoming = new InventoryPage(newYork);
  await incoming.open();
  await incoming.search(piece.serial);
  await expect(incoming.row(piece.serial).getByTestId('piece-row-status')).toHaveText(
    `in transit from ${PARIS}`,
    {
      timeout: 30_000,
    },
  );
  await newYork.getByTestId('filter-status').selectOption('in-transit');
  await incoming.search('Maison Loupe');
  await expect(incoming.row(piece.serial)).toBeVisible();
  const receiver = new PiecePage(newYork);
  await receiver.open(piece.serial);
  await receiver.expectStatus('in transit');
  await expect(newYork.getByTestId('piece-coming-from')).toContainText(PARIS);
  await receiver.action('Receive the transfer').click();
  await receiver.expectOutcome('accepted');
  // Scanned in at the destination: the sender's list no longer has it.
  await expect(list.row(piece.serial)).toHaveCount(0, { timeout: 30_000 });
});
