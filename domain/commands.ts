/**
 * Commands: the facts that must never double (a piece sold, a deposit taken). A device
 * appends the envelope to its outbox; the relay parses it here and decides it once by id.
 * The envelope `{id, type, store, device, user, at, payload}` is a public contract.
 */

import {
  type ConflictResolution,
  type NewStaffMember,
  PAYLOAD_PARSERS,
  type PieceChanges,
  type StaffChanges,
  type StoreChanges,
  type TenderKind,
  type WriteOffReason,
} from './command-payloads.ts';
import {
  type ClientId,
  type CommandId,
  type CountId,
  type DepositId,
  type DeviceId,
  type OrderId,
  parseCommandId,
  parseDeviceId,
  parseStoreId,
  parseUserId,
  type RefundId,
  type ReturnId,
  type SaleId,
  type SerialNumber,
  type StoreId,
  type UserId,
} from './ids.ts';
import type { Money } from './money.ts';
import {
  describeValue,
  fail,
  isoInstant,
  isPlainObject,
  literal,
  object,
  optional,
  type ParseError,
  type Parser,
  string,
} from './parse.ts';
import type { Piece } from './piece.ts';
import type { Result } from './result.ts';
import { ok } from './result.ts';
import type { Store } from './store.ts';

export {
  CONFLICT_RESOLUTIONS,
  type ConflictResolution,
  MAX_COUNT_SERIALS,
  MAX_SALE_LINES,
  MAX_TENDERS,
  type NewStaffMember,
  PIECE_ATTRIBUTES,
  type PieceChanges,
  type StaffChanges,
  type StoreChanges,
  TENDER_KINDS,
  type TenderKind,
  WRITE_OFF_REASONS,
  type WriteOffReason,
} from './command-payloads.ts';

export type SaleLine = { readonly serial: SerialNumber; readonly price: Money; readonly discount?: Money };
export type Tender = {
  readonly kind: TenderKind;
  readonly amount: Money;
  readonly reference?: string;
  /** Cash handed over; change = tendered − amount. Only for cash. */
  readonly tendered?: Money;
};
export type Refund = { readonly kind: TenderKind; readonly amount: Money; readonly reference?: string };

export type Payloads = {
  'sale.complete': {
    readonly saleId: SaleId;
    readonly lines: readonly SaleLine[];
    readonly tax: Money;
    readonly total: Money;
    readonly tenders: readonly Tender[];
    readonly clientId?: ClientId;
  };
  'sale.return': {
    readonly returnId: ReturnId;
    readonly saleId: SaleId;
    readonly serials: readonly SerialNumber[];
    readonly refunds: readonly Refund[];
  };
  'sale.void': { readonly saleId: SaleId; readonly reason: string };
  'order.open': {
    readonly orderId: OrderId;
    readonly kind: 'custom' | 'repair';
    readonly clientId: ClientId;
    readonly total: Money;
    readonly description: string;
  };
  'deposit.take': {
    readonly orderId: OrderId;
    readonly depositId: DepositId;
    readonly amount: Money;
    readonly tender: TenderKind;
    readonly reference?: string;
  };
  'deposit.refund': { readonly orderId: OrderId; readonly refundId: RefundId; readonly amount: Money };
  'reservation.place': {
    readonly serial: SerialNumber;
    readonly clientId: ClientId;
    readonly until?: string;
  };
  'reservation.release': { readonly serial: SerialNumber };
  'piece.receive': { readonly piece: Piece };
  /** A piece's descriptive attributes change (CATALOG-1); `null` removes an optional one. */
  'piece.update': { readonly serial: SerialNumber; readonly changes: PieceChanges };
  /** A new list price, with why (PRICE-1); the old one is kept in the relay's price history. */
  'price.change': { readonly serial: SerialNumber; readonly listPrice: Money; readonly reason: string };
  /** A returned piece, inspected, goes back on the shelf (returned → in-stock). */
  'piece.restock': { readonly serial: SerialNumber };
  'memo.out': { readonly serial: SerialNumber; readonly consignee?: string };
  'memo.return': { readonly serial: SerialNumber; readonly consignee?: string };
  'repair.in': { readonly serial: SerialNumber };
  'repair.out': { readonly serial: SerialNumber };
  'transfer.send': { readonly serial: SerialNumber; readonly toStore: StoreId };
  'transfer.receive': { readonly serial: SerialNumber };
  /** A lost, damaged or stolen piece leaves stock for good (WRITEOFF-*), with why in words. */
  'piece.write-off': {
    readonly serial: SerialNumber;
    readonly reason: WriteOffReason;
    readonly note: string;
  };
  /** A stock count (barcode or RFID): what was found; the relay works out what is missing. */
  'stock.count': {
    readonly countId: CountId;
    /** What was counted, e.g. "Case 3" or "whole store"; only `whole store` reports missing pieces. */
    readonly scope: string;
    readonly wholeStore: boolean;
    readonly found: readonly SerialNumber[];
  };
  /** A manager closes a conflict (a rejected command) and says what was done about it. */
  'conflict.resolve': {
    readonly commandId: CommandId;
    readonly resolution: ConflictResolution;
    readonly note: string;
  };
  /** An owner opens a store (ORG-1, ORG-2); the envelope's `store` is where the owner acts, or the new store. */
  'store.open': { readonly store: Store };
  /** An owner changes a store's name, tax, time zone, address or phone (ORG-1, ORG-2). */
  'store.update': { readonly storeId: StoreId; readonly changes: StoreChanges };
  /** A new member of staff, without secrets: those are set over HTTP (ORG-9). */
  'staff.add': { readonly member: NewStaffMember };
  'staff.update': { readonly userId: UserId; readonly changes: StaffChanges };
  /** They can no longer sign in or act (ORG-8); nobody deactivates themselves (ORG-6). */
  'staff.deactivate': { readonly userId: UserId; readonly reason?: string };
  'staff.reactivate': { readonly userId: UserId };
  /**
   * A manager closes a business day (EOD-*), for one till (`till`: its device id) or the whole
   * store (no `till`): the opening float and the cash counted in the drawer; the relay works out
   * what was expected. A later close of the same day and scope `corrects` the earlier one.
   */
  'day.close': {
    readonly closeId: string;
    readonly day: string;
    readonly till?: DeviceId;
    readonly float: Money;
    readonly counted: Money;
    readonly note?: string;
    readonly corrects?: string;
  };
};

