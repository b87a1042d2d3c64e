import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { uuidv7 } from '../domain/ids.ts';
import { command } from '../sync/shared/command-builder.ts';
import { connectDevice } from '../sync/shared/device-client.ts';
import { BridgeTwins } from './bridge-twin.ts';
import { DEMO_PASSWORD, demoUser, randomLetters } from './fixtures.ts';
import { HardwarePage } from './page-models/HardwarePage.ts';
import { SyncBadge } from './page-models/SyncBadge.ts';
import { openTill } from './page-models/till.ts';
import { WorkPage } from './page-models/WorkPage.ts';

const relay = (): string => `127.0.0.1:${Number(process.env.LOUPE_E2E_PORT ?? 4391)}`;

test('WORK-8: a designer and an associate edit the same order at once: notes typed together, a stone added on each side; both see both changes', async ({
  browser,
}) => {
  // Two tills signing in and syncing on a shared 2-core machine take most of the default budget.
  test.setTimeout(180_000);
  const designer = await openTill(browser, demoUser('designer', 'par').login);
  const associate = await openTill(browser, demoUser('associate', 'par').login);
  const d = new WorkPage(designer);
  const a = new WorkPage(associate);
  await d.open();
  const tag = randomLetters(5);
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

  // ORDERPRES-1: each sees the other on the order, in the field they are in (both in the notes).
  for (const p of [d, a]) {
    await expect(p.presence()).toHaveCount(1);
    await expect(p.presence()).toContainText('in the notes');
  }

  // A stone added on each side at once.
  await Promise.all([d.addStone('diamond', '1.02'), a.addStone('sapphire', '0.4')]);
  for (const p of [d, a]) {
    await expect(p.stones()).toHaveCount(2);
    await expect(p.stones().filter({ hasText: 'diamond' })).toHaveCount(1);
    await expect(p.stones().filter({ hasText: 'sapphire' })).toHaveCount(1);
  }
  // ORDERPRES-1: both last typed in the stone form: each sees the other in the stones.
  for (const p of [d, a]) await expect(p.presence()).toContainText('in the stones');
  // Two fields edited at once, on two tills, both kept.
  await designer.getByTestId('work-metal').fill('platinum');
  await associate.getByTestId('work-engraving').fill('Pour toujours');
  await designer.getByTestId('work-metal').press('Tab');
  await associate.getByTestId('work-engraving').press('Tab');
  for (const p of [designer, associate]) {
    await expect(p.getByTestId('work-metal')).toHaveValue('platinum');
    await expect(p.getByTestId('work-engraving')).toHaveValue('Pour toujours');
  }
  // The designer in the metal field is seen there; the associate goes back to the work list and
  // sees the designer on the order's row, and the designer sees the associate gone.
  await designer.getByTestId('work-metal').focus();
  await expect(a.presence()).toContainText('in the metal');
  await a.open();
  await expect(associate.locator(`[data-job="${id}"] [data-testid="work-row-presence"]`)).toContainText(
    'Open:',
  );
  await expect(d.presence()).toHaveCount(0);
  await designer.setViewportSize({ width: 820, height: 1180 });
  await designer.screenshot({ path: 'test-results/work-order-820.png', fullPage: true });
});

test('ORDERATT-*: a photo attached to an order on one till shows as a thumbnail on the other; offline and reloaded, it is still there; one attached offline goes up on reconnect', async ({
  browser,
}) => {
  // Two tills signing in and syncing on a shared 2-core machine take most of the default budget.
  test.setTimeout(180_000);
  const designer = await openTill(browser, demoUser('designer', 'par').login);
  const associate = await openTill(browser, demoUser('associate', 'par').login);
  await associate.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  const d = new WorkPage(designer);
  const a = new WorkPage(associate);
  await d.open();
  const id = await d.intake('custom', {
    client: 'example.com',
    title: `Signet ${randomLetters(5)}`,
    price: '900',
  });
  const sketch = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#d4af37' } })
    .png()
    .toBuffer();
  await d.attach('sketch.png', sketch, 'sketch');
  await expect(designer.getByTestId('work-attach-message')).toHaveText('sketch.png attached.');
  await expect(d.attachments()).toHaveCount(1);
  await expect(d.attachments().first()).toHaveAttribute('data-kind', 'sketch');
  await expect(designer.getByTestId('work-attachment-thumb')).toHaveCount(1);

  // The other till: the thumbnail, then full size.
  await a.openJob(id);
  await expect(associate.getByTestId('work-attachment-thumb')).toHaveCount(1, { timeout: 30_000 });
  await associate.getByRole('button', { name: /Open Sketch 1 full size/ }).click();
  await expect(associate.getByTestId('work-attachment-viewer').locator('img')).toBeVisible();
  await associate.keyboard.press('Escape');
  await expect(associate.getByTestId('work-attachment-viewer')).not.toBeVisible();

  // Offline, reloaded: the order opens with its picture from the device.
  await associate.context().setOffline(true);
  await associate.reload();
  await new SyncBadge(associate).expectOffline();
  await expect(associate.getByTestId('work-attachment-thumb')).toHaveCount(1, { timeout: 30_000 });
  await associate.context().setOffline(false);

  // A photo taken with no network: kept on the designer's till, waiting; it goes up on reconnect
  // and the associate sees it.
  await designer.context().setOffline(true);
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#5a7' } })
    .jpeg()
    .toBuffer();
  await d.attach('bench.jpg', photo, 'photo', 'image/jpeg');
  await expect(designer.getByTestId('work-attach-message')).toContainText('goes to the store server when');
  await expect(d.attachments()).toHaveCount(2);
  await expect(designer.getByTestId('work-attachment-waiting')).toHaveCount(1);
  await expect(designer.getByTestId('work-attachment-thumb')).toHaveCount(2);
  await designer.context().setOffline(false);
  await expect(designer.getByTestId('work-attachment-waiting')).toHaveCount(0, { timeout: 30_000 });
  await expect(a.attachments()).toHaveCount(2, { timeout: 30_000 });
  await expect(associate.getByTestId('work-attachment-thumb')).toHaveCount(2, { timeout: 30_000 });
  await associate.setViewportSize({ width: 820, height: 1180 });
  await associate.screenshot({ path: 'test-results/work-attachments-820.png', fullPage: true });
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
  const item = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#c8a951' } })
    .jpeg()
    .toBuffer();
  const id = await work.intake('repair', {
    client: 'example.com',
    title: `Gold band, resize ${randomLetters(5)}`,
    price: '120',
    due: '2026-12-20',
    work: ['resize', 'polish'],
    photo: { name: 'band.jpg', bytes: item },
  });
  // ORDERATT-2: the item's photo from the intake is on the repair.
  await expect(work.attachments()).toHaveCount(1);
  await expect(work.attachments().first()).toHaveAttribute('data-kind', 'intake');
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
