/**
 * DecisionState over the relay's SQL tables: what `decide` reads when the relay rules on a
 * command. Called inside the deciding transaction, so every read sees the state the outcome
 * will be written against.
 */

import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type {
  ConflictState,
  DayCloseState,
  DayTakings,
  DecisionState,
  OrderState,
  PieceState,
  SaleState,
  StaffState,
} from '../../../domain/decision-types.ts';
import type { ClientId, CommandId, OrderId, SaleId, SerialNumber, StoreId } from '../../../domain/ids.ts';
import { type Currency, money } from '../../../domain/money.ts';
import { type Piece, parsePiece } from '../../../domain/piece.ts';
import type { PieceStatus } from '../../../domain/piece-status.ts';
import { parseRole, type Role } from '../../../domain/roles.ts';
import type { TaxRule } from '../../../domain/tax.ts';
import { DayTakingsReader } from './day-takings.ts';

type Row = Record<string, string | number | null>;
const str = (v: unknown): string => String(v);

export class SqlDecisionState implements DecisionState {
  readonly #piece: StatementSync;
  readonly #record: StatementSync;
  readonly #sale: StatementSync;
  readonly #saleLines: StatementSync;
  readonly #order: StatementSync;
  readonly #role: StatementSync;
  readonly #currency: StatementSync;
  readonly #tax: StatementSync;
  readonly #present: StatementSync;
  readonly #conflict: StatementSync;
  readonly #member: StatementSync;
  readonly #login: StatementSync;
  /** Staff roles and store currencies change rarely; they are cached for one batch (see reset). */
  readonly #roles = new Map<string, { role: Role; stores: readonly string[] } | undefined>();
  readonly #currencies = new Map<string, Currency | undefined>();
  readonly #taxes = new Map<string, TaxRule | undefined>();
  readonly #days: DayTakingsReader;

  constructor(db: DatabaseSync) {
    this.#days = new DayTakingsReader(db);
    this.#record = db.prepare(
      'SELECT store, list_price_minor, currency, record FROM pieces WHERE serial = ?',
    );
    this.#piece = db.prepare(
      'SELECT serial, store, status, reserved_for, reserved_until, list_price_minor, currency FROM pieces WHERE serial = ?',
    );
    this.#sale = db.prepare(
      'SELECT id, store, currency, paid_minor, refunded_minor, voided FROM sales WHERE id = ?',
    );
    // In the sale's order: a return's tax share depends on it (RET-3), as in the memory state.
    this.#saleLines = db.prepare(
      'SELECT serial, net_minor, returned FROM sale_lines WHERE sale_id = ? ORDER BY line, serial',
    );
    this.#order = db.prepare(
      'SELECT id, store, client_id, currency, total_minor, paid_minor, refunded_minor FROM orders WHERE id = ?',
    );
    this.#role = db.prepare('SELECT role, stores FROM users WHERE id = ? AND disabled = 0');
    this.#currency = db.prepare('SELECT currency FROM stores WHERE id = ?');
    this.#tax = db.prepare('SELECT tax_rate_bp, tax_inclusive FROM stores WHERE id = ?');
    this.#present = db.prepare(
      "SELECT serial FROM pieces WHERE store = ? AND status IN ('in-stock', 'reserved')",
    );
    this.#member = db.prepare('SELECT role, stores, disabled FROM users WHERE id = ?');
    this.#login = db.prepare('SELECT 1 FROM users WHERE login = ? COLLATE NOCASE');
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
    };
  }

  /** Forget cached staff and stores: called at the start of every batch of decisions. */
  reset(): void {
    this.#roles.clear();
    this.#currencies.clear();
    this.#taxes.clear();
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
    const tax = r
      ? { basisPoints: Number(r.tax_rate_bp), inclusive: Number(r.tax_inclusive) === 1 }
      : undefined;
    this.#taxes.set(store, tax);
    return tax;
  }

  storeCurrency(store: StoreId): Currency | undefined {
    if (this.#currencies.has(store)) return this.#currencies.get(store);
    const r = this.#currency.get(store) as Row | undefined;
    const currency = r ? (str(r.currency) as Currency) : undefined;
    this.#currencies.set(store, currency);
    return currency;
  }
}
