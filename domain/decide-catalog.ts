/**
 * The catalog: what a piece is (CATALOG-*) and what it costs the client (PRICE-*). Managers change
 * it by commands; the relay applies them to SQL and projects `catalog/<store>` from there.
 */
import type { CommandOf, PieceChanges } from './commands.ts';
import { authorize, checkCurrency, pieceHere, reject, statusRefusal } from './decide-common.ts';
import type { DecisionState, DomainEvent, Rejection } from './decision-types.ts';
import { type Piece, parsePiece } from './piece.ts';
import { err, ok, type Result } from './result.ts';

type Decision = Result<DomainEvent[], Rejection>;

/** The record with the changes applied: set attributes replaced, `null` ones removed. */
export function withChanges(record: Piece, changes: PieceChanges): Record<string, unknown> {
  const out: Record<string, unknown> = { ...record };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete out[key];
    else if (value !== undefined) out[key] = value;
  }
  return out;
}

/** CATALOG-1..3: descriptive attributes, by a manager, of a piece of this store, still a valid piece. */
export function decidePieceUpdate(state: DecisionState, c: CommandOf<'piece.update'>): Decision {
  const actor = authorize(state, c, 'manage-catalog');
  if (!actor.ok) return actor;
  const found = pieceHere(state, c, c.payload.serial);
  if (!found.ok) return found;
  const record = state.pieceRecord?.(c.payload.serial);
  if (record) {
    const updated = parsePiece(withChanges(record, c.payload.changes));
    if (!updated.ok)
      return reject(
        'piece-invalid',
        `This change would leave piece ${c.payload.serial} invalid (${updated.error.path}: ${updated.error.message}); correct it and send it again.`,
        { serial: c.payload.serial, path: updated.error.path },
      );
  }
  return ok([
    { type: 'piece.updated', serial: c.payload.serial, store: found.value.store, changes: c.payload.changes },
  ]);
}

/** PRICE-1: a new list price in the store's currency, by a manager, with a reason. */
export function decidePriceChange(state: DecisionState, c: CommandOf<'price.change'>): Decision {
  const actor = authorize(state, c, 'manage-catalog');
  if (!actor.ok) return actor;
  const found = pieceHere(state, c, c.payload.serial);
  if (!found.ok) return found;
  // WRITEOFF-4: a piece gone for good has no price to change.
  if (found.value.status === 'written-off') return err(statusRefusal(found.value, 'written-off'));
  const money = checkCurrency(actor.value.currency, [c.payload.listPrice]);
  if (!money.ok) return money;
  return ok([
    {
      type: 'price.changed',
      serial: c.payload.serial,
      store: found.value.store,
      from: found.value.listPrice,
      to: c.payload.listPrice,
      reason: c.payload.reason,
    },
  ]);
}
