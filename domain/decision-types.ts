/**
 * What decide() reads (DecisionState, a lookup interface the relay implements over SQL and
 * a device over its local documents), and what it produces (events or a rejection).
 */

import type { AdjustableRole, CapabilitySettings, RoleSettings } from './capabilities.ts';

import type { MergePicks } from './client-merge.ts';
import type {
  CardKind,
  ConflictResolution,
  LayawaySettlement,
  PieceChanges,
  Refund,
  RelocateReason,
  StaffChanges,
  StoreChanges,
  Tender,
  TenderKind,
  TradeInDisposition,
} from './commands.ts';
import type { Consignment } from './consignment.ts';
import type { ExchangeRate } from './exchange.ts';
import type {
  ClientId,
  CommandId,
  CountId,
  DepositId,
  ImportId,
  OrderId,
  RefundId,
  ReturnId,
  SaleId,
  SerialNumber,
  StoreId,
  UserId,
} from './ids.ts';
import type { Currency, Money } from './money.ts';
import type { Instalment } from './money-held.ts';
import type { Category, Location, Piece } from './piece.ts';
import type { PieceStatus } from './piece-status.ts';
import type { Role } from './roles.ts';
import type { SaleTaxRecord } from './sale-tax-record.ts';
import type { StaffMember } from './staff.ts';
import type { Store } from './store.ts';
import type { TaxRule } from './tax.ts';
import type { BenchPlace, Collection, WorkKind, WorkStage } from './work-order.ts';

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
  /** Who bought, when known: a refund to store credit opens the account in their name (CREDIT-1). */
  readonly clientId?: ClientId;
  /** The gift cards and store credit that paid it (CREDIT-2: a void puts their money back). */
  readonly cardTenders?: readonly { readonly number: string; readonly amount: Money }[];
  /** TAXCAT-7: what each rate charged, when the sale recorded it (absent on older sales). */
  readonly taxRates?: SaleTaxRecord;
}

export interface OrderState {
  readonly orderId: OrderId;
  readonly store: StoreId;
  readonly total: Money;
  readonly paid: Money;
  readonly refunded: Money;
  readonly clientId: ClientId;
  /** Its stage as last decided (WORK-3); undefined means the kind's first stage. */
  readonly stage?: WorkStage;
  /** The claim check printed on the job tag (REPAIR-2). */
  readonly claimCheck?: string;
  /**
   * A custom order or a repair (WORK-*), or 'layaway' for a piece set aside (LAYAWAY-*); undefined
   * when this state does not know (read as custom).
   */
  readonly kind?: WorkKind | 'layaway';
  /** open until a layaway is paid off (completed) or cancelled (LAYAWAY-4). */
  readonly status?: 'open' | 'completed' | 'cancelled';
  /** The instalment plan (INSTAL-1) and what was paid net when it was set. */
  readonly plan?: { readonly instalments: readonly Instalment[]; readonly paidBefore: Money };
  /** A layaway's piece and the sale it becomes (LAYAWAY-2): net and tax as they were fixed at opening. */
  readonly layaway?: {
    readonly serial: SerialNumber;
    readonly saleId: SaleId;
    readonly net: Money;
    readonly tax: Money;
  };
}

