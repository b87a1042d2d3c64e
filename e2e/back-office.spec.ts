import { expect, test } from '@playwright/test';
import { demoUser, pieceInStock } from './fixtures.ts';
import { BackOfficePage } from './page-models/BackOfficePage.ts';
import { LoginPage } from './page-models/LoginPage.ts';
import { PiecePage } from './page-models/PiecePage.ts';
import { SellPage } from './page-models/SellPage.ts';
import { newTillContext, openTill } from './page-models/till.ts';

test('ORGUI-3: the owner adds an associate with a PIN; the associate signs in on a till and switches in by PIN', async ({
  browser,
}) => {
  const owner = demoUser('owner');
  const till = await openTill(browser, owner.login);
  const office = new BackOfficePage(till);
  await office.open('staff');
  const login = `camille.${Date.now() % 100_000}`;
  await office.addPerson({
    name: 'Camille Roy',
    login,
    role: 'Associate',
    pin: '482915',
    password: 'bague-en-or-18k',
  });
  await expect(office.staffRow(login).getByTestId('staff-role')).toHaveText('Associate');

  // A till of Paris: the new associate signs in with the password the owner set.
  const context = await newTillContext(browser, { viewport: { width: 820, height: 1180 } });
  const tablet = await context.newPage();
  await new LoginPage(tablet).signIn(login, 'bague-en-or-18k');
  await expect(tablet.getByTestId('current-user')).toHaveText('Camille Roy');
  // And on the owner's till, by PIN, at the counter.
  await new LoginPage(till).switchTo(login, '482915', 'Camille Roy');
});

test('CAP-3, ORGUI-4: once the owner allows associates to do returns, an associate returns a sale without a manager', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  const associateTill = await openTill(browser, demoUser('associate', 'par', 0).login);
  const sell = new SellPage(associateTill);
  const sale = await sell.sell(piece.serial, 'AUTH-CAP-RET');
  await sell.expectSale(sale, 'accepted');
  // By default the associate needs a manager for a return.
  await associateTill.getByTestId('return-serial').fill(piece.serial);
  await expect(associateTill.getByRole('button', { name: 'Find sale' })).toBeDisabled();

  const ownerTill = await openTill(browser, demoUser('owner').login);
  const office = new BackOfficePage(ownerTill);
  await office.open('organisation');
  await office.setCapability('Associate', 'Returns', true);

  // The associate's till learns it from the relay, without signing in again.
  await expect(associateTill.getByRole('button', { name: 'Find sale' })).toBeEnabled({ timeout: 30_000 });
  await sell.findSaleToReturn(piece.serial);
  await sell.refund([piece.serial]);
  await sell.expectReturn('accepted');

  // Put back as it was for the other tests of the run.
  await office.setCapability('Associate', 'Returns', false);
});

test('PRICE-1, ORGUI-6: a manager changes a price with a reason, and the price history shows it', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  const till = await openTill(browser, demoUser('manager', 'par').login);
  const page = new PiecePage(till);
  await page.open(piece.serial);
  await expect(till.getByTestId('price-history')).toContainText('has not changed');
  await page.changePrice('15,250', 'Gold price up 6 % this month');
  await page.expectOutcome('accepted');
  const history = till.getByTestId('price-history').getByTestId('price-change');
  await expect(history).toHaveCount(1, { timeout: 30_000 });
  await expect(history.first()).toContainText('Gold price up 6 % this month');
  await expect(history.first()).toContainText('15,250.00');
  await expect(history.first()).toContainText(demoUser('manager', 'par').name);
});

test('CONSIGN-4, CONSIGN-7: a consigned piece sells and the consignment statement shows the payout owed', async ({
  browser,
}) => {
  const managerTill = await openTill(browser, demoUser('manager', 'par').login);
  const office = new BackOfficePage(managerTill);
  await office.open('consignments');
  const serial = `LP-26-${String(900_000 + (Date.now() % 99_999)).padStart(6, '0')}`;
  await office.receiveConsigned({
    serial,
    title: 'Art déco sapphire ring (consigned)',
    style: 'CONSIGN-E2E',
    price: '12000',
    ownerId: 'client-roux',
    ownerName: 'Mme Roux',
    sharePercent: '60',
  });

  const associateTill = await openTill(browser, demoUser('associate', 'par', 0).login);
  const piecePage = new PiecePage(associateTill);
  await piecePage.open(serial);
  await expect(associateTill.getByTestId('consigned-badge')).toContainText('owned by Mme Roux');
  const sell = new SellPage(associateTill);
  await sell.open();
  const sale = await sell.sell(serial, 'AUTH-CONSIGN');
  await sell.expectSale(sale, 'accepted');

  await managerTill.reload();
  await office.open('consignments');
  await managerTill.getByTestId('statement-owner').selectOption('client-roux');
  // Paris prices include 20 % VAT: €12,000 is €10,000 before tax, 60 % of which is owed.
  await expect(office.payout(serial).getByTestId('payout-amount')).toContainText('6,000.00', {
    timeout: 30_000,
  });
  await expect(managerTill.getByTestId('owed-total')).toContainText('6,000.00');
});
