/**
 * The receipt printer's twin: a TCP 9100 server that decodes every job back to text. The bridge
 * talks to it through the real TCP driver, so only the paper is simulated.
 */
import { TcpSink } from '../transport/tcp-sink.ts';
import { TcpTransport } from '../transport/tcp-transport.ts';
import { type DecodedReceipt, decodeEscPos } from './escpos-decoder.ts';
import { EscPosPrinter } from './escpos-printer.ts';

export class SimReceiptPrinter {
  readonly #sink: TcpSink;
  readonly printer: EscPosPrinter;

  private constructor(sink: TcpSink, id: string) {
    this.#sink = sink;
    this.printer = new EscPosPrinter(new TcpTransport('127.0.0.1', sink.port), {
      id,
      name: `Simulated receipt printer (127.0.0.1:${sink.port})`,
      simulated: true,
    });
  }

  static async start(id = 'sim-receipt-printer', port = 0): Promise<SimReceiptPrinter> {
    return new SimReceiptPrinter(await TcpSink.listen(port), id);
  }

  get port(): number {
    return this.#sink.port;
  }

  /** Every job received so far, decoded. */
  printouts(): DecodedReceipt[] {
    return this.#sink.jobs.map(decodeEscPos);
  }

  close(): Promise<void> {
    return this.#sink.close();
  }
}
