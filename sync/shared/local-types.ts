/** @deprecated Record types now come from `domain/` and the schema modules in `./docs/`. */
import type { Piece } from '../../domain/piece.ts';

export type { PieceStatus } from '../../domain/piece-status.ts';
export { atLeast, ROLES, type Role } from '../../domain/roles.ts';
export type { CatalogPiece } from './docs/catalog.ts';
export type { ClientRecord } from './docs/clients.ts';
export type { Outcome } from './docs/ledger.ts';
export type { CommandEnvelope } from './docs/outbox.ts';
export type { StockEntry } from './docs/stock.ts';
/** A serialized piece's full record as SQL holds it (`pieces.record`), cost included. */
export type PieceRecord = Piece;
