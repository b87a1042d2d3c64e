/**
 * The back office's SQL reads (CAP-*, RATE-*, CONSIGN-*): capability settings per role, dated
 * exchange rates and consigned pieces, parsed with the domain's parsers. Used by the deciding
 * state, the projection into `org` and `catalog/<store>`, and the back-office HTTP API.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import {
  ADJUSTABLE_ROLES,
  type AdjustableRole,
  type CapabilitySettings,
  parseRoleSettings,
  type RoleSettings,
} from '../../domain/capabilities.ts';
import { type Consignment, parseConsignment } from '../../domain/consignment.ts';
import { type ExchangeRate, parseExchangeRate } from '../../domain/exchange.ts';

type Row = Record<string, string | number | null>;
const cache = new WeakMap<DatabaseSync, Map<string, StatementSync>>();
/** One prepared statement per database and text: these reads run inside every sale's decision. */
export function stmt(db: DatabaseSync, sql: string): StatementSync {
  let m = cache.get(db);
  if (!m) {
    m = new Map();
    cache.set(db, m);
  }
  let s = m.get(sql);
  if (!s) {
    s = db.prepare(sql);
    m.set(sql, s);
  }
  return s;
}

/** Whether the validator's back-office tables exist (a bare relay without the validator has none). */
export const hasBackoffice = (db: DatabaseSync): boolean =>
  stmt(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'role_capabilities'").get() !==
  undefined;

const parseJson = (text: unknown): unknown => {
  try {
    return JSON.parse(String(text));
  } catch {
    return undefined;
  }
};

/** A role's settings as SQL holds them, or undefined (the default matrix). */
export function roleSettingsOf(db: DatabaseSync, role: AdjustableRole): RoleSettings | undefined {
  const r = stmt(db, 'SELECT settings FROM role_capabilities WHERE role = ?').get(role) as Row | undefined;
  if (!r) return undefined;
  const parsed = parseRoleSettings(parseJson(r.settings));
  return parsed.ok ? parsed.value : undefined;
}

/** CAP-2: every role the owner set; undefined when none (exactly the default matrix). */
export function capabilitySettingsOf(db: DatabaseSync): CapabilitySettings | undefined {
  const out: { -readonly [R in AdjustableRole]?: RoleSettings } = {};
  let any = false;
  for (const role of ADJUSTABLE_ROLES) {
    const s = roleSettingsOf(db, role);
    if (s) {
      out[role] = s;
      any = true;
    }
  }
  return any ? out : undefined;
}

/** Every exchange rate entered, oldest date first. */
export function exchangeRatesOf(db: DatabaseSync): ExchangeRate[] {
  const rows = stmt(
    db,
    'SELECT from_currency, to_currency, date, rate FROM exchange_rates ORDER BY date, from_currency, to_currency',
  ).all() as Row[];
  const out: ExchangeRate[] = [];
  for (const r of rows) {
    const parsed = parseExchangeRate({
      from: r.from_currency,
      to: r.to_currency,
      rate: r.rate,
      date: r.date,
    });
    if (parsed.ok) out.push(parsed.value);
  }
  return out;
}

export type ConsignmentRow = {
  readonly id: number;
  readonly serial: string;
  readonly store: string;
  readonly consignment: Consignment;
  readonly receivedAt: string;
  readonly returnedAt: string | null;
  readonly record: unknown;
};

export function consignmentRow(r: Row): ConsignmentRow | undefined {
  const parsed = parseConsignment({
    basis: r.basis,
    owner: { kind: r.owner_kind, id: r.owner_id, name: r.owner_name },
    terms: parseJson(r.terms),
  });
  if (!parsed.ok) return undefined;
  return {
    id: Number(r.id),
    serial: String(r.serial),
    store: String(r.store),
    consignment: parsed.value,
    receivedAt: String(r.received_at),
    returnedAt: r.returned_at === null ? null : String(r.returned_at),
    record: parseJson(r.record),
  };
}

/** The serial's live consignment (not returned to its owner), if any. */
export function liveConsignment(db: DatabaseSync, serial: string): ConsignmentRow | undefined {
  const r = stmt(db, 'SELECT * FROM consignments WHERE serial = ? AND returned_at IS NULL').get(serial) as
    | Row
    | undefined;
  return r ? consignmentRow(r) : undefined;
}

export const consignmentOf = (db: DatabaseSync, serial: string): Consignment | undefined =>
  liveConsignment(db, serial)?.consignment;
