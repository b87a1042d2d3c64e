/**
 * Everything a signed-in till holds for its store, as reactive stores over the device's
 * documents: catalog pieces, stock statuses, the client book, the store's ledger outcomes
 * and this device's outbox. Opened once per session; screens read it through context.
 */
import {
  type Accessor,
  createEffect,
  createMemo,
  createSignal,
  getOwner,
  onCleanup,
  runWithOwner,
} from 'solid-js';
import type * as Y from 'yjs';
import type { CapabilitySettings } from '../../../domain/capabilities.ts';
import type { ExchangeRate } from '../../../domain/exchange.ts';
import type { TierThresholds } from '../../../domain/tiers.ts';
import { storeRegion } from '../../../sync/shared/client-search-keys.ts';
import {
  type CatalogConsignment,
  catalogConsignments,
  catalogDoc,
  catalogPieces,
  readConsignment,
} from '../../../sync/shared/docs/catalog.ts';
import { clientBook, clientsDoc as clientsSchema } from '../../../sync/shared/docs/clients.ts';
import { ledgerEntries, outcomes as outcomes_ } from '../../../sync/shared/docs/ledger.ts';
import {
  type MoneyCard,
  type MoneyOrder,
  moneyCards,
  moneyDoc,
  moneyOrders,
} from '../../../sync/shared/docs/money.ts';
import {
  capabilitiesMap,
  ORG_DOC,
  ratesMap,
  readCapabilities,
  readRates,
  readTierValue,
  staffMap,
  storesMap,
  tiersMap,
} from '../../../sync/shared/docs/org.ts';
import {
  commands as commands_,
  outboxDoc,
  outboxOutcomes as outboxOutcomes_,
} from '../../../sync/shared/docs/outbox.ts';
import {
  type JobState,
  parseJobState,
  stockArray,
  stockJobs,
  stockDoc as stockSchema,
} from '../../../sync/shared/docs/stock.ts';
import {
  parseWorkStored,
  type WorkRecord,
  workOrders,
  workDoc as workSchema,
} from '../../../sync/shared/docs/work.ts';
import { type Peer, type PresenceHandle, startPresence } from '../../../sync/shared/presence.ts';
import { bindClientIndex, ClientIndex } from '../clients/client-index.ts';
import type { Device, OpenDoc } from './device.ts';
import {
  type ClientView,
  type Command,
  type LedgerEntry,
  type Outcome,
  type PieceView,
  readClient,
  readCommand,
  readLedgerEntry,
  readOutcome,
  readPiece,
  readStaff,
  readStock,
  readStore,
  type StaffView,
  type StockView,
  type StoreView,
} from './records.ts';
import { bindYArray, bindYKeyValue, bindYMap } from './yjs-store.ts';

