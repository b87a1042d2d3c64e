/**
 * What decide() reads (DecisionState, a lookup interface the relay implements over SQL and
 * a device over its local documents), and what it produces (events or a rejection).
 */
import type {
  ConflictResolution,
  PieceChanges,
  Refund,
  StaffChanges,
  StoreChanges,
  Tender,
  TenderKind,
} from './commands.ts';
import type {
  ClientId,
  CommandId,
  CountId,
  DepositId,
  OrderId,
  RefundId,
  ReturnId,
  SaleId,
  SerialNumber,
  StoreId,
  UserId,
} from './ids.ts';
import type { Currency, Money } from './money.ts';
import type { Piece } from './piece.ts';
import type { PieceStatus } from './piece-status.ts';
import type { Role } from './roles.ts';
import type { StaffMember } from './staff.ts';
import type { Store } from './store.ts';
import type { TaxRule } from './tax.ts';

export interface PieceState {
  readonly serial: SerialNumber;
  /** Where the piece is; while in transit, the store it is travelling to. */
  readonly store: StoreId;
  readonly status: PieceStatus;
  readonly reservedFor?: ClientId;
  /** A reservation past this instant no longer blocks a sale to someone else. */
  readonly reservedUntil?: string;
  readonly listPrice: Money;
}

export interface SaleState {
  readonly saleId: SaleId;
  readonly store: StoreId;
  readonly lines: readonly { readonly serial: SerialNumber; readonly net: Money }[];
  readonly returnedSerials: readonly SerialNumber[];
  readonly paid: Money;
  readonly refunded: Money;
  readonly voided: boolean;
}

export interface OrderState {
  readonly orderId: OrderId;
  readonly store: StoreId;
  readonly total: Money;
  readonly paid: Money;
  readonly refunded: Money;
  readonly clientId: ClientId;
}

/** A rejected command as far as conflict resolution is concerned. */
export interface ConflictState {
  readonly commandId: CommandId;
  readonly store: StoreId;
  readonly resolved: boolean;
}

/** A member of staff as the staff rules read them (ORG-*), active or not. */
export interface StaffState {
  readonly role: Role;
  /** Undefined when this state does not know where they work (a till's staff list may not say). */
  readonly stores?: readonly StoreId[];
  readonly active: boolean;
}

export interface DecisionState {
  piece(serial: SerialNumber): PieceState | undefined;
  sale(saleId: SaleId): SaleState | undefined;
  order(orderId: OrderId): OrderState | undefined;
  role(userId: UserId): Role | undefined;
  /** Whether the user works at the store (STAFF-1); undefined when this state does not know. */
  worksAt(userId: UserId, store: StoreId): boolean | undefined;
  storeCurrency(store: StoreId): Currency | undefined;
  /** The store's tax rule (TAX-1); undefined when this state does not know it (a device's pre-check). */
  storeTax(store: StoreId): TaxRule | undefined;
  /** Serials physically at the store (in stock or reserved): what a whole-store count expects. */
  presentAt(store: StoreId): readonly SerialNumber[];
  /** A command the relay rejected, or undefined if there is no such rejection. */
  conflict(commandId: CommandId): ConflictState | undefined;
  /**
   * The piece's whole descriptive record (CATALOG-3), when this state holds it: the relay always
   * does; a till's pre-check may not, and then checks a change on its own.
   */
  pieceRecord?(serial: SerialNumber): Piece | undefined;
  /**
   * A member of staff, deactivated ones included (ORG-*), or undefined when there is none. A state
   * without it (a till's pre-check) leaves the staff rules to the relay. `role()` and `worksAt()`
   * know active staff only (ORG-8).
   */
  staffMember?(userId: UserId): StaffState | undefined;
  /** Whether a login name is taken, whatever its case (ORG-3); undefined when this state does not know. */
  loginTaken?(login: string): boolean | undefined;
  /**
   * What a business day took at the store, or at one till (EOD-3); undefined when this state does
   * not know (a till's pre-check leaves closing a day to the relay).
   */
  dayTakings?(store: StoreId, day: string, till: string | undefined): DayTakings | undefined;
  /** The latest close of that day and scope (a correction when there is one), or undefined. */
  dayClose?(store: StoreId, day: string, till: string | undefined): DayCloseState | undefined;
}

/** Money in and out of a day, by tender kind, in minor units of the store's currency (EOD-3). */
export type DayTakings = {
  readonly currency: Currency;
  readonly byTender: Readonly<Record<string, { readonly in: number; readonly out: number }>>;
  readonly sales: number;
  readonly returns: number;
  readonly voids: number;
};

export type DayCloseState = { readonly closeId: string; readonly by: UserId; readonly at: string };

export type RecordedLine = {
  readonly serial: SerialNumber;
  readonly price: Money;
  readonly discount: Money;
  /** price − discount: what this line contributes before tax, and what a return refunds at most. */
  readonly net: Money;
};

