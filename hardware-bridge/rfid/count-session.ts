/**
 * One stock count: reads arrive in batches from any antenna, a tag is read many times, and the
 * count is the set of distinct EPCs (RFID-2). The session keeps the strongest RSSI per tag.
 */
import type { RawRead } from '../devices.ts';
import type { RfidRead, RfidSummary } from '../protocol.ts';
import { decodeEpc } from './sgtin.ts';

export class CountSession {
  readonly id: string;
  readonly #seen = new Map<string, RfidRead>();
  #totalReads = 0;

  constructor(id: string) {
    this.id = id;
  }

  /** Adds a batch; returns the tags seen for the first time in this session. */
  add(batch: readonly RawRead[]): RfidRead[] {
    const fresh: RfidRead[] = [];
    for (const raw of batch) {
      this.#totalReads += 1;
      const epc = raw.epc.toUpperCase();
      const known = this.#seen.get(epc);
      if (known) {
        if (raw.rssi > known.rssi) this.#seen.set(epc, { ...known, rssi: raw.rssi, antenna: raw.antenna });
        continue;
      }
      const read: RfidRead = { ...decodeEpc(epc), rssi: raw.rssi, antenna: raw.antenna };
      this.#seen.set(epc, read);
      fresh.push(read);
    }
    return fresh;
  }

  summary(): RfidSummary {
    const byGtin: Record<string, number> = {};
    const unknownEpcs: string[] = [];
    for (const read of this.#seen.values()) {
      if (read.gtin) byGtin[read.gtin] = (byGtin[read.gtin] ?? 0) + 1;
      else unknownEpcs.push(read.epc);
    }
    return {
      session: this.id,
      uniqueTags: this.#seen.size,
      totalReads: this.#totalReads,
      byGtin,
      unknownEpcs,
    };
  }

  reads(): RfidRead[] {
    return [...this.#seen.values()];
  }
}
