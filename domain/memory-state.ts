/**
 * An in-memory DecisionState: for property tests, for a device's offline pre-check and
 * for benchmarks. `apply` is the reference for how each event changes the read model;
 * the relay's SQL projection must agree with it.
 */
import { assert, must, unreachable } from './assert.ts';
import type { CapabilitySettings } from './capabilities.ts';
import type { Command, Tender } from './commands.ts';
import type { Consignment } from './consignment.ts';
import { decide } from './decide.ts';
import { withChanges } from './decide-catalog.ts';
import { cardNumberOf } from './decide-money.ts';
import type {
  CardState,
  ClientState,
  ConflictState,
  CountSoFar,
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
import type { ExchangeRate } from './exchange.ts';
import type {
  ClientId,
  CommandId,
  CountId,
  ImportId,
  OrderId,
  SaleId,
  SerialNumber,
  StoreId,
  UserId,
} from './ids.ts';
import { add, type Currency, subtract, zero } from './money.ts';
import { type Category, type Location, type Piece, parsePiece } from './piece.ts';
import type { Result } from './result.ts';
import type { Role } from './roles.ts';
import type { TaxRule } from './tax.ts';
import { firstStage } from './work-order.ts';

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
  /** Clients of the stores' books (MERGE-*, PRIVACY-*); a state without them knows none. */
  readonly clients?: readonly { readonly id: ClientId; readonly store: StoreId }[];
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
  /** A piece's category where this state holds no record of it (a till's pre-check, TAXCAT-5). */
  setPieceCategory(serial: SerialNumber, category: Category): void;
  /** Records a command the relay rejected (what the conflicts inbox holds). */
  setConflict(conflict: ConflictState): void;
  /** Seeds a sale or an order as another system (an import, the relay's SQL) recorded it. */
  setSale(sale: SaleState): void;
  setOrder(order: OrderState): void;
  /** A client in a store's book (active), as a device or the relay's directory knows it. */
  setClient(client: ClientState): void;
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
  /** Gift cards and store credit accounts (GIFT-*, CREDIT-*). */
  cards(): readonly CardState[];
  /** Stores as the rules read them: currency and tax (ORG-*). */
  stores(): readonly { readonly id: StoreId; readonly currency: Currency; readonly tax?: TaxRule }[];
  /** Staff, deactivated ones included (ORG-*). */
  staff(): readonly (StaffState & { readonly id: UserId })[];
  /** Exchange rates entered (RATE-*). */
  exchangeRates(): readonly ExchangeRate[];
  /** Seeds the organisation's capability settings (CAP-*), as the relay's SQL holds them. */
  setCapabilities(settings: CapabilitySettings | undefined): void;
  /** Seeds or clears a piece's consignment (CONSIGN-*). */
  setConsignment(serial: SerialNumber, consignment: Consignment | undefined): void;
}

