import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { encodeScanReports, HidPosAssembler, REPORT_LENGTH } from './hid-pos.ts';
import { HidScanner } from './hid-scanner.ts';
import { scannerContract } from './scanner-contract.ts';
import { SimScanner } from './sim-scanner.ts';

describe('scanner contract on the simulated twin', () => {
  scannerContract(async () => {
    const scanner = new SimScanner();
    return { scanner, produce: async (scan) => scanner.trigger(scan) };
  });
});

describe('scanner contract on the HID driver, fed report bytes as node-hid delivers them', () => {
  // No USB or uhid in this kernel: the device is simulated at the report level (TECH-NOTES).
  scannerContract(async () => {
    const device = Object.assign(new EventEmitter(), { close: async () => undefined });
    const scanner = new HidScanner(device, 'hid:test');
    return {
      scanner,
      produce: async (scan) => {
        for (const r of encodeScanReports(scan)) device.emit('data', Buffer.from(r));
      },
    };
  });
});

describe('HID POS report parsing', () => {
  it('HID-1: the twin emits 64-byte reports with id 0x02, length and AIM id', () => {
    const [report] = encodeScanReports({ symbology: ']E0', data: '4006381333931' });
    expect(report?.length).toBe(REPORT_LENGTH);
    expect(report?.[0]).toBe(0x02);
    expect(report?.[1]).toBe(13);
    expect(String.fromCharCode(...(report?.subarray(2, 5) ?? []))).toBe(']E0');
    expect(report?.[63]).toBe(0);
  });

  it('HID-2: 120 bytes of data take three reports, the first two flagged as continued', () => {
    const reports = encodeScanReports({ symbology: ']Q1', data: 'a'.repeat(120) });
    expect(reports.map((r) => [r[1], r[63]])).toEqual([
      [56, 1],
      [56, 1],
      [8, 0],
    ]);
  });

  it('HID-5: a malformed report is reported as an error and the next scan still parses', () => {
    const scanner = new SimScanner();
    const scans: string[] = [];
    const errors: string[] = [];
    scanner.onScan((s) => scans.push(s.data));
    scanner.onError((e) => errors.push(e.message));
    const bad = new Uint8Array(64);
    bad[0] = 0x02;
    bad[1] = 200;
    scanner.pushReport(bad);
    scanner.trigger({ symbology: ']E0', data: '4006381333931' });
    expect(errors).toHaveLength(1);
    expect(scans).toEqual(['4006381333931']);
  });

  it('HID-5: reports with other ids (status, trigger) are ignored', () => {
    const a = new HidPosAssembler();
    const other = new Uint8Array(64);
    other[0] = 0x04;
    expect(a.push(other)).toEqual({ ok: true, value: undefined });
  });

  it('HID-2: a continued scan whose symbology changes midway is refused', () => {
    const a = new HidPosAssembler();
    const [first] = encodeScanReports({ symbology: ']Q1', data: 'a'.repeat(60) });
    const [other] = encodeScanReports({ symbology: ']E0', data: '1' });
    expect(a.push(first!).ok).toBe(true);
    expect(a.push(other!).ok).toBe(false);
  });
});
