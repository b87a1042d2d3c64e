import { expect, type Page } from '@playwright/test';

export class LoginPage {
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }

  async signIn(user: string, password: string): Promise<void> {
    await this.page.goto('/');
    await this.page.getByLabel('User').fill(user);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: /sign in/i }).click();
    await expect(this.page.getByTestId('current-user')).toBeVisible();
  }

  /** Quick switch at a shared till: user + PIN, no sign-out. */
  async switchTo(user: string, pin: string, expectedName: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Switch user' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Switch user' });
    await dialog.getByLabel('User').fill(user);
    await dialog.getByLabel('PIN').fill(pin);
    await dialog.getByRole('button', { name: 'Switch' }).click();
    await expect(this.page.getByTestId('current-user')).toHaveText(expectedName);
  }
}