export type StoreData = {
  readonly store: string;
  readonly pieces: Record<string, PieceView>;
  readonly stock: Record<string, StockView>;
  readonly clients: Record<string, ClientView>;
  /** `clients/<store>`, which every associate may write (new profiles at the counter, profile edits one field at a time). */
  readonly clientsDoc: Y.Doc;
  /** The book's search index (SEARCH-*), kept in step with `clientsDoc`; reading it tracks its changes. */
  readonly clientIndex: Accessor<ClientIndex>;
  /** Other devices on the client book (PRESENCE-*): who has which client open, in which field. */
  readonly peers: Accessor<readonly Peer[]>;
  /** Says which client (and field) this till has open; `undefined` when none. */
  readonly focusClient: (client: string | undefined, field?: string) => void;
  readonly storeInfo: Accessor<StoreView | undefined>;
  /** Every store of the organisation (names for the store picker). */
  readonly stores: Record<string, StoreView>;
  /** The public staff list from `org`: names for receipts, roles for the pre-check. */
  readonly staff: Record<string, StaffView>;
  /** The organisation's tier thresholds by currency (`org` `tiers`, TIER-5). */
  readonly tiers: Record<string, TierThresholds>;
  readonly outcomes: Accessor<Record<string, Outcome>>;
  /** Decided commands of every till of the store (the validator's `entries`). */
  readonly entries: Accessor<Record<string, LedgerEntry>>;
  readonly commands: { items: Command[] };
  readonly outbox: Y.Doc;
  /** All documents loaded from IndexedDB: the screens may trust what they show offline. */
  readonly ready: Accessor<boolean>;
  readonly docs: readonly OpenDoc[];
  /** The owner's capability settings from `org` (CAP-*); undefined: the default matrix. */
  readonly capabilities: Accessor<CapabilitySettings | undefined>;
  /** Dated exchange rates from `org` (RATE-*). */
  readonly rates: Accessor<readonly ExchangeRate[]>;
  /** Pieces of this store held for a vendor or a client, by serial (CONSIGN-3). */
  readonly consignments: Accessor<Readonly<Record<string, CatalogConsignment>>>;
  /** Opens another document of this store on demand (the audit for a field's history). */
  readonly open: (name: string) => OpenDoc;
  /** `work/<store>`: custom orders and repairs, edited live by the store's staff (WORK-*). */
  readonly workDoc: Y.Doc;
  readonly works: Record<string, WorkRecord>;
  /** Other devices on the store's orders and repairs (ORDERPRES-*): who has which job open, in which field. */
  readonly workPeers: Accessor<readonly Peer[]>;
  /** Says which order or repair (and field) this till has open; `undefined` when none. */
  readonly focusJob: (job: string | undefined, field?: string) => void;
  /** Each job's stage, moves and balance as the relay decided them (`stock/<store>`, root `jobs`). */
  readonly jobs: Record<string, JobState>;
  /** `money/<store>`: balances the relay holds for clients (orders, layaways, cards; MONEY-13). */
  readonly money: { readonly orders: Record<string, MoneyOrder>; readonly cards: Record<string, MoneyCard> };
};

/** Relay-written records: kept when they have the fields the screens read, skipped otherwise. */
const readMoneyOrder = (v: unknown): MoneyOrder | undefined => {
  const o = v as Partial<MoneyOrder> | null;
  return o && typeof o.orderId === 'string' && typeof o.balanceMinor === 'number' && Array.isArray(o.moves)
    ? (o as MoneyOrder)
    : undefined;
};
const readMoneyCard = (v: unknown): MoneyCard | undefined => {
  const c = v as Partial<MoneyCard> | null;
  return c && typeof c.number === 'string' && typeof c.balanceMinor === 'number' && Array.isArray(c.moves)
    ? (c as MoneyCard)
    : undefined;
};

export const monthOf = (d: Date): string => d.toISOString().slice(0, 7);
export function ledgerMonths(now: Date): string[] {
  const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return [monthOf(now), monthOf(prev)];
}