export type DomainEvent =
  | {
      readonly type: 'day.closed';
      readonly closeId: string;
      readonly store: StoreId;
      readonly day: string;
      readonly till?: string;
      readonly float: Money;
      readonly counted: Money;
      /** float + cash in − cash out. */
      readonly expected: Money;
      /** counted − expected: positive over, negative short. */
      readonly overShort: Money;
      readonly takings: DayTakings;
      readonly note?: string;
      readonly corrects?: string;
    }
  | {
      readonly type: 'piece.status-changed';
      readonly serial: SerialNumber;
      readonly store: StoreId;
      readonly from: PieceStatus;
      readonly to: PieceStatus;
      readonly reservedFor?: ClientId;
      readonly reservedUntil?: string;
    }
  | {
      readonly type: 'sale.recorded';
      readonly saleId: SaleId;
      readonly store: StoreId;
      readonly lines: readonly RecordedLine[];
      readonly tenders: readonly Tender[];
      readonly tax: Money;
      readonly total: Money;
      readonly clientId?: ClientId;
    }
  | {
      readonly type: 'sale.voided';
      readonly saleId: SaleId;
      readonly store: StoreId;
      readonly reason: string;
      /** Pieces put back in stock (lines not already returned). */
      readonly serials: readonly SerialNumber[];
      /** What is paid back: paid − already refunded. */
      readonly refund: Money;
    }
  | {
      readonly type: 'return.recorded';
      readonly returnId: ReturnId;
      readonly saleId: SaleId;
      readonly store: StoreId;
      readonly serials: readonly SerialNumber[];
      readonly refunds: readonly Refund[];
      readonly refunded: Money;
    }
  | {
      readonly type: 'order.opened';
      readonly orderId: OrderId;
      readonly store: StoreId;
      readonly kind: 'custom' | 'repair';
      readonly clientId: ClientId;
      readonly total: Money;
      readonly description: string;
    }
  | {
      readonly type: 'deposit.recorded';
      readonly orderId: OrderId;
      readonly depositId: DepositId;
      readonly store: StoreId;
      readonly amount: Money;
      readonly tender: TenderKind;
      readonly reference?: string;
    }
  | {
      readonly type: 'deposit.refunded';
      readonly orderId: OrderId;
      readonly refundId: RefundId;
      readonly store: StoreId;
      readonly amount: Money;
    }
  | { readonly type: 'piece.received'; readonly piece: Piece }
  | {
      readonly type: 'piece.updated';
      readonly serial: SerialNumber;
      readonly store: StoreId;
      /** The attributes set; `null` removed. */
      readonly changes: PieceChanges;
    }
  | {
      readonly type: 'price.changed';
      readonly serial: SerialNumber;
      readonly store: StoreId;
      readonly from: Money;
      readonly to: Money;
      readonly reason: string;
    }
  | {
      readonly type: 'piece.moved';
      readonly serial: SerialNumber;
      readonly fromStore: StoreId;
      readonly toStore: StoreId;
    }
  | {
      readonly type: 'count.recorded';
      readonly countId: CountId;
      readonly store: StoreId;
      readonly scope: string;
      readonly wholeStore: boolean;
      readonly found: number;
      /** Expected here but not found (whole-store counts only). */
      readonly missing: readonly SerialNumber[];
      /** Found but not expected here: unknown, sold, at another store, out on memo or at the bench. */
      readonly unexpected: readonly SerialNumber[];
    }
  | {
      readonly type: 'conflict.resolved';
      readonly commandId: CommandId;
      readonly store: StoreId;
      readonly resolution: ConflictResolution;
      readonly note: string;
    }
  | { readonly type: 'store.opened'; readonly store: Store }
  | { readonly type: 'store.updated'; readonly storeId: StoreId; readonly changes: StoreChanges }
  | { readonly type: 'staff.added'; readonly member: StaffMember }
  | { readonly type: 'staff.updated'; readonly userId: UserId; readonly changes: StaffChanges }
  | { readonly type: 'staff.deactivated'; readonly userId: UserId }
  | { readonly type: 'staff.reactivated'; readonly userId: UserId };
export type DomainEventType = DomainEvent['type'];

export const REJECTION_CODES = [
  'serial-already-sold',
  'piece-not-sellable',
  'piece-reserved-for-other-client',
  'piece-on-memo',
  'piece-in-repair',
  'piece-in-transit',
  'piece-written-off',
  'piece-unknown',
  'piece-exists',
  'piece-invalid',
  'piece-at-other-store',
  'duplicate-serial-in-sale',
  'tenders-do-not-match-total',
  'tax-mismatch',
  'total-mismatch',
  'currency-mismatch',
  'discount-above-limit',
  'approver-not-allowed',
  'approval-expired',
  'user-not-at-store',
  'deposit-exceeds-balance',
  'refund-exceeds-paid',
  'sale-unknown',
  'sale-voided',
  'sale-at-other-store',
  'serial-not-in-sale',
  'serial-already-returned',
  'order-unknown',
  'order-exists',
  'order-at-other-store',
  'sale-exists',
  'user-unknown',
  'not-allowed',
  'illegal-transition',
  'store-unknown',
  'conflict-unknown',
  'conflict-resolved',
  'conflict-at-other-store',
  'store-exists',
  'staff-exists',
  'staff-unknown',
  'staff-invalid',
  'staff-inactive',
  'staff-active',
  'login-taken',
  'day-in-future',
  'day-already-closed',
  'close-unknown',
  'over-short-needs-reason',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export type Rejection = {
  readonly code: RejectionCode;
  /** For a human: what happened and what to do next. */
  readonly message: string;
  readonly context: Readonly<Record<string, string | number | boolean | null>>;
};
