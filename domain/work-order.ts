/**
 * Custom orders and repairs (WORK-*, REPAIR-*): what staff edit together in `work/<store>` (the
 * record, parsed here at the edge) and the stages the relay decides (`work.stage`). Pure.
 */
import type { ClientId, OrderId } from './ids.ts';
import { type Currency, type Money, money } from './money.ts';
import {
  array,
  decimal,
  fail,
  integer,
  isoDate,
  isPlainObject,
  literal,
  object,
  optional,
  type Parser,
  string,
} from './parse.ts';
import { ok, type Result } from './result.ts';
import { type TaxRule, taxOn } from './tax.ts';

export const WORK_KINDS = ['custom', 'repair'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/** WORK-3: a custom order's stages, in order. */
export const ORDER_STAGES = [
  'consultation',
  'design',
  'quote-approved',
  'in-production',
  'quality-check',
  'ready',
  'collected',
] as const;
/** REPAIR-3: a repair's stages, in order. */
export const REPAIR_STAGES = [
  'received',
  'estimated',
  'approved',
  'at-bench',
  'quality-check',
  'ready',
  'collected',
] as const;
export type OrderStage = (typeof ORDER_STAGES)[number];
export type RepairStage = (typeof REPAIR_STAGES)[number];
export type WorkStage = OrderStage | RepairStage;
export const WORK_STAGES: readonly WorkStage[] = [...new Set([...ORDER_STAGES, ...REPAIR_STAGES])];

export const stagesOf = (kind: WorkKind): readonly WorkStage[] =>
  kind === 'custom' ? ORDER_STAGES : REPAIR_STAGES;
export const firstStage = (kind: WorkKind): WorkStage => (kind === 'custom' ? 'consultation' : 'received');
/** The stage where the client's price is agreed: the move into it may set the order's total (WORK-5). */
export const priceStage = (kind: WorkKind): WorkStage => (kind === 'custom' ? 'quote-approved' : 'approved');
/** The stage where the work is done, that quality check may send a job back to (WORK-4). */
export const workStage = (kind: WorkKind): WorkStage => (kind === 'custom' ? 'in-production' : 'at-bench');

/**
 * WORK-4: the moves allowed from `from`: the next stage; back from quality check to the work
 * stage (a job that fails its check); a repair at the bench may be moved "at bench" again (to
 * another bench, or back from the outside workshop); nothing leaves `collected`.
 */
export function nextStages(kind: WorkKind, from: WorkStage): readonly WorkStage[] {
  const stages = stagesOf(kind);
  const i = stages.indexOf(from);
  if (i < 0 || from === 'collected') return [];
  const out: WorkStage[] = [];
  const next = stages[i + 1];
  if (next) out.push(next);
  if (from === 'quality-check') out.push(workStage(kind));
  if (kind === 'repair' && from === 'at-bench') out.push('at-bench');
  return out;
}

export const canMove = (kind: WorkKind, from: WorkStage, to: WorkStage): boolean =>
  nextStages(kind, from).includes(to);

/** Where a repair is worked on: a bench of the store, or an outside workshop (REPAIR-4). */
export type BenchPlace =
  | { readonly bench: string }
  | {
      readonly workshop: string;
      readonly sentOn: string;
      readonly returnedOn?: string;
    };

export const parseBenchPlace: Parser<BenchPlace> = (input, path = '') => {
  if (!isPlainObject(input)) return fail(path, 'expected a bench or an outside workshop');
  if (input.bench !== undefined && input.workshop !== undefined)
    return fail(path, 'give a bench or an outside workshop, not both');
  if (input.bench !== undefined) return object({ bench: string({ min: 1, max: 60 }) })(input, path);
  const r = object({
    workshop: string({ min: 1, max: 120 }),
    sentOn: isoDate,
    returnedOn: optional(isoDate),
  })(input, path);
  if (!r.ok) return r;
  if (r.value.returnedOn !== undefined && r.value.returnedOn < r.value.sentOn)
    return fail(`${path}.returnedOn`, 'cannot be before the day it was sent');
  return r as Result<BenchPlace, never>;
};

/**
 * WORK-9, WORK-10, REPAIR-5: what is shown when the client takes the piece: the claim check they present (read
 * from its barcode or typed) and/or that staff identified the client (an ID checked).
 */
export type Collection = { readonly claimCheck?: string; readonly clientIdentified?: boolean };

// ---------------------------------------------------------------------------------------------
// Claim checks

const CLAIM = /^[A-Z]-[0-9A-F]{8}$/;
/**
 * REPAIR-2: the claim check of a job, derived from its id so a till offline can print the tag at
 * once: `R-` (repair) or `C-` (custom order) and the id's last eight hex digits, upper case (the
 * random part of a UUIDv7).
 */
export function claimCheckOf(kind: WorkKind, orderId: string): string {
  const hex = orderId.replace(/-/g, '').slice(-8).toUpperCase();
  return `${kind === 'repair' ? 'R' : 'C'}-${hex}`;
}
export const isClaimCheck = (s: string): boolean => CLAIM.test(s);
/** A scanned or typed claim check in its stored form (upper case, spaces dropped), or undefined. */
export function normalizeClaimCheck(input: string): string | undefined {
  const s = input.trim().toUpperCase().replace(/\s+/g, '');
  const withDash = /^[A-Z][0-9A-F]{8}$/.test(s) ? `${s[0]}-${s.slice(1)}` : s;
  return CLAIM.test(withDash) ? withDash : undefined;
}
export const parseClaimCheck: Parser<string> = (input, path = '') => {
  const n = typeof input === 'string' ? normalizeClaimCheck(input) : undefined;
  return n ? ok(n) : fail(path, 'expected a claim check like R-1A2B3C4D', 'invalid-input', 'format');
};

// ---------------------------------------------------------------------------------------------
// The record edited in `work/<store>`

export const STONE_SOURCES = ['client-supplied', 'sourced'] as const;
export type StoneSource = (typeof STONE_SOURCES)[number];

/** A stone with its 4Cs (any may be unknown yet). */
export type Stone = {
  readonly kind: string;
  readonly source: StoneSource;
  readonly caratWeight?: number;
  readonly colour?: string;
  readonly clarity?: string;
  readonly cut?: string;
  readonly note?: string;
};

export const QUOTE_LINE_KINDS = ['metal', 'stones', 'labour', 'setting', 'engraving', 'other'] as const;
export type QuoteLineKind = (typeof QUOTE_LINE_KINDS)[number];
export type QuoteLine = {
  readonly kind: QuoteLineKind;
  readonly description: string;
  /** Minor units of the store's currency, as priced to the client (tax per the store's rule). */
  readonly amountMinor: number;
};

export const REPAIR_WORK = [
  'resize',
  'stone-replacement',
  'polish',
  'rhodium',
  'clasp',
  'engraving',
  'appraisal',
] as const;
export type RepairWork = (typeof REPAIR_WORK)[number];

export const WORK_LIMITS = {
  stones: 40,
  quote: 40,
  attachments: 60,
  sizes: 10,
  notes: 20_000,
} as const;

/** What staff edit on a custom order or a repair (both kinds share the record; each uses its part). */
export type WorkRecord = {
  readonly id: OrderId;
  readonly kind: WorkKind;
  readonly clientId: ClientId;
  readonly title: string;
  readonly createdAt: string;
  readonly dueDate?: string;
  readonly designer?: string;
  readonly notes: string;
  /** Sketches, photos, certificates, signed quotes in the attachment store, by SHA-256 (ORDERATT-1). */
  readonly attachments: readonly WorkAttachment[];
  // custom orders
  readonly metal?: string;
  readonly fineness?: string;
  readonly sizes: readonly string[];
  readonly engravingText?: string;
  readonly engravingFont?: string;
  readonly stones: readonly Stone[];
  readonly quote: readonly QuoteLine[];
  // repairs
  readonly item?: string;
  readonly declaredValueMinor?: number;
  readonly work: readonly RepairWork[];
  /** REPAIR-1: call the client before starting when the work would cost more than this. */
  readonly callAboveMinor?: number;
  readonly estimateMinor?: number;
};

const text = (max: number) => optional(string({ min: 1, max }));
const minor = optional(integer({ min: 0, max: 1_000_000_000_00 }));

export const parseStone: Parser<Stone> = object({
  kind: string({ min: 1, max: 60 }),
  source: literal(...STONE_SOURCES),
  caratWeight: optional(decimal({ min: 0.001, max: 1_000 })),
  colour: text(20),
  clarity: text(20),
  cut: text(40),
  note: text(200),
});

export const parseQuoteLine: Parser<QuoteLine> = object({
  kind: literal(...QUOTE_LINE_KINDS),
  description: string({ max: 200 }),
  amountMinor: integer({ min: 0, max: 1_000_000_000_00 }),
});

const SHA256 = /^[0-9a-f]{64}$/;
export const parseAttachmentId: Parser<string> = string({ min: 64, max: 64, pattern: SHA256 });

/** ORDERATT-1: what an attachment of a job is; `intake` is the client's item photographed at a repair's intake. */
export const ATTACHMENT_KINDS = ['sketch', 'photo', 'certificate', 'signed-quote', 'intake'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
export type WorkAttachment = {
  /** The SHA-256 (hex) naming the bytes in the relay's attachment store (ATTACH-3). */
  readonly id: string;
  readonly kind: AttachmentKind;
  /** The type the bytes are (`image/jpeg`, `application/pdf`…), as sniffed when attached. */
  readonly contentType?: string;
  /** The file's name as chosen, for people. */
  readonly name?: string;
  readonly addedAt?: string;
};

const parseAttachmentObject = object({
  id: parseAttachmentId,
  kind: literal(...ATTACHMENT_KINDS),
  contentType: optional(string({ min: 1, max: 60 })),
  name: optional(string({ min: 1, max: 120 })),
  addedAt: optional(string({ min: 1, max: 40 })),
});

/** An attachment of a job; a bare SHA-256 (how the first records held them) reads as a photo. */
export const parseWorkAttachment: Parser<WorkAttachment> = (input, path = '') => {
  if (typeof input === 'string') {
    const id = parseAttachmentId(input, path);
    return id.ok ? ok({ id: id.value, kind: 'photo' }) : id;
  }
  return parseAttachmentObject(input, path) as ReturnType<Parser<WorkAttachment>>;
};

const uuid = string({ pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i });

/** WORK-1: a stored work record (profile-shaped JSON), parsed at the edge; unknown keys are dropped. */
export const parseWorkRecord: Parser<WorkRecord> = (input, path = '') => {
  const r = object({
    id: uuid,
    kind: literal(...WORK_KINDS),
    clientId: uuid,
    title: string({ min: 1, max: 200 }),
    createdAt: string({ min: 1, max: 40 }),
    dueDate: optional(isoDate),
    designer: text(80),
    notes: optional(string({ max: WORK_LIMITS.notes, trim: false })),
    attachments: optional(array(parseWorkAttachment, { max: WORK_LIMITS.attachments })),
    metal: text(40),
    fineness: text(20),
    sizes: optional(array(string({ min: 1, max: 20 }), { max: WORK_LIMITS.sizes })),
    engravingText: text(120),
    engravingFont: text(60),
    stones: optional(array(parseStone, { max: WORK_LIMITS.stones })),
    quote: optional(array(parseQuoteLine, { max: WORK_LIMITS.quote })),
    item: text(500),
    declaredValueMinor: minor,
    work: optional(array(literal(...REPAIR_WORK), { max: REPAIR_WORK.length })),
    callAboveMinor: minor,
    estimateMinor: minor,
  })(input, path);
  if (!r.ok) return r;
  const v = r.value;
  return ok({
    ...v,
    id: v.id as OrderId,
    clientId: v.clientId as ClientId,
    notes: v.notes ?? '',
    attachments: v.attachments ?? [],
    sizes: v.sizes ?? [],
    stones: v.stones ?? [],
    quote: v.quote ?? [],
    work: [...new Set(v.work ?? [])],
  } as WorkRecord);
};

/** WORK-2: a quote's totals: line items summed, then taxed once per the store's rule (TAX-*). */
export type QuoteTotals = { readonly net: Money; readonly tax: Money; readonly total: Money };
export function quoteTotals(lines: readonly QuoteLine[], currency: Currency, rule: TaxRule): QuoteTotals {
  const net = money(
    lines.reduce((s, l) => s + l.amountMinor, 0),
    currency,
  );
  const taxed = taxOn(net, rule);
  return { net: taxed.beforeTax, tax: taxed.tax, total: taxed.total };
}

/** The price agreed with the client, as the record holds it: a quote's total or a repair's estimate. */
export function agreedPrice(record: WorkRecord, currency: Currency, rule: TaxRule): Money | undefined {
  if (record.kind === 'repair')
    return record.estimateMinor === undefined ? undefined : money(record.estimateMinor, currency);
  if (record.quote.length === 0) return undefined;
  return quoteTotals(record.quote, currency, rule).total;
}

/** WORK-6: overdue when not yet ready or collected and its due date is before `today` (YYYY-MM-DD). */
export function isOverdue(stage: WorkStage, dueDate: string | undefined, today: string): boolean {
  return dueDate !== undefined && dueDate < today && stage !== 'ready' && stage !== 'collected';
}
