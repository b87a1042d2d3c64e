/** Test records for the till's documents, valid for the domain's parsers (as the relay writes them). */
import type { StoreId } from '../../../domain/ids.ts';
import type { CatalogPiece, Piece } from '../../../domain/piece.ts';
import { pieceRecord } from '../../../domain/test-support.ts';

/** A catalog record (`catalog/<store>`: a piece without its cost) for `serial` at `store`. */
export function catalogPiece(serial: string, store: string, overrides: Partial<Piece> = {}): CatalogPiece {
  const { cost: _cost, ...piece } = pieceRecord(1, {
    serial: serial as Piece['serial'],
    store: store as StoreId,
    ...overrides,
  });
  return piece;
}
