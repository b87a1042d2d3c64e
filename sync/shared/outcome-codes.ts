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
  'piece-not-consigned':
    'This piece belongs to the store, not to a vendor or a client. There is no owner to return it to.',
  'rate-invalid': 'An exchange rate converts between two different currencies. Check the currencies.',
  'client-unknown':
    'This client is not in the client book (perhaps not synced yet). Refresh the client list and try again.',
  'client-same': 'A client cannot be merged into itself. Pick two different clients.',
  'client-at-other-store':
    'This client belongs to another store’s client book. A manager of that store does this.',
  'client-gone':
    'This client was already merged into another one or erased. Open the client they were merged into.',
  'work-stage-illegal':
    'This order or repair cannot move to that stage from where it is. Move it to the next stage shown on its page.',
  'bench-required':
    'Say which bench, or which outside workshop and the day it was sent, when a repair goes to the bench.',
  'total-not-allowed':
    'The price is agreed only when the quote is approved (or the repair estimate approved). Nothing was changed.',
  'total-below-paid':
    'The client has already paid more than this price. Refund the difference first, then set the price.',
  'balance-due':
    'Money is still owed on this order, so it was not handed over. Take the payment, or ask a manager to approve.',
  'claim-check-mismatch':
    'This claim check belongs to another job. Do not hand the piece over; check the client’s ticket.',
  'collection-unverified':
    'Scan the client’s claim check, or check their identity, before handing the repair over.',
  'import-invalid':
    'Some pieces of this import cannot be received (on record at another store, or listed twice); nothing of the import was added. Correct those rows and import the file again.',
  'import-out-of-order':
    'Part of this import arrived out of order, so nothing of it was added. Import the file again; pieces already received are skipped.',
  'import-done': 'This import was already completed; nothing more was added.',
  'count-scope-mismatch':
    'This count was started for another place or store. Start a new count for this place.',
  'piece-not-placeable':
    'This piece is not in the store (sold, on memo, in transit or written off), so it has no place here. Check the tag.',
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
  'card-unknown':
    'No gift card or store credit with this number is on record. Check the number on the card, or take the payment another way.',
  'card-balance-too-low':
    'This card does not hold enough for this payment. Take what the card holds, and the rest another way.',
  'card-exists': 'A card with this number was already issued. Issue a new card; nothing was charged.',
  'card-wrong-kind':
    'This number is a gift card where store credit was chosen, or the other way round. Choose the card’s own kind of payment.',
  'tender-not-accepted':
    'This kind of payment cannot be used here. Take the payment by card, cash, wallet, gift card or store credit.',
  'plan-mismatch':
    'The instalments do not add up to what is still owed on the order. Adjust the amounts so they match the balance.',
  'plan-invalid':
    'The instalment plan is not a schedule: each instalment must be more than zero and fall on a later day, from today on.',
  'order-closed':
    'This order is closed (a layaway paid off or cancelled). Nothing more can be paid or refunded on it.',
  'not-a-layaway': 'This order is not a layaway. Refund its deposits from the order instead.',
  'trade-in-invalid':
    'The trade-in cannot be taken as described. A piece kept in stock joins this store’s stock; check its record.',
  'piece-on-layaway':
    'This piece is on layaway for a client. Take payments on the layaway; a manager can cancel it to free the piece.',
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
