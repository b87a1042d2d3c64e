/**
 * Bulk import of pieces from a CSV or a spreadsheet export (IMPORT-*): the file read with
 * papaparse, its columns mapped to the attributes of `domain/piece.ts`, each row checked with the
 * domain's own `parsePiece` and its problems told in words (row number, column, what is wrong),
 * then the good rows cut into parts of `MAX_IMPORT_PIECES` for `piece.import` commands. Shared by
 * the back office screen (client) and the relay's tests and benchmark.
 */
import Papa from 'papaparse';
import { MAX_IMPORT_PARTS, MAX_IMPORT_PIECES } from '../../domain/command-payloads.ts';
import type { ImportId } from '../../domain/ids.ts';
import { type Currency, minorDigits } from '../../domain/money.ts';
import { parseMoney } from '../../domain/money-parse.ts';
import {
  CATEGORIES,
  CLARITIES,
  LABS,
  LOCATION_KINDS,
  METALS,
  type Piece,
  parsePiece,
} from '../../domain/piece.ts';
import { parseDecimalText } from '../../domain/units.ts';

/** The columns a file may have, in the order the mapping screen lists them. */
export const IMPORT_FIELDS = [
  'serial',
  'style',
  'title',
  'category',
  'metal',
  'karat',
  'fineness',
  'colour',
  'weightGrams',
  'listPrice',
  'cost',
  'designer',
  'collection',
  'locationKind',
  'locationLabel',
  'stoneKind',
  'stoneShape',
  'stoneCarats',
  'stoneColour',
  'stoneClarity',
  'certificateLab',
  'certificateNumber',
  'sourcing',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_FIELDS: readonly ImportField[] = [
  'serial',
  'style',
  'title',
  'category',
  'metal',
  'weightGrams',
  'listPrice',
  'cost',
];

/** Which CSV header feeds each field; unmapped fields are left empty. */
export type ColumnMapping = Partial<Record<ImportField, string>>;

/** Header spellings recognised without help (lower case, spaces and punctuation ignored). */
const ALIASES: Record<ImportField, readonly string[]> = {
  serial: ['serial', 'serialnumber', 'serialno', 'sn', 'numerodeserie', 'serie'],
  style: ['style', 'sku', 'stylenumber', 'reference', 'ref'],
  title: ['title', 'name', 'description', 'designation', 'titre', 'nom'],
  category: ['category', 'type', 'categorie'],
  metal: ['metal', 'metaltype'],
  karat: ['karat', 'karats', 'kt', 'carat(gold)', 'carats(or)'],
  fineness: ['fineness', 'purity', 'titre(‰)', 'millesimal'],
  colour: ['colour', 'color', 'metalcolour', 'metalcolor', 'couleur'],
  weightGrams: ['weight', 'weightg', 'weightgrams', 'grams', 'poids', 'poidsg'],
  listPrice: ['listprice', 'price', 'retail', 'retailprice', 'prix', 'prixdevente'],
  cost: ['cost', 'costprice', 'cout', 'prixdachat', 'purchaseprice'],
  designer: ['designer', 'brand', 'createur', 'marque'],
  collection: ['collection', 'line'],
  locationKind: ['locationkind', 'locationtype', 'placekind'],
  locationLabel: ['location', 'case', 'emplacement', 'place'],
  stoneKind: ['stone', 'stonekind', 'gem', 'pierre', 'centerstone', 'centrestone'],
  stoneShape: ['shape', 'stoneshape', 'cut', 'taille', 'forme'],
  stoneCarats: ['carats', 'carat', 'stonecarats', 'ct', 'caratweight', 'stoneweight'],
  stoneColour: ['stonecolour', 'stonecolor', 'diamondcolour', 'diamondcolor'],
  stoneClarity: ['clarity', 'stoneclarity', 'purete'],
  certificateLab: ['lab', 'certificatelab', 'laboratory', 'laboratoire'],
  certificateNumber: ['certificate', 'certificatenumber', 'certno', 'reportnumber', 'certificat'],
  sourcing: ['sourcing', 'origin', 'provenance', 'notes'],
};

const squash = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

/** The file's header row and data rows (empty lines skipped). */
export type CsvTable = { readonly headers: readonly string[]; readonly rows: readonly (readonly string[])[] };

export function readCsv(text: string): CsvTable {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [head, ...rows] = parsed.data;
  return { headers: (head ?? []).map((h) => h.trim()), rows };
}

/** The mapping a person would most likely pick, by header names; they may change it. */
export function guessMapping(headers: readonly string[]): ColumnMapping {
  const out: ColumnMapping = {};
  const taken = new Set<string>();
  for (const field of IMPORT_FIELDS) {
    const header = headers.find(
      (h) => !taken.has(h) && [field, ...ALIASES[field]].map(squash).includes(squash(h)),
    );
    if (header !== undefined) {
      out[field] = header;
      taken.add(header);
    }
  }
  return out;
}

/** Required fields with no column yet: the import cannot start until each has one. */
export const unmappedRequired = (mapping: ColumnMapping): ImportField[] =>
  REQUIRED_FIELDS.filter((f) => !mapping[f]);

/** A problem with one row, in words, for the person importing. */
export type RowError = { readonly row: number; readonly serial?: string; readonly message: string };

export type ImportContext = {
  readonly store: string;
  readonly currency: Currency;
  /**
   * What this till knows of a serial: on record at this store (skipped: a re-import adds nothing,
   * IMPORT-3), at another store (an error), or unknown.
   */
  readonly known?: (serial: string) => 'here' | 'elsewhere' | undefined;
  /** Where pieces go when the file says nothing (LOCATION-1). */
  readonly defaultLocation?: { readonly kind: (typeof LOCATION_KINDS)[number]; readonly label: string };
};

export type ImportPlan = {
  readonly pieces: readonly Piece[];
  readonly errors: readonly RowError[];
  /** Serials already on record at this store: left as they are. */
  readonly alreadyHere: readonly string[];
  readonly rows: number;
};

/** Words for each attribute, as a row's error names it. */
export const FIELD_WORDS: Record<string, string> = {
  serial: 'serial number',
  style: 'style',
  title: 'title',
  category: 'category',
  metal: 'metal',
  karat: 'karat',
  fineness: 'fineness',
  colour: 'metal colour',
  weightMg: 'weight',
  weightGrams: 'weight',
  listPrice: 'list price',
  cost: 'cost',
  designer: 'designer',
  collection: 'collection',
  location: 'location',
  locationKind: 'location kind',
  locationLabel: 'location',
  stones: 'stone',
  stoneKind: 'stone',
  stoneShape: 'stone shape',
  stoneCarats: 'stone carats',
  stoneColour: 'stone colour',
  stoneClarity: 'clarity',
  certificateLab: 'certificate lab',
  certificateNumber: 'certificate number',
  sourcing: 'sourcing',
};

const oneOf = (list: readonly string[]) => list.map((x) => x.replaceAll('-', ' ')).join(', ');
/** "Yellow Gold", "yellow_gold" → "yellow-gold". */
const slug = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');

class RowProblem extends Error {}

function pick<T extends string>(value: string, list: readonly T[], field: ImportField): T {
  const v = slug(value);
  const found = list.find((x) => x.toLowerCase() === v);
  if (!found) throw new RowProblem(`${FIELD_WORDS[field]} "${value}" is not one of ${oneOf(list)}`);
  return found;
}

function wholeNumber(value: string, field: ImportField): number {
  if (!/^\d+$/.test(value.trim()))
    throw new RowProblem(`${FIELD_WORDS[field]} "${value}" is not a whole number`);
  return Number(value.trim());
}

function thousandths(value: string, field: ImportField, unit: string): number {
  const r = parseDecimalText(value);
  if (!r.ok) throw new RowProblem(`${FIELD_WORDS[field]} "${value}" is not a number of ${unit} (e.g. 4.2)`);
  return r.value;
}

function amount(value: string, field: ImportField, currency: Currency) {
  // Spreadsheets add the currency or spaces, or write decimals with a comma: "€ 1 250,00" and
  // "1.250,00" are 1250.00; anything else that is not a plain amount is refused.
  let t = value
    .trim()
    .replace(/^(€|\$|£|¥|CHF|EUR|USD|GBP|JPY)\s*/i, '')
    .replace(/\s*(€|\$|£|¥|CHF|EUR|USD|GBP|JPY)$/i, '')
    .replace(/[\s\u00a0\u202f]/g, '');
  if (/^\d{1,3}(\.\d{3})+,\d{1,2}$/.test(t)) t = t.replace(/\./g, '').replace(',', '.');
  else if (/^\d+,\d{1,2}$/.test(t)) t = t.replace(',', '.');
  const r = parseMoney(t, currency);
  if (!r.ok)
    throw new RowProblem(
      `${FIELD_WORDS[field]} "${value}" is not an amount in ${currency} (at most ${minorDigits(currency)} decimals)`,
    );
  return r.value;
}

/** One row's values by field → the piece, or what is wrong with it in words. */
export function rowToPiece(
  get: (field: ImportField) => string,
  ctx: ImportContext,
): { ok: true; piece: Piece } | { ok: false; message: string } {
  try {
    const opt = (field: ImportField) => {
      const v = get(field).trim();
      return v === '' ? undefined : v;
    };
    const need = (field: ImportField) => {
      const v = opt(field);
      if (v === undefined) throw new RowProblem(`the ${FIELD_WORDS[field]} is missing`);
      return v;
    };
    const stoneKind = opt('stoneKind');
    const lab = opt('certificateLab');
    const certNumber = opt('certificateNumber');
    const stones = stoneKind
      ? [
          {
            kind: stoneKind,
            ...(opt('stoneShape') ? { shape: opt('stoneShape') } : {}),
            milliCarats: thousandths(need('stoneCarats'), 'stoneCarats', 'carats'),
            ...(opt('stoneColour') ? { colour: opt('stoneColour') } : {}),
            ...(opt('stoneClarity')
              ? { clarity: pick((opt('stoneClarity') ?? '').toUpperCase(), CLARITIES, 'stoneClarity') }
              : {}),
            ...(lab || certNumber
              ? {
                  certificate: {
                    lab: LABS.find((l) => l.toLowerCase() === (lab ?? '').toLowerCase()) ?? 'other',
                    number: certNumber ?? need('certificateNumber'),
                  },
                }
              : {}),
          },
        ]
      : [];
    const kindText = opt('locationKind');
    const label = opt('locationLabel');
    const location = label
      ? { kind: kindText ? pick(kindText, LOCATION_KINDS, 'locationKind') : guessKind(label), label }
      : (ctx.defaultLocation ?? { kind: 'safe' as const, label: 'Safe' });
    const candidate = {
      serial: need('serial'),
      style: need('style'),
      title: need('title'),
      category: pick(need('category'), CATEGORIES, 'category'),
      metal: pick(need('metal'), METALS, 'metal'),
      ...(opt('karat') ? { karat: wholeNumber(opt('karat') ?? '', 'karat') } : {}),
      ...(opt('fineness') ? { fineness: wholeNumber(opt('fineness') ?? '', 'fineness') } : {}),
      ...(opt('colour') ? { colour: opt('colour') } : {}),
      weightMg: thousandths(need('weightGrams'), 'weightGrams', 'grams'),
      stones,
      ...(opt('designer') ? { designer: opt('designer') } : {}),
      ...(opt('collection') ? { collection: opt('collection') } : {}),
      cost: amount(need('cost'), 'cost', ctx.currency),
      listPrice: amount(need('listPrice'), 'listPrice', ctx.currency),
      imageRefs: [],
      ...(opt('sourcing') ? { sourcing: opt('sourcing') } : {}),
      store: ctx.store,
      location,
    };
    const parsed = parsePiece(candidate);
    if (!parsed.ok) {
      const top = parsed.error.path.split(/[.[]/)[0] ?? '';
      const words = FIELD_WORDS[top] ?? (top || 'row');
      return { ok: false, message: `${words}: ${parsed.error.message}` };
    }
    return { ok: true, piece: parsed.value };
  } catch (e) {
    if (e instanceof RowProblem) return { ok: false, message: e.message };
    throw e;
  }
}

/** A place named "Safe 1" is a safe, "Tray B" a tray…; anything else a case. */
function guessKind(label: string): (typeof LOCATION_KINDS)[number] {
  const l = slug(label);
  return LOCATION_KINDS.find((k) => l.startsWith(k)) ?? (l.startsWith('vitrine') ? 'window' : 'case');
}

/**
 * Every row checked (IMPORT-1): the pieces ready to send, the rows that cannot be, each with its
 * line number in the file (the header is line 1) and the problem in words, and the serials already
 * here (skipped, IMPORT-3). A serial twice in the file is an error on its second row.
 */
export function planImport(table: CsvTable, mapping: ColumnMapping, ctx: ImportContext): ImportPlan {
  const index = new Map<ImportField, number>();
  for (const field of IMPORT_FIELDS) {
    const header = mapping[field];
    const i = header === undefined ? -1 : table.headers.indexOf(header);
    if (i >= 0) index.set(field, i);
  }
  const pieces: Piece[] = [];
  const errors: RowError[] = [];
  const alreadyHere: string[] = [];
  const firstRow = new Map<string, number>();
  for (const [i, cells] of table.rows.entries()) {
    const row = i + 2;
    const get = (field: ImportField) => {
      const at = index.get(field);
      return at === undefined ? '' : (cells[at] ?? '');
    };
    const r = rowToPiece(get, ctx);
    const rawSerial = get('serial').trim().toUpperCase();
    if (!r.ok) {
      errors.push({
        row,
        ...(rawSerial ? { serial: rawSerial } : {}),
        message: `Row ${row}: ${r.message}.`,
      });
      continue;
    }
    const serial = r.piece.serial;
    const earlier = firstRow.get(serial);
    if (earlier !== undefined) {
      errors.push({
        row,
        serial,
        message: `Row ${row}: serial ${serial} is already on row ${earlier} of this file.`,
      });
      continue;
    }
    firstRow.set(serial, row);
    const known = ctx.known?.(serial);
    if (known === 'here') {
      alreadyHere.push(serial);
      continue;
    }
    if (known === 'elsewhere') {
      errors.push({
        row,
        serial,
        message: `Row ${row}: serial ${serial} is already on record at another store.`,
      });
      continue;
    }
    pieces.push(r.piece);
  }
  return { pieces, errors, alreadyHere, rows: table.rows.length };
}

/** The `piece.import` payloads for these pieces: parts of at most MAX_IMPORT_PIECES, in order. */
export function importParts(
  importId: ImportId,
  source: string,
  pieces: readonly Piece[],
  size = MAX_IMPORT_PIECES,
): { importId: ImportId; source: string; part: number; parts: number; pieces: Piece[] }[] {
  const parts = Math.ceil(pieces.length / size);
  if (parts > MAX_IMPORT_PARTS)
    throw new Error(`at most ${MAX_IMPORT_PARTS * size} pieces in one import; split the file`);
  return Array.from({ length: parts }, (_, part) => ({
    importId,
    source,
    part,
    parts,
    pieces: pieces.slice(part * size, (part + 1) * size),
  }));
}

/** The file named for the record: its name and the start of its SHA-256 (Web Crypto, browser and Node). */
export async function describeSource(name: string, text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${name.slice(0, 120)} · sha256 ${hex.slice(0, 16)}`;
}
