/** Payload parsers, one per command type; structural checks only (business rules: decide.ts). */
import type { CommandType, Payloads } from './commands.ts';
import {
  parseClientId,
  parseCommandId,
  parseCountId,
  parseDepositId,
  parseDeviceId,
  parseOrderId,
  parseRefundId,
  parseReturnId,
  parseSaleId,
  parseSerial,
  parseStoreId,
  parseUserId,
  type StoreId,
  type UserId,
} from './ids.ts';
import { parseAmount } from './money-parse.ts';
import {
  array,
  boolean,
  fail,
  isoDate,
  isoInstant,
  literal,
  object,
  optional,
  type Parser,
  refine,
  string,
} from './parse.ts';
import { type Piece, parsePiece, pieceAttributeParsers } from './piece.ts';
import { ok } from './result.ts';
import { parseRole, type Role } from './roles.ts';
import { parseLogin, parseStaffName, parseStaffStores } from './staff.ts';
import { parseAddress, parsePhone, parseStore, parseStoreName, parseTimeZone } from './store.ts';
import { parseTaxRule, type TaxRule } from './tax.ts';

export const TENDER_KINDS = ['card', 'cash', 'wallet', 'store-credit', 'gift-card', 'trade-in'] as const;
export type TenderKind = (typeof TENDER_KINDS)[number];

export const CONFLICT_RESOLUTIONS = [
  'refunded-client',
  'sold-another-piece',
  'voided-competing-sale',
  'dismissed',
] as const;
export type ConflictResolution = (typeof CONFLICT_RESOLUTIONS)[number];

/** Why a piece leaves stock for good (WRITEOFF-2). */
export const WRITE_OFF_REASONS = ['lost', 'damaged', 'stolen', 'other'] as const;
export type WriteOffReason = (typeof WRITE_OFF_REASONS)[number];

/**
 * What `piece.update` may change: the descriptive attributes (CATALOG-1). Never the serial, the
 * status (stock moves), the list price (`price.change`), the store (transfers), the location
 * (stock) or the cost.
 */
export const PIECE_ATTRIBUTES = [
  'style',
  'title',
  'category',
  'metal',
  'fineness',
  'karat',
  'colour',
  'weightMg',
  'stones',
  'designer',
  'collection',
  'imageRefs',
  'sourcing',
] as const satisfies readonly (keyof Piece)[];
export type PieceAttribute = (typeof PIECE_ATTRIBUTES)[number];
/** Attributes a piece may lack: `null` in a change removes them. */
const REMOVABLE: ReadonlySet<string> = new Set([
  'fineness',
  'karat',
  'colour',
  'designer',
  'collection',
  'sourcing',
]);
export type PieceChanges = { readonly [K in PieceAttribute]?: Piece[K] | null };

/** At least one attribute, each parsed as `parsePiece` would; any other key is refused, not dropped. */
const parseChanges: Parser<PieceChanges> = (input, path = '') => {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return fail(path, 'expected an object of attributes to change');
  const entries = Object.entries(input as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return fail(path, 'names no attribute to change');
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    const at = path ? `${path}.${key}` : key;
    if (!(PIECE_ATTRIBUTES as readonly string[]).includes(key))
      return fail(at, `${key} is not a descriptive attribute (prices: price.change; stores: transfer.send)`);
    if (value === null) {
      if (!REMOVABLE.has(key)) return fail(at, `${key} cannot be removed`);
      out[key] = null;
      continue;
    }
    const parsed = pieceAttributeParsers[key as PieceAttribute](value, at);
    if (!parsed.ok) return parsed;
    out[key] = parsed.value;
  }
  return ok(out as PieceChanges);
};

/** What `store.update` may change (ORG-2): never the id or the currency; `phone: null` removes it. */
export type StoreChanges = {
  readonly name?: string;
  readonly tax?: TaxRule;
  readonly timeZone?: string;
  readonly address?: readonly string[];
  readonly phone?: string | null;
};
/** What `staff.update` may change (ORG-4): never the login (a new person signs in anew) or secrets. */
export type StaffChanges = {
  readonly name?: string;
  readonly role?: Role;
  readonly stores?: readonly StoreId[];
};
/** A new member of staff as `staff.add` names them; they start active, with no secret (ORG-9). */
export type NewStaffMember = {
  readonly id: UserId;
  readonly name: string;
  readonly login: string;
  readonly role: Role;
  readonly stores: readonly StoreId[];
};

