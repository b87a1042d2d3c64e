import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { demoUser, randomMobile } from './fixtures.ts';
import { AuditPage } from './page-models/AuditPage.ts';
import { areaLink } from './page-models/areas.ts';
import { ClientBookPage } from './page-models/ClientBookPage.ts';
import { openTill } from './page-models/till.ts';

test('AUDITV-1, CHAIN-3: an associate edits a client; the manager finds the edit by person and client, and the owner checks the chain', async ({
  browser,
}) => {
  const associate = demoUser('associate', 'par', 0);
  const till = await openTill(browser, associate.login);
  const book = new ClientBookPage(till);
  await book.open();
  const client = await book.openFirst();
  const mobile = randomMobile();
  await book.addTo('phones', mobile);
  await expect(book.entries('phones').filter({ hasText: mobile })).toHaveCount(1);

  const manager = await openTill(browser, demoUser('manager', 'par').login);
  const audit = new AuditPage(manager);
  await audit.open();
  await audit.filter({ person: associate.name, client: client.id });
  const edit = audit.lines.filter({ hasText: `${client.id}.phones` });
  await expect(edit.first()).toBeVisible({ timeout: 15_000 });
  await expect(edit.first()).toContainText(associate.name);
  await expect(edit.first()).toContainText(`clients/`);
  // Every line shown is that person's.
  for (const line of await audit.lines.all()) await expect(line).toContainText(associate.name);
  const a11y = await new AxeBuilder({ page: manager }).include('main, .audit-page').analyze();
  expect(a11y.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious')).toEqual([]);

  const owner = await openTill(browser, demoUser('owner').login);
  const ownerAudit = new AuditPage(owner);
  await ownerAudit.open();
  await ownerAudit.checkChain();
  await expect(ownerAudit.chainVerdict).toContainText(/The chain holds: \d+ entries checked\./);
  await expect(ownerAudit.chainVerdict.locator('code.hash')).toHaveText(/^[0-9a-f]{64}$/);
});

test('AUDITV-2: an associate has no Audit area', async ({ browser }) => {
  const till = await openTill(browser, demoUser('associate', 'par', 0).login);
  await expect(areaLink(till, 'Audit')).toHaveCount(0);
});