export const COMMAND_TYPES = [
  'sale.complete',
  'sale.return',
  'sale.void',
  'order.open',
  'deposit.take',
  'deposit.refund',
  'reservation.place',
  'reservation.release',
  'piece.receive',
  'piece.update',
  'price.change',
  'piece.restock',
  'memo.out',
  'memo.return',
  'repair.in',
  'repair.out',
  'transfer.send',
  'transfer.receive',
  'piece.write-off',
  'stock.count',
  'conflict.resolve',
  'store.open',
  'store.update',
  'staff.add',
  'staff.update',
  'staff.deactivate',
  'staff.reactivate',
  'day.close',
] as const satisfies readonly (keyof Payloads)[];
export type CommandType = (typeof COMMAND_TYPES)[number];

export type CommandOf<T extends CommandType> = {
  readonly id: CommandId;
  readonly type: T;
  readonly store: StoreId;
  readonly device: DeviceId;
  readonly user: UserId;
  /** ISO-8601 UTC instant the user acted, on the device's clock. */
  readonly at: string;
  readonly payload: Payloads[T];
  /**
   * A manager's override (a discount above the cashier's limit, a return, a void): who approved,
   * when, and their proof bound to this command's content (checked by the relay, USER-4).
   */
  readonly approval?: Approval;
  /** Proof that `user` wrote this command on `device` when the connection was someone else's (USER-2). */
  readonly signature?: string;
};
export type Approval = { readonly by: UserId; readonly at: string; readonly sig: string };
export type Command = { [T in CommandType]: CommandOf<T> }[CommandType];

const parseType = literal(...COMMAND_TYPES);
/** An HMAC-SHA256 in base64url (43 characters); its meaning is checked by the relay. */
const parseProof = string({ min: 43, max: 43, pattern: /^[A-Za-z0-9_-]{43}$/, trim: false });
const parseApproval = optional(object({ by: parseUserId, at: isoInstant, sig: parseProof }));

/** Parses an untrusted envelope; the error names the path of the first problem. */
export function parseCommand(input: unknown): Result<Command, ParseError> {
  if (!isPlainObject(input)) return fail('', `expected a command object, got ${describeValue(input)}`);
  const id = parseCommandId(input.id, 'id');
  if (!id.ok) return id;
  const type = parseType(input.type, 'type');
  if (!type.ok) return type;
  const store = parseStoreId(input.store, 'store');
  if (!store.ok) return store;
  const device = parseDeviceId(input.device, 'device');
  if (!device.ok) return device;
  const user = parseUserId(input.user, 'user');
  if (!user.ok) return user;
  const at = isoInstant(input.at, 'at');
  if (!at.ok) return at;
  const payload = (PAYLOAD_PARSERS[type.value] as Parser<unknown>)(input.payload, 'payload');
  if (!payload.ok) return payload;
  const approval = parseApproval(input.approval, 'approval');
  if (!approval.ok) return approval;
  const signature = optional(parseProof)(input.signature, 'signature');
  if (!signature.ok) return signature;
  const command = {
    id: id.value,
    type: type.value,
    store: store.value,
    device: device.value,
    user: user.value,
    at: at.value,
    payload: payload.value,
    ...(approval.value ? { approval: approval.value } : {}),
    ...(signature.value ? { signature: signature.value } : {}),
  } as Command;
  if (command.type === 'reservation.place' && command.payload.until !== undefined) {
    if (Date.parse(command.payload.until) <= Date.parse(command.at))
      return fail('payload.until', 'a reservation must end after it is placed');
  }
  return ok(command);
}
