/**
 * The scanner contract, runnable against any Scanner. A harness supplies a way to produce a
 * scan: the twin triggers it; for a real scanner a person scans the printed test sheet.
 */
import { expect, it } from 'vitest';
import type { Scanner } from '../devices.ts';
import type { Scan } from './hid-pos.ts';

export type ScannerHarness = { scanner: Scanner; produce(scan: Scan): Promise<void> };

export function scannerContract(make: () => Promise<ScannerHarness>): void {
  const collect = (scanner: Scanner): Scan[] => {
    const scans: Scan[] = [];
    scanner.onScan((s) => scans.push(s));
    return scans;
  };

  it('HID-3: a scanner reports itself as a ready scanner', async () => {
    const { scanner } = await make();
    expect(scanner.info()).toMatchObject({ kind: 'scanner', status: 'ready' });
    await scanner.close();
  });

  it('HID-1: an EAN-13 scan arrives with its symbology and digits', async () => {
    const { scanner, produce } = await make();
    const scans = collect(scanner);
    await produce({ symbology: ']E0', data: '4006381333931' });
    await expect.poll(() => scans).toEqual([{ symbology: ']E0', data: '4006381333931' }]);
    await scanner.close();
  });

  it('HID-2: a QR code longer than one report arrives as one scan', async () => {
    const { scanner, produce } = await make();
    const scans = collect(scanner);
    const url = `https://loupe.example/p/LP-24-000187?c=${'x'.repeat(120)}`;
    await produce({ symbology: ']Q1', data: url });
    await expect.poll(() => scans).toEqual([{ symbology: ']Q1', data: url }]);
    await scanner.close();
  });

  it('HID-1: consecutive scans stay separate and in order', async () => {
    const { scanner, produce } = await make();
    const scans = collect(scanner);
    await produce({ symbology: ']C0', data: 'LP-24-000187' });
    await produce({ symbology: ']C0', data: 'LP-24-000188' });
    await expect.poll(() => scans.map((s) => s.data)).toEqual(['LP-24-000187', 'LP-24-000188']);
    await scanner.close();
  });
}
