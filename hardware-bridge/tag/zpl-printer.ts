/** ZPL tag printer over any ByteTransport (TCP 9100 in practice; USB works the same way). */
import type { Result } from '../../domain/result.ts';
import type { ByteTransport, DeviceError, TagPrinter } from '../devices.ts';
import type { DeviceInfo, Tag } from '../protocol.ts';
import { tagsZpl } from './tag-zpl.ts';

export type ZplPrinterOptions = { readonly id: string; readonly name?: string; readonly simulated?: boolean };

export class ZplPrinter implements TagPrinter {
  readonly #transport: ByteTransport;
  readonly #options: ZplPrinterOptions;
  #status: DeviceInfo['status'] = 'ready';
  #detail: string | undefined;

  constructor(transport: ByteTransport, options: ZplPrinterOptions) {
    this.#transport = transport;
    this.#options = options;
  }

  info(): DeviceInfo {
    return {
      id: this.#options.id,
      kind: 'tag-printer',
      name: this.#options.name ?? `Tag printer (${this.#transport.describe})`,
      simulated: this.#options.simulated ?? false,
      status: this.#status,
      ...(this.#detail ? { detail: this.#detail } : {}),
    };
  }

  async print(tags: readonly Tag[]): Promise<Result<void, DeviceError>> {
    const r = await this.#transport.send(new TextEncoder().encode(tagsZpl(tags)));
    this.#status = r.ok ? 'ready' : 'offline';
    this.#detail = r.ok ? undefined : r.error.message;
    return r;
  }

  async close(): Promise<void> {}
}
