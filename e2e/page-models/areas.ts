import type { Locator, Page } from '@playwright/test';

/** The top bar's areas (NAV-1): Sell, then links grouped under buttons (Money held, Clients, Stock, Office). */
export const areasNav = (page: Page): Locator => page.getByRole('navigation', { name: 'Areas' });

/**
 * An area's link in the top bar, whether or not its group is open — for "has no … area" checks
 * (`toHaveCount(0)`) and to find which group holds it.
 */
export const areaLink = (page: Page, name: string): Locator =>
  areasNav(page).getByRole('link', { name, exact: true, includeHidden: true });

/** Goes to an area the way a user does: its link, after opening its group when it is in one. */
export async function openArea(page: Page, name: string): Promise<void> {
  const nav = areasNav(page);
  const link = nav.getByRole('link', { name, exact: true });
  if (!(await link.isVisible())) {
    const group = nav
      .locator('[data-nav-group]')
      .filter({ has: page.getByRole('link', { name, exact: true, includeHidden: true }) });
    await group.getByRole('button').click();
  }
  await link.click();
}
