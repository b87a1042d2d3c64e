/**
 * The RFID reader contract: a count over tags in the field. A harness puts tags "in the field"
 * (the twin by list; a real reader's harness by a tray of known tags).
 */
import { expect, it } from 'vitest';
import type { RawRead, RfidReader } from '../devices.ts';
import { CountSession } from './count-session.ts';
import { encodeSgtin96 } from './sgtin.ts';

export type RfidHarness = { reader: RfidReader; field(epcs: readonly string[]): Promise<void> };

export const RING_GTIN = '00614141123452';
export const PENDANT_GTIN = '00614141999996';
export const tray = (): string[] => [
  ...[187, 188, 189].map((n) => encodeSgtin96(RING_GTIN, n)),
  ...[501, 502].map((n) => encodeSgtin96(PENDANT_GTIN, n)),
  'E2801160600002040000ABCD', // a foreign tag with a TID-style EPC
];

export function rfidContract(make: () => Promise<RfidHarness>): void {
  const count = async (
    h: RfidHarness,
    epcs: readonly string[],
  ): Promise<{ session: CountSession; batches: number }> => {
    const session = new CountSession('count-1');
    let batches = 0;
    h.reader.onBatch((reads: readonly RawRead[]) => {
      batches += 1;
      session.add(reads);
    });
    expect((await h.reader.start()).ok).toBe(true);
    await h.field(epcs);
    return { session, batches };
  };

  it('RFID-2: a count reports each tag once however often it was read', async () => {
    const h = await make();
    const { session } = await count(h, tray());
    await expect.poll(() => session.summary().uniqueTags).toBe(6);
    const s = session.summary();
    expect(s.totalReads).toBeGreaterThanOrEqual(6);
    expect(s.byGtin).toEqual({ [RING_GTIN]: 3, [PENDANT_GTIN]: 2 });
    expect(s.unknownEpcs).toEqual(['E2801160600002040000ABCD']);
    await h.reader.close();
  });

  it('RFID-1: SGTIN-96 reads decode to GTIN and serial', async () => {
    const h = await make();
    const { session } = await count(h, [encodeSgtin96(RING_GTIN, 187)]);
    await expect.poll(() => session.reads().length).toBe(1);
    expect(session.reads()[0]).toMatchObject({ gtin: RING_GTIN, serial: '187' });
    await h.reader.close();
  });

  it('RFID-4: a stopped reader adds nothing to the count', async () => {
    const h = await make();
    const { session } = await count(h, [encodeSgtin96(RING_GTIN, 187)]);
    await expect.poll(() => session.summary().uniqueTags).toBe(1);
    await h.reader.stop();
    await h.field([encodeSgtin96(RING_GTIN, 999)]);
    expect(session.summary().uniqueTags).toBe(1);
    await h.reader.close();
  });
}
