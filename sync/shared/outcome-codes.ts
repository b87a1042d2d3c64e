/**
 * Every code a command's outcome can carry (docs/api.md, "Outcome codes"): the domain's
 * rejections (`domain/decision-types.ts` REJECTION_CODES) and the relay's own, about the envelope
 * rather than the business. Each has a message in plain words for an associate or a manager:
 * what happened and what to do next. Screens show outcomes through `outcomeMessage`; code that
 * decides anything decides on the code, never on a message's words.
 *
 * Browser and Node alike: no node:* here.
 */
import { REJECTION_CODES, type RejectionCode } from '../../domain/decision-types.ts';

/** Rejections the relay adds to the domain's: about the envelope, not the business. */
export const RELAY_REJECTION_CODES = [
  /** The envelope or its payload could not be parsed (domain `parseCommand`). */
  'invalid-command',
  /** An amount outside [0, MAX_AMOUNT_MINOR] (domain/money-parse.ts), refused when parsed (MONEY-11). */
  'amount-out-of-range',
  /** The command names another device than the outbox it came from. */
  'device-mismatch',
  /** The named user is not the person who wrote the command, and no proof says otherwise (USER-2). */
  'user-mismatch',
  /** An approval whose proof does not verify (USER-4). */
  'approval-invalid',
  /** Storage constraints refused what decide allowed: SQL and the rules disagree (VAL-3). */
  'storage-refused',
  /** A bug while deciding; the command is parked as rejected so the outbox keeps moving (VAL-4). */
  'relay-error',
] as const;
export type RelayRejectionCode = (typeof RELAY_REJECTION_CODES)[number];

/** Every outcome code, the domain's first. */
export const OUTCOME_CODES = [...REJECTION_CODES, ...RELAY_REJECTION_CODES] as const;
export type OutcomeCode = RejectionCode | RelayRejectionCode;

const CODES: ReadonlySet<string> = new Set(OUTCOME_CODES);
export const isOutcomeCode = (code: unknown): code is OutcomeCode =>
  typeof code === 'string' && CODES.has(code);

