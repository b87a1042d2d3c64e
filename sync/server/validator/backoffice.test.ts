/**
 * The back office behind a real relay: capabilities set by the owner reach the decisions and the
 * tills (CAP-*), rates (RATE-*), consignment payouts and statements (CONSIGN-*), price history
 * (PRICE-1), cross-store lookup (LOOKUP-1) and device revocation (ORGUI-2).
 */
import { describe, expect, it } from 'vitest';
import type { CommandType } from '../../../domain/commands.ts';
import { uuidv7 } from '../../../domain/ids.ts';
import { pieceRecord } from '../../../domain/test-support.ts';
import { command, type PayloadInput } from '../../shared/command-builder.ts';
import { names } from '../../shared/doc-names.ts';
import { readConsignment } from '../../shared/docs/catalog.ts';
import { ORG_DOC, readCapabilities, readRates } from '../../shared/docs/org.ts';
import { closeAfterEach, type Till } from '../relay-per-test.support.test.ts';
import { saleEnvelope, startValidatingRelay, storeTax, type TestRelay } from '../test-utils.ts';

const perTest = closeAfterEach();

async function act<T extends CommandType>(t: Till, type: T, payload: PayloadInput<T>, store = t.store) {
  const c = command({ store, device: t.session.device, user: t.session.user.id }, type, payload);
  t.device.append(c);
  return { id: c.id, ...(await t.device.outcome(c.id, { store, at: c.at })) };
}
const get = (r: TestRelay, path: string, token?: string) =>
  fetch(`${r.url}${path}`, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
const inStock = (r: TestRelay, store: string) =>
  r.db
    .prepare(
      "SELECT serial, list_price_minor AS minor, currency FROM pieces WHERE store = ? AND status = 'in-stock' ORDER BY serial LIMIT 1",
    )
    .get(store) as { serial: string; minor: number; currency: string };

describe('back office behind a real relay', () => {
  it('CAP-3, ORGUI-1, ORGUI-4: an associate returns a sale alone only once the owner allows it; every till sees the setting', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const owner = await perTest.till(r, 'owner');
    const associate = await perTest.till(r, 'associate');
    const returnOf = async () => {
      const piece = inStock(r, associate.store);
      const sale = saleEnvelope(
        associate.session,
        associate.store,
        piece,
        undefined,
        storeTax(r, associate.store),
      );
      associate.device.append(sale);
      expect((await associate.device.outcome(sale.id, { store: sale.store, at: sale.at })).status).toBe(
        'accepted',
      );
      const saleId = (sale.payload as { saleId: string }).saleId;
      return act(associate, 'sale.return', {
        returnId: uuidv7(),
        saleId,
        serials: [piece.serial],
        refunds: [],
      });
    };
    const before = await returnOf();
    expect(before.code).toBe('not-allowed');

    const set = await act(owner, 'capabilities.set', {
      role: 'associate',
      settings: { discountLimitBp: 1_000, grants: ['refund'] },
    });
    expect(set.status).toBe('accepted');
    // The associate's till reads it from `org` (what its screens ask with).
    const org = associate.device.open(ORG_DOC);
    await org.synced;
    await expect.poll(() => readCapabilities(org.doc)?.associate?.grants).toEqual(['refund']);

    const after = await returnOf();
    expect(after.status).toBe('accepted');
    // A manager may not change capabilities.
    const manager = await perTest.till(r, 'manager');
    const refused = await act(manager, 'capabilities.set', {
      role: 'associate',
      settings: { discountLimitBp: 10_000, grants: [] },
    });
    expect(refused.code).toBe('not-allowed');
  });

  it('RATE-1: a manager enters a dated rate; SQL keeps it and `org` shows it', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const manager = await perTest.till(r, 'manager');
    const rate = { from: 'USD', to: 'EUR', rate: '0.9231', date: '2026-03-01' };
    expect((await act(manager, 'exchange-rate.set', { rate })).status).toBe('accepted');
    expect(r.db.prepare('SELECT rate FROM exchange_rates').all()).toEqual([{ rate: '0.9231' }]);
    const org = manager.device.open(ORG_DOC);
    await org.synced;
    await expect.poll(() => readRates(org.doc)).toEqual([rate]);
    const associate = await perTest.till(r, 'associate');
    expect((await act(associate, 'exchange-rate.set', { rate })).code).toBe('not-allowed');
  });

  it('CONSIGN-4, CONSIGN-7: a consigned piece sells, the payout is owed, and the statement (JSON and CSV) shows it', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const manager = await perTest.till(r, 'manager');
    const associate = await perTest.till(r, 'associate');
    const store = manager.store;
    const currency = inStock(r, store).currency;
    const piece = {
      ...pieceRecord(900_001, { store: store as never, title: 'Art déco sapphire ring' }),
      listPrice: { minor: 500_000, currency },
      cost: { minor: 0, currency },
    };
    const received = await act(manager, 'consignment.receive', {
      piece,
      consignment: {
        basis: 'consignment',
        owner: { kind: 'client', id: 'client-roux', name: 'Mme Roux' },
        terms: { kind: 'split', ownerShareBp: 6_000 },
      },
    } as never);
    expect(received.status).toBe('accepted');
    const catalog = associate.device.open(names.catalog(store));
    await catalog.synced;
    await expect.poll(() => readConsignment(catalog.doc, piece.serial)?.owner.name).toBe('Mme Roux');

    const sale = saleEnvelope(
      associate.session,
      store,
      { serial: piece.serial, minor: 500_000, currency },
      undefined,
      storeTax(r, store),
    );
    associate.device.append(sale);
    expect((await associate.device.outcome(sale.id, { store, at: sale.at })).status).toBe('accepted');

    const tax = storeTax(r, store);
    const beforeTax = tax.inclusive ? Math.round((500_000 * 10_000) / (10_000 + tax.basisPoints)) : 500_000;
    const res = await get(r, `/api/consignments?store=${store}&owner=client-roux`, manager.session.token);
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      payouts: { serial: string; payoutMinor: number; soldMinor: number }[];
      owed: { minor: number }[];
      pieces: { serial: string; status: string }[];
    };
    expect(report.payouts).toMatchObject([{ serial: piece.serial, soldMinor: beforeTax }]);
    expect(report.payouts[0]?.payoutMinor).toBe(Math.round((beforeTax * 6) / 10));
    expect(report.owed[0]?.minor).toBe(report.payouts[0]?.payoutMinor);
    expect(report.pieces).toMatchObject([{ serial: piece.serial, status: 'sold' }]);
    const csv = await (
      await get(r, `/api/consignments?store=${store}&owner=client-roux&format=csv`, manager.session.token)
    ).text();
    expect(csv.split('\r\n')[0]).toContain('payout');
    expect(csv).toContain(piece.serial);
    expect(csv).toContain('Mme Roux');
    // Associates do not see statements; nobody without a token does.
    expect((await get(r, `/api/consignments?store=${store}`, associate.session.token)).status).toBe(403);
    expect((await get(r, `/api/consignments?store=${store}`)).status).toBe(401);

    // A return cancels the payout owed.
    const owner = await perTest.till(r, 'owner');
    const back = await act(owner, 'sale.return', {
      returnId: uuidv7(),
      saleId: (sale.payload as { saleId: string }).saleId,
      serials: [piece.serial],
      refunds: [],
    });
    expect(back.status).toBe('accepted');
    const again = (await (
      await get(r, `/api/consignments?store=${store}`, manager.session.token)
    ).json()) as { owed: unknown[]; payouts: { cancelledAt: string | null }[] };
    expect(again.owed).toEqual([]);
    expect(again.payouts[0]?.cancelledAt).not.toBeNull();
  });

  it('CONSIGN-5: an unsold consigned piece goes back to its owner and leaves the store’s stock and catalog', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const manager = await perTest.till(r, 'manager');
    const store = manager.store;
    const currency = inStock(r, store).currency;
    const piece = {
      ...pieceRecord(900_002, { store: store as never }),
      listPrice: { minor: 90_000, currency },
      cost: { minor: 0, currency },
    };
    const consignment = {
      basis: 'memo-in',
      owner: { kind: 'vendor', id: 'V-ROUX', name: 'Roux & Fils' },
      terms: { kind: 'fixed', payout: { minor: 50_000, currency } },
    };
    expect((await act(manager, 'consignment.receive', { piece, consignment } as never)).status).toBe(
      'accepted',
    );
    const own = await act(manager, 'consignment.return', { serial: inStock(r, store).serial });
    expect(own.code).toBe('piece-not-consigned');
    expect(
      (await act(manager, 'consignment.return', { serial: piece.serial, note: 'end of memo' })).status,
    ).toBe('accepted');
    expect(r.db.prepare('SELECT 1 FROM pieces WHERE serial = ?').get(piece.serial)).toBeUndefined();
    const report = (await (
      await get(r, `/api/consignments?store=${store}`, manager.session.token)
    ).json()) as { pieces: { serial: string; status: string }[] };
    expect(report.pieces).toMatchObject([{ serial: piece.serial, status: 'returned-to-owner' }]);
    const catalog = manager.device.open(names.catalog(store));
    await catalog.synced;
    await expect.poll(() => readConsignment(catalog.doc, piece.serial)).toBeUndefined();
  });

  it('ORGUI-6, PRICE-1, LOOKUP-1: price history with reasons, and the style across the chain, role- and store-checked', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const manager = await perTest.till(r, 'manager');
    const piece = inStock(r, manager.store);
    const changed = await act(manager, 'price.change', {
      serial: piece.serial,
      listPrice: { minor: piece.minor + 10_000, currency: piece.currency },
      reason: 'gold price up',
    } as never);
    expect(changed.status).toBe('accepted');
    const res = await get(r, `/api/pieces/${piece.serial}/prices`, manager.session.token);
    expect(res.status).toBe(200);
    const { history } = (await res.json()) as {
      history: { fromMinor: number; toMinor: number; reason: string; userName: string }[];
    };
    expect(history).toEqual([
      expect.objectContaining({
        fromMinor: piece.minor,
        toMinor: piece.minor + 10_000,
        reason: 'gold price up',
      }),
    ]);
    expect(history[0]?.userName).toBe(manager.session.user.name);
    // Staff of another store do not read this store's price history.
    const nyc = await perTest.till(r, 'associate', 1);
    expect((await get(r, `/api/pieces/${piece.serial}/prices`, nyc.session.token)).status).toBe(403);

    // Two stores hold the same style: the lookup finds both, from any till.
    const owner = await perTest.till(r, 'owner');
    const nycStore = nyc.store;
    const nycCurrency = inStock(r, nycStore).currency;
    const style = 'STYLE-LOOKUP-1';
    for (const [n, store, currency] of [
      [900_010, manager.store, piece.currency],
      [900_011, nycStore, nycCurrency],
    ] as const) {
      const p = {
        ...pieceRecord(n, { store: store as never, style }),
        listPrice: { minor: 100_000, currency },
        cost: { minor: 1, currency },
      };
      expect((await act(owner, 'piece.receive', { piece: p } as never, store)).status).toBe('accepted');
    }
    const found = (await (
      await get(r, `/api/lookup?style=${encodeURIComponent(style)}`, nyc.session.token)
    ).json()) as { holdings: { store: string; status: string; listPrice: unknown }[] };
    expect(found.holdings.map((h) => h.store).sort()).toEqual([manager.store, nycStore].sort());
    expect(JSON.stringify(found)).not.toContain('cost');
    expect((await get(r, '/api/lookup?style=', nyc.session.token)).status).toBe(400);
    expect((await get(r, `/api/lookup?style=${style}`)).status).toBe(401);
  });

  it('ORGUI-2: revoking a device ends its refresh tokens and live connections; a manager revokes only their stores’ devices', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const owner = await perTest.till(r, 'owner');
    const associate = await perTest.till(r, 'associate');
    const stock = associate.device.open(names.stock(associate.store));
    await stock.synced;
    const nycManager = await perTest.till(r, 'manager', 1);
    const revoke = (device: string, token?: string) =>
      fetch(`${r.url}/api/devices/${device}/revoke`, {
        method: 'POST',
        ...(token ? { headers: { Authorization: `Bearer ${token}` } } : {}),
      });
    // The New York manager neither sees nor revokes a Paris associate's till.
    const seen = (await (await get(r, '/api/devices', nycManager.session.token)).json()) as {
      devices: { id: string }[];
    };
    expect(seen.devices.map((d) => d.id)).not.toContain(associate.session.device);
    expect((await revoke(associate.session.device, nycManager.session.token)).status).toBe(404);
    expect((await revoke(associate.session.device, associate.session.token)).status).toBe(403);
    expect((await revoke(associate.session.device)).status).toBe(401);

    const list = (await (await get(r, '/api/devices', owner.session.token)).json()) as {
      devices: { id: string; users: { name: string }[] }[];
    };
    expect(list.devices.find((d) => d.id === associate.session.device)?.users[0]?.name).toBe(
      associate.session.user.name,
    );
    const res = await revoke(associate.session.device, owner.session.token);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { closedConnections: number }).closedConnections).toBeGreaterThan(0);
    await expect.poll(() => associate.device.authFailed(), { timeout: 10_000 }).toBeDefined();
    const refreshed = await fetch(`${r.url}/api/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        refreshToken: associate.session.refreshToken,
        device: associate.session.device,
      }),
    });
    expect(refreshed.status).toBe(401);
    // The revoked till's still-valid access token no longer opens the back office.
    expect((await get(r, '/api/lookup?style=X', associate.session.token)).status).toBe(401);
  });

  it('ORGUI-4: a manager cannot revoke a till the owner used; each person shows when they last signed in there, not when their session ends', async () => {
    perTest.relay = await startValidatingRelay();
    const r = perTest.relay;
    const before = Date.now();
    const owner = await perTest.till(r, 'owner');
    const manager = await perTest.till(r, 'manager');
    const list = (await (await get(r, '/api/devices', manager.session.token)).json()) as {
      devices: { id: string; revocable: boolean; users: { name: string; lastSignIn: string }[] }[];
    };
    const ownersTill = list.devices.find((d) => d.id === owner.session.device);
    expect(ownersTill?.revocable).toBe(false);
    const signedIn = Date.parse(ownersTill?.users[0]?.lastSignIn ?? '');
    expect(signedIn).toBeGreaterThanOrEqual(before - 1_000);
    expect(signedIn).toBeLessThanOrEqual(Date.now() + 1_000);
    const res = await fetch(`${r.url}/api/devices/${owner.session.device}/revoke`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${manager.session.token}` },
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toBe('device-above-you');
    // The owner's till still syncs.
    expect(owner.device.authFailed()).toBeUndefined();
  });
});
