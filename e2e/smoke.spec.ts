import { expect, test } from '@playwright/test';

test('the relay answers its health check', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.ok).toBe(true);
  expect(typeof body.version).toBe('string');
});

test('the web app opens on the sign-in screen', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Loupe/);
  await expect(page.getByRole('button', { name: /sign in/i })).toBeVisible();
});
