/**
 * The scanner's twin: it turns a requested scan into the exact HID POS report bytes a real
 * scanner sends, and feeds them through the same parser as the USB driver.
 */
import type { Scanner } from '../devices.ts';
import type { DeviceInfo } from '../protocol.ts';
import { encodeScanReports, type Scan } from './hid-pos.ts';
import { ReportSink } from './scanner-base.ts';

export class SimScanner implements Scanner {
  readonly #sink = new ReportSink();
  readonly #id: string;

  constructor(id = 'sim-scanner') {
    this.#id = id;
  }

  info(): DeviceInfo {
    return {
      id: this.#id,
      kind: 'scanner',
      name: 'Simulated HID POS scanner',
      simulated: true,
      status: 'ready',
    };
  }

  /** What a test or the e2e flow calls in place of pulling a trigger. */
  trigger(scan: Scan): void {
    for (const report of encodeScanReports(scan)) this.#sink.pushReport(report);
  }

  /** Lets a test feed hand-made (possibly broken) reports. */
  pushReport(report: Uint8Array): void {
    this.#sink.pushReport(report);
  }

  onScan = this.#sink.onScan.bind(this.#sink);
  onError = this.#sink.onError.bind(this.#sink);

  async close(): Promise<void> {}
}
