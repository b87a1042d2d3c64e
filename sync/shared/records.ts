/** @deprecated Moved to the schema modules in `./docs/` (one per document); this file goes once nothing imports it. */
export { type AuditEntry, appendAudit, auditEntries } from './docs/audit.ts';
export { type CatalogPiece, catalogPieces, readPiece } from './docs/catalog.ts';
export { type ClientRecord, clientBook, readClient, writeClient } from './docs/clients.ts';
export { type Outcome, outcomes, readOutcome } from './docs/ledger.ts';
export { appendCommand, type CommandEnvelope, commands } from './docs/outbox.ts';
export { readStock, readStockEntry, type StockEntry, type StockItem, stockArray } from './docs/stock.ts';

/** @deprecated Root names now live with each document's schema module (`docs/*.ts`). */
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
