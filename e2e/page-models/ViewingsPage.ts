import { expect, type Locator, type Page } from '@playwright/test';
import { openArea } from './areas.ts';

/** The store's day of private viewings and the booking form (client/src/clienteling/AppointmentsPage.tsx). */
export class ViewingsPage {
  readonly page: Page;
  readonly list: Locator;
  readonly form: Locator;
  constructor(page: Page) {
    this.page = page;
    this.list = page.getByTestId('appointment');
    this.form = page.getByTestId('book-form');
  }

  async open(): Promise<void> {
    await openArea(this.page, 'Viewings');
    await expect(this.form).toBeVisible();
  }

  /** Books a viewing for the first client the search finds, with these pieces; returns the client's id and name. */
  async book(opts: { find: string; date: string; time: string; serials: string[]; notes?: string }) {
    await this.form.getByTestId('book-find-client').fill(opts.find);
    const select = this.form.getByTestId('book-client');
    const option = select.locator('option:not([value=""])').first();
    await expect(option).toBeAttached();
    const id = (await option.getAttribute('value')) ?? '';
    const name = ((await option.textContent()) ?? '').trim();
    await select.selectOption(id);
    await this.form.getByTestId('book-date').fill(opts.date);
    await this.form.getByTestId('book-time').fill(opts.time);
    for (const serial of opts.serials) {
      await this.form.getByTestId('book-serial').fill(serial);
      await this.form.getByTestId('book-serial').press('Enter');
      await expect(this.form.getByTestId('book-pieces')).toContainText(serial);
    }
    if (opts.notes) await this.form.getByTestId('book-notes').fill(opts.notes);
    await this.form.getByTestId('book-submit').click();
    await expect(this.form.getByTestId('book-message')).toContainText('Booked');
    return { id, name };
  }

  appointmentOf(clientName: string): Locator {
    return this.list.filter({ hasText: clientName });
  }

  /** The hold state shown beside a piece of a viewing (reserving…, reserved, released). */
  holdOf(clientName: string, serial: string): Locator {
    return this.appointmentOf(clientName)
      .locator(`[data-testid="appointment-piece"][data-serial="${serial}"]`)
      .getByTestId('hold-state');
  }
}
