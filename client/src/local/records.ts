/**
 * What the screens show, read leniently from the documents. The seed and the domain's
 * record shapes are still settling (metal as `'yellow-gold'` + karat, or as
 * `{kind, fineness, colour}`), so every read of a catalog, stock or client record goes
 * through here and nowhere else: one file to change when a shape changes.
 */
import { isPlainObject } from '../../../domain/parse.ts';
import { type Purity, purityOf } from '../../../domain/piece.ts';
import type { StaffMember } from '../../../domain/staff.ts';
import type { Store } from '../../../domain/store.ts';
import { decimalText, thousandthsFromFloat } from '../../../domain/units.ts';
import { readStaffValue, readStoreValue } from '../../../sync/shared/docs/org.ts';
import type { CommandEnvelope } from '../../../sync/shared/local-types.ts';

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
};

export type StockView = {
  status: string;
  location: string;
  reservedFor: string | null;
  /** When the reservation stops holding the piece (SALE-4), when the stock document says. */
  reservedUntil?: string;
  updatedAt: string;
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

function readCertificate(v: unknown): Certificate | undefined {
  if (!isPlainObject(v) || !str(v.number)) return undefined;
  return { lab: str(v.lab) || 'lab', number: str(v.number) };
}

function metalOf(v: Record<string, unknown>): { metal: string; karat: string; purity?: Purity } {
  const m = v.metal;
  const metal = isPlainObject(m)
    ? [str(m.colour), str(m.kind)].filter(Boolean).join(' ')
    : str(m).replaceAll('-', ' ');
  const fineness = isPlainObject(m) ? (m.fineness ?? v.fineness) : v.fineness;
  const karat = isPlainObject(m) ? (m.karat ?? v.karat) : v.karat;
  const purity = purityOf(metal, karat, fineness);
  return { metal, karat: purity?.label ?? '', ...(purity ? { purity } : {}) };
}

/** A weight in thousandths: the integer field, or an old record's float (rounded once). */
function thousandths(v: Record<string, unknown>, field: string, legacy: string): number {
  const n = v[field];
  if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return n;
  const old = v[legacy];
  return typeof old === 'number' && Number.isFinite(old) && old >= 0 ? thousandthsFromFloat(old) : 0;
}

export function readPiece(v: unknown, key: string): PieceView | undefined {
  if (!isPlainObject(v)) return undefined;
  const price = readAmount(v.listPrice) ?? readAmount(v.price);
  if (!price) return undefined;
  const stones: StoneView[] = (Array.isArray(v.stones) ? v.stones : []).filter(isPlainObject).map((s) => {
    const certificate = readCertificate(s.certificate);
    const detail = [str(s.shape), str(s.cut), str(s.colour), str(s.clarity)].filter(Boolean).join(' · ');
    const milliCarats = thousandths(s, 'milliCarats', 'carat');
    return {
      kind: str(s.kind) || 'stone',
      milliCarats,
      carat: decimalText(milliCarats),
      detail,
      ...(certificate ? { certificate } : {}),
    };
  });
  const own = (Array.isArray(v.certificates) ? v.certificates : []).map(readCertificate);
  const certificates = [...stones.map((s) => s.certificate), ...own].filter((c): c is Certificate => !!c);
  const location = isPlainObject(v.location) ? str(v.location.label) : str(v.location);
  return {
    serial: str(v.serial) || key,
    title: str(v.title) || str(v.style) || key,
    category: str(v.category),
    designer: str(v.designer),
    collection: str(v.collection),
    ...metalOf(v),
    weightMg: thousandths(v, 'weightMg', 'weightGrams'),
    stones,
    certificates,
    price,
    store: str(v.store),
    location,
  };
}

export function readStock(v: unknown): StockView | undefined {
  if (!isPlainObject(v) || typeof v.status !== 'string') return undefined;
  const location = isPlainObject(v.location) ? str(v.location.label) : str(v.location);
  return {
    status: v.status,
    location,
    reservedFor: typeof v.reservedFor === 'string' ? v.reservedFor : null,
    ...(typeof v.reservedUntil === 'string' ? { reservedUntil: v.reservedUntil } : {}),
    updatedAt: str(v.updatedAt),
  };
}

export function readClient(v: unknown, key: string): ClientView | undefined {
  if (!isPlainObject(v)) return undefined;
  // Domain ClientProfile: `names.display`, `contacts.emails/phones`, `ringSizes[]`; older: `name`, `email`.
  const n = isPlainObject(v.names) ? v.names : v.name;
  const name = isPlainObject(n)
    ? str(n.display) || [str(n.first), str(n.last)].filter(Boolean).join(' ')
    : str(n);
  if (!name) return undefined;
  const contacts = isPlainObject(v.contacts) ? v.contacts : {};
  const first = (list: unknown): string => (Array.isArray(list) ? str(list[0]) : '');
  const sizes = Array.isArray(v.ringSizes) ? v.ringSizes.filter(isPlainObject) : [];
  const ring = sizes[0]
    ? `${str(sizes[0].size)} ${str(sizes[0].system)}`.trim()
    : isPlainObject(v.sizes)
      ? str(v.sizes.ring)
      : '';
  return {
    id: str(v.id) || key,
    name,
    email: first(contacts.emails) || str(v.email),
    phone: first(contacts.phones) || str(v.phone),
    ringSize: ring,
    notes: str(v.notes),
  };
}

/**
 * Stores in `org` (`stores` map), as the relay projects them from SQL: the domain's `Store`
 * (tax as `{basisPoints, inclusive}`, an IANA time zone, address lines), parsed by the document's
 * schema module; a record that does not parse is left out.
 */
export type StoreView = Store;
export const readStore = (v: unknown, key: string): StoreView | undefined => readStoreValue(v, key);

export type Outcome = { status: 'accepted' | 'rejected'; code?: string; reason?: string; decidedAt: string };
export function readOutcome(v: unknown): Outcome | undefined {
  if (!isPlainObject(v) || (v.status !== 'accepted' && v.status !== 'rejected')) return undefined;
  return {
    status: v.status,
    ...(typeof v.code === 'string' ? { code: v.code } : {}),
    ...(typeof v.reason === 'string' ? { reason: v.reason } : {}),
    decidedAt: str(v.decidedAt),
  };
}

/** The outbox envelope, as the shared document layer declares it (proofs included). */
export type Command = CommandEnvelope;
export function readCommand(v: unknown): Command | undefined {
  if (!isPlainObject(v) || typeof v.id !== 'string' || typeof v.type !== 'string') return undefined;
  return {
    id: v.id,
    type: v.type,
    store: str(v.store),
    device: str(v.device),
    user: str(v.user),
    at: str(v.at),
    payload: v.payload,
    ...(isPlainObject(v.approval) && typeof v.approval.by === 'string'
      ? { approval: { by: v.approval.by, at: str(v.approval.at), sig: str(v.approval.sig) } }
      : {}),
  };
}

/** The public staff list in `org` (`staff` map): the domain's `StaffMember`, never a secret. */
export type StaffView = StaffMember;
export const readStaff = (v: unknown, key: string): StaffView | undefined => readStaffValue(v, key);

/** A decided command as the validator publishes it in `ledger/<store>/<month>` `entries`. */
export type LedgerEntry = Command & {
  status: 'accepted' | 'rejected';
  code?: string;
  reason?: string;
  context: Record<string, unknown>;
  decidedAt: string;
  resolution?: { resolution: string; note: string; by: string; at: string };
};
export function readLedgerEntry(v: unknown): LedgerEntry | undefined {
  const command = readCommand(v);
  const outcome = readOutcome(v);
  if (!command || !outcome || !isPlainObject(v)) return undefined;
  const r = v.resolution;
  return {
    ...command,
    ...outcome,
    context: isPlainObject(v.context) ? v.context : {},
    ...(isPlainObject(r)
      ? { resolution: { resolution: str(r.resolution), note: str(r.note), by: str(r.by), at: str(r.at) } }
      : {}),
  };
}
