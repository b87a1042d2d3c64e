import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { eur, STORE as S1 } from '../../../domain/test-support.ts';
import { writeClient } from '../../../sync/shared/docs/clients.ts';
import { buildClient, emptyForm } from '../sell/new-client.ts';
import { appendCommand, pendingCount } from './outbox.ts';
import { ledgerMonths, openStoreData } from './store-data.ts';
import { fakeDevice } from './test-device.ts';
import { catalogPiece } from './test-records.ts';

const now = new Date('2026-11-25T10:00:00.000Z');
const STORE = '0193f1a2-0000-7000-8000-0000000000a1';

describe('a till’s store data', () => {
  it('opens this month’s and last month’s ledger', () => {
    expect(ledgerMonths(now)).toEqual(['2026-11', '2026-10']);
    expect(ledgerMonths(new Date('2026-01-05T00:00:00Z'))).toEqual(['2026-01', '2025-12']);
  });

  it('shows catalog pieces with their stock status and follows the relay’s outcomes', async () => {
    const device = fakeDevice();
    const { data, dispose } = createRoot((dispose) => ({
      data: openStoreData(device, { store: S1, deviceId: 'd1', now }),
      dispose,
    }));
    device
      .doc(`catalog/${S1}`)
      .getMap('pieces')
      .set('LP-1', catalogPiece('LP-1', S1, { title: 'Solitaire', listPrice: eur(500_000) }));
    device
      .doc(`stock/${S1}`)
      .getArray('stock')
      .push([{ key: 'LP-1', val: { status: 'in-stock', location: 'case-1' } }]);
    expect(data.pieces['LP-1']?.title).toBe('Solitaire');
    expect(data.stock['LP-1']?.status).toBe('in-stock');

    const sale = appendCommand(
      data.outbox,
      { store: S1, device: 'd1', user: 'u1' },
      'repair.in',
      { serial: 'LP-1' },
      { now },
    );
    expect(pendingCount(data.commands.items, data.outcomes())).toBe(1);
    // The relay decides into the ledger month of the command.
    device
      .doc(`ledger/${S1}/2026-11`)
      .getMap('outcomes')
      .set(sale.id, { status: 'accepted', decidedAt: now.toISOString() });
    expect(data.outcomes()[sale.id]?.status).toBe('accepted');
    expect(pendingCount(data.commands.items, data.outcomes())).toBe(0);
    await expect.poll(() => data.ready()).toBe(true);
    dispose();
  });

  it('a command still pending from an older month opens that month’s ledger to hear its outcome', async () => {
    const device = fakeDevice();
    const old = new Date('2026-08-30T18:00:00.000Z');
    appendCommand(
      device.doc('outbox/d1'),
      { store: S1, device: 'd1', user: 'u1' },
      'repair.in',
      { serial: 'LP-1' },
      { now: old },
    );
    const { data, dispose } = createRoot((dispose) => ({
      data: openStoreData(device, { store: S1, deviceId: 'd1', now }),
      dispose,
    }));
    await expect.poll(() => device.docs().some((d) => d.name === `ledger/${S1}/2026-08`)).toBe(true);
    const [command] = data.commands.items;
    device
      .doc(`ledger/${S1}/2026-08`)
      .getMap('outcomes')
      .set(command?.id ?? '', { status: 'accepted', decidedAt: '' });
    expect(pendingCount(data.commands.items, data.outcomes())).toBe(0);
    dispose();
  });

  it('a profile written into the store’s client book is in the client list at once', () => {
    const device = fakeDevice();
    const { data, dispose } = createRoot((dispose) => ({
      data: openStoreData(device, { store: S1, deviceId: 'd1', now }),
      dispose,
    }));
    const r = buildClient(
      { ...emptyForm(), first: 'Inès', last: 'Moreau', email: 'ines@example.com' },
      { id: '0193f1a2-0000-7000-8000-0000000000c1', store: STORE, now, today: '2026-11-25' },
    );
    if (!r.ok) throw new Error(r.error.message);
    writeClient(data.clientsDoc, r.value);
    // The same document the device syncs as `clients/<store>`.
    expect(device.doc(`clients/${S1}`).getMap('clients').has(r.value.id)).toBe(true);
    expect(data.clients[r.value.id]).toMatchObject({ name: 'Inès Moreau', email: 'ines@example.com' });
    dispose();
  });
});
