import { describe, expect, it } from 'vitest';
import type { RawRead } from '../devices.ts';
import { LOUPE_GTIN, serialOfSgtin } from '../protocol.ts';
import { CountSession } from './count-session.ts';
import { RING_GTIN, rfidContract, tray } from './rfid-contract.ts';
import { decodeEpc, encodeSgtin96, epcForSerial } from './sgtin.ts';
import { SimRfidReader } from './sim-rfid.ts';

describe('RFID contract on the simulated reader', () => {
  rfidContract(async () => {
    const reader = new SimRfidReader({ seed: 7 });
    return { reader, field: async (epcs) => reader.inventory(epcs) };
  });
});

describe('RFID decoding and counting', () => {
  it('RFID-1: a known SGTIN-96 EPC decodes to the GS1 example GTIN and serial', () => {
    expect(decodeEpc('3074257bf7194e4000001a85')).toEqual({
      epc: '3074257BF7194E4000001A85',
      gtin: '80614141123458',
      serial: '6789',
    });
  });

  it('RFID-1: an EPC that is not SGTIN-96 is kept as unknown, not dropped', () => {
    expect(decodeEpc('E2801160600002040000ABCD')).toEqual({ epc: 'E2801160600002040000ABCD' });
  });

  it('RFID-3: the twin reads tags repeatedly, over several antennas, in several batches', () => {
    const reader = new SimRfidReader({ seed: 3, batchSize: 5 });
    const batches: (readonly RawRead[])[] = [];
    reader.onBatch((b) => batches.push(b));
    void reader.start();
    const epcs = Array.from({ length: 20 }, () => tray()).flat();
    reader.inventory(epcs);
    const reads = batches.flat();
    expect(batches.length).toBeGreaterThan(1);
    expect(reads.length).toBeGreaterThan(epcs.length);
    expect(new Set(reads.map((r) => r.antenna)).size).toBeGreaterThan(1);
    expect(reads.every((r) => r.rssi <= -35 && r.rssi >= -75)).toBe(true);
  });

  it('RFID-2: only tags new to the session are returned from a batch, with the strongest RSSI kept', () => {
    const s = new CountSession('c');
    const epc = tray()[0]!;
    expect(s.add([{ epc, rssi: -70, antenna: 1 }])).toHaveLength(1);
    expect(s.add([{ epc: epc.toLowerCase(), rssi: -40, antenna: 2 }])).toEqual([]);
    expect(s.reads()).toEqual([expect.objectContaining({ gtin: RING_GTIN, rssi: -40, antenna: 2 })]);
    expect(s.summary().totalReads).toBe(2);
  });

  it('RFID-5: a Loupe serial goes onto an SGTIN-96 tag and reads back as the same serial', () => {
    for (const serial of ['LP-001-000123', 'LP-002-999999', 'LP-000-000000']) {
      const epc = epcForSerial(serial);
      expect(epc).toMatch(/^30[0-9A-F]{22}$/);
      const read = decodeEpc(epc ?? '');
      expect(read.gtin).toBe(LOUPE_GTIN);
      expect(serialOfSgtin(read.gtin, read.serial)).toBe(serial);
    }
  });

  it('RFID-5: serials SGTIN cannot carry, and tags of other GTINs, are not ours', () => {
    expect(epcForSerial('RING-ABC')).toBeUndefined();
    const foreign = decodeEpc(encodeSgtin96('80614141123458', 1000123));
    expect(serialOfSgtin(foreign.gtin, foreign.serial)).toBeUndefined();
  });
});
