/**
 * `catalog/<store>` — the store's pieces, **without cost** (DOC-4, DOC-5). Written by the relay
 * only, from the SQL `pieces` table (`server/catalog-projection.ts`); every till of the store reads
 * it. A record is the domain `Piece` less `cost`, parsed with the domain's parser at the edge.
 */
import type * as Y from 'yjs';
import { type CatalogPiece, parseCatalogPiece } from '../../../domain/piece.ts';
import { names } from '../doc-names.ts';

export type { CatalogPiece };

export const catalogDoc = {
  kind: 'catalog',
  name: names.catalog,
  writer: 'relay',
  roots: { pieces: 'pieces' },
} as const;

/** The raw map, serial → record. Relay code writes it; devices only read. */
export const catalogPieces = (doc: Y.Doc): Y.Map<CatalogPiece> =>
  doc.getMap<CatalogPiece>(catalogDoc.roots.pieces);

/** A record as the device should trust it: parsed, or undefined when it is not a valid piece. */
export function parseCatalogRecord(value: unknown): CatalogPiece | undefined {
  const r = parseCatalogPiece(value);
  return r.ok ? r.value : undefined;
}

export const readPiece = (catalog: Y.Doc, serial: string): CatalogPiece | undefined =>
  parseCatalogRecord(catalogPieces(catalog).get(serial));
