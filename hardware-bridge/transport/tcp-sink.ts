/**
 * The network side of the printer twins: a real TCP server on 127.0.0.1 (port 0 by default)
 * that collects each connection's bytes as one job, as a 9100 printer does.
 */
import { createServer, type Server } from 'node:net';

export class TcpSink {
  readonly #server: Server;
  readonly #listeners = new Set<(job: Uint8Array) => void>();
  readonly jobs: Uint8Array[] = [];

  private constructor(server: Server) {
    this.#server = server;
  }

  static async listen(port = 0, host = '127.0.0.1'): Promise<TcpSink> {
    const server = createServer();
    const sink = new TcpSink(server);
    server.on('connection', (socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('error', () => socket.destroy());
      socket.on('end', () => {
        const job = new Uint8Array(Buffer.concat(chunks));
        sink.jobs.push(job);
        for (const l of sink.#listeners) l(job);
        socket.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    return sink;
  }

  get port(): number {
    const address = this.#server.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  onJob(listener: (job: Uint8Array) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
