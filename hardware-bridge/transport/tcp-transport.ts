/**
 * Raw TCP printing ("JetDirect", port 9100): connect, write the job, close. One connection per
 * job, because network printers drop idle sockets and a job must not depend on an old one.
 */
import { connect } from 'node:net';
import { err, ok, type Result } from '../../domain/result.ts';
import type { ByteTransport, DeviceError } from '../devices.ts';

export class TcpTransport implements ByteTransport {
  readonly host: string;
  readonly port: number;
  readonly #timeoutMs: number;

  constructor(host: string, port = 9100, timeoutMs = 5_000) {
    this.host = host;
    this.port = port;
    this.#timeoutMs = timeoutMs;
  }

  get describe(): string {
    return `tcp://${this.host}:${this.port}`;
  }

  send(bytes: Uint8Array): Promise<Result<void, DeviceError>> {
    return new Promise((resolve) => {
      const socket = connect({ host: this.host, port: this.port });
      let settled = false;
      const finish = (r: Result<void, DeviceError>): void => {
        if (settled) return;
        settled = true;
        socket.destroy();
        resolve(r);
      };
      socket.setTimeout(this.#timeoutMs, () =>
        finish(err({ code: 'offline', message: `${this.describe} did not answer` })),
      );
      socket.on('error', (e) => finish(err({ code: 'offline', message: `${this.describe}: ${e.message}` })));
      socket.on('connect', () => {
        socket.end(bytes, () => finish(ok(undefined)));
      });
    });
  }
}
