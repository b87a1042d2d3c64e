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
import type { TaxRule } from '../../../domain/tax.ts';
import type { OutcomeCode } from '../../../sync/shared/outcome-codes.ts';
import type { Command as Envelope, PieceView, StockView } from '../local/records.ts';
import { asCategory } from './cart.ts';

export type PrecheckInput = {
  readonly store: string;
  readonly currency: string;
  readonly pieces: Record<string, PieceView>;
  readonly stock: Record<string, StockView>;
  readonly users: ReadonlyArray<{ id: string; role: Role }>;
  /**
   * The store's tax rule from this till's store record (cart.ts `storeTaxRule`): with it the
   * pre-check refuses a wrong tax or total with the relay's code (SALE-7a, SALE-7b); without it
   * (the record not loaded yet) either consistent form passes and the relay decides.
   */
  readonly tax?: TaxRule | undefined;
};

/** Rejections the device can be sure of from its own data. */
const CERTAIN: ReadonlySet<OutcomeCode> = new Set<OutcomeCode>([
  'serial-already-sold',
  'piece-not-sellable',
  'piece-reserved-for-other-client',
  'piece-on-memo',
  'piece-in-repair',
  'piece-in-transit',
  'piece-unknown',
  'duplicate-serial-in-sale',
  'tenders-do-not-match-total',
  'tax-mismatch',
  'total-mismatch',
  'currency-mismatch',
  'invalid-command',
  'amount-out-of-range',
]);

/** The relay's code for the same refusal (sync/shared/outcome-codes.ts), and the domain's sentence. */
export type PrecheckError = { code: OutcomeCode; message: string };

export function precheck(envelope: Envelope, input: PrecheckInput): Result<Command, PrecheckError> {
  const parsed = parseCommand(envelope);
  if (!parsed.ok)
    // The relay's codes for an envelope it cannot read (sync/server/validator/decider.ts).
    return err({
      code: parsed.error.code === 'amount-out-of-range' ? 'amount-out-of-range' : 'invalid-command',
      message: `${parsed.error.path}: ${parsed.error.message}`,
    });
  const command = parsed.value;
  const state = createMemoryState({
    stores: [
      {
        id: input.store as StoreId,
        currency: currency(input.currency) as Currency,
        ...(input.tax ? { tax: input.tax } : {}),
      },
    ],
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
    // TAXCAT-5: the category picks the line's tax rate, as the relay reads it from the record.
    const category = asCategory(piece.category);
    if (category) state.setPieceCategory(serial, category);
  }
  const decided = state.decide(command);
  if (!decided.ok && CERTAIN.has(decided.error.code))
    return err({ code: decided.error.code, message: decided.error.message });
  return ok(command);
}
