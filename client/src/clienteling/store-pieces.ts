/** The store's catalog as the domain's records (what the recommender and the booking form read). */

import type { SerialNumber } from '../../../domain/ids.ts';
import type { CatalogPiece } from '../../../domain/piece.ts';
import type { RecoStock } from '../../../domain/recommend.ts';
import { catalogDoc, catalogPieces, parseCatalogRecord } from '../../../sync/shared/docs/catalog.ts';
import type { StoreData } from '../local/store-data.ts';

export function storePieces(data: StoreData): CatalogPiece[] {
  // Reading the reactive store makes callers' memos follow catalog changes.
  void Object.keys(data.pieces).length;
  const open = data.docs.find((d) => d.name === catalogDoc.name(data.store));
  if (!open) return [];
  const out: CatalogPiece[] = [];
  for (const v of catalogPieces(open.doc).values()) {
    const p = parseCatalogRecord(v);
    if (p) out.push(p);
  }
  return out;
}

export const stockFor =
  (data: StoreData) =>
  (serial: SerialNumber): RecoStock | undefined => {
    const s = data.stock[serial];
    return s
      ? {
          status: s.status,
          store: data.store,
          ...(s.reservedFor ? { reservedFor: s.reservedFor } : {}),
          ...(s.reservedUntil ? { reservedUntil: s.reservedUntil } : {}),
        }
      : undefined;
  };
