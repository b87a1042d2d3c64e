/**
 * The RFID reader's twin. A fixed reader sees each tag several times per second, on more than
 * one antenna, at varying signal strength; the twin reproduces that shape (RFID-3) from a
 * seeded generator so a failing test can be replayed.
 */
import { ok, type Result } from '../../domain/result.ts';
import type { DeviceError, RawRead, RfidReader, Unsubscribe } from '../devices.ts';
import type { DeviceInfo } from '../protocol.ts';

/** mulberry32: tiny, seeded, good enough to shuffle reads. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SimRfidOptions = { id?: string; seed?: number; antennas?: number; batchSize?: number };

export class SimRfidReader implements RfidReader {
  readonly #listeners = new Set<(reads: readonly RawRead[]) => void>();
  readonly #random: () => number;
  readonly #id: string;
  readonly #antennas: number;
  readonly #batchSize: number;
  #running = false;

  constructor(options: SimRfidOptions = {}) {
    this.#id = options.id ?? 'sim-rfid';
    this.#random = seeded(options.seed ?? 1);
    this.#antennas = options.antennas ?? 4;
    this.#batchSize = options.batchSize ?? 40;
  }

  info(): DeviceInfo {
    return {
      id: this.#id,
      kind: 'rfid',
      name: 'Simulated UHF RFID reader',
      simulated: true,
      status: 'ready',
    };
  }

  async start(): Promise<Result<void, DeviceError>> {
    this.#running = true;
    return ok(undefined);
  }

  async stop(): Promise<void> {
    this.#running = false;
  }

  get running(): boolean {
    return this.#running;
  }

  /** Tags in the field: each is read 1–5 times, interleaved, then delivered in batches. */
  inventory(epcs: readonly string[]): void {
    if (!this.#running) return; // a stopped reader hears nothing
    const reads: RawRead[] = [];
    for (const epc of epcs) {
      const times = 1 + Math.floor(this.#random() * 5);
      for (let i = 0; i < times; i++) {
        const antenna = 1 + Math.floor(this.#random() * this.#antennas);
        const rssi = -35 - Math.round(this.#random() * 40);
        reads.push({ epc, rssi, antenna });
      }
    }
    for (let i = reads.length - 1; i > 0; i--) {
      const j = Math.floor(this.#random() * (i + 1));
      [reads[i], reads[j]] = [reads[j] as RawRead, reads[i] as RawRead];
    }
    for (let i = 0; i < reads.length; i += this.#batchSize) {
      const batch = reads.slice(i, i + this.#batchSize);
      for (const l of this.#listeners) l(batch);
    }
  }

  onBatch(listener: (reads: readonly RawRead[]) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#running = false;
  }
}
