/** @deprecated Moved to the schema modules in `./docs/`; this file goes once nothing imports it. */
export { appendAudit } from './docs/audit.ts';
export { writeOutcome } from './docs/ledger.ts';
export { type StockItem, stockKeyValue, writeStock } from './docs/stock.ts';
