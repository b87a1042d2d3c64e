/**
 * An in-memory DecisionState: for property tests, for a device's offline pre-check and
 * for benchmarks. `apply` is the reference for how each event changes the read model;
 * the relay's SQL projection must agree with it. With `readThrough`, it is an overlay: what it
 * does not hold it reads from another state once, then keeps (the relay decides a batch this way
 * and writes the batch's effects at once).
 */
import { assert, must, unreachable } from './assert.ts';
import type { Command } from './commands.ts';
import { decide } from './decide.ts';
import type {
  ConflictState,
  DecisionState,
  DomainEvent,
  OrderState,
  PieceState,
  Rejection,
  SaleState,
} from './decision-types.ts';
import type { CommandId, OrderId, SaleId, SerialNumber, StoreId, UserId } from './ids.ts';
import { add, type Currency, zero } from './money.ts';
import type { Result } from './result.ts';
import type { Role } from './roles.ts';

export type MemoryStateInit = {
  readonly stores?: readonly { readonly id: StoreId; readonly currency: Currency }[];
  readonly users?: readonly { readonly id: UserId; readonly role: Role }[];
  readonly pieces?: readonly PieceState[];
  /** Where to read what this state does not hold yet (read once, then kept and updated here). */
  readonly readThrough?: DecisionState;
};

export interface MemoryState extends DecisionState {
  setStore(id: StoreId, currency: Currency): void;
  setUser(id: UserId, role: Role): void;
  setPiece(piece: PieceState): void;
  /** Records a command the relay rejected (what the conflicts inbox holds). */
  setConflict(conflict: ConflictState): void;
  /** Seeds a sale or an order as another system (an import, the relay's SQL) recorded it. */
  setSale(sale: SaleState): void;
  setOrder(order: OrderState): void;
  apply(events: readonly DomainEvent[]): void;
  /** decide against this state without applying: a device's offline pre-check. */
  decide(command: Command): Result<DomainEvent[], Rejection>;
  /** decide, then apply the events if accepted: what the relay does in one transaction. */
  execute(command: Command): Result<DomainEvent[], Rejection>;
  pieces(): readonly PieceState[];
  sales(): readonly SaleState[];
  orders(): readonly OrderState[];
}

export function createMemoryState(init: MemoryStateInit = {}): MemoryState {
  const stores = new Map<StoreId, Currency>();
  const users = new Map<UserId, Role>();
  const pieces = new Map<SerialNumber, PieceState>();
  const sales = new Map<SaleId, SaleState>();
  const orders = new Map<OrderId, OrderState>();
  const conflicts = new Map<CommandId, ConflictState>();
  for (const s of init.stores ?? []) stores.set(s.id, s.currency);
  for (const u of init.users ?? []) users.set(u.id, u.role);
  for (const p of init.pieces ?? []) pieces.set(p.serial, p);

  const base = init.readThrough;
  /** The local value, else the base's (kept from then on, so later events update it here). */
  function through<K, V>(
    map: Map<K, V>,
    key: K,
    load: (base: DecisionState) => V | undefined,
  ): V | undefined {
    const local = map.get(key);
    if (local !== undefined || !base) return local;
    const loaded = load(base);
    if (loaded !== undefined) map.set(key, loaded);
    return loaded;
  }
  const pieceAt = (serial: SerialNumber) => through(pieces, serial, (b) => b.piece(serial));
  const saleAt = (id: SaleId) => through(sales, id, (b) => b.sale(id));
  const orderAt = (id: OrderId) => through(orders, id, (b) => b.order(id));

  const pieceOf = (serial: SerialNumber) => must(pieceAt(serial), `event for unknown piece ${serial}`);
  const saleOf = (id: SaleId) => must(saleAt(id), `event for unknown sale ${id}`);
  const orderOf = (id: OrderId) => must(orderAt(id), `event for unknown order ${id}`);

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
        pieces.set(e.piece.serial, {
          serial: e.piece.serial,
          store: e.piece.store,
          status: 'in-stock',
          listPrice: e.piece.listPrice,
        });
        return;
      case 'piece.moved':
        pieces.set(e.serial, { ...pieceOf(e.serial), store: e.toStore });
        return;
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
        const c = must(state.conflict(e.commandId), `event for unknown conflict ${e.commandId}`);
        conflicts.set(e.commandId, { ...c, resolved: true });
        return;
      }
      default:
        unreachable(e);
    }
  }

  const state: MemoryState = {
    piece: pieceAt,
    sale: saleAt,
    order: orderAt,
    role: (id) => users.get(id) ?? base?.role(id),
    storeCurrency: (id) => stores.get(id) ?? base?.storeCurrency(id),
    presentAt(store) {
      const present = (p: PieceState) =>
        p.store === store && (p.status === 'in-stock' || p.status === 'reserved');
      const here = new Set(base?.presentAt(store) ?? []);
      for (const p of pieces.values()) {
        if (present(p)) here.add(p.serial);
        else here.delete(p.serial);
      }
      return [...here];
    },
    conflict: (id) => through(conflicts, id, (b) => b.conflict(id)),
    setConflict: (conflict) => void conflicts.set(conflict.commandId, conflict),
    setStore: (id, currency) => void stores.set(id, currency),
    setUser: (id, role) => void users.set(id, role),
    setPiece: (piece) => void pieces.set(piece.serial, piece),
    setSale: (sale) => void sales.set(sale.saleId, sale),
    setOrder: (order) => void orders.set(order.orderId, order),
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
  };
  return state;
}