/** A sale's gift card and store credit tenders, by card number (CREDIT-2); none: no key. */
function cardTendersOf(tenders: readonly Tender[]): Pick<SaleState, 'cardTenders'> {
  const cards = tenders.flatMap((t) => {
    const number = (t.kind === 'gift-card' || t.kind === 'store-credit') && cardNumberOf(t.reference);
    return number ? [{ number, amount: t.amount }] : [];
  });
  return cards.length > 0 ? { cardTenders: cards } : {};
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
  let capabilities: CapabilitySettings | undefined;
  const rates = new Map<string, ExchangeRate>();
  const consignments = new Map<SerialNumber, Consignment>();
  const clients = new Map<ClientId, ClientState>();
  for (const c of init.clients ?? []) clients.set(c.id, { id: c.id, store: c.store, status: 'active' });
  const cards = new Map<string, CardState>();
  /** Open layaways by the serial they hold (LAYAWAY-5). */
  const layaways = new Map<SerialNumber, OrderId>();
  const cardOf = (n: string) => must(cards.get(n), `event for unknown card ${n}`);
  /** IMPORT-2: parts received of each import, and their pieces until the last part. */
  const imports = new Map<
    ImportId,
    { store: StoreId; parts: number; staged: number; done: boolean; pieces: Map<SerialNumber, Piece> }
  >();
  const counts = new Map<CountId, CountSoFar>();
  /** Categories of pieces this state holds no record of (a till's pre-check, TAXCAT-5). */
  const categories = new Map<SerialNumber, Category>();
  /** Places of pieces this state holds no record of (a till's pre-check). */
  const locations = new Map<SerialNumber, Location>();
  const receive = (piece: Piece) => {
    records.set(piece.serial, piece);
    pieces.set(piece.serial, {
      serial: piece.serial,
      store: piece.store,
      status: 'in-stock',
      listPrice: piece.listPrice,
    });
  };
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
        receive(e.piece);
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
          ...(e.clientId ? { clientId: e.clientId } : {}),
          ...cardTendersOf(e.tenders),
          ...(e.taxRates ? { taxRates: e.taxRates } : {}),
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
          kind: e.kind,
          stage: firstStage(e.kind),
          ...(e.claimCheck ? { claimCheck: e.claimCheck } : {}),
        });
        return;
      case 'work.staged': {
        const o = orderOf(e.orderId);
        orders.set(e.orderId, { ...o, stage: e.to, ...(e.total ? { total: e.total } : {}) });
        return;
      }
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
      case 'count.recorded': {
        // A record of what was found; it moves nothing. Kept so later counters add to it (COUNT-5).
        const prior = counts.get(e.countId);
        counts.set(e.countId, {
          store: e.store,
          wholeStore: e.wholeStore,
          ...(e.location ? { location: e.location } : {}),
          found: [...new Set([...(prior?.found ?? []), ...(e.partFound ?? [])])],
          parts: e.parts ?? 1,
        });
        return;
      }
      case 'import.part-staged': {
        const prior = imports.get(e.importId);
        const staged = prior ?? { store: e.store, parts: e.parts, staged: 0, done: false, pieces: new Map() };
        for (const piece of e.pieces) staged.pieces.set(piece.serial, piece);
        imports.set(e.importId, { ...staged, staged: staged.staged + 1 });
        return;
      }
      case 'pieces.imported': {
        const staged = must(imports.get(e.importId), `event for unknown import ${e.importId}`);
        for (const piece of staged.pieces.values()) receive(piece);
        imports.set(e.importId, { ...staged, done: true, pieces: new Map() });
        return;
      }
      case 'pieces.relocated':
        for (const serial of e.serials) {
          pieceOf(serial);
          const record = records.get(serial);
          if (record) records.set(serial, { ...record, location: e.location });
          else locations.set(serial, e.location);
        }
        return;
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
      case 'capabilities.set':
        capabilities = { ...capabilities, [e.role]: e.settings };
        return;
      case 'exchange-rate.set':
        rates.set(`${e.rate.from}>${e.rate.to}@${e.rate.date}`, e.rate);
        return;
      case 'consignment.recorded':
        consignments.set(e.serial, e.consignment);
        return;
      case 'consignment.sold':
        return; // the payout is a record for the statement; the piece stays consigned until returned
      case 'consignment.returned':
        assert(pieceOf(e.serial).status === e.from, `piece ${e.serial} is not ${e.from}`);
        consignments.delete(e.serial);
        pieces.delete(e.serial);
        records.delete(e.serial);
        return;
      case 'client.merged': {
        const m = must(clients.get(e.mergedId), `event for unknown client ${e.mergedId}`);
        clients.set(e.mergedId, { ...m, status: 'merged', mergedInto: e.survivorId });
        // Every history line follows the survivor (MERGE-3).
        for (const [id, o] of orders)
          if (o.clientId === e.mergedId) orders.set(id, { ...o, clientId: e.survivorId });
        for (const [serial, p] of pieces)
          if (p.reservedFor === e.mergedId) pieces.set(serial, { ...p, reservedFor: e.survivorId });
        return;
      }
      case 'client.erased': {
        const c = must(clients.get(e.clientId), `event for unknown client ${e.clientId}`);
        clients.set(e.clientId, { ...c, status: 'erased' });
        return;
      }
      case 'tiers.set':
        // Thresholds change no rule a command is decided by: the `org` document carries them.
        return;
      case 'plan.set': {
        const o = orderOf(e.orderId);
        orders.set(e.orderId, {
          ...o,
          plan: { instalments: e.instalments, paidBefore: subtract(o.paid, o.refunded) },
        });
        return;
      }
      case 'layaway.opened':
        orders.set(e.orderId, {
          orderId: e.orderId,
          store: e.store,
          total: e.total,
          paid: zero(e.total.currency),
          refunded: zero(e.total.currency),
          clientId: e.clientId,
          kind: 'layaway',
          status: 'open',
          layaway: { serial: e.serial, saleId: e.saleId, net: e.net, tax: e.tax },
        });
        layaways.set(e.serial, e.orderId);
        return;
      case 'layaway.completed':
      case 'layaway.cancelled': {
        const o = orderOf(e.orderId);
        orders.set(e.orderId, { ...o, status: e.type === 'layaway.completed' ? 'completed' : 'cancelled' });
        if (o.layaway) layaways.delete(o.layaway.serial);
        return;
      }
      case 'card.issued':
        assert(!cards.has(e.number), `card ${e.number} issued twice`);
        cards.set(e.number, {
          number: e.number,
          kind: e.kind,
          balance: e.amount,
          ...(e.clientId ? { clientId: e.clientId } : {}),
        });
        return;
      case 'card.redeemed': {
        const card = cardOf(e.number);
        assert(card.balance.minor >= e.amount.minor, `card ${e.number} would go below zero`);
        cards.set(e.number, { ...card, balance: subtract(card.balance, e.amount) });
        return;
      }
      case 'card.credited': {
        const card = cardOf(e.number);
        cards.set(e.number, { ...card, balance: add(card.balance, e.amount) });
        return;
      }
      case 'trade-in.recorded':
        return; // a record; a trade-in kept in stock arrives by its own piece.received
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
    client: (id) => clients.get(id),
    setClient: (c) => {
      clients.set(c.id, c);
    },
    pieceRecord: (serial) => records.get(serial),
    sale: (id) => sales.get(id),
    order: (id) => orders.get(id),
    card: (n) => cards.get(n),
    layawayFor: (serial) => layaways.get(serial),
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
    capabilities: () => capabilities,
    consignment: (serial) => consignments.get(serial),
    exchangeRates: () => [...rates.values()],
    setCapabilities: (settings) => {
      capabilities = settings;
    },
    setConsignment: (serial, consignment) => {
      if (consignment) consignments.set(serial, consignment);
      else consignments.delete(serial);
    },
    storeCurrency: (id) => stores.get(id),
    storeTax: (id) => taxes.get(id),
    pieceCategory: (serial) => records.get(serial)?.category ?? categories.get(serial),
    setPieceCategory: (serial, category) => void categories.set(serial, category),
    presentAt: (store) =>
      [...pieces.values()]
        .filter((p) => p.store === store && (p.status === 'in-stock' || p.status === 'reserved'))
        .map((p) => p.serial),
    conflict: (id) => conflicts.get(id),
    importProgress: (id) => {
      const i = imports.get(id);
      return i ? { store: i.store, parts: i.parts, staged: i.staged, done: i.done } : undefined;
    },
    importHas: (id, serial) => imports.get(id)?.pieces.has(serial) ?? false,
    locationsAt: (store) => {
      const out = new Map<SerialNumber, Location>();
      for (const p of pieces.values()) {
        if (p.store !== store || !['in-stock', 'reserved', 'returned', 'in-repair'].includes(p.status))
          continue;
        const l = records.get(p.serial)?.location ?? locations.get(p.serial);
        if (l) out.set(p.serial, l);
      }
      return out;
    },
    countSoFar: (id) => counts.get(id),
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
    cards: () => [...cards.values()],
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
