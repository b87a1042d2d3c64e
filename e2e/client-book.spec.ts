import { expect, test } from '@playwright/test';
import { seriousViolations } from './axe.ts';
import { demoUser, randomLetters, randomMobile } from './fixtures.ts';
import { ClientBookPage, twoTillsOnOneClient } from './page-models/ClientBookPage.ts';
import { SyncBadge } from './page-models/SyncBadge.ts';
import { openTill } from './page-models/till.ts';

test('SYNC-2: till A adds a phone while till B writes in the notes of the same client, both offline; once back, both tills show both edits', async ({
  browser,
}) => {
  const { tillA, tillB, bookA, bookB } = await twoTillsOnOneClient(browser);

  const mobile = randomMobile();
  const note = ` Prefers rose gold (${randomLetters()}).`;
  await tillA.context().setOffline(true);
  await tillB.context().setOffline(true);
  await new SyncBadge(tillA).expectOffline();
  await new SyncBadge(tillB).expectOffline();

  await bookA.addTo('phones', mobile);
  await expect(bookA.entries('phones').filter({ hasText: mobile })).toHaveCount(1);
  // A ring size that is not one is refused in words, and nothing is written.
  await bookA.addRingSize('99', 'US');
  await expect(bookA.profile.getByTestId('error-ringSizes')).toContainText('“99” is not a US ring size');
  const notesBefore = await bookB.notes.inputValue();
  await bookB.appendToNotes(note);
  await expect(bookB.notes).toHaveValue(notesBefore + note);
  // Offline, neither till sees the other's edit.
  await expect(bookA.notes).not.toHaveValue(new RegExp(note.trim().replace(/[()]/g, '\\$&')));
  await expect(bookB.entries('phones').filter({ hasText: mobile })).toHaveCount(0);

  await tillA.context().setOffline(false);
  await tillB.context().setOffline(false);
  for (const book of [bookA, bookB]) {
    await expect(book.entries('phones').filter({ hasText: mobile })).toHaveCount(1, { timeout: 30_000 });
    await expect(book.notes).toHaveValue(notesBefore + note, { timeout: 30_000 });
  }
  // Online, the notes merge live: A writes at the start while B's caret waits at the end of its text.
  await bookB.notes.click();
  await bookB.notes.press('Control+End');
  await bookA.notes.click();
  await bookA.notes.press('Control+Home');
  await bookA.notes.pressSequentially('VIP. ');
  await expect(bookB.notes).toHaveValue(`VIP. ${notesBefore}${note}`);
  await bookB.notes.pressSequentially(' Call Friday.');
  for (const book of [bookA, bookB])
    await expect(book.notes).toHaveValue(`VIP. ${notesBefore}${note} Call Friday.`);
});

test('a11y and keyboard: the client book and a profile, a stone added and removed with the keyboard alone', async ({
  browser,
}) => {
  const till = await openTill(browser, demoUser('associate', 'par', 0).login);
  const book = new ClientBookPage(till);
  await book.open();
  expect(await seriousViolations(till)).toEqual([]);
  await book.search.focus();
  await till.keyboard.press('Tab');
  await till.keyboard.press('Enter');
  await expect(book.profile).toBeVisible();
  expect(await seriousViolations(till)).toEqual([]);
  const stone = `tanzanite ${randomLetters()}`;
  await book.profile.getByTestId('add-stones').focus();
  await till.keyboard.type(stone);
  await till.keyboard.press('Enter');
  const entry = book.entries('stones').filter({ hasText: stone });
  await expect(entry).toHaveCount(1);
  await entry.getByRole('button', { name: `Remove ${stone}` }).focus();
  await till.keyboard.press('Enter');
  await expect(entry).toHaveCount(0);
});
