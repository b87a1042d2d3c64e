import { expect, type Locator, type Page } from '@playwright/test';

export type NewClientDetails = {
  email?: string;
  phone?: string;
  consent?: Array<'By e-mail' | 'By SMS' | 'By phone call'>;
  ringSize?: string;
  birthday?: string;
};

/** The sell screen's client picker, and the new-client form it opens for a walk-in buyer. */
export class ClientPicker {
  readonly page: Page;
  readonly search: Locator;
  readonly attached: Locator;
  readonly form: Locator;
  readonly error: Locator;
  readonly duplicateWarning: Locator;
  constructor(page: Page) {
    this.page = page;
    this.search = page.getByTestId('client-search');
    this.attached = page.getByTestId('attached-client');
    this.form = page.getByRole('form', { name: 'New client' });
    this.error = page.getByTestId('new-client-error');
    this.duplicateWarning = page.getByTestId('duplicate-warning');
  }

  match(name: string): Locator {
    return this.page.locator('.client-picker .matches button', { hasText: name });
  }

  /** Searches; when nobody matches, opens the form with what was typed already in place. */
  async startNewClient(query: string): Promise<void> {
    await this.search.fill(query);
    await this.page.getByRole('button', { name: 'No match — add a new client' }).click();
    await expect(this.form).toBeVisible();
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: true });
  }

  async fill(details: NewClientDetails): Promise<void> {
    if (details.email !== undefined) await this.field('E-mail').fill(details.email);
    if (details.phone !== undefined) await this.field('Phone').fill(details.phone);
    for (const c of details.consent ?? []) await this.form.getByLabel(c).check();
    if (details.ringSize !== undefined) await this.field('Ring size').fill(details.ringSize);
    if (details.birthday !== undefined) await this.field('Birthday').fill(details.birthday);
  }

  async submit(): Promise<void> {
    await this.form.getByRole('button', { name: 'Create client' }).click();
  }

  async expectAttached(name: string): Promise<void> {
    await expect(this.attached).toContainText(name);
    await expect(this.form).toHaveCount(0);
  }
}
