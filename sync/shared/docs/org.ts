/**
 * The `org` document (DOC-4, DOC-7): the organisation's stores and its public staff list, a
 * projection of the relay's SQL `stores` and `users` tables written by the relay only
 * (`sync/server/org-projection.ts`). It holds no secret: no password or PIN hash, no key.
 *
 * Readers parse with the domain's parsers (`parseStore`, `parseStaffMember`) and skip what does
 * not parse, reporting it; writers are for the relay (a device's copy is a read-only mirror).
 */
import type * as Y from 'yjs';
import {
  ADJUSTABLE_ROLES,
  type AdjustableRole,
  type CapabilitySettings,
  parseRoleSettings,
  type RoleSettings,
} from '../../../domain/capabilities.ts';
import { type ExchangeRate, parseExchangeRate } from '../../../domain/exchange.ts';
import type { StoreId, UserId } from '../../../domain/ids.ts';
import type { Currency } from '../../../domain/money.ts';
import type { ParseError } from '../../../domain/parse.ts';
import { parseStaffMember, type StaffMember } from '../../../domain/staff.ts';
import { parseStore, type Store } from '../../../domain/store.ts';
import { parseTierThresholds, type TierThresholds } from '../../../domain/tiers.ts';

export const ORG_DOC = 'org';
/** Root type names: both Y.Maps keyed by id. Part of the public document contract. */
export const ORG_ROOTS = {
  stores: 'stores',
  staff: 'staff',
  /** CAP-*: role → the owner's settings; a role absent keeps the default matrix. */
  capabilities: 'capabilities',
  /** RATE-*: `FROM>TO@YYYY-MM-DD` → a dated exchange rate. */
  rates: 'rates',
  /** TIER-5: by currency, each `{loyal, vip}` money. */
  tiers: 'tiers',
} as const;

/** The schema descriptor, like the other documents' (DOC-8). */
export const orgDoc = { kind: 'org', name: ORG_DOC, writer: 'relay', roots: ORG_ROOTS } as const;

export type OrgStore = Store;
export type OrgStaffMember = StaffMember;

/** A record a reader skipped: which root, which key, and why. */
export type InvalidRecord = { readonly root: string; readonly key: string; readonly error: ParseError };
export type OnInvalid = (problem: InvalidRecord) => void;

export const storesMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(ORG_ROOTS.stores);
export const staffMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(ORG_ROOTS.staff);

/** One store record as the document holds it, parsed; undefined when it does not parse. */
export function readStoreValue(value: unknown, key?: string, onInvalid?: OnInvalid): Store | undefined {
  const parsed = parseStore(value, key ? `stores.${key}` : 'store');
  if (parsed.ok) return parsed.value;
  onInvalid?.({ root: ORG_ROOTS.stores, key: key ?? '', error: parsed.error });
  return undefined;
}

/** One staff record as the document holds it, parsed; undefined when it does not parse. */
export function readStaffValue(value: unknown, key?: string, onInvalid?: OnInvalid): StaffMember | undefined {
  const parsed = parseStaffMember(value, key ? `staff.${key}` : 'staff');
  if (parsed.ok) return parsed.value;
  onInvalid?.({ root: ORG_ROOTS.staff, key: key ?? '', error: parsed.error });
  return undefined;
}

/** Every store that parses, by id. */
export function readStores(doc: Y.Doc, onInvalid?: OnInvalid): Map<StoreId, Store> {
  const out = new Map<StoreId, Store>();
  for (const [key, value] of storesMap(doc)) {
    const store = readStoreValue(value, key, onInvalid);
    if (store) out.set(store.id, store);
  }
  return out;
}

/** Every member of staff that parses, deactivated ones included, by id. */
export function readStaff(doc: Y.Doc, onInvalid?: OnInvalid): Map<UserId, StaffMember> {
  const out = new Map<UserId, StaffMember>();
  for (const [key, value] of staffMap(doc)) {
    const member = readStaffValue(value, key, onInvalid);
    if (member) out.set(member.id, member);
  }
  return out;
}

/** The document's JSON for a store: fixed key order, optional fields left out when absent. */
export function storeValue(s: Store): Record<string, unknown> {
  return {
    id: s.id,
    name: s.name,
    currency: s.currency,
    tax: {
      basisPoints: s.tax.basisPoints,
      inclusive: s.tax.inclusive,
      // TAXCAT-1: only when the store has category rates, so one-rate stores keep their value.
      ...(s.tax.byCategory?.length
        ? { byCategory: s.tax.byCategory.map((r) => ({ category: r.category, basisPoints: r.basisPoints })) }
        : {}),
    },
    timeZone: s.timeZone,
    address: [...s.address],
    ...(s.phone !== undefined ? { phone: s.phone } : {}),
    ...(s.receiptFooter?.length ? { receiptFooter: [...s.receiptFooter] } : {}),
    ...(s.reminderLeadDays !== undefined ? { reminderLeadDays: s.reminderLeadDays } : {}),
  };
}

