/** Clienteling end to end (domain APPT-*, FOLLOWUP-*, TIER-*): viewings holding pieces, Today, tiers. */
import { expect, test } from '@playwright/test';
import { seriousViolations } from './axe.ts';
import { clientWithSpend, demoUser, pieceInStock } from './fixtures.ts';
import { openArea } from './page-models/areas.ts';
import { PiecePage } from './page-models/PiecePage.ts';
import { TodayPage } from './page-models/TodayPage.ts';
import { openTill } from './page-models/till.ts';
import { ViewingsPage } from './page-models/ViewingsPage.ts';

const parisToday = (): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(new Date())
    .slice(0, 10);

test('APPT-5, FOLLOWUP-1: an associate books a viewing with one piece; another till sees it reserved; the day view and Today show it', async ({
  browser,
}) => {
  const piece = pieceInStock('par');
  const associate = await openTill(browser, demoUser('associate', 'par', 0).login);
  const viewings = new ViewingsPage(associate);
  await viewings.open();
  const day = parisToday();
  const client = await viewings.book({
    find: 'ma',
    date: day,
    time: '23:30',
    serials: [piece.serial],
    notes: 'Champagne',
  });

  // The day view lists it, and the piece is reserved once the relay accepts the command.
  await expect(viewings.appointmentOf(client.name)).toContainText('23:30');
  await expect(viewings.holdOf(client.name, piece.serial)).toHaveText('reserved', { timeout: 30_000 });
  expect(await seriousViolations(associate)).toEqual([]);

  // Another till of the store sees the piece reserved for the client.
  const manager = await openTill(browser, demoUser('manager', 'par').login);
  const managerPiece = new PiecePage(manager);
  await managerPiece.open(piece.serial);
  await managerPiece.expectStatus('reserved');
  await expect(manager.getByTestId('reserved-for')).toContainText(client.name);
  // …and the viewing on its own day view.
  const managerViewings = new ViewingsPage(manager);
  await managerViewings.open();
  await expect(managerViewings.appointmentOf(client.name)).toBeVisible({ timeout: 30_000 });

  // Today's follow-ups of the associate show the viewing; marking it done hides it on every till.
  const today = new TodayPage(associate);
  await today.open();
  const item = today.item('appointment', client.name);
  await expect(item).toContainText('Viewing at 23:30');
  expect(await seriousViolations(associate)).toEqual([]);

  // Cancelling releases the piece.
  await viewings.open();
  await viewings.appointmentOf(client.name).getByTestId('appointment-cancel').click();
  await expect(viewings.holdOf(client.name, piece.serial)).toHaveText('released', { timeout: 30_000 });
  await managerPiece.open(piece.serial);
  await managerPiece.expectStatus('in stock');
});

test('TIER-2, TIER-5: the owner changes the tier thresholds and a client’s badge changes', async ({
  browser,
}) => {
  const client = clientWithSpend('par');
  const owner = await openTill(browser, demoUser('owner').login);
  const picker = owner.locator('select.store-picker');
  if ((await picker.count()) > 0) await picker.selectOption({ label: 'Maison Loupe — Paris' });
  const major = Math.floor(client.spendMinor / 100);
  const setTiers = async (loyal: string, vip: string) => {
    await openArea(owner, 'Clients');
    const settings = owner.getByTestId('tier-settings');
    await settings.locator('summary').click();
    await settings.getByTestId('tier-loyal').fill(loyal);
    await settings.getByTestId('tier-vip').fill(vip);
    await settings.getByTestId('save-tiers').click();
    await expect(settings.getByTestId('tiers-state')).toHaveText('Saved for the whole organisation.', {
      timeout: 30_000,
    });
  };
  await setTiers('1', String(Math.max(2, major)));
  await owner.goto(`/clients/${client.id}`);
  const badge = owner.getByTestId('clienteling-panel').getByTestId('tier-badge');
  await expect(badge).toHaveAttribute('data-tier', 'vip', { timeout: 30_000 });
  await expect(
    owner.getByTestId('recommendations').or(owner.getByText('Nothing in stock matches')),
  ).toBeVisible();
  expect(await seriousViolations(owner)).toEqual([]);

  await setTiers('1', String(major + 1));
  await owner.goto(`/clients/${client.id}`);
  await expect(badge).toHaveAttribute('data-tier', 'loyal', { timeout: 30_000 });
  await expect(badge).toHaveText('Loyal');
});
