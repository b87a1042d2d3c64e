/**
 * DecisionState over the relay's SQL tables: what `decide` reads when the relay rules on a
 * command. Called inside the deciding transaction, so every read sees the state the outcome
 * will be written against.
 */

import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { CapabilitySettings } from '../../../domain/capabilities.ts';
import type { Consignment } from '../../../domain/consignment.ts';
import { cardNumberOf } from '../../../domain/decide-money.ts';
import type {
  CardState,
  ClientState,
  ConflictState,
  CountSoFar,
  DayCloseState,
  DayTakings,
  DecisionState,
  ImportProgress,
  OrderState,
  PieceState,
  SaleState,
  StaffState,
} from '../../../domain/decision-types.ts';
import type {
  ClientId,
  CommandId,
  CountId,
  ImportId,
  OrderId,
  SaleId,
  SerialNumber,
  StoreId,
} from '../../../domain/ids.ts';
import { type Currency, money } from '../../../domain/money.ts';
import {
  CATEGORIES,
  type Category,
  type Location,
  type Piece,
  parseLocation,
  parsePiece,
} from '../../../domain/piece.ts';
import type { PieceStatus } from '../../../domain/piece-status.ts';
import { parseRole, type Role } from '../../../domain/roles.ts';
import { readSaleTax } from '../../../domain/sale-tax-record.ts';
import { parseTaxRule, type TaxRule } from '../../../domain/tax.ts';
import type { WorkStage } from '../../../domain/work-order.ts';
import { capabilitySettingsOf, consignmentOf } from '../backoffice-source.ts';
import { DayTakingsReader } from './day-takings.ts';

type Row = Record<string, string | number | null>;
const str = (v: unknown): string => String(v);

/** TAXCAT-7: the rates the sale recorded (validator-021's column); none for an older sale. */
function taxRatesOf(json: unknown, currency: Currency): Pick<SaleState, 'taxRates'> {
  const taxRates = typeof json === 'string' ? readSaleTax(json, currency) : undefined;
  return taxRates ? { taxRates } : {};
}

/** The sale's gift card and store credit tenders from its `tenders` JSON (CREDIT-2), as memory keeps them. */
function cardTendersOf(json: string, currency: Currency): Pick<SaleState, 'cardTenders'> {
  let list: unknown;
  try {
    list = JSON.parse(json);
  } catch {
    return {};
  }
  if (!Array.isArray(list)) return {};
  const cards = list.flatMap((t: { kind?: unknown; amountMinor?: unknown; reference?: unknown }) => {
    const number =
      (t.kind === 'gift-card' || t.kind === 'store-credit') && typeof t.reference === 'string'
        ? cardNumberOf(t.reference)
        : undefined;
    return number && typeof t.amountMinor === 'number'
      ? [{ number, amount: money(t.amountMinor, currency) }]
      : [];
  });
  return cards.length > 0 ? { cardTenders: cards } : {};
}

