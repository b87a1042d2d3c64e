import { expect, type Locator, type Page } from '@playwright/test';
import { openArea } from './areas.ts';

/** Today's follow-ups (client/src/clienteling/TodayPage.tsx). */
export class TodayPage {
  readonly page: Page;
  readonly items: Locator;
  constructor(page: Page) {
    this.page = page;
    this.items = page.getByTestId('followup');
  }

  async open(): Promise<void> {
    await openArea(this.page, 'Today');
    await expect(this.page.getByTestId('today-whose')).toBeVisible();
  }

  item(kind: 'appointment' | 'milestone' | 'not-seen', text: string): Locator {
    return this.page.locator(`[data-testid="followup"][data-kind="${kind}"]`).filter({ hasText: text });
  }
}