export function openStoreData(
  device: Device,
  opts: {
    store: string;
    deviceId: string;
    now?: Date;
    /** Who is signed in, for presence (the relay stamps it from the session anyway). */
    me?: () => { user: string; name: string } | undefined;
  },
): StoreData {
  const { store, deviceId } = opts;
  // User-timing marks for bench/browser/cold-start.bench.ts (and DevTools): from opening the
  // store's documents to all of them loaded from IndexedDB and bound to the Solid stores.
  performance.mark('loupe:store-open');
  // Stores and the public staff list (sync/shared/docs/org.ts). Which documents are read-only
  // mirrors is the device's business: the access table (sync/shared/access.ts).
  const org = device.open(ORG_DOC);
  // The store's own catalog, projected by the relay from SQL, never with cost (docs/decisions/0005).
  const catalog = device.open(catalogDoc.name(store));
  const clientsDoc = device.open(clientsSchema.name(store));
  const stockDoc = device.open(stockSchema.name(store));
  const outbox = device.open(outboxDoc.name(deviceId));
  const work = device.open(workSchema.name(store));
  const moneyOpen = device.open(moneyDoc.name(store));

  const stores = bindYMap(storesMap(org.doc), readStore).state;
  const staff = bindYMap(staffMap(org.doc), readStaff).state;
  const tiers = bindYMap(tiersMap(org.doc), (v, key) => readTierValue(v, key)).state;
  const pieces = bindYMap(catalogPieces(catalog.doc), readPiece).state;
  const clients = bindYMap(clientBook(clientsDoc.doc), readClient).state;
  const stock = bindYKeyValue(stockArray(stockDoc.doc), readStock).state;
  // The search index follows the book change by change; national phone numbers read in the
  // store's region, so a new region (the store's record arriving) builds it once more.
  const region = createMemo(() => storeRegion(stores[store]));
  const [clientIndex, setClientIndex] = createSignal(new ClientIndex(), { equals: false });
  createEffect(() => {
    const index = new ClientIndex(region());
    const unbind = bindClientIndex(clientsDoc.doc, index);
    const unlisten = index.onChange(() => setClientIndex(index));
    setClientIndex(index);
    onCleanup(() => {
      unlisten();
      unbind();
    });
  });
  const works = bindYMap(workOrders(work.doc), (v) => parseWorkStored(v)).state;
  const jobs = bindYMap(stockJobs(stockDoc.doc), (v) => parseJobState(v)).state;
  const money = {
    orders: bindYMap(moneyOrders(moneyOpen.doc), readMoneyOrder).state,
    cards: bindYMap(moneyCards(moneyOpen.doc), readMoneyCard).state,
  };
  const commands = bindYArray(commands_(outbox.doc), readCommand).state;
  // Rejections are also answered in the till's own outbox (sync/SPEC.md VAL-12): a command whose
  // store or month could not be read still gets its outcome there.
  const outboxOutcomes = bindYMap(outboxOutcomes_(outbox.doc), readOutcome).state;

  // Ledger months open as they are needed: this month and the last at start, the month of any
  // command still waiting for its outcome, and the new month when the calendar turns.
  type Ledger = { doc: OpenDoc; outcomes: Record<string, Outcome>; entries: Record<string, LedgerEntry> };
  const owner = getOwner();
  const [ledgers, setLedgers] = createSignal<ReadonlyMap<string, Ledger>>(new Map());
  const ensureLedger = (month: string) => {
    if (ledgers().has(month)) return;
    runWithOwner(owner, () => {
      const doc = device.open(`ledger/${store}/${month}`); // ledgerDoc.name takes an instant; the month is known here
      const ledger: Ledger = {
        doc,
        outcomes: bindYMap(outcomes_(doc.doc), readOutcome).state,
        entries: bindYMap(ledgerEntries(doc.doc), readLedgerEntry).state,
      };
      setLedgers((m) => new Map([...m, [month, ledger]]));
    });
  };
  for (const m of ledgerMonths(opts.now ?? new Date())) ensureLedger(m);
  const initialLedgers = [...ledgers().values()].map((l) => l.doc);

  const outcomes = createMemo(
    () =>
      Object.assign(
        { ...outboxOutcomes },
        ...[...ledgers().values()].map((l) => ({ ...l.outcomes })),
      ) as Record<string, Outcome>,
  );
  const entries = createMemo(
    () =>
      Object.assign({}, ...[...ledgers().values()].map((l) => ({ ...l.entries }))) as Record<
        string,
        LedgerEntry
      >,
  );
  createEffect(() => {
    const decided = outcomes();
    for (const c of commands.items)
      if (!decided[c.id] && /^\d{4}-\d{2}/.test(c.at)) ensureLedger(c.at.slice(0, 7));
  });
  const timer = setInterval(() => ensureLedger(monthOf(new Date())), 60_000);
  onCleanup(() => clearInterval(timer));

  // CAP-*, RATE-*, CONSIGN-3: read again whenever the relay rewrites them (small maps).
  const [capabilities, setCapabilities] = createSignal(readCapabilities(org.doc));
  const [rates, setRates] = createSignal<readonly ExchangeRate[]>(readRates(org.doc));
  const readHeld = () =>
    Object.fromEntries(
      [...catalogConsignments(catalog.doc).keys()].flatMap((serial) => {
        const c = readConsignment(catalog.doc, serial);
        return c ? [[serial, c]] : [];
      }),
    ) as Record<string, CatalogConsignment>;
  const [consignments, setConsignments] = createSignal(readHeld());
  const onCapabilities = () => setCapabilities(readCapabilities(org.doc));
  const onRates = () => setRates(readRates(org.doc));
  const onHeld = () => setConsignments(readHeld());
  capabilitiesMap(org.doc).observe(onCapabilities);
  ratesMap(org.doc).observe(onRates);
  catalogConsignments(catalog.doc).observe(onHeld);
  onCleanup(() => {
    capabilitiesMap(org.doc).unobserve(onCapabilities);
    ratesMap(org.doc).unobserve(onRates);
    catalogConsignments(catalog.doc).unobserve(onHeld);
  });

  // Presence on the client book, on the document's own provider (the shared socket).
  const [peers, setPeers] = createSignal<readonly Peer[]>([]);
  let presence: PresenceHandle | undefined;
  let focused: { client?: string; field?: string } = {};
  createEffect(() => {
    const me = opts.me?.();
    const awareness = clientsDoc.awareness;
    if (!me || !awareness) return;
    const handle = startPresence(awareness, { ...me, device: deviceId });
    presence = handle;
    handle.focus(focused.client, focused.field);
    const off = handle.subscribe(() => setPeers(handle.peers()));
    setPeers(handle.peers());
    onCleanup(() => {
      off();
      handle.stop();
      presence = undefined;
      setPeers([]);
    });
  });
  const focusClient = (client: string | undefined, field?: string) => {
    focused = client ? { client, ...(field ? { field } : {}) } : {};
    presence?.focus(client, field);
  };

  // Presence on orders and repairs (ORDERPRES-*): the same mechanism, on `work/<store>`'s provider.
  const [workPeers, setWorkPeers] = createSignal<readonly Peer[]>([]);
  let workPresence: PresenceHandle | undefined;
  let jobFocused: { job?: string; field?: string } = {};
  createEffect(() => {
    const me = opts.me?.();
    const awareness = work.awareness;
    if (!me || !awareness) return;
    const handle = startPresence(awareness, { ...me, device: deviceId });
    workPresence = handle;
    handle.focusJob(jobFocused.job, jobFocused.field);
    const off = handle.subscribe(() => setWorkPeers(handle.peers()));
    setWorkPeers(handle.peers());
    onCleanup(() => {
      off();
      handle.stop();
      workPresence = undefined;
      setWorkPeers([]);
    });
  });
  const focusJob = (job: string | undefined, field?: string) => {
    jobFocused = job ? { job, ...(field ? { field } : {}) } : {};
    workPresence?.focusJob(job, field);
  };

  const docs = [org, catalog, clientsDoc, stockDoc, ...initialLedgers, outbox, work, moneyOpen];
  const [ready, setReady] = createSignal(false);
  void Promise.all(docs.map((d) => d.loaded)).then(() => {
    setReady(true);
    // Every record read back from IndexedDB is in the stores and the screens have reacted.
    performance.mark('loupe:local-ready');
  });

  return {
    store,
    pieces,
    stock,
    clients,
    clientsDoc: clientsDoc.doc,
    clientIndex,
    peers,
    focusClient,
    storeInfo: () => stores[store],
    stores,
    staff,
    tiers,
    outcomes,
    entries,
    commands,
    outbox: outbox.doc,
    ready,
    docs,
    capabilities,
    rates,
    consignments,
    open: (name) => device.open(name),
    workDoc: work.doc,
    works,
    workPeers,
    focusJob,
    jobs,
    money,
  };
}
