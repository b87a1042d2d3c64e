/**
 * One paired app connection: version handshake, then requests by type (BRIDGE-6…9).
 * A bad message gets an `error` reply and the connection stays open; only a failed
 * handshake closes it.
 */
import { unreachable } from '../domain/assert.ts';
import { uuidv7 } from '../domain/ids.ts';
import { type DeviceSet, listDevices } from './device-set.ts';
import type { Device, Unsubscribe } from './devices.ts';
import {
  type BridgeMessage,
  type ClientMessage,
  closeCodes,
  type ErrorCode,
  negotiateVersion,
  PROTOCOL_VERSIONS,
  type ProtocolVersion,
  parseClientMessage,
} from './protocol.ts';
import { CountSession } from './rfid/count-session.ts';
import { epcForSerial } from './rfid/sgtin.ts';
import { labelTexts } from './tag/zpl-fields.ts';

export type Connection = { send(message: BridgeMessage): void; close(code: number, reason: string): void };

export const BRIDGE_VERSION = '0.1.0';

export class Session {
  readonly #conn: Connection;
  readonly #devices: DeviceSet;
  #version: ProtocolVersion | undefined;
  #count: { session: CountSession; stop: Unsubscribe; readerId: string } | undefined;

  constructor(conn: Connection, devices: DeviceSet) {
    this.#conn = conn;
    this.#devices = devices;
  }

  /** Whether the app finished the handshake and should receive device events. */
  get ready(): boolean {
    return this.#version !== undefined;
  }

  send(message: BridgeMessage): void {
    this.#conn.send(message);
  }

  async receive(raw: string): Promise<void> {
    const parsed = parseClientMessage(raw);
    if (!parsed.ok) {
      const { id, path, message } = parsed.error;
      return this.#error(id, 'invalid-message', `${path}: ${message}`, path);
    }
    const msg = parsed.value;
    if (msg.type !== 'hello' && !this.ready)
      return this.#error(msg.id, 'hello-first', 'send hello with your protocol versions first');
    try {
      await this.#handle(msg);
    } catch (e) {
      // A driver bug must not take the bridge down with it; the app gets told.
      this.#error(msg.id, 'device-error', (e as Error).message);
    }
  }

  async #handle(msg: ClientMessage): Promise<void> {
    const twins = this.#devices.twins;
    switch (msg.type) {
      case 'hello': {
        const version = negotiateVersion(msg.versions);
        if (version === undefined) {
          this.#error(
            msg.id,
            'unsupported-version',
            `bridge speaks versions ${PROTOCOL_VERSIONS.join(', ')}`,
          );
          return this.#conn.close(closeCodes.unsupportedVersion, 'unsupported protocol version');
        }
        this.#version = version;
        return this.send({ type: 'welcome', id: msg.id, version, bridge: BRIDGE_VERSION, simulate: !!twins });
      }
      case 'devices.list':
        return this.send({ type: 'devices', id: msg.id, devices: listDevices(this.#devices) });
      case 'print.receipt': {
        const printer = pick(this.#devices.receiptPrinters, msg.device);
        if (!printer) return this.#error(msg.id, 'no-device', 'no receipt printer');
        const r = await printer.print(msg.receipt, { openDrawer: msg.openDrawer });
        if (!r.ok) return this.#deviceFailed(msg.id, printer, r.error.message);
        return this.send({ type: 'print.result', id: msg.id, device: printer.info().id, ok: true });
      }
      case 'print.tags': {
        const printer = pick(this.#devices.tagPrinters, msg.device);
        if (!printer) return this.#error(msg.id, 'no-device', 'no tag printer');
        const r = await printer.print(msg.tags);
        if (!r.ok) return this.#deviceFailed(msg.id, printer, r.error.message);
        return this.send({ type: 'print.result', id: msg.id, device: printer.info().id, ok: true });
      }
      case 'drawer.open': {
        const printer = pick(this.#devices.receiptPrinters, msg.device);
        if (!printer) return this.#error(msg.id, 'no-device', 'no receipt printer to kick the drawer');
        const r = await printer.openDrawer();
        if (!r.ok) return this.#deviceFailed(msg.id, printer, r.error.message);
        return this.send({ type: 'done', id: msg.id });
      }
      case 'rfid.start':
        return this.#startCount(msg.id, msg.device);
      case 'rfid.stop': {
        const count = this.#count;
        if (!count) return this.#error(msg.id, 'no-session', 'no count is running');
        await this.#stopCount();
        return this.send({ type: 'rfid.summary', id: msg.id, summary: count.session.summary() });
      }
      case 'sim.scan':
        if (!twins)
          return this.#error(msg.id, 'simulation-off', 'start the bridge with LOUPE_BRIDGE_SIMULATE=1');
        twins.scanner.trigger({ symbology: msg.symbology, data: msg.data });
        return this.send({ type: 'done', id: msg.id });
      case 'sim.printouts': {
        if (!twins)
          return this.#error(msg.id, 'simulation-off', 'start the bridge with LOUPE_BRIDGE_SIMULATE=1');
        const receipts = twins.receipt.printouts().map(({ unknown: _, ...paper }) => paper);
        const tags = twins.tag.labels().map((label) => ({
          texts: labelTexts(label),
          barcodes: label.fields.filter((f) => f.kind !== 'text').map((f) => f.data),
        }));
        return this.send({ type: 'printouts', id: msg.id, receipts, tags });
      }
      case 'sim.rfid':
        if (!twins)
          return this.#error(msg.id, 'simulation-off', 'start the bridge with LOUPE_BRIDGE_SIMULATE=1');
        twins.rfid.inventory([
          ...msg.epcs,
          ...msg.serials.map(epcForSerial).filter((e): e is string => e !== undefined),
        ]);
        return this.send({ type: 'done', id: msg.id });
      default:
        return unreachable(msg);
    }
  }

  async #startCount(id: string, deviceId: string | undefined): Promise<void> {
    const reader = pick(this.#devices.rfidReaders, deviceId);
    if (!reader) return this.#error(id, 'no-device', 'no RFID reader');
    await this.#stopCount();
    const session = new CountSession(uuidv7());
    const readerId = reader.info().id;
    const stop = reader.onBatch((batch) => {
      const reads = session.add(batch);
      this.send({ type: 'rfid.batch', session: session.id, device: readerId, reads, newTags: reads.length });
    });
    const started = await reader.start();
    if (!started.ok) {
      stop();
      return this.#error(id, 'device-error', started.error.message);
    }
    this.#count = { session, stop, readerId };
    this.send({ type: 'rfid.started', id, session: session.id });
  }

  async #stopCount(): Promise<void> {
    const count = this.#count;
    if (!count) return;
    this.#count = undefined;
    count.stop();
    await pick(this.#devices.rfidReaders, count.readerId)?.stop();
  }

  async dispose(): Promise<void> {
    await this.#stopCount();
  }

  /** The request fails, and the app learns the device's new status (usually offline). */
  #deviceFailed(id: string, device: Device, message: string): void {
    this.send({ type: 'device.status', device: device.info() });
    this.#error(id, 'device-error', message);
  }

  #error(id: string | undefined, code: ErrorCode, message: string, path?: string): void {
    this.send({ type: 'error', ...(id ? { id } : {}), code, message, ...(path ? { path } : {}) });
  }
}

function pick<D extends Device>(devices: readonly D[], id: string | undefined): D | undefined {
  return id === undefined ? devices[0] : devices.find((d) => d.info().id === id);
}
