/**
 * An in-memory DecisionState: for property tests, for a device's offline pre-check and
 * for benchmarks. `apply` is the reference for how each event changes the read model;
 * the relay's SQL projection must agree with it.
 */
import { assert, must, unreachable } from './assert.ts';
import type { Command } from './commands.ts';
import { decide } from './decide.ts';
import { withChanges } from './decide-catalog.ts';
import type {
  ConflictState,
  DayCloseState,
  DayTakings,
  DecisionState,
  DomainEvent,
  OrderState,
  PieceState,
  Rejection,
  SaleState,
  StaffState,
} from './decision-types.ts';
import type { CommandId, OrderId, SaleId, SerialNumber, StoreId, UserId } from './ids.ts';
import { add, type Currency, zero } from './money.ts';
import { type Piece, parsePiece } from './piece.ts';
import type { Result } from './result.ts';
import type { Role } from './roles.ts';
import type { TaxRule } from './tax.ts';

export type MemoryStateInit = {
  readonly stores?: readonly { readonly id: StoreId; readonly currency: Currency; readonly tax?: TaxRule }[];
  /** Staff; `stores` when known (the relay knows; a till's staff list may not say). */
  readonly users?: readonly {
    readonly id: UserId;
    readonly role: Role;
    readonly stores?: readonly StoreId[];
    /** Known logins make `loginTaken` exact (ORG-3). */
    readonly login?: string;
    /** Deactivated staff (ORG-8); active when absent. */
    readonly active?: boolean;
  }[];
  readonly pieces?: readonly PieceState[];
  /**
   * What a day took when no `setDayTakings` says (EOD-3): e.g. the relay's records of days with no
   * money in them. Without it, a day nobody set is unknown here (a till's state).
   */
  readonly dayTakings?: (store: StoreId, day: string, till: string | undefined) => DayTakings | undefined;
};

export interface MemoryState extends DecisionState {
  setStore(id: StoreId, currency: Currency, tax?: TaxRule): void;
  setUser(id: UserId, role: Role): void;
  setPiece(piece: PieceState): void;
  /** Records a command the relay rejected (what the conflicts inbox holds). */
  setConflict(conflict: ConflictState): void;
  /** Seeds a sale or an order as another system (an import, the relay's SQL) recorded it. */
  setSale(sale: SaleState): void;
  setOrder(order: OrderState): void;
  /** What a day took, as the relay's records would say (EOD-3); unset days are unknown here. */
  setDayTakings(store: StoreId, day: string, till: string | undefined, takings: DayTakings): void;
  apply(events: readonly DomainEvent[]): void;
  /** decide against this state without applying: a device's offline pre-check. */
  decide(command: Command): Result<DomainEvent[], Rejection>;
  /** decide, then apply the events if accepted: what the relay does in one transaction. */
  execute(command: Command): Result<DomainEvent[], Rejection>;
  pieces(): readonly PieceState[];
  sales(): readonly SaleState[];
  orders(): readonly OrderState[];
  /** Stores as the rules read them: currency and tax (ORG-*). */
  stores(): readonly { readonly id: StoreId; readonly currency: Currency; readonly tax?: TaxRule }[];
  /** Staff, deactivated ones included (ORG-*). */
  staff(): readonly (StaffState & { readonly id: UserId })[];
}

