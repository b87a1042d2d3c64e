/** Checks shared by every decider: who acts, in which store, with which money, on which piece. */

import { capable } from './capabilities.ts';
import type { Approval, CommandType } from './commands.ts';
import type { DecisionState, PieceState, Rejection, RejectionCode } from './decision-types.ts';
import type { SerialNumber, StoreId, UserId } from './ids.ts';
import type { Currency, Money } from './money.ts';
import type { PieceStatus } from './piece-status.ts';
import { err, ok, type Result } from './result.ts';
import type { Capability, Role } from './roles.ts';

export type Context = Rejection['context'];
/** The part of a command's envelope the shared checks read. */
export type Envelope = {
  readonly type: CommandType;
  readonly store: StoreId;
  readonly user: UserId;
  readonly at: string;
  readonly approval?: Approval;
};

/** How long a manager's approval stays good before the command it covers (USER-5). */
export const APPROVAL_MAX_AGE_MS = 30 * 60_000;
/** Device clocks differ: an approval may be dated a little after its command. */
export const APPROVAL_CLOCK_SKEW_MS = 5 * 60_000;

export const reject = (code: RejectionCode, message: string, context: Context = {}) =>
  err<Rejection>({ code, message, context });

export type Actor = { readonly role: Role; readonly currency: Currency };

/** The store must be known (its currency), the user known and allowed to do this. */
export function authorize(
  state: DecisionState,
  command: Envelope,
  capability: Capability,
): Result<Actor, Rejection> {
  const currency = state.storeCurrency(command.store);
  if (!currency)
    return reject('store-unknown', 'This store is not set up on the relay; ask an owner to add it.', {
      store: command.store,
    });
  const role = state.role(command.user);
  if (!role)
    return reject('user-unknown', 'This user is not on the staff list; sign in again or ask a manager.', {
      user: command.user,
    });
  if (role !== 'owner' && state.worksAt(command.user, command.store) === false)
    return reject(
      'user-not-at-store',
      'The person who made this command does not work at this store; ask a manager to redo it.',
      { user: command.user, store: command.store },
    );
  // CAP-3: the organisation's settings, when an owner changed them; the default matrix otherwise.
  if (!capable(state.capabilities?.(), role, capability)) {
    // A manager's approval lends their capability to this one command (USER-4, USER-5).
    if (!command.approval)
      return reject('not-allowed', `A ${role} may not do this (${command.type}); ask a manager to approve.`, {
        role,
        capability,
      });
    const approver = approverRole(state, command, capability);
    if (!approver.ok) return approver;
  }
  return ok({ role, currency });
}

/** The approver's role, when the approval is in time and the approver may do `capability`. */
export function approverRole(
  state: DecisionState,
  command: Envelope,
  capability: Capability,
): Result<Role, Rejection> {
  const approval = command.approval;
  if (!approval)
    return reject('not-allowed', `This needs a manager's approval (${command.type}).`, { capability });
  const age = Date.parse(command.at) - Date.parse(approval.at);
  if (age > APPROVAL_MAX_AGE_MS || age < -APPROVAL_CLOCK_SKEW_MS)
    return reject(
      'approval-expired',
      'The manager approved this too long before it was done; approve it again.',
      {
        approvedAt: approval.at,
        at: command.at,
      },
    );
  const role = state.role(approval.by);
  if (role && role !== 'owner' && state.worksAt(approval.by, command.store) === false)
    return reject(
      'approver-not-allowed',
      'The approver does not work at this store; ask a manager of this store.',
      {
        approvedBy: approval.by,
        store: command.store,
      },
    );
  if (!role || !capable(state.capabilities?.(), role, capability))
    return reject(
      'approver-not-allowed',
      `The approver may not approve this (${command.type}); ask a manager or owner.`,
      {
        approvedBy: approval.by,
        role: role ?? null,
        capability,
      },
    );
  return ok(role);
}

/** Every amount must be in the store's currency; converting is the caller's job, before. */
export function checkCurrency(
  currency: Currency,
  amounts: readonly (Money | undefined)[],
): Result<void, Rejection> {
  for (const m of amounts) {
    if (m && m.currency !== currency)
      return reject('currency-mismatch', `This store takes ${currency}; an amount was in ${m.currency}.`, {
        expected: currency,
        got: m.currency,
      });
  }
  return ok(undefined);
}

/** The piece must exist and be at the store where the command happens. */
export function pieceHere(
  state: DecisionState,
  command: Envelope,
  serial: SerialNumber,
): Result<PieceState, Rejection> {
  const piece = state.piece(serial);
  if (!piece)
    return reject('piece-unknown', `No piece ${serial} is on record; check the tag or receive it first.`, {
      serial,
    });
  if (piece.store !== command.store)
    return reject('piece-at-other-store', `Piece ${serial} belongs to another store; transfer it first.`, {
      serial,
      pieceStore: piece.store,
    });
  return ok(piece);
}

const BUSY: Partial<Record<PieceStatus, readonly [RejectionCode, string]>> = {
  sold: ['serial-already-sold', 'was already sold (perhaps at another till); see the conflicts inbox'],
  'on-memo': ['piece-on-memo', 'is out on memo; record its return first'],
  'in-repair': ['piece-in-repair', 'is at the bench; finish the repair first'],
  'in-transit': ['piece-in-transit', 'is in transit; receive it at its store first'],
  'written-off': ['piece-written-off', 'was written off; it no longer moves or sells'],
};

/** A status change, refused with the most telling code when the machine does not allow it. */
export function statusRefusal(piece: PieceState, to: PieceStatus): Rejection {
  const busy = BUSY[piece.status];
  const context = { serial: piece.serial, from: piece.status, to };
  if (busy) return { code: busy[0], message: `Piece ${piece.serial} ${busy[1]}.`, context };
  return {
    code: 'illegal-transition',
    message: `Piece ${piece.serial} is ${piece.status} and cannot become ${to}.`,
    context,
  };
}
