/**
 * One interface per device kind. Real drivers and simulated twins both implement them, and the
 * contract suites (`*-contract.ts`) are written against these interfaces only.
 */
import type { Result } from '../domain/result.ts';
import type { DeviceInfo, Receipt, Tag } from './protocol.ts';
import type { Scan } from './scanner/hid-pos.ts';

export type DeviceError = {
  readonly code: 'device-error' | 'offline';
  readonly message: string;
};
export type Unsubscribe = () => void;

export interface Device {
  info(): DeviceInfo;
  close(): Promise<void>;
}

export interface Scanner extends Device {
  onScan(listener: (scan: Scan) => void): Unsubscribe;
  onError(listener: (error: DeviceError) => void): Unsubscribe;
}

/** One antenna observation, before decoding. */
export type RawRead = { readonly epc: string; readonly rssi: number; readonly antenna: number };

export interface RfidReader extends Device {
  /** Starts inventory; batches arrive through `onBatch` until `stop`. */
  start(): Promise<Result<void, DeviceError>>;
  stop(): Promise<void>;
  onBatch(listener: (reads: readonly RawRead[]) => void): Unsubscribe;
}

export interface ReceiptPrinter extends Device {
  print(receipt: Receipt, options?: { openDrawer?: boolean }): Promise<Result<void, DeviceError>>;
  openDrawer(): Promise<Result<void, DeviceError>>;
}

export interface TagPrinter extends Device {
  print(tags: readonly Tag[]): Promise<Result<void, DeviceError>>;
}

/** Where a printer's bytes go: a raw TCP socket (port 9100) or a USB printer device file. */
export interface ByteTransport {
  readonly describe: string;
  send(bytes: Uint8Array): Promise<Result<void, DeviceError>>;
}