export class SqlDecisionState implements DecisionState {
  readonly #piece: StatementSync;
  readonly #record: StatementSync;
  readonly #sale: StatementSync;
  readonly #saleLines: StatementSync;
  readonly #order: StatementSync;
  readonly #role: StatementSync;
  readonly #currency: StatementSync;
  readonly #tax: StatementSync;
  readonly #category: StatementSync;
  readonly #present: StatementSync;
  readonly #conflict: StatementSync;
  readonly #member: StatementSync;
  readonly #login: StatementSync;
  readonly #db: DatabaseSync;
  /** The owner's capability settings (CAP-*), read once per batch (see reset). */
  #capabilities: { value: CapabilitySettings | undefined } | undefined;
  readonly #client: StatementSync;
  readonly #card: StatementSync;
  readonly #layaway: StatementSync;
  readonly #layawayOf: StatementSync;
  /** Staff roles and store currencies change rarely; they are cached for one batch (see reset). */
  readonly #roles = new Map<string, { role: Role; stores: readonly string[] } | undefined>();
  readonly #currencies = new Map<string, Currency | undefined>();
  readonly #taxes = new Map<string, TaxRule | undefined>();
  /** The receiving tables' statements (validator-014), prepared on first use. */
  readonly #lazy = new Map<string, StatementSync>();
  readonly #days: DayTakingsReader;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#days = new DayTakingsReader(db);
    this.#record = db.prepare(
      'SELECT store, list_price_minor, currency, record FROM pieces WHERE serial = ?',
    );
    this.#category = db.prepare(
      "SELECT json_extract(record, '$.category') AS category FROM pieces WHERE serial = ?",
    );
    this.#piece = db.prepare(
      'SELECT serial, store, status, reserved_for, reserved_until, list_price_minor, currency FROM pieces WHERE serial = ?',
    );
    this.#sale = db.prepare(
      'SELECT id, store, client_id, currency, paid_minor, refunded_minor, voided, tenders, tax_rates FROM sales WHERE id = ?',
    );
    // In the sale's order: a return's tax share depends on it (RET-3), as in the memory state.
    this.#saleLines = db.prepare(
      'SELECT serial, net_minor, returned FROM sale_lines WHERE sale_id = ? ORDER BY line, serial',
    );
    this.#order = db.prepare(
      'SELECT id, store, client_id, kind, stage, claim_check, currency, total_minor, paid_minor, refunded_minor, status, plan FROM orders WHERE id = ?',
    );
    this.#card = db.prepare(
      'SELECT number, kind, currency, balance_minor, client_id FROM cards WHERE number = ?',
    );
    this.#layaway = db.prepare(
      'SELECT serial, sale_id, net_minor, tax_minor FROM layaways WHERE order_id = ?',
    );
    this.#layawayOf = db.prepare('SELECT order_id FROM layaways WHERE serial = ? AND open = 1');
    this.#role = db.prepare('SELECT role, stores FROM users WHERE id = ? AND disabled = 0');
    this.#currency = db.prepare('SELECT currency FROM stores WHERE id = ?');
    this.#tax = db.prepare('SELECT tax_rate_bp, tax_inclusive, tax_categories FROM stores WHERE id = ?');
    this.#present = db.prepare(
      "SELECT serial FROM pieces WHERE store = ? AND status IN ('in-stock', 'reserved')",
    );
    this.#member = db.prepare('SELECT role, stores, disabled FROM users WHERE id = ?');
    this.#login = db.prepare('SELECT 1 FROM users WHERE login = ? COLLATE NOCASE');
    this.#client = db.prepare('SELECT id, store, status, merged_into FROM client_directory WHERE id = ?');
    this.#conflict = db.prepare(
      "SELECT id, store, resolved_at FROM commands WHERE id = ? AND status = 'rejected' AND store IS NOT NULL",
    );
  }

  /** The piece's descriptive record as SQL holds it (CATALOG-3): the record with SQL's price and store. */
  pieceRecord(serial: SerialNumber): Piece | undefined {
    const r = this.#record.get(serial) as Row | undefined;
    if (!r) return undefined;
    let record: unknown;
    try {
      record = JSON.parse(str(r.record));
    } catch {
      return undefined;
    }
    if (typeof record !== 'object' || record === null) return undefined;
    const parsed = parsePiece({
      ...record,
      store: str(r.store),
      listPrice: { minor: Number(r.list_price_minor), currency: str(r.currency) },
    });
    return parsed.ok ? parsed.value : undefined;
  }

  /** TAXCAT-2: the category a piece's record names, which chooses its tax rate. */
  pieceCategory(serial: SerialNumber): Category | undefined {
    const r = this.#category.get(serial) as Row | undefined;
    const category = r?.category;
    return typeof category === 'string' && (CATEGORIES as readonly string[]).includes(category)
      ? (category as Category)
      : undefined;
  }

  piece(serial: SerialNumber): PieceState | undefined {
    const r = this.#piece.get(serial) as Row | undefined;
    if (!r) return undefined;
    const currency = str(r.currency) as Currency;
    return {
      serial,
      store: str(r.store) as StoreId,
      status: str(r.status) as PieceStatus,
      ...(r.reserved_for ? { reservedFor: str(r.reserved_for) as ClientId } : {}),
      ...(r.reserved_until ? { reservedUntil: str(r.reserved_until) } : {}),
      listPrice: money(Number(r.list_price_minor), currency),
    };
  }

  sale(saleId: SaleId): SaleState | undefined {
    const r = this.#sale.get(saleId) as Row | undefined;
    if (!r) return undefined;
    const currency = str(r.currency) as Currency;
    const lines = this.#saleLines.all(saleId) as Row[];
    const voided = Number(r.voided) === 1;
    return {
      saleId,
      store: str(r.store) as StoreId,
      lines: lines.map((l) => ({
        serial: str(l.serial) as SerialNumber,
        net: money(Number(l.net_minor), currency),
      })),
      returnedSerials: lines
        .filter((l) => Number(l.returned) === 1)
        .map((l) => str(l.serial) as SerialNumber),
      paid: money(Number(r.paid_minor), currency),
      refunded: money(Number(r.refunded_minor), currency),
      voided,
      ...(r.client_id ? { clientId: str(r.client_id) as ClientId } : {}),
      ...cardTendersOf(str(r.tenders), currency),
      ...taxRatesOf(r.tax_rates, currency),
    };
  }

  order(orderId: OrderId): OrderState | undefined {
    const r = this.#order.get(orderId) as Row | undefined;
    if (!r) return undefined;
    const currency = str(r.currency) as Currency;
    return {
      orderId,
      store: str(r.store) as StoreId,
      clientId: str(r.client_id) as ClientId,
      total: money(Number(r.total_minor), currency),
      paid: money(Number(r.paid_minor), currency),
      refunded: money(Number(r.refunded_minor), currency),
      ...(r.kind === 'repair' || r.kind === 'custom' ? { kind: r.kind } : {}),
      ...(r.stage ? { stage: str(r.stage) as WorkStage } : {}),
      ...(r.claim_check ? { claimCheck: str(r.claim_check) } : {}),
      ...this.#moneyHeld(orderId, r, currency),
    };
  }

  /** An order's money-held fields (INSTAL-*, LAYAWAY-*), as the memory state keeps them. */
  #moneyHeld(orderId: OrderId, r: Row, currency: Currency): Partial<OrderState> {
    const out: { -readonly [K in keyof OrderState]?: OrderState[K] } = {};
    if (r.plan) {
      const plan = JSON.parse(str(r.plan)) as {
        instalments: { due: string; amountMinor: number }[];
        paidBeforeMinor: number;
      };
      out.plan = {
        instalments: plan.instalments.map((i) => ({ due: i.due, amount: money(i.amountMinor, currency) })),
        paidBefore: money(plan.paidBeforeMinor, currency),
      };
    }
    if (r.kind === 'layaway') {
      const l = this.#layaway.get(orderId) as Row | undefined;
      out.kind = 'layaway';
      out.status = str(r.status) as NonNullable<OrderState['status']>;
      if (l)
        out.layaway = {
          serial: str(l.serial) as SerialNumber,
          saleId: str(l.sale_id) as SaleId,
          net: money(Number(l.net_minor), currency),
          tax: money(Number(l.tax_minor), currency),
        };
    }
    return out;
  }

  card(number: string): CardState | undefined {
    const r = this.#card.get(number) as Row | undefined;
    if (!r) return undefined;
    return {
      number,
      kind: str(r.kind) as CardState['kind'],
      balance: money(Number(r.balance_minor), str(r.currency) as Currency),
      ...(r.client_id ? { clientId: str(r.client_id) as ClientId } : {}),
    };
  }

  layawayFor(serial: SerialNumber): OrderId | undefined {
    const r = this.#layawayOf.get(serial) as Row | undefined;
    return r ? (str(r.order_id) as OrderId) : undefined;
  }

  /** Forget cached staff and stores: called at the start of every batch of decisions. */
  reset(): void {
    this.#roles.clear();
    this.#currencies.clear();
    this.#taxes.clear();
    this.#capabilities = undefined;
  }

  capabilities(): CapabilitySettings | undefined {
    if (!this.#capabilities) this.#capabilities = { value: capabilitySettingsOf(this.#db) };
    return this.#capabilities.value;
  }

  consignment(serial: SerialNumber): Consignment | undefined {
    return consignmentOf(this.#db, serial);
  }

  role(userId: string): Role | undefined {
    return this.#staff(userId)?.role;
  }

  worksAt(userId: string, store: StoreId): boolean | undefined {
    const staff = this.#staff(userId);
    return staff ? staff.stores.includes(store) : undefined;
  }

  #staff(userId: string): { role: Role; stores: readonly string[] } | undefined {
    if (this.#roles.has(userId)) return this.#roles.get(userId);
    const r = this.#role.get(userId) as Row | undefined;
    const parsed = r ? parseRole(r.role) : undefined;
    const stores = r ? (JSON.parse(str(r.stores)) as unknown) : [];
    const staff = parsed?.ok
      ? {
          role: parsed.value,
          stores: Array.isArray(stores) ? stores.filter((s) => typeof s === 'string') : [],
        }
      : undefined;
    this.#roles.set(userId, staff);
    return staff;
  }

  /** A member of staff, deactivated ones included (ORG-*). Not cached: read by staff commands only. */
  staffMember(userId: string): StaffState | undefined {
    const r = this.#member.get(userId) as Row | undefined;
    const role = r ? parseRole(r.role) : undefined;
    if (!r || !role?.ok) return undefined;
    const stores = JSON.parse(str(r.stores)) as unknown;
    return {
      role: role.value,
      stores: Array.isArray(stores) ? stores.filter((s): s is StoreId => typeof s === 'string') : [],
      active: Number(r.disabled) === 0,
    };
  }

  loginTaken(login: string): boolean {
    return this.#login.get(login) !== undefined;
  }

  presentAt(store: StoreId): readonly SerialNumber[] {
    return (this.#present.all(store) as Row[]).map((r) => str(r.serial) as SerialNumber);
  }

  #stmt(sql: string): StatementSync {
    let s = this.#lazy.get(sql);
    if (!s) {
      s = this.#db.prepare(sql);
      this.#lazy.set(sql, s);
    }
    return s;
  }

  importProgress(importId: ImportId): ImportProgress | undefined {
    const r = this.#stmt('SELECT store, parts, staged, done_at FROM piece_imports WHERE id = ?').get(
      importId,
    ) as Row | undefined;
    if (!r) return undefined;
    return {
      store: str(r.store) as StoreId,
      parts: Number(r.parts),
      staged: Number(r.staged),
      done: r.done_at !== null,
    };
  }

  importHas(importId: ImportId, serial: SerialNumber): boolean {
    return (
      this.#stmt('SELECT 1 FROM piece_import_rows WHERE import_id = ? AND serial = ?').get(
        importId,
        serial,
      ) !== undefined
    );
  }

  locationsAt(store: StoreId): ReadonlyMap<SerialNumber, Location> {
    const rows = this.#stmt(
      `SELECT serial, json_extract(record, '$.location') AS location FROM pieces
       WHERE store = ? AND status IN ('in-stock', 'reserved', 'returned', 'in-repair')`,
    ).all(store) as Row[];
    const out = new Map<SerialNumber, Location>();
    for (const r of rows) {
      const location = r.location === null ? undefined : parseLocation(safeJson(str(r.location)));
      if (location?.ok) out.set(str(r.serial) as SerialNumber, location.value);
    }
    return out;
  }

  countSoFar(countId: CountId): CountSoFar | undefined {
    const head = this.#stmt('SELECT store, whole_store, location FROM stock_counts WHERE id = ?').get(
      countId,
    ) as Row | undefined;
    if (!head) return undefined;
    const parts = this.#stmt('SELECT found FROM stock_count_parts WHERE count_id = ?').all(countId) as Row[];
    const found = new Set<SerialNumber>();
    for (const p of parts) {
      const list = safeJson(str(p.found));
      if (Array.isArray(list)) for (const s of list) if (typeof s === 'string') found.add(s as SerialNumber);
    }
    const location = head.location === null ? undefined : parseLocation(safeJson(str(head.location)));
    return {
      store: str(head.store) as StoreId,
      wholeStore: Number(head.whole_store) === 1,
      ...(location?.ok ? { location: location.value } : {}),
      found: [...found],
      // A count recorded before parts were kept is one part.
      parts: Math.max(1, parts.length),
    };
  }

  conflict(commandId: CommandId): ConflictState | undefined {
    const r = this.#conflict.get(commandId) as Row | undefined;
    if (!r) return undefined;
    return { commandId, store: str(r.store) as StoreId, resolved: r.resolved_at !== null };
  }

  dayTakings(store: StoreId, day: string, till: string | undefined): DayTakings | undefined {
    return this.#days.takings(store, day, till);
  }

  dayClose(store: StoreId, day: string, till: string | undefined): DayCloseState | undefined {
    return this.#days.close(store, day, till);
  }

  storeTax(store: StoreId): TaxRule | undefined {
    if (this.#taxes.has(store)) return this.#taxes.get(store);
    const r = this.#tax.get(store) as Row | undefined;
    // TAXCAT-1: the category rates as the store's rule lists them (validator-020's column).
    const parsed = r
      ? parseTaxRule({
          basisPoints: Number(r.tax_rate_bp),
          inclusive: Number(r.tax_inclusive) === 1,
          byCategory: JSON.parse(str(r.tax_categories) || '[]'),
        })
      : undefined;
    const tax = parsed?.ok
      ? parsed.value
      : r
        ? { basisPoints: Number(r.tax_rate_bp), inclusive: Number(r.tax_inclusive) === 1 }
        : undefined;
    this.#taxes.set(store, tax);
    return tax;
  }

  /** A client of the directory the relay keeps from the client books (MERGE-*, PRIVACY-*). */
  client(clientId: ClientId): ClientState | undefined {
    const r = this.#client.get(clientId) as Row | undefined;
    if (!r) return undefined;
    const status = str(r.status) as ClientState['status'];
    return {
      id: clientId,
      store: str(r.store) as StoreId,
      status,
      ...(r.merged_into ? { mergedInto: str(r.merged_into) as ClientId } : {}),
    };
  }

  storeCurrency(store: StoreId): Currency | undefined {
    if (this.#currencies.has(store)) return this.#currencies.get(store);
    const r = this.#currency.get(store) as Row | undefined;
    const currency = r ? (str(r.currency) as Currency) : undefined;
    this.#currencies.set(store, currency);
    return currency;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
