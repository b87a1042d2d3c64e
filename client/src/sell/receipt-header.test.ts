import { describe, expect, it } from 'vitest';
import type { StoreView } from '../local/records.ts';
import { receiptHeader } from './receipt-header.ts';

const store = (over: Partial<StoreView>): StoreView => ({
  id: 'a0000000-0000-7000-8000-000000000001' as StoreView['id'],
  name: 'Maison Loupe — Paris',
  currency: 'EUR' as StoreView['currency'],
  tax: { basisPoints: 2000, inclusive: true },
  timeZone: 'Europe/Paris',
  address: ['12 rue de la Paix', '75002 Paris'],
  ...over,
});
// 23:30 UTC on 24 November is already the 25th in Paris and still the 24th in New York.
const at = '2026-11-24T23:30:00.000Z';

describe('receipt header', () => {
  it('dates the sale in the store’s time zone, whatever the browser’s', () => {
    const h = receiptHeader(store({}), at, { locale: 'en-GB', fallbackTimeZone: 'America/Los_Angeles' });
    expect(h).toMatchObject({
      storeName: 'Maison Loupe — Paris',
      address: ['12 rue de la Paix', '75002 Paris'],
      timeZone: 'Europe/Paris',
    });
    expect(h.when).toContain('25 Nov 2026');
    expect(h.when).toContain('00:30');
    const ny = receiptHeader(
      store({ name: 'Loupe New York', timeZone: 'America/New_York', address: [] }),
      at,
      {
        locale: 'en-US',
        fallbackTimeZone: 'Europe/Paris',
      },
    );
    expect(ny.when).toContain('Nov 24, 2026');
    expect(ny.when).toContain('6:30');
  });

  it('falls back to the browser’s zone when the store has none, and never invents a date', () => {
    const h = receiptHeader(store({ timeZone: '' }), at, { locale: 'en-GB', fallbackTimeZone: 'Asia/Tokyo' });
    expect(h.timeZone).toBe('Asia/Tokyo');
    expect(h.when).toContain('08:30');
    expect(receiptHeader(undefined, 'not a date', { locale: 'en', fallbackTimeZone: '' })).toEqual({
      storeName: 'Loupe',
      address: [],
      timeZone: 'UTC',
      when: '',
    });
  });
});
