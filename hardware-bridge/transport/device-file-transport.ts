/**
 * USB printers on Linux: the kernel's usblp driver exposes them as /dev/usb/lpN, a character
 * device that takes the raw job bytes. Writing the file is the whole protocol.
 */
import { open } from 'node:fs/promises';
import { err, ok, type Result } from '../../domain/result.ts';
import type { ByteTransport, DeviceError } from '../devices.ts';

export class DeviceFileTransport implements ByteTransport {
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  get describe(): string {
    return `usb:${this.path}`;
  }

  async send(bytes: Uint8Array): Promise<Result<void, DeviceError>> {
    try {
      // 'a' never truncates, so a regular file (used in tests) accumulates jobs like a spool.
      const handle = await open(this.path, 'a');
      try {
        await handle.write(bytes);
      } finally {
        await handle.close();
      }
      return ok(undefined);
    } catch (e) {
      return err({ code: 'offline', message: `${this.describe}: ${(e as Error).message}` });
    }
  }
}
