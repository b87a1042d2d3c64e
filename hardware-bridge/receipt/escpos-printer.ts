/**
 * ESC/POS receipt printer with its cash drawer (the drawer hangs off the printer's kick port,
 * so opening it is a printer command, ESCPOS-3). Works over any ByteTransport: TCP 9100 or USB.
 */
import type { Result } from '../../domain/result.ts';
import type { ByteTransport, DeviceError, ReceiptPrinter } from '../devices.ts';
import type { DeviceInfo, Receipt } from '../protocol.ts';
import { encodeDrawerKick, encodeReceipt } from './receipt-layout.ts';

export type EscPosPrinterOptions = {
  readonly id: string;
  readonly name?: string;
  readonly columns?: number;
  readonly simulated?: boolean;
};

export class EscPosPrinter implements ReceiptPrinter {
  readonly #transport: ByteTransport;
  readonly #options: EscPosPrinterOptions;
  #status: DeviceInfo['status'] = 'ready';
  #detail: string | undefined;

  constructor(transport: ByteTransport, options: EscPosPrinterOptions) {
    this.#transport = transport;
    this.#options = options;
  }

  info(): DeviceInfo {
    return {
      id: this.#options.id,
      kind: 'receipt-printer',
      name: this.#options.name ?? `Receipt printer (${this.#transport.describe})`,
      simulated: this.#options.simulated ?? false,
      status: this.#status,
      ...(this.#detail ? { detail: this.#detail } : {}),
    };
  }

  print(receipt: Receipt, options: { openDrawer?: boolean } = {}): Promise<Result<void, DeviceError>> {
    const columns = this.#options.columns ?? 42;
    return this.#send(encodeReceipt(receipt, { columns, openDrawer: options.openDrawer ?? false }));
  }

  openDrawer(): Promise<Result<void, DeviceError>> {
    return this.#send(encodeDrawerKick());
  }

  async #send(bytes: Uint8Array): Promise<Result<void, DeviceError>> {
    const r = await this.#transport.send(bytes);
    this.#status = r.ok ? 'ready' : 'offline';
    this.#detail = r.ok ? undefined : r.error.message;
    return r;
  }

  async close(): Promise<void> {}
}
