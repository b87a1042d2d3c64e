import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../../domain/commands.ts';
import { newDeviceId, newStoreId, newUserId } from '../../../domain/ids.ts';
import { eur } from '../../../domain/test-support.ts';
import type { AppState } from '../app-state.ts';
import { openStoreData } from '../local/store-data.ts';
import { fakeDevice } from '../local/test-device.ts';
import { catalogPiece } from '../local/test-records.ts';
import { cashTender } from './cart.ts';
import { createSaleDraft } from './sale-draft.ts';

const store = newStoreId();
const deviceId = newDeviceId();
const user = newUserId();

function setup() {
  const device = fakeDevice();
  device
    .doc('org')
    .getMap('stores')
    .set(store, {
      id: store,
      name: 'Paris',
      currency: 'EUR',
      tax: { basisPoints: 2_000, inclusive: false },
      timeZone: 'Europe/Paris',
      address: [],
    });
  device
    .doc('org')
    .getMap('staff')
    .set(user, { id: user, name: 'Amara', login: 'amara', role: 'associate', stores: [store], active: true });
  device
    .doc(`catalog/${store}`)
    .getMap('pieces')
    .set('LP-24-000187', catalogPiece('LP-24-000187', store, { listPrice: eur(1_000_000) }));
  device
    .doc(`stock/${store}`)
    .getArray('stock')
    .push([{ key: 'LP-24-000187', val: { status: 'in-stock' } }]);
  return createRoot((dispose) => {
    const data = openStoreData(device, { store, deviceId });
    const app = {
      data: () => data,
      session: () => ({ user: { id: user, name: 'Amara', role: 'associate', stores: [store] } }),
      actor: () => ({ store, device: deviceId, user }),
    } as unknown as AppState;
    return { data, draft: createSaleDraft(app), dispose };
  });
}

const loaded = () => new Promise((r) => setTimeout(r, 0));

describe('ringing up a sale', () => {
  it('a scanned piece, 5 % off, paid in cash, becomes a sale.complete the domain accepts as well-formed', async () => {
    const { data, draft, dispose } = setup();
    await loaded();
    expect(draft.scan('lp-24-000187')).toBe(true);
    draft.setDiscountBp(500);
    // 10 000.00 − 5 % = 9 500.00, + 20 % tax = 11 400.00
    expect(draft.totals().total.minor).toBe(1_140_000);
    draft.setTenders([cashTender({ minor: 1_150_000, currency: draft.currency() }, draft.totals().due)]);
    expect(draft.totals().change.minor).toBe(10_000);
    const command = draft.complete();
    expect(command).toBeDefined();
    const stored = data.outbox.getArray('commands').toArray()[0];
    const parsed = parseCommand(stored);
    expect(parsed.ok).toBe(true);
    expect(draft.lines()).toEqual([]);
    // The same piece cannot go in the next cart while the relay has not answered.
    expect(draft.scan('LP-24-000187')).toBe(false);
    expect(draft.notice()?.code).toBe('pending-sale');
    dispose();
  });

  it('an unknown tag is refused with a message and nothing in the cart', async () => {
    const { draft, dispose } = setup();
    await loaded();
    expect(draft.scan('LP-99-999999')).toBe(false);
    expect(draft.notice()?.message).toMatch(/No piece LP-99-999999/);
    expect(draft.lines()).toEqual([]);
    dispose();
  });

  it('a scan made while the store is still loading waits, then lands in the cart', async () => {
    const { draft, dispose } = setup();
    expect(draft.scan('LP-24-000187')).toBe(true);
    expect(draft.notice()?.code).toBe('loading');
    expect(draft.lines()).toEqual([]);
    await loaded();
    expect(draft.lines().map((l) => l.serial)).toEqual(['LP-24-000187']);
    expect(draft.notice()).toBeUndefined();
    dispose();
  });

  it('a typed discount is in force as typed; above the limit the sale will not complete at full price', async () => {
    const { draft, dispose } = setup();
    await loaded();
    draft.scan('LP-24-000187');
    draft.setTenders([{ kind: 'card', amount: draft.totals().total, reference: 'A1' }]);
    draft.setDiscountText('8');
    // 10 000.00 − 8 % = 9 200.00, + 20 % = 11 040.00: the full-price card payment no longer matches.
    expect(draft.totals().total.minor).toBe(1_104_000);
    expect(draft.complete()).toBeUndefined();
    expect(draft.notice()?.message).toMatch(/more than the total/);
    draft.setTenders([{ kind: 'card', amount: draft.totals().total, reference: 'A1' }]);
    draft.setDiscountText('15');
    expect(draft.discountBp()).toBe(0);
    draft.setTenders([{ kind: 'card', amount: draft.totals().total, reference: 'A1' }]);
    expect(draft.complete()).toBeUndefined();
    expect(draft.notice()?.message).toMatch(/15 % discount is above your limit/);
    draft.setDiscountText('8');
    draft.setTenders([{ kind: 'card', amount: draft.totals().total, reference: 'A1' }]);
    const c = draft.complete();
    expect((c?.payload as { total?: { minor: number } } | undefined)?.total?.minor).toBe(1_104_000);
    dispose();
  });
});
