/**
 * Commands: the facts that must never double (a piece sold, a deposit taken). A device
 * appends the envelope to its outbox; the relay parses it here and decides it once by id.
 * The envelope `{id, type, store, device, user, at, payload}` is a public contract.
 */

import type { AdjustableRole, RoleSettings } from './capabilities.ts';
import type { MergePicks } from './client-merge.ts';
import {
  type CardKind,
  type ConflictResolution,
  type LayawaySettlement,
  type NewStaffMember,
  PAYLOAD_PARSERS,
  type PieceChanges,
  type RelocateReason,
  type StaffChanges,
  type StoreChanges,
  type TenderKind,
  type TradeIn,
  type WriteOffReason,
} from './command-payloads.ts';
import type { Consignment } from './consignment.ts';
import type { ExchangeRate } from './exchange.ts';
import {
  type ClientId,
  type CommandId,
  type CountId,
  type DepositId,
  type DeviceId,
  type ImportId,
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
import type { Instalment } from './money-held.ts';
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
import type { Location, Piece } from './piece.ts';
import type { Result } from './result.ts';
import { ok } from './result.ts';
import type { Store } from './store.ts';
import type { TierThresholds } from './tiers.ts';
import type { BenchPlace, Collection, WorkStage } from './work-order.ts';

export {
  CARD_KINDS,
  type CardKind,
  CONFLICT_RESOLUTIONS,
  type ConflictResolution,
  LAYAWAY_SETTLEMENTS,
  type LayawaySettlement,
  MAX_COUNT_SERIALS,
  MAX_IMPORT_PARTS,
  MAX_IMPORT_PIECES,
  MAX_INSTALMENTS,
  MAX_RELOCATE_SERIALS,
  MAX_SALE_LINES,
  MAX_TENDERS,
  type NewStaffMember,
  PIECE_ATTRIBUTES,
  type PieceChanges,
  RELOCATE_REASONS,
  type RelocateReason,
  type StaffChanges,
  type StoreChanges,
  TENDER_KINDS,
  type TenderKind,
  TRADE_IN_DISPOSITIONS,
  type TradeIn,
  type TradeInDisposition,
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
  /** For a trade-in tender only: the item taken in (TRADEIN-1). */
  readonly tradeIn?: TradeIn;
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
    /** The day the client was promised (WORK-6); absent when none was. */
    readonly dueDate?: string;
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
    /**
     * COUNT-4: one place counted ("Case 3"): its missing pieces and the ones found there but
     * recorded elsewhere are reported. Counters sending the same countId add to one count (COUNT-5).
     */
    readonly location?: Location;
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
  /** An owner sets what a role may do (CAP-1): discount limit and the adjustable capabilities. */
  'capabilities.set': { readonly role: AdjustableRole; readonly settings: RoleSettings };
  /** A dated exchange rate for reporting (RATE-1); a later date supersedes it from that day. */
  'exchange-rate.set': { readonly rate: ExchangeRate };
  /** A piece received that belongs to a vendor (memo-in) or a client (consignment), with terms (CONSIGN-1). */
  'consignment.receive': { readonly piece: Piece; readonly consignment: Consignment };
  /** An unsold consigned piece goes back to its owner and leaves the store (CONSIGN-5). */
  'consignment.return': { readonly serial: SerialNumber; readonly note?: string };
  /** A manager merges a duplicate into the client who stays (MERGE-*), picking each field's value. */
  'client.merge': { readonly survivorId: ClientId; readonly mergedId: ClientId; readonly picks: MergePicks };
  /** A manager erases a client's personal data on their request (PRIVACY-*). */
  'client.erase': { readonly clientId: ClientId; readonly reason: string };
  /** An owner sets the spend that makes a client loyal and VIP, for one currency (TIER-5). */
  'tiers.set': TierThresholds;
  /**
   * A custom order or repair moves to another stage (WORK-3, WORK-4, REPAIR-3): where a repair is
   * worked on, the price agreed when it enters the price stage (WORK-5), and at collection what the
   * client showed (WORK-9, WORK-10, REPAIR-5); a collection with money still owed needs a manager's approval.
   */
  'work.stage': {
    readonly orderId: OrderId;
    readonly stage: WorkStage;
    readonly place?: BenchPlace;
    readonly total?: Money;
    readonly collection?: Collection;
    readonly note?: string;
  };
  /** An instalment plan for what is still owed on an order (INSTAL-1); a new plan replaces the last. */
  'plan.set': { readonly orderId: OrderId; readonly instalments: readonly Instalment[] };
  /** A stock piece set aside for a client until paid off (LAYAWAY-1); `saleId` is its sale's id then. */
  'layaway.open': {
    readonly orderId: OrderId;
    readonly saleId: SaleId;
    readonly serial: SerialNumber;
    readonly clientId: ClientId;
  };
  /** The layaway ends unpaid (LAYAWAY-3): the piece goes back, the payments are refunded or credited. */
  'layaway.cancel': {
    readonly orderId: OrderId;
    readonly refundId: RefundId;
    readonly settlement: LayawaySettlement;
    readonly cardNumber?: string;
  };
  /** A gift card sold (with tenders) or given, or store credit given (GIFT-2). */
  'card.issue': {
    readonly cardNumber: string;
    readonly kind: CardKind;
    readonly amount: Money;
    readonly clientId?: ClientId;
    readonly tenders?: readonly Tender[];
    readonly note?: string;
  };
  /** IMPORT-1..4: one part of a bulk import; the last part received makes every part's pieces stock at once. */
  'piece.import': {
    readonly importId: ImportId;
    /** The file, in words (its name and digest), for the record. */
    readonly source: string;
    readonly part: number;
    readonly parts: number;
    readonly pieces: readonly Piece[];
  };
  /** LOCATION-3: pieces scanned into a place of their store (a case, the safe, a tray…). */
  'piece.relocate': {
    readonly serials: readonly SerialNumber[];
    readonly location: Location;
    readonly reason: RelocateReason;
    /** The count whose variance this fixes (reason `count`), for the record. */
    readonly countId?: CountId;
  };
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
  'capabilities.set',
  'exchange-rate.set',
  'consignment.receive',
  'consignment.return',
  'client.merge',
  'client.erase',
  'tiers.set',
  'work.stage',
  'plan.set',
  'layaway.open',
  'layaway.cancel',
  'card.issue',
  'piece.import',
  'piece.relocate',
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
