import { expect, type Locator, type Page } from '@playwright/test';
import { openArea } from './areas.ts';

/** Orders and repairs: the work list, the intake form and a job's page. */
export class WorkPage {
  readonly page: Page;
  readonly notes: Locator;
  readonly stage: Locator;
  readonly claimCheck: Locator;
  constructor(page: Page) {
    this.page = page;
    this.notes = page.getByTestId('work-notes');
    this.stage = page.getByTestId('job-stage');
    this.claimCheck = page.getByTestId('job-claim-check');
  }

  async open(): Promise<void> {
    await openArea(this.page, 'Work');
    await expect(this.page.getByRole('heading', { name: 'Orders and repairs', level: 1 })).toBeVisible();
  }

  /** Intake of a repair or opening of a custom order for a client found by name. */
  async intake(
    kind: 'repair' | 'custom',
    input: {
      client: string;
      title: string;
      price: string;
      due?: string;
      work?: string[];
      /** A repair: the item photographed at intake (ORDERATT-2). */
      photo?: { name: string; bytes: Buffer };
    },
  ): Promise<string> {
    await this.page.getByTestId(kind === 'repair' ? 'new-repair' : 'new-order').click();
    await this.page.getByTestId('intake-client-search').fill(input.client);
    await this.page.getByTestId('intake-client-choice').first().click();
    await this.page.getByTestId('intake-title').fill(input.title);
    for (const w of input.work ?? []) await this.page.getByTestId(`intake-work-${w}`).check();
    await this.page.getByTestId('intake-price').fill(input.price);
    if (input.due) await this.page.getByTestId('intake-due').fill(input.due);
    if (input.photo) {
      const photos = this.page.getByTestId('intake-photos');
      await photos
        .getByTestId('work-attach-file')
        .setInputFiles({ name: input.photo.name, mimeType: 'image/jpeg', buffer: input.photo.bytes });
      await expect(photos.getByTestId('work-attach-message')).toHaveText(`${input.photo.name} attached.`);
      await expect(photos.getByTestId('work-attachment-thumb')).toHaveCount(1);
    }
    await this.page.getByTestId('intake-submit').click();
    await expect(this.claimCheck).toBeVisible();
    await expect(this.stage).not.toContainText('waiting', { timeout: 30_000 });
    return new URL(this.page.url()).pathname.split('/').pop() ?? '';
  }

  async openJob(id: string): Promise<void> {
    await this.page.goto(`/work/${id}`);
    await expect(this.claimCheck).toBeVisible({ timeout: 30_000 });
  }

  stones(): Locator {
    return this.page.getByTestId('work-stone');
  }

  async addStone(kind: string, carat: string): Promise<void> {
    await this.page.getByTestId('stone-kind').fill(kind);
    await this.page.getByTestId('stone-carat').fill(carat);
    await this.page.getByTestId('add-stone').click();
  }

  /** Who else is on this job (ORDERPRES-1), as the page shows them. */
  presence(): Locator {
    return this.page.getByTestId('work-presence').getByTestId('presence-peer');
  }

  attachments(): Locator {
    return this.page.getByTestId('work-attachment');
  }

  /** Attaches a file as the file picker (or the tablet camera) would, with its kind. */
  async attach(
    name: string,
    bytes: Buffer,
    kind: 'sketch' | 'photo' | 'certificate' | 'signed-quote' = 'photo',
    mimeType = 'image/png',
  ): Promise<void> {
    await this.page.getByTestId('work-attach-kind').selectOption(kind);
    await this.page.getByTestId('work-attach-file').setInputFiles({ name, mimeType, buffer: bytes });
  }

  async move(stage: string): Promise<void> {
    await this.page.getByTestId(`move-${stage}`).click();
  }

  async expectStage(label: string): Promise<void> {
    await expect(this.stage).toHaveText(label, { timeout: 30_000 });
  }
}
