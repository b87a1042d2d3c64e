/**
 * `org`: the organisation's stores and public staff list as SQL holds them (DOC-4, DOC-7). SQL
 * (`stores`, `users`) is the source; the relay alone writes the document — the seed, the
 * validator's projector after every accepted store or staff command, a rebuild on demand
 * (`npm run rebuild-documents`). No secret reaches it: no password or PIN hash, no key.
 * Every write compares with what the document holds, so rebuilding twice changes nothing.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { ADJUSTABLE_ROLES, type CapabilitySettings } from '../../domain/capabilities.ts';
import type { ExchangeRate } from '../../domain/exchange.ts';
import type { StaffMember } from '../../domain/staff.ts';
import type { Store } from '../../domain/store.ts';
import type { TierThresholds } from '../../domain/tiers.ts';
import {
  ORG_DOC,
  rateKey,
  ratesMap,
  readStaffValue,
  readStoreValue,
  readTierValue,
  removeOrgRecord,
  staffMap,
  storesMap,
  tiersMap,
  writeRate,
  writeRoleSettings,
  writeStaffMember,
  writeStore,
  writeTiers,
} from '../shared/docs/org.ts';
import { capabilitySettingsOf, exchangeRatesOf, hasBackoffice } from './backoffice-source.ts';
import { writeRelayDoc } from './relay-writes.ts';

type StoreRow = {
  id: string;
  name: string;
  currency: string;
  time_zone: string;
  tax_rate_bp: number;
  tax_inclusive: number;
  address: string;
  phone: string | null;
  tax_categories?: string;
  receipt_footer?: string;
  reminder_lead_days?: number | null;
};
type StaffRow = { id: string; name: string; login: string; role: string; stores: string; disabled: number };

const STORE_COLUMNS = 'id, name, currency, time_zone, tax_rate_bp, tax_inclusive, address, phone';
// TAXCAT-1, FOOTER-1: validator-020's columns, read where the validator's migrations ran.
const STORE_EXTRA_COLUMNS = ', tax_categories, receipt_footer';
// DUEMAIL-5: validator-022's column (NULL: the relay's default lead time).
const STORE_REMINDER_COLUMN = ', reminder_lead_days';
// Never password_hash or pin_hash: the projection cannot leak what it does not read.
const STAFF_COLUMNS = 'id, name, login, role, stores, disabled';

const json = (text: string, fallback: unknown): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
};

const footerOf = (row: StoreRow): unknown[] => {
  const lines = json(row.receipt_footer ?? '[]', []);
  return Array.isArray(lines) ? lines : [];
};

/** A store's record from its SQL row, parsed as the document's readers parse it. */
export function storeRecord(row: StoreRow): Store | undefined {
  return readStoreValue({
    id: row.id,
    name: row.name,
    currency: row.currency,
    tax: {
      basisPoints: Number(row.tax_rate_bp),
      inclusive: Number(row.tax_inclusive) === 1,
      byCategory: json(row.tax_categories ?? '[]', []),
    },
    timeZone: row.time_zone,
    address: json(row.address, []),
    ...(row.phone ? { phone: row.phone } : {}),
    ...(footerOf(row).length > 0 ? { receiptFooter: footerOf(row) } : {}),
    ...(row.reminder_lead_days != null ? { reminderLeadDays: Number(row.reminder_lead_days) } : {}),
  });
}

/** A member of staff's public record from their SQL row. */
export function staffRecord(row: StaffRow): StaffMember | undefined {
  return readStaffValue({
    id: row.id,
    name: row.name,
    login: row.login,
    role: row.role,
    stores: json(row.stores, []),
    active: Number(row.disabled) === 0,
  });
}

type TierRow = { currency: string; loyal_minor: number; vip_minor: number };

/** One currency's thresholds from its SQL row. */
export function tierRecord(row: TierRow): TierThresholds | undefined {
  return readTierValue(
    {
      loyal: { minor: Number(row.loyal_minor), currency: row.currency },
      vip: { minor: Number(row.vip_minor), currency: row.currency },
    },
    row.currency,
  );
}

/** Reads `org`'s records from SQL. */
export class OrgSource {
  readonly #store: StatementSync;
  readonly #stores: StatementSync;
  readonly #member: StatementSync;
  readonly #staff: StatementSync;
  readonly #db: DatabaseSync;
  // Undefined on a relay without the validator's tables (no `tiers.set` is ever decided there).
  readonly #tier: StatementSync | undefined;
  readonly #tiers: StatementSync | undefined;

