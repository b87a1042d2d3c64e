/** Payload parsers, one per command type; structural checks only (business rules: decide.ts). */

import { parseAdjustableRole, parseRoleSettings } from './capabilities.ts';

import { parseMergePicks } from './client-merge.ts';
import type { CommandType, Payloads } from './commands.ts';
import { parseConsignment } from './consignment.ts';
import { parseExchangeRate } from './exchange.ts';
import {
  parseClientId,
  parseCommandId,
  parseCountId,
  parseDepositId,
  parseDeviceId,
  parseImportId,
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
import { parseCardNumber } from './money-held.ts';
import { parseAmount } from './money-parse.ts';
import {
  array,
  boolean,
  fail,
  integer,
  isoDate,
  isoInstant,
  literal,
  object,
  optional,
  type Parser,
  refine,
  string,
  withDefault,
} from './parse.ts';
import { type Piece, parseLocation, parsePiece, pieceAttributeParsers } from './piece.ts';
import { ok } from './result.ts';
import { parseRole, type Role } from './roles.ts';
import { parseLogin, parseStaffName, parseStaffStores } from './staff.ts';
import {
  parseAddress,
  parsePhone,
  parseReceiptFooter,
  parseReminderLeadDays,
  parseStore,
  parseStoreName,
  parseTimeZone,
} from './store.ts';
import { parseTaxRule, type TaxRule } from './tax.ts';
import { parseTierThresholds } from './tiers.ts';
import { parseBenchPlace, parseClaimCheck, WORK_STAGES } from './work-order.ts';

export const TENDER_KINDS = [
  'card',
  'cash',
  'wallet',
  'store-credit',
  'gift-card',
  'trade-in',
  /** A layaway's payments settling its sale (LAYAWAY-2); written by the relay, never sent by a till. */
  'layaway',
] as const;
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
  /** FOOTER-2: the whole footer; an empty list removes it. */
  readonly receiptFooter?: readonly string[];
  /** DUEMAIL-5: days ahead of an instalment to remind its client; null goes back to the default. */
  readonly reminderLeadDays?: number | null;
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
    receiptFooter: parseReceiptFooter,
    reminderLeadDays: parseReminderLeadDays,
  },
  new Set(['phone', 'reminderLeadDays']),
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

export const TRADE_IN_DISPOSITIONS = ['stock', 'scrap'] as const;
export type TradeInDisposition = (typeof TRADE_IN_DISPOSITIONS)[number];
export type TradeIn = {
  readonly description: string;
  readonly disposition: TradeInDisposition;
  /** The piece record when kept in stock; its cost is set to the value given (TRADEIN-2). */
  readonly piece?: Piece;
};

/** Cards held by the relay (GIFT-*, CREDIT-*). */
export const CARD_KINDS = ['gift-card', 'store-credit'] as const;
export type CardKind = (typeof CARD_KINDS)[number];
/** What a cancelled layaway's payments become (LAYAWAY-3), the manager's choice. */
export const LAYAWAY_SETTLEMENTS = ['refund', 'store-credit'] as const;
export type LayawaySettlement = (typeof LAYAWAY_SETTLEMENTS)[number];
export const MAX_INSTALMENTS = 60;

export const MAX_SALE_LINES = 100;
export const MAX_TENDERS = 20;
/** A whole boutique counted at once: thousands of pieces, bounded so one command stays small. */
export const MAX_COUNT_SERIALS = 20_000;
/** IMPORT-1: pieces per part of a bulk import, and parts per import (100,000 pieces at most). */
export const MAX_IMPORT_PIECES = 500;
export const MAX_IMPORT_PARTS = 200;
/** LOCATION-3: pieces moved by one scan session. */
export const MAX_RELOCATE_SERIALS = 500;
/** Why pieces change place (LOCATION-3): a move, the end-of-day safe check, a count's fix. */
export const RELOCATE_REASONS = ['move', 'safe-check', 'count'] as const;
export type RelocateReason = (typeof RELOCATE_REASONS)[number];

