/**
 * The tag printer's twin: a TCP 9100 server receiving ZPL. It keeps every label it was sent,
 * parsed into fields; `render` turns a job into pixels for barcode checks.
 */
import { TcpSink } from '../transport/tcp-sink.ts';
import { TcpTransport } from '../transport/tcp-transport.ts';
import { parseZpl, type ZplLabel } from './zpl-fields.ts';
import { ZplPrinter } from './zpl-printer.ts';

export class SimTagPrinter {
  readonly #sink: TcpSink;
  readonly printer: ZplPrinter;

  private constructor(sink: TcpSink, id: string) {
    this.#sink = sink;
    this.printer = new ZplPrinter(new TcpTransport('127.0.0.1', sink.port), {
      id,
      name: `Simulated tag printer (127.0.0.1:${sink.port})`,
      simulated: true,
    });
  }

  static async start(id = 'sim-tag-printer', port = 0): Promise<SimTagPrinter> {
    return new SimTagPrinter(await TcpSink.listen(port), id);
  }

  get port(): number {
    return this.#sink.port;
  }

  /** The raw ZPL of each job. */
  jobs(): string[] {
    return this.#sink.jobs.map((j) => new TextDecoder().decode(j));
  }

  /** Every label received so far, across jobs. */
  labels(): ZplLabel[] {
    return this.jobs().flatMap(parseZpl);
  }

  close(): Promise<void> {
    return this.#sink.close();
  }
}
