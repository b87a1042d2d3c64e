/**
 * The simulated hardware bridge started by playwright.config.ts, seen from the test: its current
 * pairing code (the bridge writes it to <state>/pairing-code when simulating) and a Node client
 * that drives its twins (`sim.scan`, `sim.rfid`) and reads what they printed (`sim.printouts`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { WebSocket } from 'ws';
import type { BridgeMessage, PrintedReceipt, PrintedTag } from '../hardware-bridge/protocol.ts';
import { epcForSerial } from '../hardware-bridge/rfid/sgtin.ts';

export const bridgePort = (): number => Number(process.env.LOUPE_E2E_BRIDGE_PORT ?? 4392);
const origin = (): string => `http://127.0.0.1:${Number(process.env.LOUPE_E2E_PORT ?? 4391)}`;

/** The code the bridge would print on its console right now (renewed after each pairing). */
export function pairingCode(): string {
  const dir = process.env.LOUPE_E2E_DATA;
  if (!dir) throw new Error('LOUPE_E2E_DATA is not set: run the suite with npm run test:e2e');
  return readFileSync(join(dir, 'bridge', 'pairing-code'), 'utf8').trim();
}

/** The EPC of a Loupe tag for this serial (SGTIN-96, see hardware-bridge README "RFID tags"). */
export function epcOf(serial: string): string {
  const epc = epcForSerial(serial);
  if (!epc) throw new Error(`${serial} cannot be written on an SGTIN-96 tag`);
  return epc;
}

export class BridgeTwins {
  readonly #socket: WebSocket;
  readonly #messages: BridgeMessage[] = [];
  #next = 0;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (d) => this.#messages.push(JSON.parse(d.toString()) as BridgeMessage));
  }

  /** Pairs as a second app (the test's own hands on the twins) and says hello. */
  static async connect(): Promise<BridgeTwins> {
    const res = await fetch(`http://127.0.0.1:${bridgePort()}/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: origin() },
      body: JSON.stringify({ code: pairingCode(), label: 'e2e twins' }),
    });
    expect(res.status, 'the test pairs with the simulated bridge').toBe(200);
    const { token } = (await res.json()) as { token: string };
    const socket = new WebSocket(`ws://127.0.0.1:${bridgePort()}/?token=${token}`, { origin: origin() });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const twins = new BridgeTwins(socket);
    await twins.#request({ type: 'hello', versions: [1] });
    return twins;
  }

  async #request(message: { type: string } & Record<string, unknown>): Promise<BridgeMessage> {
    this.#next += 1;
    const id = `e2e-${this.#next}`;
    this.#socket.send(JSON.stringify({ ...message, id }));
    const reply = () => this.#messages.find((m) => 'id' in m && m.id === id);
    await expect.poll(() => reply() !== undefined, { message: `bridge reply to ${message.type}` }).toBe(true);
    const r = reply() as BridgeMessage;
    if (r.type === 'error') throw new Error(`bridge refused ${message.type}: ${r.code} ${r.message}`);
    return r;
  }

  /** A barcode scanned on the twin HID POS scanner (Code 128). */
  async scan(data: string): Promise<void> {
    await this.#request({ type: 'sim.scan', symbology: ']C0', data });
  }

  /** These serials' tags come into the RFID twin's field (the app must have started a count). */
  async rfid(serials: readonly string[]): Promise<void> {
    await this.#request({ type: 'sim.rfid', epcs: serials.map(epcOf) });
  }

  async printouts(): Promise<{ receipts: PrintedReceipt[]; tags: PrintedTag[] }> {
    const r = await this.#request({ type: 'sim.printouts' });
    if (r.type !== 'printouts') throw new Error(`unexpected ${r.type}`);
    return { receipts: r.receipts, tags: r.tags };
  }

  close(): void {
    this.#socket.close();
  }
}

/** Paper text as a person reads it: the printer turns narrow and no-break spaces into spaces. */
export const paperText = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ').replace(/ +/g, ' ');
