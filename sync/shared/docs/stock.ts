/**
 * `stock/<store>` — the authoritative status of each piece (DOC-*), written by the relay only as a
 * YKeyValue-style array of `{key, val}` (the rightmost entry for a key wins).
 */
import { YKeyValue } from 'y-utility/y-keyvalue';
import type * as Y from 'yjs';
import { isPlainObject } from '../../../domain/parse.ts';
import { PIECE_STATUSES, type PieceStatus } from '../../../domain/piece-status.ts';
import { names } from '../doc-names.ts';

export type { PieceStatus };

/** Authoritative status of a piece. */
export type StockEntry = {
  status: PieceStatus;
  /** The location label, e.g. `case-2`, `safe`. */
  location: string;
  reservedFor: string | null;
  /** When a reservation stops holding the piece (domain SALE-4, SALE-12); absent when it does not expire. */
  reservedUntil?: string | null;
  updatedAt: string;
  /**
   * TRANSIT-2: in the sender's stock only, while the piece is on its way: the store it was sent
   * to (its status is then `in-transit`). The destination's own entry has no such field.
   */
  transitTo?: string;
  /**
   * TRANSIT-4: in the destination's stock only, while the piece is on its way: the store that sent
   * it (its status is then `in-transit`).
   */
  transitFrom?: string;
};
export type StockItem = { key: string; val: StockEntry };

export const stockDoc = {
  kind: 'stock',
  name: names.stock,
  writer: 'relay',
  roots: { stock: 'stock', jobs: 'jobs' },
} as const;

export const stockArray = (doc: Y.Doc): Y.Array<StockItem> => doc.getArray<StockItem>(stockDoc.roots.stock);

const STATUSES: readonly string[] = PIECE_STATUSES;

/** A stock entry read from the document, or undefined when it is not one. */
export function parseStockEntry(v: unknown): StockEntry | undefined {
  if (!isPlainObject(v) || typeof v.status !== 'string' || !STATUSES.includes(v.status)) return undefined;
  const location = isPlainObject(v.location) ? v.location.label : v.location;
  return {
    status: v.status as PieceStatus,
    location: typeof location === 'string' ? location : '',
    reservedFor: typeof v.reservedFor === 'string' ? v.reservedFor : null,
    ...(typeof v.reservedUntil === 'string' ? { reservedUntil: v.reservedUntil } : {}),
    updatedAt: typeof v.updatedAt === 'string' ? v.updatedAt : '',
    ...(typeof v.transitTo === 'string' && v.transitTo ? { transitTo: v.transitTo } : {}),
    ...(typeof v.transitFrom === 'string' && v.transitFrom ? { transitFrom: v.transitFrom } : {}),
  };
}

/**
 * Reads stock without instantiating y-utility's YKeyValue, whose constructor deletes
 * duplicates (a write) — clients must never write into `stock/*`.
 */
export function readStock(doc: Y.Doc): Map<string, StockEntry> {
  const out = new Map<string, StockEntry>();
  for (const item of stockArray(doc).toArray()) {
    const entry = parseStockEntry(item?.val);
    if (entry) out.set(item.key, entry);
  }
  return out;
}

export const readStockEntry = (doc: Y.Doc, serial: string): StockEntry | undefined => {
  const arr = stockArray(doc).toArray();
  for (let i = arr.length - 1; i >= 0; i--) if (arr[i]?.key === serial) return parseStockEntry(arr[i]?.val);
  return undefined;
};

// Relay only below: devices read stock through a read-only mirror (guard.ts).

// YKeyValue observes its array; one instance per document avoids stacking observers.
const kvCache = new WeakMap<Y.Doc, YKeyValue<StockEntry>>();

/** Stock through YKeyValue: rewriting a status replaces the entry instead of growing the document. */
export function stockKeyValue(doc: Y.Doc): YKeyValue<StockEntry> {
  let kv = kvCache.get(doc);
  if (!kv) {
    kv = new YKeyValue<StockEntry>(stockArray(doc));
    kvCache.set(doc, kv);
  }
  return kv;
}

/** Relay only. */
export function writeStock(doc: Y.Doc, entries: Iterable<[string, StockEntry]>): void {
  const kv = stockKeyValue(doc);
  doc.transact(() => {
    for (const [serial, entry] of entries) kv.set(serial, entry);
  });
}

// ---------------------------------------------------------------------------------------------
// Jobs: custom orders and repairs as the relay decided them (WORK-7), root `jobs`.

/** One stage move, attributed and timed (WORK-3). */
export type JobMove = {
  stage: string;
  from: string;
  at: string;
  user: string;
  userName: string;
  /** REPAIR-4: `{bench}` or `{workshop, sentOn, returnedOn?}`. */
  place?: { bench?: string; workshop?: string; sentOn?: string; returnedOn?: string };
  /** WORK-10: handed over with this much owed, on this manager's approval. */
  override?: { by: string; owedMinor: number };
  note?: string;
};

/** A custom order or repair as SQL holds it: stage, due date, claim check and balance. */
export type JobState = {
  orderId: string;
  kind: 'custom' | 'repair';
  clientId: string;
  description: string;
  stage: string;
  dueDate: string | null;
  claimCheck: string | null;
  currency: string;
  totalMinor: number;
  /** Paid net of refunds. */
  paidMinor: number;
  /** total − paid: what is still owed (never negative, DEP-1). */
  balanceMinor: number;
  openedAt: string | null;
  moves: JobMove[];
};

export const stockJobs = (doc: Y.Doc): Y.Map<JobState> => doc.getMap<JobState>(stockDoc.roots.jobs);

/** A job read from the document, or undefined when it is not one. */
export function parseJobState(v: unknown): JobState | undefined {
  if (!isPlainObject(v)) return undefined;
  const num = (x: unknown) => (typeof x === 'number' && Number.isSafeInteger(x) ? x : undefined);
  const str = (x: unknown) => (typeof x === 'string' ? x : undefined);
  const kind = v.kind === 'repair' ? 'repair' : v.kind === 'custom' ? 'custom' : undefined;
  const orderId = str(v.orderId);
  const stage = str(v.stage);
  const total = num(v.totalMinor);
  const paid = num(v.paidMinor);
  if (!kind || !orderId || !stage || total === undefined || paid === undefined) return undefined;
  return {
    orderId,
    kind,
    clientId: str(v.clientId) ?? '',
    description: str(v.description) ?? '',
    stage,
    dueDate: str(v.dueDate) ?? null,
    claimCheck: str(v.claimCheck) ?? null,
    currency: str(v.currency) ?? '',
    totalMinor: total,
    paidMinor: paid,
    balanceMinor: Math.max(0, total - paid),
    openedAt: str(v.openedAt) ?? null,
    moves: Array.isArray(v.moves) ? (v.moves.filter(isPlainObject) as JobMove[]) : [],
  };
}

/** Every job of the store that parses, by order id. */
export function readJobs(doc: Y.Doc): Map<string, JobState> {
  const out = new Map<string, JobState>();
  for (const [id, v] of stockJobs(doc).entries()) {
    const j = parseJobState(v);
    if (j) out.set(id, j);
  }
  return out;
}
