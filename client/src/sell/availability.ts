/**
 * Can this piece go in the cart? Answered from the device's own copy, in well under a
 * frame: the catalog knows the piece, the relay's stock document knows its status, and
 * this till's own pending sales hold pieces the relay has not heard about yet.
 */
import { parseSerial } from '../../../domain/ids.ts';
import { isSellable, type PieceStatus, parsePieceStatus } from '../../../domain/piece-status.ts';
import { err, ok, type Result } from '../../../domain/result.ts';
import type { PieceView, StockView } from '../local/records.ts';

export type Unavailable = {
  code:
    | 'invalid-serial'
    | 'piece-unknown'
    | 'piece-not-sellable'
    | 'in-cart'
    | 'pending-sale'
    | 'other-store';
  message: string;
};

export type AvailabilityInput = {
  readonly pieces: Record<string, PieceView>;
  readonly stock: Record<string, StockView>;
  readonly store: string;
  readonly inCart: ReadonlySet<string>;
  readonly pendingSold: ReadonlySet<string>;
  readonly clientId?: string;
};

const WHY: Partial<Record<PieceStatus, string>> = {
  sold: 'has already been sold',
  'on-memo': 'is out on memo',
  'in-repair': 'is at the bench for repair',
  'in-transit': 'is in transit between stores',
  returned: 'was returned and awaits inspection',
};

export function checkAvailability(code: string, a: AvailabilityInput): Result<PieceView, Unavailable> {
  const parsed = parseSerial(code);
  if (!parsed.ok) return err({ code: 'invalid-serial', message: `“${code.trim()}” is not a serial number.` });
  const serial = parsed.value;
  const piece = a.pieces[serial];
  if (!piece)
    return err({ code: 'piece-unknown', message: `No piece ${serial} in the catalog. Check the tag.` });
  if (a.inCart.has(serial)) return err({ code: 'in-cart', message: `${serial} is already in the cart.` });
  if (a.pendingSold.has(serial))
    return err({
      code: 'pending-sale',
      message: `${serial} was just sold on this till (waiting for the store server).`,
    });
  const entry = a.stock[serial];
  const status = parsePieceStatus(entry?.status);
  if (!status.ok)
    return err({
      code: 'piece-not-sellable',
      message: `${serial} has no stock status yet; it cannot be sold.`,
    });
  if (piece.store && piece.store !== a.store && !entry)
    return err({ code: 'other-store', message: `${serial} belongs to another store.` });
  if (!isSellable(status.value))
    return err({
      code: 'piece-not-sellable',
      message: `${piece.title} (${serial}) ${WHY[status.value] ?? 'cannot be sold'}.`,
    });
  if (status.value === 'reserved' && entry?.reservedFor && entry.reservedFor !== a.clientId)
    return err({
      code: 'piece-not-sellable',
      message: `${piece.title} (${serial}) is reserved for another client. Attach that client to sell it.`,
    });
  return ok(piece);
}
