/**
 * Shared plumbing for scanners: both the HID driver and the twin push raw report bytes here,
 * so the same HID POS parser turns them into scans.
 */
import type { DeviceError, Unsubscribe } from '../devices.ts';
import { HidPosAssembler, type Scan } from './hid-pos.ts';

export class ReportSink {
  readonly #assembler = new HidPosAssembler();
  readonly #scanListeners = new Set<(scan: Scan) => void>();
  readonly #errorListeners = new Set<(error: DeviceError) => void>();

  pushReport(report: Uint8Array): void {
    const r = this.#assembler.push(report);
    if (!r.ok) {
      for (const l of this.#errorListeners) l({ code: 'device-error', message: r.error.message });
      return;
    }
    if (r.value) for (const l of this.#scanListeners) l(r.value);
  }

  onScan(listener: (scan: Scan) => void): Unsubscribe {
    this.#scanListeners.add(listener);
    return () => this.#scanListeners.delete(listener);
  }

  onError(listener: (error: DeviceError) => void): Unsubscribe {
    this.#errorListeners.add(listener);
    return () => this.#errorListeners.delete(listener);
  }
}
