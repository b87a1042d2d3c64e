/**
 * `report/<store>` and `report/chain` — a store's figures, and every store's for owners (DOC-11,
 * REPORT-8). Written by the relay only, from the SQL rollups, a moment after each decision
 * (REPORT-9): the last 400 local days of whole-store figures, stock on hand, and what the
 * consolidation needs (the reporting currency, dated rates, each store's name and currency).
 * Read by the owner dashboard; offline it shows what the device last received, with its time.
 */
import type * as Y from 'yjs';
import type { ExchangeRate } from '../../../domain/exchange.ts';
import type { AgeBucket, Figures } from '../../../domain/report.ts';
import { CHAIN_REPORT_DOC, names } from '../doc-names.ts';

const roots = { days: 'days', stock: 'stock', meta: 'meta' } as const;

export const reportDoc = { kind: 'report', name: names.report, writer: 'relay', roots } as const;
export const chainReportDoc = {
  kind: 'chain-report',
  name: CHAIN_REPORT_DOC,
  writer: 'relay',
  roots,
} as const;

/** How many local days each report document keeps (a year and a bit, for year to date and vs last). */
export const REPORT_DAYS = 400;

/** One store's whole-store figures for one local day, in the store's currency. Key `<store>|<day>`. */
export type ReportDay = Figures & { store: string; day: string; currency: string };

export type StockAge = { pieces: number; costMinor: number; priceMinor: number };
/** A store's stock on hand now (sold and written-off pieces are not on hand; on memo is consigned). */
export type ReportStock = {
  store: string;
  currency: string;
  pieces: number;
  costMinor: number;
  priceMinor: number;
  consignedPieces: number;
  consignedCostMinor: number;
  consignedPriceMinor: number;
  ages: Record<AgeBucket, StockAge>;
  /** The local day the ages were counted from. */
  asOf: string;
};

export type ReportStore = { id: string; name: string; currency: string; timeZone: string };
export type ReportMeta = {
  /** When the relay last wrote these figures (the dashboard shows it when offline). */
  updatedAt: string;
  reportingCurrency: string;
  rates: ExchangeRate[];
  stores: ReportStore[];
};

export const reportDays = (doc: Y.Doc): Y.Map<ReportDay> => doc.getMap<ReportDay>(roots.days);
export const reportStock = (doc: Y.Doc): Y.Map<ReportStock> => doc.getMap<ReportStock>(roots.stock);
/** One key, `meta`. */
export const reportMeta = (doc: Y.Doc): Y.Map<ReportMeta> => doc.getMap<ReportMeta>(roots.meta);
export const dayKey = (store: string, day: string): string => `${store}|${day}`;
