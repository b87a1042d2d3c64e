/**
 * What the validator publishes beside the public `outcomes` map (DOC-ledger): the decided
 * command itself, so every till — not only the one that sent it — can show a sale's lines for
 * a return, and a manager's conflicts inbox can show a rejected command next to the command
 * that won. Finance documents carry each sale's cost and margin (managers and owners only).
 */
import type * as Y from 'yjs';

export const LEDGER_ROOT = { entries: 'entries', finance: 'sales', counts: 'counts' } as const;

export type LedgerEntry = {
  id: string;
  type: string;
  store: string;
  user: string;
  device: string;
  at: string;
  payload: unknown;
  status: 'accepted' | 'rejected';
  code?: string;
  reason?: string;
  /** For a rejection: facts a human needs, e.g. `competingCommandId` of the sale that won. */
  context?: Record<string, string | number | boolean | null>;
  decidedAt: string;
  /** Set when a manager resolved this rejection (`conflict.resolve`). */
  resolution?: { resolution: string; note: string; by: string; at: string; commandId: string };
};

/** A recorded stock count and its variance against the relay's records (COUNT-*). */
export type StockCountRecord = {
  countId: string;
  commandId: string;
  store: string;
  scope: string;
  wholeStore: boolean;
  found: number;
  missing: string[];
  unexpected: string[];
  user: string;
  at: string;
};

export type FinanceSale = {
  saleId: string;
  commandId: string;
  at: string;
  user: string;
  currency: string;
  totalMinor: number;
  taxMinor: number;
  costMinor: number;
  /** Net of tax minus cost. */
  marginMinor: number;
  refundedMinor: number;
  voided: boolean;
};

export const ledgerEntries = (doc: Y.Doc): Y.Map<LedgerEntry> => doc.getMap<LedgerEntry>(LEDGER_ROOT.entries);
export const financeSales = (doc: Y.Doc): Y.Map<FinanceSale> => doc.getMap<FinanceSale>(LEDGER_ROOT.finance);
export const stockCounts = (doc: Y.Doc): Y.Map<StockCountRecord> =>
  doc.getMap<StockCountRecord>(LEDGER_ROOT.counts);
