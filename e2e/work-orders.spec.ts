import { expect, test } from '@playwright/test';
import { uuidv7 } from '../domain/ids.ts';
import { command } from '../sync/shared/command-builder.ts';
import { connectDevice } from '../sync/shared/device-client.ts';
import { BridgeTwins } from './bridge-twin.ts';
import { DEMO_PASSWORD, demoUser } from './fixtures.ts';
import { HardwarePage } from './page-models/HardwarePage.ts';
import { openTill } from './page-models/till.ts';
import { WorkPage } from './page-models/WorkPage.ts';

const relay = (): string => `127.0.0.1:${Number(process.env.LOUPE_E2E_PORT ?? 4391)}`;
const word = (): string =>
  Array.from({ length: 5 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

test('WORK-8: a designer and an associate edit the same order at once: notes typed together, a stone added on each side; both see both changes', async ({
  browser,
}) => {
  const designer = await openTill(browser, demoUser('designer', 'par').login);
  const associate = await openTill(browser, demoUser('associate', 'par').login);
  const d = new WorkPage(designer);
  const a = new WorkPage(associate);
  await d.open();
  const tag = word();
  const id = await d.intake('custom', {
    client: 'example.com',
    title: `Engagement ring ${tag}`,
    price: '4500',
    due: '2026-12-24',
  });
  await a.openJob(id);
  await expect(associate.getByTestId('work-title')).toHaveValue(`Engagement ring ${tag}`);

  // Notes typed together: the designer at the start, the associate at the end.
  await d.notes.click();
  await d.notes.pressSequentially('Platinum, knife-edge band.');
  await expect(a.notes).toHaveValue('Platinum, knife-edge band.');
  await a.notes.click();
  await a.notes.press('Control+End');
  await d.notes.press('Control+Home');
  await Promise.all([
    d.notes.pressSequentially('Designer: '),
    a.notes.pressSequentially(' Client calls Friday.'),
  ]);
  for (const p of [d, a])
    await expect(p.notes).toHaveValue('Designer: Platinum, knife-edge band. Client calls Friday.');

  // A stone added on each side at once.
  await Promise.all([d.addStone('diamond', '1.02'), a.addStone('sapphire', '0.4')]);
  for (const p of [d, a]) {
    await expect(p.stones()).toHaveCount(2);
    await expect(p.stones().filter({ hasText: 'diamond' })).toHaveCount(1);
    await expect(p.stones().filter({ hasText: 'sapphire' })).toHaveCount(1);
  }
  // Two fields edited at once, on two tills, both kept.
  await designer.getByTestId('work-metal').fill('platinum');
  await associate.getByTestId('work-engraving').fill('Pour toujours');
  await designer.getByTestId('work-metal').press('Tab');
  await associate.getByTestId('work-engraving').press('Tab');
  for (const p of [designer, associate]) {
    await expect(p.getByTestId('work-metal')).toHaveValue('platinum');
    await expect(p.getByTestId('work-engraving')).toHaveValue('Pour toujours');
  }
  await designer.setViewportSize({ width: 820, height: 1180 });
  await designer.screenshot({ path: 'test-results/work-order-820.png', fullPage: true });
});

test('REPAIR-*: a repair is taken in, its tag printed on the simulated printer and scanned back (opens the job), moved through its stages, collected after payment', async ({
  browser,
}) => {
  const till = await openTill(browser, demoUser('associate', 'par').login);
  await till.setViewportSize({ width: 1366, height: 900 });
  const hardware = new HardwarePage(till);
  await hardware.open();
  await hardware.pair();
  const work = new WorkPage(till);
  await work.open();
  const id = await work.intake('repair', {
    client: 'example.com',
    title: `Gold band, resize ${word()}`,
    price: '120',
    due: '2026-12-20',
    work: ['resize', 'polish'],
  });
  const claim = (await work.claimCheck.textContent()) ?? '';
  expect(claim).toMatch(/^R-[0-9A-F]{8}$/);

  // The job tag on the simulated tag printer, with the claim check as its barcode.
  await till.getByTestId('print-job-tag').click();
  await expect(till.getByTestId('job-tag-result')).toContainText(claim);
  const twins = await BridgeTwins.connect();
  try {
    const { tags } = await twins.printouts();
    expect(tags.some((t) => t.barcodes.includes(claim))).toBe(true);
    // Scanned back at the counter from the work list: the job opens.
    await work.open();
    await expect(till.getByTestId('work-list')).toBeVisible();
    await twins.scan(claim);
    await expect(till).toHaveURL(new RegExp(`/work/${id}$`));
  } finally {
    twins.close();
  }

  await work.move('estimated');
  await work.expectStage('Estimated');
  await work.move('approved');
  await work.expectStage('Approved');
  await till.getByTestId('move-bench').fill('Bench 2');
  await work.move('at-bench');
  await work.expectStage('At the bench');
  await work.move('quality-check');
  await work.expectStage('Quality check');
  await work.move('ready');
  await work.expectStage('Ready');
  await expect(till.getByTestId('job-moves').locator('li')).toHaveCount(5);

  // Money owed: collection waits for payment (the button stays off without a manager).
  await expect(till.getByTestId('job-balance')).toContainText('120');
  await expect(till.getByTestId('move-collected')).toBeDisabled();
  // The payment: `deposit.take` from another till of the store (the payment screen comes with the money module).
  const cashier = demoUser('associate', 'par', 1);
  const login = await fetch(`http://${relay()}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: cashier.login, password: DEMO_PASSWORD, device: uuidv7() }),
  });
  const session = (await login.json()) as {
    token: string;
    device: string;
    user: { id: string; stores: string[] };
  };
  const device = connectDevice({ url: `ws://${relay()}`, token: session.token, deviceId: session.device });
  try {
    const pay = command(
      { store: session.user.stores[0] ?? '', device: session.device, user: session.user.id },
      'deposit.take',
      { orderId: id, depositId: uuidv7(), amount: { minor: 12_000, currency: 'EUR' }, tender: 'card' },
    );
    device.append(pay);
    expect((await device.outcome(pay.id)).status).toBe('accepted');
  } finally {
    await device.close();
  }
  await expect(till.getByTestId('job-balance')).not.toContainText('120', { timeout: 30_000 });
  // The claim check shown by the client, then collected.
  await till.getByTestId('move-claim').fill(claim.toLowerCase());
  await work.move('collected');
  await work.expectStage('Collected');
  await work.open();
  await till.getByTestId('work-stage-filter').selectOption('all');
  await expect(till.locator(`[data-job="${id}"] [data-testid="work-row-stage"]`)).toHaveText('Collected');
});
