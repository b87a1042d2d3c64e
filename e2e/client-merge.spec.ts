import { expect, test } from '@playwright/test';
import { seriousViolations } from './axe.ts';
import { demoUser, pieceInStock, randomLetters } from './fixtures.ts';
import { ClientBookPage, twoTillsOnOneClient } from './page-models/ClientBookPage.ts';
import { ClientHistoryPanel } from './page-models/ClientHistoryPanel.ts';
import { ClientPicker } from './page-models/ClientPicker.ts';
import { DuplicatesPage } from './page-models/DuplicatesPage.ts';
import { SellPage } from './page-models/SellPage.ts';
import { openTill } from './page-models/till.ts';

test('MERGE-1..6: a manager merges two clients picked from the duplicates list; the merged client’s sale shows on the survivor', async ({
  browser,
}) => {
  const till = await openTill(browser, demoUser('manager', 'par').login);
  const email = `zoe.${randomLetters()}@example.com`;
  const last = `Marchand${randomLetters()}`;

  // A walk-in buyer is created at the counter and buys a piece.
  const sell = new SellPage(till);
  await sell.open();
  const piece = pieceInStock('par');
  await sell.scan(piece.serial);
  const picker = new ClientPicker(till);
  await picker.startNewClient(`Zoé ${last}`);
  await picker.fill({ email });
  await picker.submit();
  await picker.expectAttached(last);
  await sell.payByCard('AUTH-7788');
  const saleCommand = await sell.complete();
  await sell.expectSale(saleCommand, 'accepted');

  // The same person already had a profile: an associate noted the same e-mail on it.
  const book = new ClientBookPage(till);
  await book.open();
  const existing = await book.openFirst();
  await book.addTo('emails', email);
  await expect(book.entries('emails').filter({ hasText: email })).toHaveCount(1);
  await book.open();
  await book.search.fill(last);
  const newcomerRow = book.rows.filter({ hasText: last });
  await expect(newcomerRow).toHaveCount(1);
  const newcomer = (await newcomerRow.getAttribute('data-client')) ?? '';
  expect(newcomer).not.toBe(existing.id);

  // The pair is proposed, with why; the manager keeps the older profile and merges.
  const duplicates = new DuplicatesPage(till);
  await duplicates.open();
  await expect(duplicates.pair(existing.id, newcomer).getByTestId('duplicate-reasons')).toContainText(email);
  expect(await seriousViolations(till)).toEqual([]);
  await duplicates.review(existing.id, newcomer);
  expect(await seriousViolations(till)).toEqual([]);
  await duplicates.keep(existing.id);
  await duplicates.pick('names', 'survivor');
  await duplicates.merge();

  // The survivor's history holds the merged client's sale; the merged id opens the survivor.
  await till.getByTestId('open-survivor').click();
  await expect(book.profile).toHaveAttribute('data-client', existing.id);
  const history = new ClientHistoryPanel(till);
  await expect(history.purchaseOf(piece.serial)).toHaveCount(1, { timeout: 30_000 });
  expect(await seriousViolations(till)).toEqual([]);
  await till.goto(`/clients/${newcomer}`);
  await expect(book.profile).toHaveAttribute('data-client', existing.id);
  // The pair is gone from the list.
  await duplicates.open();
  await expect(duplicates.pair(existing.id, newcomer)).toHaveCount(0);
});

test('FIELDHIST-1, FIELDHIST-2: two associates set the same wrist size at once; the losing value is in the field history and restored', async ({
  browser,
}) => {
  const { tillA, tillB, bookA, bookB } = await twoTillsOnOneClient(browser);

  await tillA.context().setOffline(true);
  await tillB.context().setOffline(true);
  await bookA.profile.getByTestId('client-wrist').fill('16.5');
  await bookA.profile.getByTestId('client-wrist').press('Enter');
  await bookB.profile.getByTestId('client-wrist').fill('17.5');
  await bookB.profile.getByTestId('client-wrist').press('Enter');
  await tillA.context().setOffline(false);
  await tillB.context().setOffline(false);

  // Both tills settle on one value; the field history holds both writes, one of them not kept.
  const settled = async () => {
    const a = await bookA.profile.getByTestId('client-wrist').inputValue();
    const b = await bookB.profile.getByTestId('client-wrist').inputValue();
    return a === b && (a === '16.5' || a === '17.5');
  };
  await expect.poll(settled, { timeout: 30_000 }).toBe(true);
  const kept = await bookA.profile.getByTestId('client-wrist').inputValue();
  const lost = kept === '16.5' ? '17.5' : '16.5';
  const historyA = new ClientHistoryPanel(tillA);
  await expect(historyA.changesOf('wristCm').filter({ hasText: `→ ${lost}` })).toHaveCount(1, {
    timeout: 30_000,
  });
  await expect(historyA.changesOf('wristCm').filter({ hasText: `→ ${kept}` })).toHaveCount(1);

  // A restores the value that lost: an ordinary edit, seen by B and recorded in turn.
  await historyA.restore('wristCm', lost);
  await expect(bookB.profile.getByTestId('client-wrist')).toHaveValue(lost, { timeout: 30_000 });
  const keptChanges = historyA.fieldHistory.locator('[data-field="wristCm"][data-kept="true"]');
  await expect(keptChanges.filter({ hasText: `${kept} → ${lost}` })).toHaveCount(1, {
    timeout: 30_000,
  });
});
