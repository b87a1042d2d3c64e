/**
 * Document names. Documents are partitioned by who may write them and by store, so the
 * relay can grant or refuse a whole document per connection (see DESIGN.md, DOC-*).
 */
import type { DeviceId, StoreId } from '../../domain/ids.ts';
import { isUuid } from '../../domain/ids.ts';
import { err, ok, type Result } from '../../domain/result.ts';

export type DocName =
  | { kind: 'org' }
  | { kind: 'catalog'; store: StoreId }
  | { kind: 'clients'; store: StoreId }
  | { kind: 'work'; store: StoreId }
  | { kind: 'stock'; store: StoreId }
  | { kind: 'ledger'; store: StoreId; month: string }
  | { kind: 'finance'; store: StoreId }
  | { kind: 'outbox'; device: DeviceId }
  | { kind: 'audit'; store: StoreId }
  | { kind: 'money'; store: StoreId }
  /** A store's figures (REPORT-*): managers of the store and owners. */
  | { kind: 'report'; store: StoreId }
  /** Every store's figures and the consolidation's rates: owners only. */
  | { kind: 'chain-report' };

export type DocKind = DocName['kind'];

/**
 * Written only by the relay (validator, seed, audit): every client connection is read-only.
 * `catalog/<store>` is a projection of the SQL `pieces` table (docs/decisions/0005), `org` of the
 * SQL `stores` and `users` tables (docs/decisions/0006).
 */
export const RELAY_OWNED: ReadonlySet<DocKind> = new Set([
  'org',
  'catalog',
  'stock',
  'ledger',
  'finance',
  'audit',
  'money',
  'report',
  'chain-report',
]);
/** Edited live by people; every change is attributed in `audit/<store>`. */
export const COLLABORATIVE: ReadonlySet<DocKind> = new Set(['clients', 'work']);

export type DocNameError = { code: 'invalid-document-name'; name: string; message: string };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const STORE_KINDS = new Set(['catalog', 'clients', 'work', 'stock', 'finance', 'audit', 'money', 'report']);
/** The organisation's report document (DOC-11): one per relay database, so a fixed name. */
export const CHAIN_REPORT_DOC = 'report/chain';

export function parseDocName(name: unknown): Result<DocName, DocNameError> {
  const bad = (message: string) =>
    err<DocNameError>({ code: 'invalid-document-name', name: String(name), message });
  if (typeof name !== 'string' || name.length > 200) return bad('expected a document name');
  const parts = name.split('/');
  const [kind, a, b] = parts;
  if (parts.length === 1) {
    if (kind === 'org') return ok({ kind });
    return bad(`unknown document "${name}"`);
  }
  if (name === CHAIN_REPORT_DOC) return ok({ kind: 'chain-report' });
  if (a === undefined || !isUuid(a)) return bad(`"${name}" must name a store or device by UUID`);
  if (parts.length === 2 && kind !== undefined && STORE_KINDS.has(kind)) {
    return ok({
      kind: kind as 'catalog' | 'clients' | 'work' | 'stock' | 'finance' | 'audit' | 'money' | 'report',
      store: a as StoreId,
    });
  }
  if (parts.length === 2 && kind === 'outbox') return ok({ kind, device: a as DeviceId });
  if (parts.length === 3 && kind === 'ledger') {
    if (b === undefined || !MONTH.test(b)) return bad(`"${name}": ledger month must be yyyy-mm`);
    return ok({ kind, store: a as StoreId, month: b });
  }
  return bad(`unknown document "${name}"`);
}

export function docName(doc: DocName): string {
  switch (doc.kind) {
    case 'org':
      return doc.kind;
    case 'catalog':
    case 'clients':
    case 'work':
    case 'stock':
    case 'finance':
    case 'audit':
    case 'money':
    case 'report':
      return `${doc.kind}/${doc.store}`;
    case 'chain-report':
      return CHAIN_REPORT_DOC;
    case 'ledger':
      return `ledger/${doc.store}/${doc.month}`;
    case 'outbox':
      return `outbox/${doc.device}`;
  }
}

/** Shorthands for the common names. */
export const names = {
  /** Stores and the public staff list, written by the relay from SQL (DOC-7). */
  org: 'org',
  /** The store's pieces without cost, written by the relay from SQL (DOC-4). */
  catalog: (store: string) => `catalog/${store}`,
  clients: (store: string) => `clients/${store}`,
  work: (store: string) => `work/${store}`,
  stock: (store: string) => `stock/${store}`,
  finance: (store: string) => `finance/${store}`,
  audit: (store: string) => `audit/${store}`,
  /** Balances held for clients (orders, layaways, gift cards, store credit), from SQL (MONEY-13). */
  money: (store: string) => `money/${store}`,
  outbox: (device: string) => `outbox/${device}`,
  /** A store's figures, written by the relay from the SQL rollups (DOC-11). */
  report: (store: string) => `report/${store}`,
  chainReport: CHAIN_REPORT_DOC,
  /** The ledger month is that of the command's `at` (UTC). */
  ledger: (store: string, at: string | Date) => {
    const iso = typeof at === 'string' ? at : at.toISOString();
    return `ledger/${store}/${iso.slice(0, 7)}`;
  },
} as const;

export const storeOf = (doc: DocName): StoreId | undefined => ('store' in doc ? doc.store : undefined);

export const isRelayOwned = (name: string): boolean => {
  const parsed = parseDocName(name);
  return parsed.ok && RELAY_OWNED.has(parsed.value.kind);
};