/** For a person at the counter or in the back office: what happened, then what to do next. */
export const OUTCOME_MESSAGES: Readonly<Record<OutcomeCode, string>> = {
  'serial-already-sold':
    'This piece was already sold by another sale. Do not hand it over; offer a similar piece, and ask a manager to refund any payment taken.',
  'piece-not-sellable':
    'This piece cannot be sold in its current state. Ask a manager to put it back in stock first.',
  'piece-reserved-for-other-client':
    'This piece is reserved for another client. Release the reservation first, or offer a similar piece.',
  'piece-on-memo': 'This piece is out on memo. Record its return from memo before selling it.',
  'piece-in-repair': 'This piece is at the bench for repair. Record it back from repair before selling it.',
  'piece-in-transit':
    'This piece is travelling between stores. Receive the transfer at this store before selling it.',
  'piece-written-off':
    'This piece was written off (lost, damaged or stolen). It cannot be sold or moved; if it turned up again, ask a manager.',
  'piece-unknown':
    'This piece is not in this store’s catalog. Check the serial number, or receive the piece first.',
  'piece-exists':
    'A piece with this serial number is already in the catalog. Check the serial; nothing was added.',
  'piece-invalid':
    'The piece’s details do not make a valid record (for example karat and fineness disagree). Correct them and save again.',
  'piece-at-other-store':
    'This piece belongs to another store. Transfer it here first, or sell it from the store that holds it.',
  'duplicate-serial-in-sale':
    'The same piece is in the cart twice. Remove one line and complete the sale again.',
  'tenders-do-not-match-total':
    'The payments do not add up to the total. Adjust the payments so they match, then complete the sale again.',
  'tax-mismatch':
    'The tax on this sale is not the store’s tax rate on the pieces. Recount the cart on a till that shows the store’s tax, then complete the sale again.',
  'total-mismatch':
    'The total is not the pieces less discounts (plus the tax where it is added on top). Recount the cart, then complete the sale again.',
  'currency-mismatch':
    'An amount is not in this store’s currency. Reprice the piece or re-enter the amount in the store’s currency.',
  'discount-above-limit': 'This discount is above your limit. Ask a manager to approve it with their PIN.',
  'approver-not-allowed':
    'The person who approved may not approve this here. Ask a manager of this store to approve it with their PIN.',
  'approval-expired': 'The manager’s approval had expired. Ask the manager to approve again, then redo it.',
  'user-not-at-store': 'This person does not work at this store. Sign in as someone who does, then redo it.',
  'deposit-exceeds-balance':
    'This deposit would bring the payments above the order’s total. Take at most what is left to pay.',
  'refund-exceeds-paid': 'This refund is more than what was paid. Refund at most what the client paid.',
  'sale-unknown': 'No such sale is known at this store. Check the receipt number.',
  'sale-voided': 'This sale was voided. Nothing more can be returned or voided on it.',
  'sale-at-other-store': 'This sale was made at another store. Return or void it there.',
  'serial-not-in-sale': 'This piece is not on that sale. Check the receipt and the piece.',
  'serial-already-returned': 'This piece was already returned from that sale. Nothing more to refund for it.',
  'order-unknown': 'No such order is known at this store. Check the order.',
  'order-exists': 'This order was already opened; nothing more to do.',
  'order-at-other-store': 'This order belongs to another store. Take the payment there.',
  'sale-exists': 'This sale was already recorded; nothing more to do.',
  'user-unknown': 'The store does not know this person. Sign in again, then redo it.',
  'not-allowed': 'Your role may not do this. Ask a manager to do it, or to approve it with their PIN.',
  'illegal-transition':
    'The piece is not in a state that allows this. Check where the piece is (stock, memo, repair, transit) and move it there first.',
  'store-unknown': 'The store named on this command is not known. Sign in again, then redo it.',
  'conflict-unknown': 'There is no refused command by that id to resolve. Refresh the conflicts inbox.',
  'conflict-resolved': 'This conflict was already resolved; nothing more to do.',
  'conflict-at-other-store': 'This conflict belongs to another store. A manager of that store resolves it.',
  'store-exists': 'A store with this id is already open. Refresh the list of stores; nothing was changed.',
  'staff-exists': 'This person is already on the staff list. Edit their record instead of adding them again.',
  'staff-unknown': 'No member of staff by this id is on record. Refresh the staff list and try again.',
  'staff-invalid':
    'This staff record is not complete: everyone but an owner works at one store at least. Choose their stores.',
  'staff-inactive': 'This person is already deactivated. Nothing was changed.',
  'staff-active': 'This person is already active. Nothing was changed.',
  'login-taken': 'This login is already taken by someone else. Choose another login.',
  'day-in-future': 'That day has not started yet. Close a day once it is over.',
  'day-already-closed':
    'This day is already closed. A closed day is not changed: record a correction of the earlier close.',
  'close-unknown': 'There is no close of that day to correct. Close the day first.',
  'over-short-needs-reason':
    'The drawer does not match what the day took. Count again, or say in the note why it is over or short.',
  'invalid-command':
    'The store server could not read this command, so it was not applied. Redo it; if it happens again, call support.',
  'amount-out-of-range':
    'An amount was beyond what the till accepts (negative or far too large, probably a typing slip). Check the amounts and redo it.',
  'device-mismatch':
    'This command came from another till than the one it names, so it was not applied. Redo it on this till.',
  'user-mismatch':
    'The store server could not confirm who made this command, so it was not applied. Sign in as that person and redo it.',
  'approval-invalid':
    'The manager’s approval could not be verified, so it was not applied. Ask the manager to approve again with their PIN.',
  'storage-refused':
    'The store’s records refused this change, so it was not applied. Ask a manager to check the piece or order.',
  'relay-error':
    'The store server hit an internal error, so this was not applied. Redo it; if it happens again, call support.',
};

/**
 * The words to show for an outcome: the message for its code; for a code this version does not
 * know (a newer relay), the relay's own reason; failing that, a general message.
 */
export function outcomeText(outcome: { readonly code?: string; readonly reason?: string }): string {
  if (isOutcomeCode(outcome.code)) return OUTCOME_MESSAGES[outcome.code];
  return outcome.reason ?? outcomeMessage(outcome.code);
}

/** The message for an outcome's code; a code this version does not know still gets words. */
export function outcomeMessage(code: string | undefined): string {
  return isOutcomeCode(code)
    ? OUTCOME_MESSAGES[code]
    : 'The store server refused this command. Ask a manager to look at it in the Conflicts inbox.';
}
