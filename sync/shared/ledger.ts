/** @deprecated Moved to the schema modules in `./docs/`; this file goes once nothing imports it. */
export { type FinanceSale, financeSales } from './docs/finance.ts';
export { type LedgerEntry, ledgerEntries, type StockCountRecord, stockCounts } from './docs/ledger.ts';