/** The document's JSON for a member of staff: public fields only, never a secret. */
export function staffValue(m: StaffMember): Record<string, unknown> {
  return {
    id: m.id,
    name: m.name,
    login: m.login,
    role: m.role,
    stores: [...m.stores],
    active: m.active,
  };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Relay only. Sets the store unless the document already holds exactly it; returns whether it wrote. */
export function writeStore(doc: Y.Doc, store: Store): boolean {
  const value = storeValue(store);
  if (same(storesMap(doc).get(store.id), value)) return false;
  storesMap(doc).set(store.id, value);
  return true;
}

/** Relay only. Sets the member unless the document already holds exactly them; returns whether it wrote. */
export function writeStaffMember(doc: Y.Doc, member: StaffMember): boolean {
  const value = staffValue(member);
  if (same(staffMap(doc).get(member.id), value)) return false;
  staffMap(doc).set(member.id, value);
  return true;
}

/** Relay only: removes a key SQL no longer has (a rebuild). */
export function removeOrgRecord(doc: Y.Doc, root: keyof typeof ORG_ROOTS, key: string): boolean {
  const map = doc.getMap<unknown>(ORG_ROOTS[root]);
  if (!map.has(key)) return false;
  map.delete(key);
  return true;
}

export const capabilitiesMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(ORG_ROOTS.capabilities);
export const ratesMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(ORG_ROOTS.rates);
export const rateKey = (r: ExchangeRate): string => `${r.from}>${r.to}@${r.date}`;

/** The organisation's capability settings (CAP-*) as the document holds them; roles that do not parse are left at the default. */
export function readCapabilities(doc: Y.Doc, onInvalid?: OnInvalid): CapabilitySettings | undefined {
  const out: { -readonly [R in AdjustableRole]?: RoleSettings } = {};
  let any = false;
  for (const role of ADJUSTABLE_ROLES) {
    const value = capabilitiesMap(doc).get(role);
    if (value === undefined) continue;
    const parsed = parseRoleSettings(value, `capabilities.${role}`);
    if (!parsed.ok) {
      onInvalid?.({ root: ORG_ROOTS.capabilities, key: role, error: parsed.error });
      continue;
    }
    out[role] = parsed.value;
    any = true;
  }
  return any ? out : undefined;
}

/** Every exchange rate that parses (RATE-*), oldest date first. */
export function readRates(doc: Y.Doc, onInvalid?: OnInvalid): ExchangeRate[] {
  const out: ExchangeRate[] = [];
  for (const [key, value] of ratesMap(doc)) {
    const parsed = parseExchangeRate(value, `rates.${key}`);
    if (parsed.ok) out.push(parsed.value);
    else onInvalid?.({ root: ORG_ROOTS.rates, key, error: parsed.error });
  }
  return out.sort((a, b) =>
    a.date === b.date ? rateKey(a).localeCompare(rateKey(b)) : a.date < b.date ? -1 : 1,
  );
}

/** Relay only. A role's settings, or its removal (back to the default); returns whether it wrote. */
export function writeRoleSettings(
  doc: Y.Doc,
  role: AdjustableRole,
  settings: RoleSettings | undefined,
): boolean {
  const map = capabilitiesMap(doc);
  if (!settings) {
    if (!map.has(role)) return false;
    map.delete(role);
    return true;
  }
  const value = { discountLimitBp: settings.discountLimitBp, grants: [...settings.grants] };
  if (same(map.get(role), value)) return false;
  map.set(role, value);
  return true;
}

/** Relay only. Sets a rate unless the document already holds exactly it; returns whether it wrote. */
export function writeRate(doc: Y.Doc, rate: ExchangeRate): boolean {
  const value = { from: rate.from, to: rate.to, rate: rate.rate, date: rate.date };
  if (same(ratesMap(doc).get(rateKey(rate)), value)) return false;
  ratesMap(doc).set(rateKey(rate), value);
  return true;
}

export const tiersMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(ORG_ROOTS.tiers);

/** One currency's thresholds as the document holds them, parsed; undefined when they do not parse. */
export function readTierValue(
  value: unknown,
  key?: string,
  onInvalid?: OnInvalid,
): TierThresholds | undefined {
  const parsed = parseTierThresholds(value, key ? `tiers.${key}` : 'tiers');
  if (parsed.ok && (key === undefined || parsed.value.loyal.currency === key)) return parsed.value;
  if (!parsed.ok) onInvalid?.({ root: ORG_ROOTS.tiers, key: key ?? '', error: parsed.error });
  return undefined;
}

/** The organisation's tier thresholds by currency (TIER-5). */
export function readTiers(doc: Y.Doc, onInvalid?: OnInvalid): Partial<Record<Currency, TierThresholds>> {
  const out: Partial<Record<Currency, TierThresholds>> = {};
  for (const [key, value] of tiersMap(doc)) {
    const t = readTierValue(value, key, onInvalid);
    if (t) out[t.loyal.currency] = t;
  }
  return out;
}

/** The document's JSON for one currency's thresholds. */
export const tierValue = (t: TierThresholds): Record<string, unknown> => ({
  loyal: { minor: t.loyal.minor, currency: t.loyal.currency },
  vip: { minor: t.vip.minor, currency: t.vip.currency },
});

/** Relay only. Sets one currency's thresholds unless the document holds exactly them. */
export function writeTiers(doc: Y.Doc, t: TierThresholds): boolean {
  const value = tierValue(t);
  if (same(tiersMap(doc).get(t.loyal.currency), value)) return false;
  tiersMap(doc).set(t.loyal.currency, value);
  return true;
}
