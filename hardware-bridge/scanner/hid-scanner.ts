/**
 * USB HID POS scanner through node-hid 3. node-hid is imported lazily: its prebuilt binary needs
 * libusb at load time and may throw on machines without it or without permission to /dev/hidraw*.
 * A failure there means "no scanners", never a crashed bridge (HID-4).
 */
import { err, ok, type Result } from '../../domain/result.ts';
import type { Scanner } from '../devices.ts';
import type { DeviceInfo } from '../protocol.ts';
import { HID_POS_USAGE_PAGE } from './hid-pos.ts';
import { ReportSink } from './scanner-base.ts';

type HidModule = typeof import('node-hid');

/** The part of node-hid's HIDAsync the driver uses: input reports as 'data' events. */
export type HidReportSource = {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): Promise<void>;
};

export async function loadNodeHid(): Promise<Result<HidModule, string>> {
  try {
    return ok(await import('node-hid'));
  } catch (e) {
    return err(`node-hid unavailable: ${(e as Error).message}`);
  }
}

/** Opens every attached HID POS scanner; returns none (and a reason) when HID is unusable. */
export async function openHidScanners(): Promise<{ scanners: HidScanner[]; problem?: string }> {
  const hid = await loadNodeHid();
  if (!hid.ok) return { scanners: [], problem: hid.error };
  try {
    const found = (await hid.value.devicesAsync()).filter(
      (d) => d.usagePage === HID_POS_USAGE_PAGE && d.path,
    );
    const scanners: HidScanner[] = [];
    for (const d of found) {
      const device = await hid.value.HIDAsync.open(d.path as string);
      scanners.push(
        new HidScanner(device, `hid:${d.vendorId.toString(16)}:${d.productId.toString(16)}`, d.product),
      );
    }
    return { scanners };
  } catch (e) {
    return { scanners: [], problem: `HID enumeration failed: ${(e as Error).message}` };
  }
}

export class HidScanner implements Scanner {
  readonly #sink = new ReportSink();
  #status: DeviceInfo['status'] = 'ready';

  readonly #device: HidReportSource;
  readonly #id: string;
  readonly #name: string;

  constructor(device: HidReportSource, id: string, name = 'HID POS scanner') {
    this.#device = device;
    this.#id = id;
    this.#name = name;
    device.on('data', (data: Buffer) => this.#sink.pushReport(new Uint8Array(data)));
    device.on('error', () => {
      this.#status = 'offline';
    });
  }

  info(): DeviceInfo {
    return { id: this.#id, kind: 'scanner', name: this.#name, simulated: false, status: this.#status };
  }

  onScan = this.#sink.onScan.bind(this.#sink);
  onError = this.#sink.onError.bind(this.#sink);

  async close(): Promise<void> {
    await this.#device.close().catch(() => undefined);
  }
}