  constructor(db: DatabaseSync) {
    this.#db = db;
    const tierSql = 'SELECT currency, loyal_minor, vip_minor FROM tier_thresholds';
    const hasTiers = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tier_thresholds'")
      .get();
    this.#tier = hasTiers ? db.prepare(`${tierSql} WHERE currency = ?`) : undefined;
    this.#tiers = hasTiers ? db.prepare(`${tierSql} ORDER BY currency`) : undefined;
    const columns = new Set(
      (db.prepare('SELECT name FROM pragma_table_info(?)').all('stores') as { name: string }[]).map(
        (c) => c.name,
      ),
    );
    const extra =
      (columns.has('receipt_footer') ? STORE_EXTRA_COLUMNS : '') +
      (columns.has('reminder_lead_days') ? STORE_REMINDER_COLUMN : '');
    this.#store = db.prepare(`SELECT ${STORE_COLUMNS}${extra} FROM stores WHERE id = ?`);
    this.#stores = db.prepare(`SELECT ${STORE_COLUMNS}${extra} FROM stores ORDER BY id`);
    this.#member = db.prepare(`SELECT ${STAFF_COLUMNS} FROM users WHERE id = ?`);
    this.#staff = db.prepare(`SELECT ${STAFF_COLUMNS} FROM users ORDER BY id`);
  }

  store(id: string): Store | undefined {
    const row = this.#store.get(id) as StoreRow | undefined;
    return row ? storeRecord(row) : undefined;
  }

  member(id: string): StaffMember | undefined {
    const row = this.#member.get(id) as StaffRow | undefined;
    return row ? staffRecord(row) : undefined;
  }

  /** One currency's tier thresholds (TIER-5), when an owner set them. */
  tier(currency: string): TierThresholds | undefined {
    const row = this.#tier?.get(currency) as TierRow | undefined;
    return row ? tierRecord(row) : undefined;
  }

  /** What `org` must hold: every store, member of staff and tier threshold SQL has (rows that fail to parse are left out). */
  all(): {
    stores: Map<string, Store>;
    staff: Map<string, StaffMember>;
    tiers: Map<string, TierThresholds>;
    capabilities?: CapabilitySettings | undefined;
    rates?: readonly ExchangeRate[];
  } {
    const stores = new Map<string, Store>();
    for (const row of this.#stores.all() as StoreRow[]) {
      const s = storeRecord(row);
      if (s) stores.set(s.id, s);
      else console.warn(`org: store ${row.id} in SQL does not parse; left out of org`);
    }
    const staff = new Map<string, StaffMember>();
    for (const row of this.#staff.all() as StaffRow[]) {
      const m = staffRecord(row);
      if (m) staff.set(m.id, m);
      else console.warn(`org: user ${row.id} in SQL does not parse; left out of org`);
    }
    const tiers = new Map<string, TierThresholds>();
    for (const row of (this.#tiers?.all() ?? []) as TierRow[]) {
      const t = tierRecord(row);
      if (t) tiers.set(row.currency, t);
    }
    if (!hasBackoffice(this.#db)) return { stores, staff, tiers };
    return {
      stores,
      staff,
      tiers,
      capabilities: capabilitySettingsOf(this.#db),
      rates: exchangeRatesOf(this.#db),
    };
  }
}

/** Makes the document hold exactly `want`; returns how many records changed. */
export function syncOrg(doc: Y.Doc, want: ReturnType<OrgSource['all']>): number {
  let changes = 0;
  doc.transact(() => {
    for (const key of [...storesMap(doc).keys()])
      if (!want.stores.has(key) && removeOrgRecord(doc, 'stores', key)) changes++;
    for (const key of [...staffMap(doc).keys()])
      if (!want.staff.has(key) && removeOrgRecord(doc, 'staff', key)) changes++;
    for (const key of [...tiersMap(doc).keys()])
      if (!want.tiers.has(key) && removeOrgRecord(doc, 'tiers', key)) changes++;
    for (const s of want.stores.values()) if (writeStore(doc, s)) changes++;
    for (const t of want.tiers.values()) if (writeTiers(doc, t)) changes++;
    for (const m of want.staff.values()) if (writeStaffMember(doc, m)) changes++;
    // CAP-*, RATE-*: the owner's settings and the rates, when the source knows them.
    if ('capabilities' in want)
      for (const role of ADJUSTABLE_ROLES)
        if (writeRoleSettings(doc, role, want.capabilities?.[role])) changes++;
    if (want.rates) {
      const keep = new Set(want.rates.map(rateKey));
      for (const key of [...ratesMap(doc).keys()])
        if (!keep.has(key)) {
          ratesMap(doc).delete(key);
          changes++;
        }
      for (const r of want.rates) if (writeRate(doc, r)) changes++;
    }
  });
  return changes;
}

/** Rewrites `org` from SQL; returns how many records changed. */
export async function rebuildOrg(
  db: DatabaseSync,
  hocuspocus: Hocuspocus,
  origin = 'org-rebuild',
): Promise<number> {
  const want = new OrgSource(db).all();
  let changes = 0;
  await writeRelayDoc(hocuspocus, ORG_DOC, origin, (doc) => {
    changes = syncOrg(doc, want);
  });
  return changes;
}
