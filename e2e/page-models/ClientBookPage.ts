import { type Browser, expect, type Locator, type Page } from '@playwright/test';
import { demoUser } from '../fixtures.ts';
import { openArea } from './areas.ts';
import { openTill } from './till.ts';

/** The Clients area: the store's client book and a client's profile, edited in place. */
export class ClientBookPage {
  readonly page: Page;
  readonly search: Locator;
  readonly rows: Locator;
  readonly profile: Locator;
  readonly notes: Locator;
  /** The one filter bar of the list (tier, rising, designer, ring size, metal, milestone). */
  readonly filters: Locator;
  readonly count: Locator;
  constructor(page: Page) {
    this.page = page;
    this.search = page.getByTestId('clients-search');
    this.rows = page.getByTestId('client-row');
    this.profile = page.getByTestId('client-profile');
    this.notes = page.getByTestId('client-notes');
    this.filters = page.getByRole('group', { name: 'Filters' });
    this.count = page.getByTestId('clients-count');
  }

  /** Sets the given filters by their labels, as a keyboard user would reach them. */
  async filterBy(f: {
    metal?: string;
    tier?: string;
    rising?: boolean;
    milestoneDays?: number;
  }): Promise<void> {
    if (f.metal) await this.filters.getByLabel('Preferred metal').selectOption(f.metal);
    if (f.tier) await this.filters.getByLabel('Tier').selectOption(f.tier);
    if (f.rising !== undefined) await this.filters.getByLabel('Rising only').setChecked(f.rising);
    if (f.milestoneDays) await this.filters.getByLabel('Milestone').selectOption(String(f.milestoneDays));
  }

  async clearFilters(): Promise<void> {
    await this.filters.getByRole('button', { name: 'Clear filters' }).click();
  }

  async open(): Promise<void> {
    await openArea(this.page, 'Clients');
    await expect(this.search).toBeVisible();
    await expect(this.rows.first()).toBeVisible({ timeout: 30_000 });
  }

  /** Opens the first client of the list; returns its id and name. */
  async openFirst(): Promise<{ id: string; name: string }> {
    const row = this.rows.first();
    const id = (await row.getAttribute('data-client')) ?? '';
    const name = (await row.locator('strong').textContent()) ?? '';
    await row.click();
    await expect(this.profile).toHaveAttribute('data-client', id);
    return { id, name };
  }

  /** Finds a client by name and opens their profile. */
  async openByName(name: string, id: string): Promise<void> {
    await this.search.fill(name);
    await this.page.locator(`[data-testid="client-row"][data-client="${id}"]`).click();
    await expect(this.profile).toHaveAttribute('data-client', id);
  }

  entries(list: string): Locator {
    return this.profile.getByTestId(`entry-${list}`);
  }

  /** Types into a list's add field and presses Enter (keyboard first). */
  async addTo(list: string, value: string): Promise<void> {
    const field = this.profile.getByTestId(`add-${list}`);
    await field.fill(value);
    await field.press('Enter');
  }

  async addRingSize(size: string, system: 'US' | 'UK' | 'EU'): Promise<void> {
    await this.profile.getByTestId('add-ring-system').selectOption(system);
    const field = this.profile.getByTestId('add-ring-size');
    await field.fill(size);
    await field.press('Enter');
  }

  /** Who else has this profile open (PRESENCE-1): the banner, one line per person. */
  get presence(): Locator {
    return this.page.getByTestId('profile-presence');
  }

  presencePeer(name: string): Locator {
    return this.presence.getByTestId('presence-peer').filter({ hasText: name });
  }

  /** The list row of a client, and its "open by" marker. */
  row(id: string): Locator {
    return this.page.locator(`[data-testid="client-row"][data-client="${id}"]`);
  }

  rowPresence(id: string): Locator {
    return this.row(id).getByTestId('row-presence');
  }

  /** Types a measure (wrist or neck) and leaves the field, which saves it. */
  async setMeasure(which: 'wrist' | 'neck', value: string): Promise<void> {
    const field = this.profile.getByTestId(`client-${which}`);
    await field.fill(value);
    await field.press('Tab');
  }

  /** Types at the end of the notes, key by key, as an associate would. */
  async appendToNotes(text: string): Promise<void> {
    await this.notes.click();
    await this.notes.press('Control+End');
    await this.notes.pressSequentially(text);
  }
}

/** Two Paris associates' tills, both on the profile of one client (the first in A's book). */
export async function twoTillsOnOneClient(browser: Browser): Promise<{
  tillA: Page;
  tillB: Page;
  bookA: ClientBookPage;
  bookB: ClientBookPage;
  client: { id: string; name: string };
}> {
  const tillA = await openTill(browser, demoUser('associate', 'par', 0).login);
  const tillB = await openTill(browser, demoUser('associate', 'par', 1).login);
  const bookA = new ClientBookPage(tillA);
  const bookB = new ClientBookPage(tillB);
  await bookA.open();
  const client = await bookA.openFirst();
  await bookB.open();
  await bookB.openByName(client.name, client.id);
  return { tillA, tillB, bookA, bookB, client };
}
