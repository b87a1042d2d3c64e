/**
 * What the screens show, derived from the records the schema modules (`sync/shared/docs/`) parse
 * with the domain's parsers. Record shapes are declared there and in `domain/`, never here: this
 * file only turns a parsed record into what a screen displays (a piece's metal as words, a
 * client's first e-mail), and re-exports the few record types the screens name.
 */
import { isPlainObject } from '../../../domain/parse.ts';
import type { CatalogPiece, Certificate as DomainCertificate, Purity } from '../../../domain/piece.ts';
import { purityOf } from '../../../domain/piece.ts';
import type { StaffMember } from '../../../domain/staff.ts';
import type { Store } from '../../../domain/store.ts';
import { decimalText } from '../../../domain/units.ts';
import { parseCatalogRecord } from '../../../sync/shared/docs/catalog.ts';
import { type ClientRecord, parseClientRecord } from '../../../sync/shared/docs/clients.ts';
import { type LedgerEntry, parseLedgerEntry } from '../../../sync/shared/docs/ledger.ts';
import { readStaffValue, readStoreValue } from '../../../sync/shared/docs/org.ts';
import { type CommandEnvelope, parseEnvelope } from '../../../sync/shared/docs/outbox.ts';
import { type Outcome, parseOutcome } from '../../../sync/shared/docs/outcome.ts';
import { parseStockEntry, type StockEntry } from '../../../sync/shared/docs/stock.ts';

export type { LedgerEntry, Outcome };
/** The outbox envelope (`sync/shared/docs/outbox.ts`). */
export type Command = CommandEnvelope;
/** A piece's stock status as the relay publishes it (`sync/shared/docs/stock.ts`). */
export type StockView = StockEntry;

export const readOutcome = (v: unknown): Outcome | undefined => parseOutcome(v);
export const readCommand = (v: unknown): Command | undefined => parseEnvelope(v);
export const readLedgerEntry = (v: unknown): LedgerEntry | undefined => parseLedgerEntry(v);
export const readStock = (v: unknown): StockView | undefined => parseStockEntry(v);

export type Amount = { minor: number; currency: string };
export type Certificate = { lab: string; number: string };
export type StoneView = {
  kind: string;
  /** Thousandths of a carat, exact (UNIT-1). */
  milliCarats: number;
  /** The exact decimal, e.g. `1.43` (format with `formatCarats` for the locale). */
  carat: string;
  detail: string;
  certificate?: Certificate;
};

/** How pure the metal is, in the scale its trade uses (PIECE-5, `domain/piece.ts`). */
export type { Purity };

export type PieceView = {
  serial: string;
  /** The design the piece is one of (its style code, e.g. `RG-SOL-01`). */
  style: string;
  title: string;
  category: string;
  designer: string;
  collection: string;
  /** e.g. `yellow gold` */
  metal: string;
  /** The purity's label in its metal's scale (`18k`, `950 ‰`) or ''; see `purity`. */
  karat: string;
  purity?: Purity;
  /** Metal weight in milligrams, exact (UNIT-1). */
  weightMg: number;
  stones: StoneView[];
  certificates: Certificate[];
  price: Amount;
  store: string;
  location: string;
  /** The kind of place (`case`, `safe`, `tray`…), LOCATION-1. */
  locationKind?: string;
  /** Photos and certificates: SHA-256 names of the relay's attachments (ATTACH-*). */
  imageRefs?: string[];
};

export type ClientView = {
  id: string;
  name: string;
  email: string;
  phone: string;
  ringSize: string;
  notes: string;
};

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export function readAmount(v: unknown): Amount | undefined {
  if (!isPlainObject(v) || typeof v.minor !== 'number' || !Number.isSafeInteger(v.minor)) return undefined;
  return { minor: v.minor, currency: str(v.currency) || 'EUR' };
}

const certificateView = (c: DomainCertificate): Certificate => ({ lab: c.lab, number: c.number });

/** What the screens show of a catalog record (`catalog/<store>`, parsed by the domain). */
export function pieceView(p: CatalogPiece): PieceView {
  const stones: StoneView[] = p.stones.map((s) => ({
    kind: s.kind,
    milliCarats: s.milliCarats,
    carat: decimalText(s.milliCarats),
    detail: [s.shape, s.cut, s.colour, s.clarity].filter(Boolean).join(' · '),
    ...(s.certificate ? { certificate: certificateView(s.certificate) } : {}),
  }));
  const metal = p.colour ? `${p.colour} ${p.metal}` : p.metal.replaceAll('-', ' ');
  const purity = purityOf(p.metal, p.karat, p.fineness);
  return {
    serial: p.serial,
    style: p.style,
    title: p.title,
    category: p.category,
    designer: p.designer ?? '',
    collection: p.collection ?? '',
    metal,
    karat: purity?.label ?? '',
    ...(purity ? { purity } : {}),
    weightMg: p.weightMg,
    stones,
    certificates: stones.flatMap((s) => (s.certificate ? [s.certificate] : [])),
    price: { minor: p.listPrice.minor, currency: p.listPrice.currency },
    store: p.store,
    location: p.location.label,
    locationKind: p.location.kind,
    imageRefs: [...p.imageRefs],
  };
}

/** A catalog record as the screens show it; a record the domain does not accept is not shown. */
export function readPiece(v: unknown, _key?: string): PieceView | undefined {
  const piece = parseCatalogRecord(v);
  return piece ? pieceView(piece) : undefined;
}

/** What the screens show of a client profile (`clients/<store>`, parsed by the domain). */
export function clientView(c: ClientRecord): ClientView {
  const ring = c.ringSizes[0];
  return {
    id: c.id,
    name: c.names.display || [c.names.first, c.names.last].filter(Boolean).join(' '),
    email: c.contacts.emails[0] ?? '',
    phone: c.contacts.phones[0] ?? '',
    ringSize: ring ? `${ring.size} ${ring.system}`.trim() : '',
    notes: c.notes,
  };
}

export function readClient(v: unknown, _key?: string): ClientView | undefined {
  const client = parseClientRecord(v);
  return client ? clientView(client) : undefined;
}

/**
 * Stores in `org` (`stores` map), as the relay projects them from SQL: the domain's `Store`
 * (tax as `{basisPoints, inclusive}`, an IANA time zone, address lines), parsed by the document's
 * schema module; a record that does not parse is left out.
 */
export type StoreView = Store;
export const readStore = (v: unknown, key: string): StoreView | undefined => readStoreValue(v, key);

/** The public staff list in `org` (`staff` map): the domain's `StaffMember`, never a secret. */
export type StaffView = StaffMember;
export const readStaff = (v: unknown, key: string): StaffView | undefined => readStaffValue(v, key);
