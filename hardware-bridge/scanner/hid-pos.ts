/**
 * HID POS barcode scanner reports (USB HID usage page 0x8C, "Bar Code Scanner").
 * Scanned-data input report, 64 bytes (README, HID-1):
 *   [0] report id 0x02
 *   [1] number of data bytes in this report (0–56)
 *   [2..4] AIM symbology identifier, e.g. `]E0` (EAN-13), `]C1` (GS1-128), `]Q1` (QR)
 *   [5..60] data, padded with zeros
 *   [61] further symbology id (vendor-specific, ignored), [62] reserved
 *   [63] bit 0 set: more data follows in the next report (HID-2)
 * The real driver and the twin both go through `HidPosAssembler`, so parsing is exercised in tests.
 */
import { err, ok, type Result } from '../../domain/result.ts';

export const HID_POS_USAGE_PAGE = 0x8c;
export const SCANNED_DATA_REPORT_ID = 0x02;
export const REPORT_LENGTH = 64;
export const MAX_DATA_PER_REPORT = 56;
const DATA_OFFSET = 5;
const FLAGS_OFFSET = 63;

export type Scan = { readonly symbology: string; readonly data: string };
export type ReportError = { readonly code: 'bad-report'; readonly message: string };

/** Splits one scan into the reports a HID POS scanner sends for it (used by the twin). */
export function encodeScanReports(scan: Scan): Uint8Array[] {
  const bytes = new TextEncoder().encode(scan.data);
  const symbology = new TextEncoder().encode(scan.symbology);
  if (symbology.length !== 3) throw new Error(`symbology id must be 3 ASCII chars: ${scan.symbology}`);
  const reports: Uint8Array[] = [];
  for (let offset = 0; offset === 0 || offset < bytes.length; offset += MAX_DATA_PER_REPORT) {
    const chunk = bytes.subarray(offset, offset + MAX_DATA_PER_REPORT);
    const report = new Uint8Array(REPORT_LENGTH);
    report[0] = SCANNED_DATA_REPORT_ID;
    report[1] = chunk.length;
    report.set(symbology, 2);
    report.set(chunk, DATA_OFFSET);
    report[FLAGS_OFFSET] = offset + MAX_DATA_PER_REPORT < bytes.length ? 0x01 : 0x00;
    reports.push(report);
  }
  return reports;
}

/**
 * Reassembles continued reports into whole scans. Feed every input report; a completed scan
 * comes back as `ok(scan)`, an incomplete one as `ok(undefined)`. Reports with other ids
 * (status, trigger) are ignored, as the HID POS spec allows devices to send them.
 */
export class HidPosAssembler {
  #pending: Uint8Array[] = [];
  #symbology = '';

  push(report: Uint8Array): Result<Scan | undefined, ReportError> {
    if (report.length === 0 || report[0] !== SCANNED_DATA_REPORT_ID) return ok(undefined);
    if (report.length < REPORT_LENGTH) return this.#fail(`report is ${report.length} bytes, expected 64`);
    const length = report[1] ?? 0;
    if (length > MAX_DATA_PER_REPORT) return this.#fail(`data length ${length} exceeds 56`);
    const symbology = String.fromCharCode(...report.subarray(2, DATA_OFFSET));
    if (!/^\][A-Za-z0-9][0-9A-Za-z]$/.test(symbology)) return this.#fail(`bad symbology id ${symbology}`);
    if (this.#pending.length > 0 && symbology !== this.#symbology)
      return this.#fail('symbology changed inside a continued scan');
    this.#symbology = symbology;
    this.#pending.push(report.slice(DATA_OFFSET, DATA_OFFSET + length));
    if (((report[FLAGS_OFFSET] ?? 0) & 0x01) === 1) return ok(undefined);
    const total = this.#pending.reduce((n, c) => n + c.length, 0);
    const all = new Uint8Array(total);
    let at = 0;
    for (const c of this.#pending) {
      all.set(c, at);
      at += c.length;
    }
    this.#pending = [];
    return ok({ symbology, data: new TextDecoder().decode(all) });
  }

  #fail(message: string): Result<never, ReportError> {
    this.#pending = [];
    return err({ code: 'bad-report', message });
  }
}
