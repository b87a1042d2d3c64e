/**
 * The descriptive record of one serialized piece (catalog data). Its live status and
 * reservation live in the relay-owned stock document, see piece-status.ts.
 */
import { parseSerial, parseStoreId, type SerialNumber, type StoreId } from './ids.ts';
import type { Money } from './money.ts';
import { parseAmount } from './money-parse.ts';
import {
  array,
  integer,
  isoDate,
  literal,
  object,
  optional,
  type Parser,
  refine,
  string,
  withDefault,
} from './parse.ts';
import { type MilliCarats, type Milligrams, withThousandths } from './units.ts';

export const CATEGORIES = [
  'ring',
  'necklace',
  'pendant',
  'earrings',
  'bracelet',
  'watch',
  'brooch',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const METALS = [
  'yellow-gold',
  'white-gold',
  'rose-gold',
  'platinum',
  'silver',
  'palladium',
  'titanium',
  'other',
] as const;
export type Metal = (typeof METALS)[number];

export const LABS = ['GIA', 'IGI', 'HRD', 'AGS', 'other'] as const;
export type Lab = (typeof LABS)[number];

export const CLARITIES = ['FL', 'IF', 'VVS1', 'VVS2', 'VS1', 'VS2', 'SI1', 'SI2', 'I1', 'I2', 'I3'] as const;
export type Clarity = (typeof CLARITIES)[number];

export const LOCATION_KINDS = [
  'case',
  'safe',
  'window',
  'warehouse',
  // LOCATION-1: the rest of a boutique's places.
  'tray',
  'back-office',
  'workshop',
] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

export type Certificate = { readonly lab: Lab; readonly number: string; readonly date?: string };
export type Stone = {
  readonly kind: string;
  readonly shape?: string;
  /** Thousandths of a carat (1.43 ct = 1430), exact; see units.ts. */
  readonly milliCarats: MilliCarats;
  readonly cut?: string;
  readonly colour?: string;
  readonly clarity?: Clarity;
  readonly certificate?: Certificate;
};
export type Location = { readonly kind: LocationKind; readonly label: string };

export type Piece = {
  readonly serial: SerialNumber;
  readonly style: string;
  readonly title: string;
  readonly category: Category;
  readonly metal: Metal;
  readonly fineness?: number;
  readonly karat?: number;
  readonly colour?: string;
  /** Metal weight in milligrams (4.2 g = 4200), exact; see units.ts. */
  readonly weightMg: Milligrams;
  readonly stones: readonly Stone[];
  readonly designer?: string;
  readonly collection?: string;
  readonly cost: Money;
  readonly listPrice: Money;
  readonly imageRefs: readonly string[];
  readonly sourcing?: string;
  readonly store: StoreId;
  readonly location: Location;
};

const short = string({ min: 1, max: 120 });
const label = optional(string({ min: 1, max: 120 }));

const parseCertificate: Parser<Certificate> = object({
  lab: literal(...LABS),
  number: string({ min: 1, max: 40 }),
  date: optional(isoDate),
});

/** A stone; a record from before UNIT-2 with a float `carat` is read as its thousandths. */
export const parseStone: Parser<Stone> = withThousandths(
  object({
    kind: string({ min: 1, max: 40 }),
    shape: label,
    milliCarats: integer({ min: 1, max: 1_000_000 }),
    cut: label,
    colour: label,
    clarity: optional(literal(...CLARITIES)),
    certificate: optional(parseCertificate),
  }),
  [{ field: 'milliCarats', legacy: 'carat', min: 1, max: 1_000_000 }],
);

const GOLDS: readonly Metal[] = ['yellow-gold', 'white-gold', 'rose-gold'];

/** Each field's parser, one by one: `piece.update` checks a change with the same rules (CATALOG-1). */
const FIELDS = {
  serial: parseSerial,
  style: string({ min: 1, max: 60 }),
  title: short,
  category: literal(...CATEGORIES),
  metal: literal(...METALS),
  fineness: optional(integer({ min: 1, max: 1000 })),
  karat: optional(integer({ min: 1, max: 24 })),
  colour: label,
  weightMg: integer({ min: 0, max: 100_000_000 }),
  stones: withDefault(array(parseStone, { max: 500 }), []),
  designer: label,
  collection: label,
  cost: parseAmount,
  listPrice: parseAmount,
  imageRefs: withDefault(array(string({ min: 1, max: 500 }), { max: 50 }), []),
  sourcing: optional(string({ max: 4_000 })),
  store: parseStoreId,
  location: object({ kind: literal(...LOCATION_KINDS), label: string({ min: 1, max: 60 }) }),
};
/** A place inside a store (LOCATION-1): its kind and its name there ("Case 3", "Safe"). */
export const parseLocation: Parser<Location> = FIELDS.location;
/** Two places are the same when their names are, whatever the case or spacing (LOCATION-2). */
export const sameLocation = (a: Location, b: Location): boolean =>
  a.label.trim().toLowerCase() === b.label.trim().toLowerCase();
const shape = object(FIELDS);
export const pieceAttributeParsers: { readonly [K in keyof typeof FIELDS]: (typeof FIELDS)[K] } = FIELDS;

/** Parses a piece from untrusted input; karat is gold-only and must agree with fineness (±1 %). */
export const parsePiece: Parser<Piece> = refine(
  withThousandths(shape, [{ field: 'weightMg', legacy: 'weightGrams', min: 0, max: 100_000_000 }]),
  (p) => metalProblem(p),
);

function metalProblem(p: Pick<Piece, 'karat' | 'metal' | 'fineness'>): string | undefined {
  if (p.karat !== undefined && !GOLDS.includes(p.metal)) return 'karat applies only to gold';
  if (p.karat !== undefined && p.fineness !== undefined && Math.abs((p.karat * 1000) / 24 - p.fineness) > 10)
    return `${p.karat}k does not match fineness ${p.fineness}`;
  return undefined;
}

/**
 * A piece as every till of its store holds it (`catalog/<store>`): the record **without its cost**,
 * which only people who may see cost are given (DOC-4). Same rules as `parsePiece` otherwise.
 */
export type CatalogPiece = Omit<Piece, 'cost'>;
const { cost: _cost, ...CATALOG_FIELDS } = FIELDS;
export const parseCatalogPiece: Parser<CatalogPiece> = refine(
  withThousandths(object(CATALOG_FIELDS), [
    { field: 'weightMg', legacy: 'weightGrams', min: 0, max: 100_000_000 },
  ]),
  (p) => metalProblem(p),
);

/**
 * How pure a metal is, in the scale its trade uses (PIECE-5): gold in karats (18k; from the
 * fineness when only that is known), platinum, silver and palladium in parts per thousand
 * (950 ‰). Anything else (steel, titanium, "other") has no purity, whatever number it carries.
 * Lenient on input: `metal` may be `yellow-gold` or `yellow gold`, numbers may be missing.
 */
export type Purity = { readonly scale: 'karat' | 'fineness'; readonly value: number; readonly label: string };

export function purityOf(metal: string, karat: unknown, fineness: unknown): Purity | undefined {
  const k = typeof karat === 'number' && Number.isSafeInteger(karat) && karat > 0 ? karat : undefined;
  const f =
    typeof fineness === 'number' && Number.isSafeInteger(fineness) && fineness > 0 ? fineness : undefined;
  if (/gold/.test(metal)) {
    const value = k ?? (f !== undefined ? Math.round((f * 24) / 1000) : undefined);
    return value ? { scale: 'karat', value, label: `${value}k` } : undefined;
  }
  if (f === undefined || !/platinum|silver|palladium/.test(metal)) return undefined;
  return { scale: 'fineness', value: f, label: `${f} ‰` };
}
