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
    input: { client: string; title: string; price: string; due?: string; work?: string[] },
  ): Promise<string> {
    await this.page.getByTestId(kind === 'repair' ? 'new-repair' : 'new-order').click();
    await this.page.getByTestId('intake-client-search').fill(input.client);
    await this.page.getByTestId('intake-client-choice').first().click();
    await this.page.getByTestId('intake-title').fill(input.title);
    for (const w of input.work ?? []) await this.page.getByTestId(`intake-work-${w}`).check();
    await this.page.getByTestId('intake-price').fill(input.price);
    if (input.due) await this.page.getByTestId('intake-due').fill(input.due);
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

  async move(stage: string): Promise<void> {
    await this.page.getByTestId(`move-${stage}`).click();
  }

  async expectStage(label: string): Promise<void> {
    await expect(this.stage).toHaveText(label, { timeout: 30_000 });
  }
}