const parseImport = refine(
  object({
    importId: parseImportId,
    source: string({ min: 1, max: 200 }),
    part: integer({ min: 0, max: MAX_IMPORT_PARTS - 1 }),
    parts: integer({ min: 1, max: MAX_IMPORT_PARTS }),
    pieces: array(parsePiece, { min: 1, max: MAX_IMPORT_PIECES }),
  }),
  (p) => {
    if (p.part >= p.parts) return `part ${p.part + 1} of ${p.parts} does not exist`;
    const seen = new Set<string>();
    for (const piece of p.pieces) {
      if (seen.has(piece.serial)) return `serial ${piece.serial} is listed twice`;
      seen.add(piece.serial);
    }
    return undefined;
  },
);

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

/** What a trade-in tender took in (TRADEIN-1): described, and kept as a piece or sent to scrap. */
const parseTradeIn: Parser<TradeIn> = refine(
  object({
    description: string({ min: 1, max: 500 }),
    disposition: literal(...TRADE_IN_DISPOSITIONS),
    piece: optional(parsePiece),
  }),
  (t) =>
    t.disposition === 'stock' && !t.piece
      ? 'a trade-in kept in stock needs its piece record'
      : t.disposition === 'scrap' && t.piece
        ? 'a trade-in sent to scrap has no piece record'
        : undefined,
);

const tender = refine(
  object({
    kind: tenderKind,
    amount: parseAmount,
    reference,
    tendered: optional(parseAmount),
    tradeIn: optional(parseTradeIn),
  }),
  (t) => {
    if (t.kind === 'trade-in' && !t.tradeIn) return 'a trade-in names the item taken in (tradeIn)';
    if (t.kind !== 'trade-in' && t.tradeIn) return 'only a trade-in tender describes an item taken in';
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
    dueDate: optional(isoDate),
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
    location: optional(parseLocation),
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
  'capabilities.set': object({ role: parseAdjustableRole, settings: parseRoleSettings }),
  'exchange-rate.set': object({
    rate: refine(parseExchangeRate, (r) =>
      r.from === r.to ? 'a rate converts between two currencies' : undefined,
    ),
  }),
  'consignment.receive': object({ piece: parsePiece, consignment: parseConsignment }),
  'consignment.return': object({ serial: parseSerial, note: optional(string({ min: 1, max: 500 })) }),
  // The same id twice parses: the relay answers `client-same`, a clearer word than a parse error.
  'client.merge': object({
    survivorId: parseClientId,
    mergedId: parseClientId,
    picks: withDefault(parseMergePicks, {}),
  }),
  'client.erase': object({ clientId: parseClientId, reason: string({ min: 1, max: 500 }) }),
  'tiers.set': parseTierThresholds,
  'work.stage': object({
    orderId: parseOrderId,
    stage: literal(...WORK_STAGES),
    place: optional(parseBenchPlace),
    total: optional(parseAmount),
    collection: optional(
      object({ claimCheck: optional(parseClaimCheck), clientIdentified: optional(boolean) }),
    ),
    note: optional(string({ min: 1, max: 500 })),
  }),
  'plan.set': object({
    orderId: parseOrderId,
    instalments: array(object({ due: isoDate, amount: positive }), { min: 1, max: MAX_INSTALMENTS }),
  }),
  'layaway.open': object({
    orderId: parseOrderId,
    saleId: parseSaleId,
    serial: parseSerial,
    clientId: parseClientId,
  }),
  'layaway.cancel': refine(
    object({
      orderId: parseOrderId,
      refundId: parseRefundId,
      settlement: literal(...LAYAWAY_SETTLEMENTS),
      cardNumber: optional(parseCardNumber),
    }),
    (p) =>
      p.settlement === 'store-credit' && !p.cardNumber
        ? 'store credit needs the card number to credit (or a new one)'
        : p.settlement === 'refund' && p.cardNumber
          ? 'a refund names no card'
          : undefined,
  ),
  'card.issue': object({
    cardNumber: parseCardNumber,
    kind: literal(...CARD_KINDS),
    amount: positive,
    clientId: optional(parseClientId),
    tenders: optional(array(tender, { min: 1, max: MAX_TENDERS })),
    note: optional(string({ min: 1, max: 500 })),
  }),
  'piece.import': parseImport,
  'piece.relocate': object({
    serials: array(parseSerial, { min: 1, max: MAX_RELOCATE_SERIALS }),
    location: parseLocation,
    reason: literal(...RELOCATE_REASONS),
    countId: optional(parseCountId),
  }),
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