/** A gift card or store credit account held by the relay (GIFT-*, CREDIT-*). */
export interface CardState {
  readonly number: string;
  readonly kind: CardKind;
  readonly balance: Money;
  readonly clientId?: ClientId;
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

/** A client as the merge and erase rules read them (MERGE-*, PRIVACY-*). */
export interface ClientState {
  readonly id: ClientId;
  /** The store whose client book holds the profile. */
  readonly store: StoreId;
  readonly status: 'active' | 'merged' | 'erased';
  /** For a merged client: the survivor it now resolves to. */
  readonly mergedInto?: ClientId;
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
  /** A piece's category when the state knows it: the tax rate it takes (TAXCAT-2). */
  pieceCategory?(serial: SerialNumber): Category | undefined;
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
   * The organisation's capability settings (CAP-*); undefined (or absent) means the default
   * matrix of `roles.ts`, exactly as before settings existed.
   */
  capabilities?(): CapabilitySettings | undefined;
  /** The piece's consignment while it is in the store for its owner (CONSIGN-*), if any. */
  consignment?(serial: SerialNumber): Consignment | undefined;
  /**
   * A client of any store's book (MERGE-*, PRIVACY-*), or undefined when there is none. A state
   * without it (a till's pre-check) leaves the client rules to the relay.
   */
  client?(clientId: ClientId): ClientState | undefined;
  /**
   * A gift card or store credit account by its canonical number (GIFT-3). A state without it (a
   * till's pre-check) leaves card balances to the relay, which always knows them.
   */
  card?(number: string): CardState | undefined;
  /** The open layaway holding this piece (LAYAWAY-5), when this state knows layaways. */
  layawayFor?(serial: SerialNumber): OrderId | undefined;
  /**
   * IMPORT-2: how far a bulk import has come, or undefined when none of it was received. A state
   * without it (a till's pre-check) leaves imports to the relay.
   */
  importProgress?(importId: ImportId): ImportProgress | undefined;
  /** IMPORT-3: whether an earlier part of this import already holds the serial. */
  importHas?(importId: ImportId, serial: SerialNumber): boolean;
  /** LOCATION-*, COUNT-4: where each piece in the store (in stock, reserved, returned, at the bench) is recorded to be. */
  locationsAt?(store: StoreId): ReadonlyMap<SerialNumber, Location>;
  /** COUNT-5: what earlier parts of a shared count found, or undefined when it has none yet. */
  countSoFar?(countId: CountId): CountSoFar | undefined;
  /**
   * What a business day took at the store, or at one till (EOD-3); undefined when this state does
   * not know (a till's pre-check leaves closing a day to the relay).
   */
  dayTakings?(store: StoreId, day: string, till: string | undefined): DayTakings | undefined;
  /** The latest close of that day and scope (a correction when there is one), or undefined. */
  dayClose?(store: StoreId, day: string, till: string | undefined): DayCloseState | undefined;
}

export interface ImportProgress {
  readonly store: StoreId;
  readonly parts: number;
  /** Parts received so far (0..parts-1 in order). */
  readonly staged: number;
  readonly done: boolean;
}

export interface CountSoFar {
  readonly store: StoreId;
  readonly wholeStore: boolean;
  readonly location?: Location;
  readonly found: readonly SerialNumber[];
  readonly parts: number;
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
      /** TAXCAT-7: per rate, what the sale charged; absent when the decider did not know the rule. */
      readonly taxRates?: SaleTaxRecord;
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
      readonly dueDate?: string;
      /** REPAIR-2: derived from the order id, printed on the job tag. */
      readonly claimCheck?: string;
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
      /** COUNT-4: the place counted, for a count of one place. */
      readonly location?: Location;
      /** COUNT-4: found at the counted place but recorded at another place of the store. */
      readonly wrongLocation?: readonly SerialNumber[];
      /** COUNT-5: how many counters' parts the count holds with this one (1 for a single counter). */
      readonly parts?: number;
      /** COUNT-5: what this part alone found (its counter's scans). */
      readonly partFound?: readonly SerialNumber[];
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
  | { readonly type: 'staff.reactivated'; readonly userId: UserId }
  | { readonly type: 'capabilities.set'; readonly role: AdjustableRole; readonly settings: RoleSettings }
  | { readonly type: 'exchange-rate.set'; readonly rate: ExchangeRate }
  | {
      readonly type: 'consignment.recorded';
      readonly serial: SerialNumber;
      readonly store: StoreId;
      readonly consignment: Consignment;
    }
  | {
      /** CONSIGN-4: the payout owed to the owner, fixed when the sale is decided. */
      readonly type: 'consignment.sold';
      readonly serial: SerialNumber;
      readonly saleId: SaleId;
      readonly store: StoreId;
      readonly ownerId: string;
      /** What the line sold for before tax, and the owner's payout from it. */
      readonly soldBeforeTax: Money;
      readonly payout: Money;
    }
  | {
      /** CONSIGN-5: back to its owner; the piece leaves the store's records of stock. */
      readonly type: 'consignment.returned';
      readonly serial: SerialNumber;
      readonly store: StoreId;
      readonly from: PieceStatus;
      readonly ownerId: string;
    }
  | {
      /** MERGE-3: every history line of `mergedId` now belongs to `survivorId`. */
      readonly type: 'client.merged';
      readonly store: StoreId;
      readonly survivorId: ClientId;
      readonly mergedId: ClientId;
      readonly picks: MergePicks;
    }
  | {
      /** PRIVACY-2: the client's personal fields are removed; their sales stay, detached. */
      readonly type: 'client.erased';
      readonly store: StoreId;
      readonly clientId: ClientId;
      /** Why, in the manager's words (kept with the erasure, never personal data). */
      readonly reason: string;
    }
  | { readonly type: 'tiers.set'; readonly loyal: Money; readonly vip: Money }
  | {
      readonly type: 'work.staged';
      readonly orderId: OrderId;
      readonly store: StoreId;
      readonly kind: WorkKind;
      readonly from: WorkStage;
      readonly to: WorkStage;
      readonly place?: BenchPlace;
      /** The order's new total, set when it enters its price stage (WORK-5). */
      readonly total?: Money;
      readonly collection?: Collection;
      /** WORK-10: collected with money owed, on this manager's approval (audited). */
      readonly override?: { readonly by: UserId; readonly owedMinor: number };
      readonly note?: string;
    }
  | {
      readonly type: 'plan.set';
      readonly orderId: OrderId;
      readonly store: StoreId;
      readonly instalments: readonly Instalment[];
    }
  | {
      readonly type: 'layaway.opened';
      readonly orderId: OrderId;
      readonly saleId: SaleId;
      readonly store: StoreId;
      readonly serial: SerialNumber;
      readonly clientId: ClientId;
      readonly net: Money;
      readonly tax: Money;
      /** net + tax added on top, or net when VAT is included: what the client pays in all. */
      readonly total: Money;
    }
  | { readonly type: 'layaway.completed'; readonly orderId: OrderId; readonly store: StoreId }
  | {
      readonly type: 'layaway.cancelled';
      readonly orderId: OrderId;
      readonly store: StoreId;
      readonly settlement: LayawaySettlement;
      /** What the client had paid net, refunded or credited. */
      readonly amount: Money;
    }
  | {
      readonly type: 'card.issued';
      readonly number: string;
      readonly kind: CardKind;
      readonly store: StoreId;
      readonly amount: Money;
      readonly clientId?: ClientId;
      /** sold (with tenders), given (by a manager), or a refund turned into store credit. */
      readonly how: 'sold' | 'given' | 'refund';
      readonly tenders?: readonly Tender[];
      /** The sale, return or order the credit came from, if any. */
      readonly source?: string;
    }
  | {
      readonly type: 'card.redeemed';
      readonly number: string;
      readonly store: StoreId;
      readonly amount: Money;
      /** The sale or order it paid. */
      readonly source: string;
    }
  | {
      readonly type: 'card.credited';
      readonly number: string;
      readonly store: StoreId;
      readonly amount: Money;
      readonly source: string;
    }
  | {
      readonly type: 'trade-in.recorded';
      readonly saleId: SaleId;
      readonly store: StoreId;
      readonly description: string;
      readonly value: Money;
      readonly disposition: TradeInDisposition;
      readonly serial?: SerialNumber;
    }
  | {
      /** IMPORT-2: one part of a bulk import is held by the relay, not yet stock. */
      readonly type: 'import.part-staged';
      readonly importId: ImportId;
      readonly store: StoreId;
      readonly source: string;
      readonly part: number;
      readonly parts: number;
      /** The part's pieces not yet on record: these become stock when the import completes. */
      readonly pieces: readonly Piece[];
      /** Already on record at this store: left as they are (IMPORT-3). */
      readonly skipped: readonly SerialNumber[];
    }
  | {
      /** IMPORT-2: the last part arrived; every staged piece of the import is received at once. */
      readonly type: 'pieces.imported';
      readonly importId: ImportId;
      readonly store: StoreId;
      readonly source: string;
      readonly parts: number;
    }
  | {
      /** LOCATION-3: pieces now recorded at another place of their store. */
      readonly type: 'pieces.relocated';
      readonly store: StoreId;
      readonly serials: readonly SerialNumber[];
      readonly location: Location;
      readonly reason: RelocateReason;
    };
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
  'piece-not-consigned',
  'rate-invalid',
  'client-unknown',
  'client-same',
  'client-at-other-store',
  'client-gone',
  'work-stage-illegal',
  'bench-required',
  'total-not-allowed',
  'total-below-paid',
  'balance-due',
  'claim-check-mismatch',
  'collection-unverified',
  'card-unknown',
  'card-balance-too-low',
  'card-exists',
  'card-wrong-kind',
  'tender-not-accepted',
  'plan-mismatch',
  'plan-invalid',
  'order-closed',
  'not-a-layaway',
  'trade-in-invalid',
  'piece-on-layaway',
  'import-invalid',
  'import-out-of-order',
  'import-done',
  'count-scope-mismatch',
  'piece-not-placeable',
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
