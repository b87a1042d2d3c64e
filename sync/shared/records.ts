/**
 * Typed access to the records held in each document (DOC-*). Values are plain JSON so any
 * client (browser, Node script, connector) reads them without our code; parsers at the
 * edges stay in `domain/`.
 *
 * Writers for relay-owned documents live in `relay-records.ts` and are used by the relay only.
 */
import type * as Y from 'yjs';
import type { CatalogPiece, ClientRecord, CommandEnvelope, Outcome, StockEntry } from './local-types.ts';

/** Root type names inside each document; part of the public document contract. */
export const ROOT = {
  catalogPieces: 'pieces',
  clients: 'clients',
  stock: 'stock',
  outcomes: 'outcomes',
  commands: 'commands',
  auditEntries: 'entries',
  orgStores: 'stores',
  orgStaff: 'staff',
  workOrders: 'orders',
} as const;

export const catalogPieces = (doc: Y.Doc): Y.Map<CatalogPiece> =>
  doc.getMap<CatalogPiece>(ROOT.catalogPieces);
export const clientBook = (doc: Y.Doc): Y.Map<ClientRecord> => doc.getMap<ClientRecord>(ROOT.clients);
export const outcomes = (doc: Y.Doc): Y.Map<Outcome> => doc.getMap<Outcome>(ROOT.outcomes);
export const commands = (doc: Y.Doc): Y.Array<CommandEnvelope> =>
  doc.getArray<CommandEnvelope>(ROOT.commands);

/** `catalog/<store>` is written by the relay only, from SQL (`server/catalog-projection.ts`). */
export const readPiece = (catalog: Y.Doc, serial: string): CatalogPiece | undefined =>
  catalogPieces(catalog).get(serial);

export const readClient = (clients: Y.Doc, id: string): ClientRecord | undefined =>
  clientBook(clients).get(id);
export const writeClient = (clients: Y.Doc, client: ClientRecord): void => {
  clientBook(clients).set(client.id, client);
};

/** Appends a command to the device's outbox; commands are never edited or removed by the device. */
export const appendCommand = (outbox: Y.Doc, command: CommandEnvelope): void => {
  commands(outbox).push([command]);
};

export const readOutcome = (ledger: Y.Doc, commandId: string): Outcome | undefined =>
  outcomes(ledger).get(commandId);

/** The stock document is a YKeyValue-style array of `{key, val}`: the rightmost entry for a key wins. */
export type StockItem = { key: string; val: StockEntry };
export const stockArray = (doc: Y.Doc): Y.Array<StockItem> => doc.getArray<StockItem>(ROOT.stock);

/**
 * Reads stock without instantiating y-utility's YKeyValue, whose constructor deletes
 * duplicates (a write) — clients must never write into `stock/*`.
 */
export function readStock(doc: Y.Doc): Map<string, StockEntry> {
  const out = new Map<string, StockEntry>();
  for (const item of stockArray(doc).toArray()) out.set(item.key, item.val);
  return out;
}

export const readStockEntry = (doc: Y.Doc, serial: string): StockEntry | undefined => {
  const arr = stockArray(doc).toArray();
  for (let i = arr.length - 1; i >= 0; i--) if (arr[i]?.key === serial) return arr[i]?.val;
  return undefined;
};

/** One attribution in `audit/<store>` (AUDIT-*). */
export type AuditEntry = {
  id: string;
  at: string;
  user: string;
  userName: string;
  device: string;
  document: string;
  /** Root collection and top-level keys touched, e.g. `clients: [clientId]`. */
  changes: Record<string, string[]>;
};
export const auditEntries = (doc: Y.Doc): Y.Array<AuditEntry> => doc.getArray<AuditEntry>(ROOT.auditEntries);
