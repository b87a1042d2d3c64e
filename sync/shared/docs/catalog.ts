/**
 * `catalog/<store>` — the store's pieces, **without cost** (DOC-4, DOC-5). Written by the relay
 * only, from the SQL `pieces` table (`server/catalog-projection.ts`); every till of the store reads
 * it. A record is the domain `Piece` less `cost`, parsed with the domain's parser at the edge.
 */
import type * as Y from 'yjs';
import { type Consignment, parseConsignment } from '../../../domain/consignment.ts';
import { type CatalogPiece, parseCatalogPiece } from '../../../domain/piece.ts';
import { names } from '../doc-names.ts';

export type { CatalogPiece };

export const catalogDoc = {
  kind: 'catalog',
  name: names.catalog,
  writer: 'relay',
  roots: { pieces: 'pieces', consignments: 'consignments' },
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

/** CONSIGN-3: a piece held for its owner, as `catalog/<store>` shows it (serial → record). */
export type CatalogConsignment = Consignment & { readonly receivedAt: string };

export const catalogConsignments = (doc: Y.Doc): Y.Map<unknown> =>
  doc.getMap<unknown>(catalogDoc.roots.consignments);

/** The piece's consignment, parsed; undefined when it is the store's own piece or does not parse. */
export function readConsignment(catalog: Y.Doc, serial: string): CatalogConsignment | undefined {
  const value = catalogConsignments(catalog).get(serial) as { receivedAt?: unknown } | undefined;
  if (!value || typeof value.receivedAt !== 'string') return undefined;
  const parsed = parseConsignment(value);
  return parsed.ok ? { ...parsed.value, receivedAt: value.receivedAt } : undefined;
}

/** Relay only. The document's JSON for a consignment. */
export function consignmentValue(c: CatalogConsignment): Record<string, unknown> {
  return {
    basis: c.basis,
    owner: { kind: c.owner.kind, id: c.owner.id, name: c.owner.name },
    terms:
      c.terms.kind === 'split'
        ? { kind: 'split', ownerShareBp: c.terms.ownerShareBp }
        : { kind: 'fixed', payout: { ...c.terms.payout } },
    receivedAt: c.receivedAt,
  };
}
