/**
 * The offline pre-check: the same `decide` the relay runs, over an in-memory state built
 * from this till's copy (stock statuses, catalog prices, the store's currency, the cashier's
 * role). A sale the relay would certainly refuse is stopped at the counter; anything the
 * device cannot know for sure (an approver's role, another till's sale) is left to the relay.
 */
import { type Command, parseCommand } from '../../../domain/commands.ts';
import type { SerialNumber, StoreId, UserId } from '../../../domain/ids.ts';
import { createMemoryState } from '../../../domain/memory-state.ts';
import { type Currency, currency } from '../../../domain/money.ts';
import { parsePieceStatus } from '../../../domain/piece-status.ts';
import { err, ok, type Result } from '../../../domain/result.ts';
import type { Role } from '../../../domain/roles.ts';
import type { Command as Envelope, PieceView, StockView } from '../local/records.ts';

export type PrecheckInput = {
  readonly store: string;
  readonly currency: string;
  readonly pieces: Record<string, PieceView>;
  readonly stock: Record<string, StockView>;
  readonly users: ReadonlyArray<{ id: string; role: Role }>;
};

/** Rejections the device can be sure of from its own data. */
const CERTAIN: ReadonlySet<string> = new Set([
  'serial-already-sold',
  'piece-not-sellable',
  'piece-reserved-for-other-client',
  'piece-on-memo',
  'piece-in-repair',
  'piece-in-transit',
  'piece-unknown',
  'duplicate-serial-in-sale',
  'tenders-do-not-match-total',
  'total-does-not-match-lines',
  'currency-mismatch',
  'invalid-input',
]);

export type PrecheckError = { code: string; message: string };

export function precheck(envelope: Envelope, input: PrecheckInput): Result<Command, PrecheckError> {
  const parsed = parseCommand(envelope);
  if (!parsed.ok)
    return err({ code: 'invalid-input', message: `${parsed.error.path}: ${parsed.error.message}` });
  const command = parsed.value;
  const state = createMemoryState({
    stores: [{ id: input.store as StoreId, currency: currency(input.currency) as Currency }],
    users: input.users.map((u) => ({ id: u.id as UserId, role: u.role })),
  });
  const serials =
    command.type === 'sale.complete' ? command.payload.lines.map((l) => l.serial) : ([] as SerialNumber[]);
  for (const serial of serials) {
    const piece = input.pieces[serial];
    const status = parsePieceStatus(input.stock[serial]?.status);
    if (!piece || !status.ok) continue;
    const reservedFor = input.stock[serial]?.reservedFor;
    const reservedUntil = input.stock[serial]?.reservedUntil;
    state.setPiece({
      serial,
      store: input.store as StoreId,
      status: status.value,
      ...(reservedFor ? { reservedFor: reservedFor as never } : {}),
      ...(reservedUntil ? { reservedUntil } : {}),
      listPrice: { minor: piece.price.minor, currency: currency(piece.price.currency) },
    });
  }
  const decided = state.decide(command);
  if (!decided.ok && CERTAIN.has(decided.error.code))
    return err({ code: decided.error.code, message: decided.error.message });
  return ok(command);
}
