import { expect, type Locator, type Page } from '@playwright/test';
import { openArea } from './areas.ts';

/** Back office (client/src/backoffice/): staff, stores, roles & rates, consignment. */
export class BackOfficePage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async open(section: 'staff' | 'stores' | 'organisation' | 'consignments' = 'staff'): Promise<void> {
    await openArea(this.page, 'Back office');
    const tab = {
      staff: 'Staff',
      stores: 'Stores',
      organisation: 'Roles & rates',
      consignments: 'Consignment',
    }[section];
    await this.page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: tab }).click();
  }

  staffRow(login: string): Locator {
    return this.page.locator(`[data-testid="staff-row"][data-login="${login}"]`);
  }

  /** Staff › Add a person: the relay decides it, then the PIN and password are set over HTTP. */
  async addPerson(p: {
    name: string;
    login: string;
    role: string;
    pin: string;
    password: string;
  }): Promise<void> {
    await this.page.getByText('Add a person', { exact: true }).click();
    const form = this.page.getByRole('form', { name: 'Add a person' });
    await form.getByLabel('Name').fill(p.name);
    await form.getByLabel('Login').fill(p.login);
    await form.getByLabel('Role').selectOption({ label: p.role });
    await form.getByLabel(/^PIN/).fill(p.pin);
    await form.getByLabel(/^Password/).fill(p.password);
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(form.getByTestId('add-person-status')).toContainText('Saved: they use it', {
      timeout: 30_000,
    });
    await expect(this.staffRow(p.login)).toBeVisible();
  }

  /** Roles & rates: give or take a capability from a role and save it. */
  async setCapability(role: string, capability: string, on: boolean): Promise<void> {
    const card = this.page.getByRole('form', { name: role, exact: true });
    const box = card.getByLabel(capability);
    if (on) await box.check();
    else await box.uncheck();
    await card.getByRole('button', { name: `Save ${role}` }).click();
    await expect(card.getByRole('status')).toHaveText('Done.', { timeout: 30_000 });
  }

  /** Consignment › Receive a consigned piece, split terms. */
  async receiveConsigned(p: {
    serial: string;
    title: string;
    style: string;
    price: string;
    ownerId: string;
    ownerName: string;
    sharePercent: string;
  }): Promise<void> {
    await this.page.getByText('Receive a consigned piece', { exact: true }).click();
    const form = this.page.getByRole('form', { name: 'Receive a consigned piece' });
    await form.getByLabel('Serial').fill(p.serial);
    await form.getByLabel('Title').fill(p.title);
    await form.getByLabel('Style').fill(p.style);
    await form.getByLabel('Weight (g)').fill('4.2');
    await form.getByLabel(/^List price/).fill(p.price);
    await form.getByLabel('Owner code').fill(p.ownerId);
    await form.getByLabel('Owner name').fill(p.ownerName);
    await form.getByLabel(/^Split/).fill(p.sharePercent);
    await form.getByRole('button', { name: 'Receive', exact: true }).click();
    await expect(form.getByTestId('receive-consigned-status')).toHaveText('Done.', { timeout: 30_000 });
  }

  payout(serial: string): Locator {
    return this.page.locator(`[data-testid="payout-row"][data-serial="${serial}"]`);
  }
}
