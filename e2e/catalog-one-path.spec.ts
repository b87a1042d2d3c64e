/**
 * Issue 10, one path: a piece a manager receives by command (here a headless device, the same path
 * as a till) reaches the store's catalog a till reads, and so do its later title and price changes
 * (sync/SPEC.md DOC-5, domain CATALOG-*, PRICE-*). Before, `piece.receive` wrote SQL and stock only.
 */
import { expect, test } from '@playwright/test';
import { command } from '../sync/shared/command-builder.ts';
import { connectDevice } from '../sync/shared/device-client.ts';
import { DEMO_PASSWORD, demoUser } from './fixtures.ts';
import { InventoryPage } from './page-models/InventoryPage.ts';
import { openTill } from './page-models/till.ts';

test('DOC-5: a piece received, renamed and repriced by command shows in the till’s Inventory', async ({
  browser,
  baseURL,
}) => {
  const login = await fetch(`${baseURL}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: demoUser('manager', 'par').login, password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const session = (await login.json()) as {
    token: string;
    device: string;
    user: { id: string; stores: string[] };
  };
  const store = session.user.stores[0] ?? '';
  const device = connectDevice({
    url: (baseURL ?? '').replace(/^http/, 'ws'),
    token: session.token,
    deviceId: session.device,
  });
  try {
    // A Loupe serial that can carry an RFID tag (RFID-5), like every received piece: the store's
    // RFID counts later in the run must find it.
    const serial = `LP-990-${String(Date.now() % 1_000_000).padStart(6, '0')}`;
    const actor = { store, device: session.device, user: session.user.id };
    const piece = {
      serial,
      style: 'RG-E2E-01',
      title: 'Received by command',
      category: 'ring' as const,
      metal: 'platinum' as const,
      fineness: 950,
      weightMg: 4_200,
      stones: [],
      cost: { minor: 40_000, currency: 'EUR' },
      listPrice: { minor: 100_000, currency: 'EUR' },
      imageRefs: [],
      store,
      location: { kind: 'case' as const, label: 'C1' },
    };
    const commands = [
      command(actor, 'piece.receive', { piece }),
      command(actor, 'piece.update', { serial, changes: { title: 'Renamed by command' } }),
      command(actor, 'price.change', {
        serial,
        listPrice: { minor: 123_400, currency: 'EUR' },
        reason: 'e2e',
      }),
    ];
    for (const c of commands) device.append(c);
    for (const c of commands) expect((await device.outcome(c.id)).status, c.type).toBe('accepted');

    const till = await openTill(browser, demoUser('associate', 'par', 0).login);
    const inventory = new InventoryPage(till);
    await inventory.open();
    await inventory.search(serial);
    await expect(inventory.row(serial)).toContainText('Renamed by command');
    await expect(inventory.row(serial)).toContainText(/1[\s,.\u202f]?234/);
  } finally {
    device.close();
  }
});
