/** Payload parsers, one per command type; structural checks only (business rules: decide.ts). */
import type { CommandType, Payloads } from './commands.ts';
import {
  parseClientId,
  parseCommandId,
  parseCountId,
  parseDepositId,
  parseOrderId,
  parseRefundId,
  parseReturnId,
  parseSaleId,
  parseSerial,
  parseStoreId,
  parseUserId,
} from './ids.ts';
import { parseAmount } from './money-parse.ts';
import {
  array,
  boolean,
  fail,
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

export const TENDER_KINDS = ['card', 'cash', 'wallet', 'store-credit', 'gift-card', 'trade-in'] as const;
export type TenderKind = (typeof TENDER_KINDS)[number];

export const CONFLICT_RESOLUTIONS = [
  'refunded-client',
  'sold-another-piece',
  'voided-competing-sale',
  'dismissed',
] as const;
export type ConflictResolution = (typeof CONFLICT_RESOLUTIONS)[number];

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
};
