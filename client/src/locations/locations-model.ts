/**
 * Places inside a store and the scans that move pieces between them (LOCATION-*), as pure
 * functions over the till's catalog and stock: the places the store uses, what a scan is, and the
 * end-of-day safe check's "what is still out".
 */
import { parseSerial } from '../../../domain/ids.ts';
import { LOCATION_KINDS, type LocationKind } from '../../../domain/piece.ts';
import type { PieceView, StockView } from '../local/records.ts';

export type Place = { readonly kind: LocationKind; readonly label: string };
const PRESENT = new Set(['in-stock', 'reserved']);
/** Places in a store (LOCATION-1), besides its pieces' own: the safe is always there. */
export const DEFAULT_PLACES: readonly Place[] = [
  { kind: 'safe', label: 'Safe' },
  { kind: 'back-office', label: 'Back office' },
  { kind: 'workshop', label: 'Workshop' },
];

const isKind = (k: string | undefined): k is LocationKind => LOCATION_KINDS.includes(k as LocationKind);
export const placeKey = (p: Place) => p.label.trim().toLowerCase();

/** Every place the store's pieces are at, and the defaults, once each, safes first then by name. */
export function storePlaces(pieces: Readonly<Record<string, PieceView>>): Place[] {
  const byKey = new Map<string, Place>();
  for (const p of DEFAULT_PLACES) byKey.set(placeKey(p), p);
  for (const piece of Object.values(pieces)) {
    if (!piece.location) continue;
    const place = { kind: isKind(piece.locationKind) ? piece.locationKind : 'case', label: piece.location };
    if (!byKey.has(placeKey(place))) byKey.set(placeKey(place), place);
  }
  const order = (p: Place) => (p.kind === 'safe' ? 0 : 1);
  return [...byKey.values()].sort((a, b) => order(a) - order(b) || a.label.localeCompare(b.label));
}

export type ScanCheck =
  | { readonly ok: true; readonly serial: string }
  | {
      readonly ok: false;
      readonly serial?: string;
      readonly reason: 'not-a-serial' | 'unknown' | 'not-in-store';
    };

/** A scanned code as a piece of this store that is in the store (LOCATION-3), or why not. */
export function checkScan(
  code: string,
  pieces: Readonly<Record<string, PieceView>>,
  stock: Readonly<Record<string, StockView>>,
): ScanCheck {
  const parsed = parseSerial(code);
  if (!parsed.ok) return { ok: false, reason: 'not-a-serial' };
  const serial = parsed.value;
  if (!pieces[serial] && !stock[serial]) return { ok: false, serial, reason: 'unknown' };
  const status = stock[serial]?.status;
  if (status && !['in-stock', 'reserved', 'returned', 'in-repair'].includes(status))
    return { ok: false, serial, reason: 'not-in-store' };
  return { ok: true, serial };
}

/** LOCATION-4: pieces physically in the store (in stock or reserved) that were not scanned back. */
export function stillOut(
  stock: Readonly<Record<string, StockView>>,
  scanned: ReadonlySet<string>,
): { serial: string; location: string }[] {
  return Object.entries(stock)
    .filter(([serial, s]) => PRESENT.has(s.status) && !scanned.has(serial))
    .map(([serial, s]) => ({ serial, location: s.location }))
    .sort((a, b) => a.location.localeCompare(b.location) || a.serial.localeCompare(b.serial));
}

export const expectedInStore = (stock: Readonly<Record<string, StockView>>): number =>
  Object.values(stock).filter((s) => PRESENT.has(s.status)).length;
