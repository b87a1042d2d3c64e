/**
 * The life of a piece as a state machine. Only the transitions listed here exist; every
 * stock command in decide.ts moves a piece along exactly one of them.
 */
import { literal, type Parser } from './parse.ts';
import { err, ok, type Result } from './result.ts';

export const PIECE_STATUSES = [
  'in-stock',
  'reserved',
  'on-memo',
  'sold',
  'in-repair',
  'in-transit',
  'returned',
  // Lost, damaged beyond repair or stolen (WRITEOFF-*): terminal, nothing moves it again.
  'written-off',
] as const;
export type PieceStatus = (typeof PIECE_STATUSES)[number];
export const parsePieceStatus: Parser<PieceStatus> = literal(...PIECE_STATUSES);

/** from → the statuses it may move to. Anything absent is illegal. */
export const TRANSITIONS: Readonly<Record<PieceStatus, readonly PieceStatus[]>> = {
  // A piece on the shelf can go anywhere a business process takes it.
  'in-stock': ['reserved', 'on-memo', 'sold', 'in-repair', 'in-transit', 'written-off'],
  // A reservation ends by release or by the sale to the client it was held for.
  reserved: ['in-stock', 'sold', 'written-off'],
  // A consignee returns the piece; a memo sale is recorded as return then sale.
  'on-memo': ['in-stock', 'written-off'],
  // A sold piece comes back through a return, or a manager's void puts it back on the shelf.
  sold: ['returned', 'in-stock'],
  // A returned piece is inspected: back to the shelf or to the bench first.
  returned: ['in-stock', 'in-repair', 'written-off'],
  'in-repair': ['in-stock', 'written-off'],
  // Received first: a piece on the road is written off by the store that receives it (or not).
  'in-transit': ['in-stock'],
  // Terminal (WRITEOFF-3): a piece found again is received anew under a new serial or by support.
  'written-off': [],
};

export function canTransition(from: PieceStatus, to: PieceStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses from which a sale may take a piece (a reservation further needs the right client). */
export function isSellable(status: PieceStatus): boolean {
  return status === 'in-stock' || status === 'reserved';
}

/** What a sale needs to know of a piece: its status and any reservation on it. */
export type SellablePiece = {
  readonly status: PieceStatus;
  readonly reservedFor?: string | undefined;
  /** A reservation past this instant no longer blocks a sale to someone else. */
  readonly reservedUntil?: string | undefined;
};

/** Why a piece cannot be sold: held for another client, or a status no sale takes it from. */
export type SaleBlock = 'reserved-for-other-client' | 'status';

/**
 * SALE-12: can this piece be sold to this client (none for an anonymous sale) at this instant?
 * The one answer the relay's `decide` and a till's availability check both use: a sellable
 * status (PIECE-4, SALE-5), and a reservation blocks everyone but its client until it expires
 * (SALE-4; a reservation for no one in particular blocks everyone).
 */
export function sellableTo(
  piece: SellablePiece,
  clientId: string | undefined,
  at: string,
): Result<void, SaleBlock> {
  if (!isSellable(piece.status)) return err('status');
  if (piece.status !== 'reserved') return ok(undefined);
  if (piece.reservedFor !== undefined && piece.reservedFor === clientId) return ok(undefined);
  const expired = piece.reservedUntil !== undefined && Date.parse(piece.reservedUntil) <= Date.parse(at);
  return expired ? ok(undefined) : err('reserved-for-other-client');
}
