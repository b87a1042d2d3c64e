/**
 * `finance/<store>` — each sale's cost and margin, for managers and owners only (ACCESS-*;
 * domain `view-cost`). Written by the relay only.
 */
import type * as Y from 'yjs';
import { names } from '../doc-names.ts';

export const financeDoc = {
  kind: 'finance',
  name: names.finance,
  writer: 'relay',
  roots: { sales: 'sales' },
} as const;

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

export const financeSales = (doc: Y.Doc): Y.Map<FinanceSale> =>
  doc.getMap<FinanceSale>(financeDoc.roots.sales);
