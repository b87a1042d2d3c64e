/**
 * The life of a piece as a state machine. Only the transitions listed here exist; every
 * stock command in decide.ts moves a piece along exactly one of them.
 */
import { literal, type Parser } from './parse.ts';

export const PIECE_STATUSES = [
  'in-stock',
  'reserved',
  'on-memo',
  'sold',
  'in-repair',
  'in-transit',
  'returned',
] as const;
export type PieceStatus = (typeof PIECE_STATUSES)[number];
export const parsePieceStatus: Parser<PieceStatus> = literal(...PIECE_STATUSES);

/** from → the statuses it may move to. Anything absent is illegal. */
export const TRANSITIONS: Readonly<Record<PieceStatus, readonly PieceStatus[]>> = {
  // A piece on the shelf can go anywhere a business process takes it.
  'in-stock': ['reserved', 'on-memo', 'sold', 'in-repair', 'in-transit'],
  // A reservation ends by release or by the sale to the client it was held for.
  reserved: ['in-stock', 'sold'],
  // A consignee returns the piece; a memo sale is recorded as return then sale.
  'on-memo': ['in-stock'],
  // A sold piece comes back through a return, or a manager's void puts it back on the shelf.
  sold: ['returned', 'in-stock'],
  // A returned piece is inspected: back to the shelf or to the bench first.
  returned: ['in-stock', 'in-repair'],
  'in-repair': ['in-stock'],
  'in-transit': ['in-stock'],
};

export function canTransition(from: PieceStatus, to: PieceStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses from which a sale may take a piece (a reservation further needs the right client). */
export function isSellable(status: PieceStatus): boolean {
  return status === 'in-stock' || status === 'reserved';
}
