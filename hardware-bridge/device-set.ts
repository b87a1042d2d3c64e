/**
 * The devices one bridge serves: configured printers, HID scanners found at start, and — with
 * simulation on — the twins. Missing hardware is a normal state: an empty list, not a crash.
 */
import type { BridgeConfig, PrinterConfig } from './config.ts';
import type { ByteTransport, Device, ReceiptPrinter, RfidReader, Scanner, TagPrinter } from './devices.ts';
import type { DeviceInfo } from './protocol.ts';
import { EscPosPrinter } from './receipt/escpos-printer.ts';
import { SimReceiptPrinter } from './receipt/sim-receipt-printer.ts';
import { SimRfidReader } from './rfid/sim-rfid.ts';
import { openHidScanners } from './scanner/hid-scanner.ts';
import { SimScanner } from './scanner/sim-scanner.ts';
import { SimTagPrinter } from './tag/sim-tag-printer.ts';
import { ZplPrinter } from './tag/zpl-printer.ts';
import { DeviceFileTransport } from './transport/device-file-transport.ts';
import { TcpTransport } from './transport/tcp-transport.ts';

export type Twins = {
  readonly scanner: SimScanner;
  readonly rfid: SimRfidReader;
  readonly receipt: SimReceiptPrinter;
  readonly tag: SimTagPrinter;
};

export type DeviceSet = {
  readonly scanners: readonly Scanner[];
  readonly rfidReaders: readonly RfidReader[];
  readonly receiptPrinters: readonly ReceiptPrinter[];
  readonly tagPrinters: readonly TagPrinter[];
  /** Present only when simulation is on. */
  readonly twins?: Twins;
  /** Why some hardware is unavailable (e.g. no libusb), for the device list. */
  readonly problems: readonly string[];
};

export const emptyDevices = (): DeviceSet => ({
  scanners: [],
  rfidReaders: [],
  receiptPrinters: [],
  tagPrinters: [],
  problems: [],
});

export const listDevices = (d: DeviceSet): DeviceInfo[] =>
  [...d.scanners, ...d.rfidReaders, ...d.receiptPrinters, ...d.tagPrinters].map((x: Device) => x.info());

export async function closeDevices(d: DeviceSet): Promise<void> {
  const all: Device[] = [...d.scanners, ...d.rfidReaders, ...d.receiptPrinters, ...d.tagPrinters];
  await Promise.all(all.map((x) => x.close()));
  if (d.twins) await Promise.all([d.twins.receipt.close(), d.twins.tag.close()]);
}

const transportFor = (p: PrinterConfig): ByteTransport =>
  p.tcp ? new TcpTransport(p.tcp.host, p.tcp.port) : new DeviceFileTransport(p.usb?.path ?? '');

export async function openTwins(): Promise<Twins> {
  const [receipt, tag] = await Promise.all([SimReceiptPrinter.start(), SimTagPrinter.start()]);
  return { scanner: new SimScanner(), rfid: new SimRfidReader({ seed: Date.now() }), receipt, tag };
}

export async function openDevices(config: BridgeConfig): Promise<DeviceSet> {
  const hid = config.hid ? await openHidScanners() : { scanners: [] };
  const twins = config.simulate ? await openTwins() : undefined;
  const receiptPrinters: ReceiptPrinter[] = config.receiptPrinters.map(
    (p) =>
      new EscPosPrinter(transportFor(p), {
        id: p.id,
        ...(p.name ? { name: p.name } : {}),
        ...(p.columns ? { columns: p.columns } : {}),
      }),
  );
  const tagPrinters: TagPrinter[] = config.tagPrinters.map(
    (p) => new ZplPrinter(transportFor(p), { id: p.id, ...(p.name ? { name: p.name } : {}) }),
  );
  return {
    scanners: [...hid.scanners, ...(twins ? [twins.scanner] : [])],
    rfidReaders: twins ? [twins.rfid] : [],
    receiptPrinters: [...receiptPrinters, ...(twins ? [twins.receipt.printer] : [])],
    tagPrinters: [...tagPrinters, ...(twins ? [twins.tag.printer] : [])],
    ...(twins ? { twins } : {}),
    problems: hid.problem ? [hid.problem] : [],
  };
}
