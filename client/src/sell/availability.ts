/**
 * Can this piece go in the cart? Answered from the device's own copy, in well under a
 * frame: the catalog knows the piece, the relay's stock document knows its status, and
 * this till's own pending sales hold pieces the relay has not heard about yet. Whether the
 * piece may be sold to this client now is the domain's answer (`sellableTo`, SALE-12), the
 * one the relay gives; the cart and pending-sale checks are the till's own.
 */
import { parseSerial } from '../../../domain/ids.ts';
import { type PieceStatus, parsePieceStatus, sellableTo } from '../../../domain/piece-status.ts';
import { err, ok, type Result } from '../../../domain/result.ts';
import type { PieceView, StockView } from '../local/records.ts';
import { S } from './strings.ts';

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
  /** The instant of the sale, ISO 8601 (now when absent): an expired reservation no longer holds. */
  readonly at?: string;
};

const WHY: Partial<Record<PieceStatus, string>> = S.why;

export function checkAvailability(code: string, a: AvailabilityInput): Result<PieceView, Unavailable> {
  const parsed = parseSerial(code);
  if (!parsed.ok) return err({ code: 'invalid-serial', message: S.notASerial(code.trim()) });
  const serial = parsed.value;
  const piece = a.pieces[serial];
  if (!piece) return err({ code: 'piece-unknown', message: S.pieceUnknown(serial) });
  if (a.inCart.has(serial)) return err({ code: 'in-cart', message: S.inCart(serial) });
  if (a.pendingSold.has(serial))
    return err({
      code: 'pending-sale',
      message: S.pendingSale(serial),
    });
  const entry = a.stock[serial];
  const status = parsePieceStatus(entry?.status);
  if (!status.ok)
    return err({
      code: 'piece-not-sellable',
      message: S.noStockStatus(serial),
    });
  if (piece.store && piece.store !== a.store && !entry)
    return err({ code: 'other-store', message: S.otherStore(serial) });
  const sellable = sellableTo(
    {
      status: status.value,
      ...(entry?.reservedFor ? { reservedFor: entry.reservedFor } : {}),
      ...(entry?.reservedUntil ? { reservedUntil: entry.reservedUntil } : {}),
    },
    a.clientId,
    a.at ?? new Date().toISOString(),
  );
  if (!sellable.ok && sellable.error === 'reserved-for-other-client')
    return err({
      code: 'piece-not-sellable',
      message: S.reservedForOther(piece.title, serial),
    });
  if (!sellable.ok)
    return err({
      code: 'piece-not-sellable',
      message: S.notSellable(piece.title, serial, WHY[status.value] ?? S.cannotBeSold),
    });
  return ok(piece);
}