/** At least one known key, each parsed by its parser; unknown keys are refused, not dropped. */
const changesOf =
  <T>(parsers: Record<string, Parser<unknown>>, nullable: ReadonlySet<string>, what: string): Parser<T> =>
  (input, path = '') => {
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      return fail(path, `expected an object of ${what} to change`);
    const entries = Object.entries(input as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return fail(path, `names no ${what} to change`);
    const out: Record<string, unknown> = {};
    for (const [key, value] of entries) {
      const at = path ? `${path}.${key}` : key;
      const parser = Object.hasOwn(parsers, key) ? parsers[key] : undefined;
      if (!parser) return fail(at, `${key} cannot be changed here`);
      if (value === null) {
        if (!nullable.has(key)) return fail(at, `${key} cannot be removed`);
        out[key] = null;
        continue;
      }
      const parsed = parser(value, at);
      if (!parsed.ok) return parsed;
      out[key] = parsed.value;
    }
    return ok(out as T);
  };

const parseStoreChanges = changesOf<StoreChanges>(
  {
    name: parseStoreName,
    tax: parseTaxRule,
    timeZone: parseTimeZone,
    address: parseAddress,
    phone: parsePhone,
  },
  new Set(['phone']),
  'store fields',
);
const parseStaffChanges = changesOf<StaffChanges>(
  { name: parseStaffName, role: parseRole, stores: parseStaffStores },
  new Set(),
  'staff fields',
);
const parseNewStaffMember: Parser<NewStaffMember> = object({
  id: parseUserId,
  name: parseStaffName,
  login: parseLogin,
  role: parseRole,
  stores: parseStaffStores,
});

export const MAX_SALE_LINES = 100;
export const MAX_TENDERS = 20;
/** A whole boutique counted at once: thousands of pieces, bounded so one command stays small. */
export const MAX_COUNT_SERIALS = 20_000;

// A card number must never be stored (PCI): a long digit run in a reference is refused.
const reference = optional(
  refine(string({ min: 1, max: 100 }), (r) =>
    /\d{13,19}/.test(r.replace(/[\s-]/g, ''))
      ? 'looks like a card number; store only the last 4 digits'
      : undefined,
  ),
);
const tenderKind = literal(...TENDER_KINDS);
const positive = refine(parseAmount, (m) => (m.minor > 0 ? undefined : 'must be more than zero'));
const nonNegative = refine(parseAmount, (m) => (m.minor >= 0 ? undefined : 'must not be negative'));
const serial = object({ serial: parseSerial });

const line = refine(
  object({ serial: parseSerial, price: parseAmount, discount: optional(parseAmount) }),
  (l) =>
    l.discount && l.discount.currency === l.price.currency && l.discount.minor > l.price.minor
      ? 'discount is larger than the price'
      : undefined,
);

const tender = refine(
  object({ kind: tenderKind, amount: parseAmount, reference, tendered: optional(parseAmount) }),
  (t) => {
    if (!t.tendered) return undefined;
    if (t.kind !== 'cash') return 'only cash has an amount tendered';
    if (t.tendered.currency === t.amount.currency && t.tendered.minor < t.amount.minor)
      return 'cash tendered is less than the amount';
    return undefined;
  },
);

export const PAYLOAD_PARSERS: { readonly [T in CommandType]: Parser<Payloads[T]> } = {
  'sale.complete': object({
    saleId: parseSaleId,
    lines: array(line, { min: 1, max: MAX_SALE_LINES }),
    tax: parseAmount,
    total: parseAmount,
    tenders: array(tender, { min: 1, max: MAX_TENDERS }),
    clientId: optional(parseClientId),
  }),
  'sale.return': object({
    returnId: parseReturnId,
    saleId: parseSaleId,
    serials: array(parseSerial, { min: 1, max: MAX_SALE_LINES }),
    refunds: array(object({ kind: tenderKind, amount: parseAmount, reference }), { max: MAX_TENDERS }),
  }),
  'sale.void': object({ saleId: parseSaleId, reason: string({ min: 1, max: 500 }) }),
  'order.open': object({
    orderId: parseOrderId,
    kind: literal('custom', 'repair'),
    clientId: parseClientId,
    total: positive,
    description: string({ min: 1, max: 2_000 }),
  }),
  'deposit.take': object({
    orderId: parseOrderId,
    depositId: parseDepositId,
    amount: positive,
    tender: tenderKind,
    reference,
  }),
  'deposit.refund': object({ orderId: parseOrderId, refundId: parseRefundId, amount: positive }),
  'reservation.place': object({ serial: parseSerial, clientId: parseClientId, until: optional(isoInstant) }),
  'reservation.release': serial,
  'piece.receive': object({ piece: parsePiece }),
  'piece.update': object({ serial: parseSerial, changes: parseChanges }),
  'price.change': object({
    serial: parseSerial,
    listPrice: parseAmount,
    reason: string({ min: 1, max: 500 }),
  }),
  'piece.restock': serial,
  'memo.out': object({ serial: parseSerial, consignee: optional(string({ min: 1, max: 120 })) }),
  'memo.return': object({ serial: parseSerial, consignee: optional(string({ min: 1, max: 120 })) }),
  'repair.in': serial,
  'repair.out': serial,
  'transfer.send': object({ serial: parseSerial, toStore: parseStoreId }),
  'transfer.receive': serial,
  'piece.write-off': object({
    serial: parseSerial,
    reason: literal(...WRITE_OFF_REASONS),
    note: string({ min: 1, max: 500 }),
  }),
  'stock.count': object({
    countId: parseCountId,
    scope: string({ min: 1, max: 120 }),
    wholeStore: boolean,
    found: array(parseSerial, { max: MAX_COUNT_SERIALS }),
  }),
  'conflict.resolve': object({
    commandId: parseCommandId,
    resolution: literal(...CONFLICT_RESOLUTIONS),
    note: string({ min: 1, max: 1_000 }),
  }),
  'store.open': object({ store: parseStore }),
  'store.update': object({ storeId: parseStoreId, changes: parseStoreChanges }),
  'staff.add': object({ member: parseNewStaffMember }),
  'staff.update': object({ userId: parseUserId, changes: parseStaffChanges }),
  'staff.deactivate': object({ userId: parseUserId, reason: optional(string({ min: 1, max: 500 })) }),
  'staff.reactivate': object({ userId: parseUserId }),
  'day.close': object({
    closeId: parseCommandId,
    day: isoDate,
    till: optional(parseDeviceId),
    float: nonNegative,
    counted: nonNegative,
    note: optional(string({ min: 1, max: 500 })),
    corrects: optional(parseCommandId),
  }),
};