export function createMemoryState(init: MemoryStateInit = {}): MemoryState {
  const stores = new Map<StoreId, Currency>();
  const taxes = new Map<StoreId, TaxRule>();
  const users = new Map<UserId, Role>();
  const homes = new Map<UserId, ReadonlySet<StoreId>>();
  const inactive = new Set<UserId>();
  const logins = new Set<string>();
  const pieces = new Map<SerialNumber, PieceState>();
  /** Descriptive records this state was given or received (a till may hold none). */
  const records = new Map<SerialNumber, Piece>();
  const sales = new Map<SaleId, SaleState>();
  /** `store|day|till` → takings and the latest close (EOD-*). */
  const takings = new Map<string, DayTakings>();
  const closes = new Map<string, DayCloseState>();
  const dayKey = (store: string, day: string, till: string | undefined) => `${store}|${day}|${till ?? ''}`;
  const orders = new Map<OrderId, OrderState>();
  const conflicts = new Map<CommandId, ConflictState>();
  for (const s of init.stores ?? []) {
    stores.set(s.id, s.currency);
    if (s.tax) taxes.set(s.id, s.tax);
  }
  for (const u of init.users ?? []) {
    users.set(u.id, u.role);
    if (u.stores) homes.set(u.id, new Set(u.stores));
    if (u.login) logins.add(u.login.toLowerCase());
    if (u.active === false) inactive.add(u.id);
  }
  for (const p of init.pieces ?? []) pieces.set(p.serial, p);

  const pieceOf = (serial: SerialNumber) => must(pieces.get(serial), `event for unknown piece ${serial}`);
  const saleOf = (id: SaleId) => must(sales.get(id), `event for unknown sale ${id}`);
  const orderOf = (id: OrderId) => must(orders.get(id), `event for unknown order ${id}`);

  function applyOne(e: DomainEvent): void {
    switch (e.type) {
      case 'piece.status-changed': {
        const { reservedFor: _f, reservedUntil: _u, ...rest } = pieceOf(e.serial);
        assert(rest.status === e.from, `piece ${e.serial} is ${rest.status}, event says ${e.from}`);
        const reservation =
          e.to === 'reserved'
            ? {
                ...(e.reservedFor ? { reservedFor: e.reservedFor } : {}),
                ...(e.reservedUntil ? { reservedUntil: e.reservedUntil } : {}),
              }
            : {};
        pieces.set(e.serial, { ...rest, status: e.to, ...reservation });
        return;
      }
      case 'piece.received':
        records.set(e.piece.serial, e.piece);
        pieces.set(e.piece.serial, {
          serial: e.piece.serial,
          store: e.piece.store,
          status: 'in-stock',
          listPrice: e.piece.listPrice,
        });
        return;
      case 'piece.moved': {
        pieces.set(e.serial, { ...pieceOf(e.serial), store: e.toStore });
        const record = records.get(e.serial);
        if (record) records.set(e.serial, { ...record, store: e.toStore });
        return;
      }
      case 'piece.updated': {
        pieceOf(e.serial);
        const record = records.get(e.serial);
        const updated = record ? parsePiece(withChanges(record, e.changes)) : undefined;
        if (updated?.ok) records.set(e.serial, updated.value);
        return;
      }
      case 'price.changed': {
        pieces.set(e.serial, { ...pieceOf(e.serial), listPrice: e.to });
        const record = records.get(e.serial);
        if (record) records.set(e.serial, { ...record, listPrice: e.to });
        return;
      }
      case 'sale.recorded':
        sales.set(e.saleId, {
          saleId: e.saleId,
          store: e.store,
          lines: e.lines.map((l) => ({ serial: l.serial, net: l.net })),
          returnedSerials: [],
          paid: e.total,
          refunded: zero(e.total.currency),
          voided: false,
        });
        return;
      case 'sale.voided': {
        const s = saleOf(e.saleId);
        sales.set(e.saleId, { ...s, voided: true, refunded: add(s.refunded, e.refund) });
        return;
      }
      case 'return.recorded': {
        const s = saleOf(e.saleId);
        sales.set(e.saleId, {
          ...s,
          returnedSerials: [...s.returnedSerials, ...e.serials],
          refunded: add(s.refunded, e.refunded),
        });
        return;
      }
      case 'order.opened':
        orders.set(e.orderId, {
          orderId: e.orderId,
          store: e.store,
          total: e.total,
          paid: zero(e.total.currency),
          refunded: zero(e.total.currency),
          clientId: e.clientId,
        });
        return;
      case 'deposit.recorded': {
        const o = orderOf(e.orderId);
        orders.set(e.orderId, { ...o, paid: add(o.paid, e.amount) });
        return;
      }
      case 'deposit.refunded': {
        const o = orderOf(e.orderId);
        orders.set(e.orderId, { ...o, refunded: add(o.refunded, e.amount) });
        return;
      }
      case 'count.recorded':
        return; // a record of what was found; it moves nothing
      case 'conflict.resolved': {
        const c = must(conflicts.get(e.commandId), `event for unknown conflict ${e.commandId}`);
        conflicts.set(e.commandId, { ...c, resolved: true });
        return;
      }
      case 'store.opened':
        stores.set(e.store.id, e.store.currency);
        taxes.set(e.store.id, e.store.tax);
        return;
      case 'store.updated':
        must(stores.get(e.storeId), `event for unknown store ${e.storeId}`);
        if (e.changes.tax) taxes.set(e.storeId, e.changes.tax);
        return;
      case 'staff.added':
        users.set(e.member.id, e.member.role);
        homes.set(e.member.id, new Set(e.member.stores));
        logins.add(e.member.login.toLowerCase());
        if (!e.member.active) inactive.add(e.member.id);
        return;
      case 'staff.updated':
        must(users.get(e.userId), `event for unknown staff ${e.userId}`);
        if (e.changes.role) users.set(e.userId, e.changes.role);
        if (e.changes.stores) homes.set(e.userId, new Set(e.changes.stores));
        return;
      case 'staff.deactivated':
        must(users.get(e.userId), `event for unknown staff ${e.userId}`);
        inactive.add(e.userId);
        return;
      case 'staff.reactivated':
        must(users.get(e.userId), `event for unknown staff ${e.userId}`);
        inactive.delete(e.userId);
        return;
      case 'day.closed':
        // Who closed it is not in the event; the relay's SQL has it. The close id is what rules read.
        closes.set(dayKey(e.store, e.day, e.till), { closeId: e.closeId, by: '' as UserId, at: '' });
        return;
      default:
        unreachable(e);
    }
  }

  const state: MemoryState = {
    piece: (serial) => pieces.get(serial),
    pieceRecord: (serial) => records.get(serial),
    sale: (id) => sales.get(id),
    order: (id) => orders.get(id),
    // A deactivated person is nobody the rules know (ORG-8), as in the relay's SQL.
    role: (id) => (inactive.has(id) ? undefined : users.get(id)),
    worksAt: (id, store) => (inactive.has(id) ? undefined : homes.get(id)?.has(store)),
    staffMember: (id) => {
      const role = users.get(id);
      if (!role) return undefined;
      const stores = homes.get(id);
      return { role, ...(stores ? { stores: [...stores] } : {}), active: !inactive.has(id) };
    },
    loginTaken: (login) => logins.has(login.toLowerCase()),
    storeCurrency: (id) => stores.get(id),
    storeTax: (id) => taxes.get(id),
    presentAt: (store) =>
      [...pieces.values()]
        .filter((p) => p.store === store && (p.status === 'in-stock' || p.status === 'reserved'))
        .map((p) => p.serial),
    conflict: (id) => conflicts.get(id),
    setConflict: (conflict) => void conflicts.set(conflict.commandId, conflict),
    setStore: (id, currency, tax) => {
      stores.set(id, currency);
      if (tax) taxes.set(id, tax);
      else taxes.delete(id);
    },
    setUser: (id, role) => void users.set(id, role),
    setPiece: (piece) => void pieces.set(piece.serial, piece),
    setSale: (sale) => void sales.set(sale.saleId, sale),
    setOrder: (order) => void orders.set(order.orderId, order),
    setDayTakings: (store, day, till, t) => void takings.set(dayKey(store, day, till), t),
    dayTakings: (store, day, till) =>
      takings.get(dayKey(store, day, till)) ?? init.dayTakings?.(store, day, till),
    dayClose: (store, day, till) => closes.get(dayKey(store, day, till)),
    apply(events) {
      for (const e of events) applyOne(e);
    },
    decide: (command) => decide(state, command),
    execute(command) {
      const result = decide(state, command);
      if (result.ok) state.apply(result.value);
      return result;
    },
    pieces: () => [...pieces.values()],
    sales: () => [...sales.values()],
    orders: () => [...orders.values()],
    stores: () =>
      [...stores].map(([id, currency]) => {
        const tax = taxes.get(id);
        return { id, currency, ...(tax ? { tax } : {}) };
      }),
    staff: () =>
      [...users].map(([id, role]) => {
        const stores = homes.get(id);
        return { id, role, ...(stores ? { stores: [...stores] } : {}), active: !inactive.has(id) };
      }),
  };
  return state;
}
