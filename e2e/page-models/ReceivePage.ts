import { expect, type Locator, type Page } from '@playwright/test';
import { openArea } from './areas.ts';

export type NewPiece = {
  serial: string;
  style: string;
  title: string;
  category: string;
  metal: string;
  karat?: string;
  weight: string;
  cost: string;
  listPrice: string;
  locationKind?: string;
  location?: string;
};

/** Receive a piece (managers): the form, its photos, the outcome and the tag printed at intake. */
export class ReceivePage {
  readonly page: Page;
  readonly outcome: Locator;
  readonly tagResult: Locator;
  readonly errors: Locator;
  constructor(page: Page) {
    this.page = page;
    this.outcome = page.getByTestId('receive-outcome');
    this.tagResult = page.getByTestId('tag-result');
    this.errors = page.getByTestId('receive-errors');
  }

  async open(): Promise<void> {
    await openArea(this.page, 'Receive');
    await expect(this.page.getByRole('heading', { name: 'Receive a piece' })).toBeVisible();
  }

  async fill(p: NewPiece): Promise<void> {
    const f = (key: string) => this.page.getByTestId(`receive-${key}`);
    await f('serial').fill(p.serial);
    await f('style').fill(p.style);
    await f('title').fill(p.title);
    await f('category').selectOption(p.category);
    await f('metal').selectOption(p.metal);
    if (p.karat) await f('karat').fill(p.karat);
    await f('weightGrams').fill(p.weight);
    await f('cost').fill(p.cost);
    await f('listPrice').fill(p.listPrice);
    if (p.locationKind) await f('locationKind').selectOption(p.locationKind);
    if (p.location) await f('locationLabel').fill(p.location);
  }

  /** Attaches a photo as the file picker (or the tablet camera) would, and waits for the relay. */
  async attachPhoto(name: string, bytes: Buffer, mimeType = 'image/png'): Promise<void> {
    await this.page.getByTestId('attach-file').setInputFiles({ name, mimeType, buffer: bytes });
    await expect(this.page.getByTestId('attach-message')).toHaveText(`${name} attached.`);
    await expect(this.page.getByTestId('attachments').locator('img')).toHaveCount(1);
  }

  async submit(): Promise<void> {
    await this.page.getByTestId('receive-submit').click();
  }

  async expectReceived(serial: string, timeout = 30_000): Promise<void> {
    await expect(this.outcome).toHaveText(`Piece ${serial} received.`, { timeout });
  }
}
