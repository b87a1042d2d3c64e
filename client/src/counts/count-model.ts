/**
 * An RFID stock count on the till: which serials the store expects (in stock or reserved here,
 * from the local stock document), which tags the reader found, and the variance between them.
 * The relay works the variance out again against its own records when the count is submitted
 * (COUNT-1..3); this one is what the manager sees while walking the floor.
 */
import type { RfidRead } from '../../../hardware-bridge/protocol.ts';
import { serialOfSgtin } from '../../../hardware-bridge/protocol.ts';
import type { StockView } from '../local/records.ts';

const PRESENT = new Set(['in-stock', 'reserved']);

export function expectedSerials(stock: Readonly<Record<string, StockView>>): Set<string> {
  const out = new Set<string>();
  for (const [serial, s] of Object.entries(stock)) if (PRESENT.has(s.status)) out.add(serial);
  return out;
}

export type CountTally = { readonly found: ReadonlySet<string>; readonly unknownEpcs: ReadonlySet<string> };
export const emptyTally = (): CountTally => ({ found: new Set(), unknownEpcs: new Set() });

/** Adds the reader's reads: Loupe tags become serials, anything else stays an unknown EPC. */
export function addReads(tally: CountTally, reads: readonly RfidRead[]): CountTally {
  const found = new Set(tally.found);
  const unknownEpcs = new Set(tally.unknownEpcs);
  for (const r of reads) {
    const serial = serialOfSgtin(r.gtin, r.serial);
    if (serial) found.add(serial);
    else unknownEpcs.add(r.epc.toUpperCase());
  }
  return { found, unknownEpcs };
}

export type Variance = {
  readonly found: string[];
  /** Expected and not found; only a whole-store count reports missing pieces (COUNT-3). */
  readonly missing: string[];
  /** Found and not expected here (sold, elsewhere, unknown) (COUNT-2). */
  readonly unexpected: string[];
  readonly expected: number;
};

export function variance(
  expected: ReadonlySet<string>,
  found: ReadonlySet<string>,
  wholeStore: boolean,
): Variance {
  const sorted = (xs: Iterable<string>) => [...xs].sort();
  return {
    found: sorted(found),
    missing: wholeStore ? sorted([...expected].filter((s) => !found.has(s))) : [],
    unexpected: sorted([...found].filter((s) => !expected.has(s))),
    expected: expected.size,
  };
}

/**
 * COUNT-4: a barcode count of one place on the till: expected are the pieces in the store recorded
 * at that place; found elsewhere-recorded pieces of the store are "wrong location" (a fix, not a loss).
 */
export function placeVariance(
  stock: Readonly<Record<string, StockView>>,
  found: ReadonlySet<string>,
  place: string | undefined,
): Variance & { wrongLocation: string[] } {
  const present = expectedSerials(stock);
  if (place === undefined) return { ...variance(present, found, true), wrongLocation: [] };
  const key = place.trim().toLowerCase();
  const here = new Set([...present].filter((s) => (stock[s]?.location ?? '').trim().toLowerCase() === key));
  const sorted = (xs: Iterable<string>) => [...xs].sort();
  return {
    found: sorted(found),
    missing: sorted([...here].filter((s) => !found.has(s))),
    unexpected: sorted([...found].filter((s) => !present.has(s))),
    wrongLocation: sorted([...found].filter((s) => present.has(s) && !here.has(s))),
    expected: here.size,
  };
}

/** How right the records were (COUNT-6), by the domain's rule. */
export { countAccuracy } from '../../../domain/decide-admin.ts';
