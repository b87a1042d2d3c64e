/**
 * Everything a signed-in till holds for its store, as reactive stores over the device's
 * documents: catalog pieces, stock statuses, the client book, the store's ledger outcomes
 * and this device's outbox. Opened once per session; screens read it through context.
 */
import { type Accessor, createMemo, createSignal } from 'solid-js';
import type * as Y from 'yjs';
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
  readonly storeInfo: Accessor<StoreView | undefined>;
  /** Every store of the organisation (names for the store picker). */
  readonly stores: Record<string, StoreView>;
  /** The public staff list from `org`: names for receipts, roles for the pre-check. */
  readonly staff: Record<string, StaffView>;
  readonly outcomes: Accessor<Record<string, Outcome>>;
  /** Decided commands of every till of the store (the validator's `entries`). */
  readonly entries: Accessor<Record<string, LedgerEntry>>;
  readonly commands: { items: Command[] };
  readonly outbox: Y.Doc;
  /** All documents loaded from IndexedDB: the screens may trust what they show offline. */
  readonly ready: Accessor<boolean>;
  readonly docs: readonly OpenDoc[];
};

export const monthOf = (d: Date): string => d.toISOString().slice(0, 7);
export function ledgerMonths(now: Date): string[] {
  const prev = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return [monthOf(now), monthOf(prev)];
}

export function openStoreData(
  device: Device,
  opts: { store: string; deviceId: string; now?: Date },
): StoreData {
  const { store, deviceId } = opts;
  const org = device.open('org', { readOnly: true });
  const catalog = device.open('catalog', { readOnly: true });
  const clientsDoc = device.open(`clients/${store}`);
  const stockDoc = device.open(`stock/${store}`, { readOnly: true });
  const ledgers = ledgerMonths(opts.now ?? new Date()).map((m) =>
    device.open(`ledger/${store}/${m}`, { readOnly: true }),
  );
  const outbox = device.open(`outbox/${deviceId}`);

  const stores = bindYMap(org.doc.getMap('stores'), readStore).state;
  const staff = bindYMap(org.doc.getMap('staff'), readStaff).state;
  const pieces = bindYMap(catalog.doc.getMap('pieces'), readPiece).state;
  const clients = bindYMap(clientsDoc.doc.getMap('clients'), readClient).state;
  const stock = bindYKeyValue(stockDoc.doc.getArray('stock'), readStock).state;
  const outcomeMaps = ledgers.map((l) => bindYMap(l.doc.getMap('outcomes'), readOutcome).state);
  const entryMaps = ledgers.map((l) => bindYMap(l.doc.getMap('entries'), readLedgerEntry).state);
  const commands = bindYArray(outbox.doc.getArray('commands'), readCommand).state;

  const outcomes = createMemo(
    () => Object.assign({}, ...outcomeMaps.map((m) => ({ ...m }))) as Record<string, Outcome>,
  );
  const entries = createMemo(
    () => Object.assign({}, ...entryMaps.map((m) => ({ ...m }))) as Record<string, LedgerEntry>,
  );
  const docs = [org, catalog, clientsDoc, stockDoc, ...ledgers, outbox];
  const [ready, setReady] = createSignal(false);
  void Promise.all(docs.map((d) => d.loaded)).then(() => setReady(true));

  return {
    store,
    pieces,
    stock,
    clients,
    storeInfo: () => stores[store],
    stores,
    staff,
    outcomes,
    entries,
    commands,
    outbox: outbox.doc,
    ready,
    docs,
  };
}
