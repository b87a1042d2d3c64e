import { expect, test } from '@playwright/test';
import { demoUser, pieceInStock, randomLetters, randomMobile } from './fixtures.ts';
import { ClientPicker } from './page-models/ClientPicker.ts';
import { SellPage } from './page-models/SellPage.ts';
import { SyncBadge } from './page-models/SyncBadge.ts';
import { openTill } from './page-models/till.ts';

test('a walk-in buyer gets a profile during a sale on till A and is found by name on till B', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  // A name nobody in the demo book has, so "no match" is true and the search on B is unambiguous.
  const last = `Valmont-${randomLetters()}`;
  const name = `Inès ${last}`;
  const email = `${last.toLowerCase()}@example.com`;
  const mobile = randomMobile();
  const tillA = await openTill(browser, demoUser('associate', 'par', 0).login);
  const tillB = await openTill(browser, demoUser('associate', 'par', 1).login);

  const sellA = new SellPage(tillA);
  const pickerA = new ClientPicker(tillA);
  await sellA.open();
  await sellA.addToCart(piece.serial);

  await pickerA.startNewClient(name);
  await expect(pickerA.field('First name')).toHaveValue('Inès');
  await expect(pickerA.field('Last name')).toHaveValue(last);
  // A mistyped e-mail is refused, with the field named in words; nothing is attached.
  await pickerA.fill({ email: 'ines@' });
  await pickerA.submit();
  await expect(pickerA.error).toHaveText('E-mail is not a valid address (like name@example.com).');
  await expect(pickerA.error).toHaveAttribute('data-field', 'email');
  await expect(pickerA.attached).toHaveCount(0);

  await pickerA.fill({
    email,
    phone: mobile,
    consent: ['By e-mail'],
    ringSize: '52',
    birthday: '1988-04-12',
  });
  await pickerA.submit();
  await pickerA.expectAttached(name);
  await expect(pickerA.attached).toContainText('ring 52 EU');

  await sellA.payByCard('AUTH-NEW-1');
  const sale = await sellA.complete();
  await expect(sellA.receipt).toContainText(`Client: ${name}`);
  // The receipt carries the store's address and is dated in the store's time zone.
  await expect(sellA.receipt.getByTestId('receipt-address')).toContainText('12 rue de la Paix');
  await expect(sellA.receipt.getByTestId('receipt-time')).toHaveAttribute('data-time-zone', 'Europe/Paris');
  await sellA.expectSale(sale, 'accepted');

  // Till B: the profile arrived through the store's client book.
  const sellB = new SellPage(tillB);
  const pickerB = new ClientPicker(tillB);
  await sellB.open();
  await pickerB.search.fill(name);
  await expect(pickerB.match(name)).toBeVisible({ timeout: 30_000 });
  await expect(pickerB.match(name)).toContainText(mobile);

  // Someone typing the same buyer in again on B is offered the existing profile instead.
  await pickerB.search.fill('Ines V');
  await pickerB.page.getByTestId('add-client').click();
  await pickerB.fill({ email: email.toUpperCase() });
  await pickerB.field('Last name').fill('Someone-else');
  await pickerB.submit();
  await expect(pickerB.duplicateWarning).toContainText(name);
  await expect(pickerB.duplicateWarning).toContainText('same e-mail');
  await pickerB.duplicateWarning.getByRole('button', { name: new RegExp(`Use ${name}`) }).click();
  await pickerB.expectAttached(name);
});

test('a client created on a till that is offline reaches the other till when it reconnects', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  const last = `Offline-${randomLetters()}`;
  const name = `Hugo ${last}`;
  const tillA = await openTill(browser, demoUser('associate', 'par', 0).login);
  const tillB = await openTill(browser, demoUser('associate', 'par', 1).login);
  const badgeA = new SyncBadge(tillA);
  const sellA = new SellPage(tillA);
  const pickerA = new ClientPicker(tillA);

  await tillA.context().setOffline(true);
  await badgeA.expectOffline();
  await sellA.open();
  await sellA.scan(piece.serial);
  await pickerA.startNewClient(name);
  await pickerA.fill({ phone: randomMobile(), consent: ['By SMS'] });
  await pickerA.submit();
  await pickerA.expectAttached(name);
  await sellA.payByCard('AUTH-OFFLINE-NEW');
  const sale = await sellA.complete();
  await expect(sellA.receipt).toContainText(`Client: ${name}`);
  await sellA.expectSale(sale, 'pending');

  const pickerB = new ClientPicker(tillB);
  await new SellPage(tillB).open();
  await pickerB.search.fill(name);
  await expect(tillB.getByRole('button', { name: 'No match — add a new client' })).toBeVisible();

  await tillA.context().setOffline(false);
  await sellA.expectSale(sale, 'accepted');
  await expect(pickerB.match(name)).toBeVisible({ timeout: 30_000 });
});
