/**
 * A client's history and what it adds up to (HISTORY-*): purchases, returns, voids, custom orders
 * and reservations, from wherever they were read (the till's ledger, the relay's SQL), as one
 * list; lifetime value in the store's currency (other currencies converted at the rate of the
 * day of each line, originals kept), visits, visit frequency, last visit and average basket.
 */
import { convert, type ExchangeRate } from './exchange.ts';
import type { Currency, Money } from './money.ts';

export const HISTORY_KINDS = ['purchase', 'return', 'void', 'order', 'reservation'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export type HistoryLine = {
  /** Unique per line: a sale, return or order id, or `reservation:<serial>`. */
  readonly id: string;
  readonly kind: HistoryKind;
  readonly at: string;
  readonly store: string;
  /** What the line weighs in the client's spend: a purchase's total, a return's refund, an order's total. */
  readonly amount?: Money;
  readonly serials?: readonly string[];
  readonly description?: string;
  /** The sale a return or void belongs to. */
  readonly saleId?: string;
  /** Where the line was read: the device's documents or the relay's records. */
  readonly source: 'device' | 'relay';
};

export type HistorySummary = {
  readonly currency: Currency;
  /** Purchases less returns and voids, converted; undefined pieces are in `unconverted`. */
  readonly lifetimeValue: Money;
  /** Lines in another currency with no rate on their day: left out of the totals, shown apart. */
  readonly unconverted: readonly HistoryLine[];
  /** Lines in another currency that were converted: each original with what it became. */
  readonly converted: readonly {
    readonly line: HistoryLine;
    readonly original: Money;
    readonly value: Money;
  }[];
  readonly purchases: number;
  /** Distinct days with a purchase, a return or an order. */
  readonly visits: number;
  readonly lastVisit?: string;
  readonly firstVisit?: string;
  /** Mean days between two visits; undefined with fewer than two. */
  readonly daysBetweenVisits?: number;
  /** Purchases' total (converted) divided by their number; undefined with none. */
  readonly averageBasket?: Money;
};

/** HISTORY-1: one line per id (the relay's copy wins over the device's), newest first. */
export function mergeHistory(...lists: readonly (readonly HistoryLine[])[]): HistoryLine[] {
  const byId = new Map<string, HistoryLine>();
  for (const list of lists)
    for (const l of list) {
      const prev = byId.get(l.id);
      if (!prev || (prev.source === 'device' && l.source === 'relay')) byId.set(l.id, l);
    }
  return [...byId.values()].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));
}

const DAY_MS = 86_400_000;

/** HISTORY-2, HISTORY-3: the figures of a client's history in `currency`. */
export function summarizeHistory(
  lines: readonly HistoryLine[],
  currency: Currency,
  rates: readonly ExchangeRate[],
): HistorySummary {
  let ltv = 0;
  let basketTotal = 0;
  let purchases = 0;
  const unconverted: HistoryLine[] = [];
  const converted: { line: HistoryLine; original: Money; value: Money }[] = [];
  const days = new Set<string>();
  for (const l of lines) {
    if (l.kind !== 'reservation') days.add(l.at.slice(0, 10));
    if (!l.amount || l.kind === 'reservation' || l.kind === 'order') continue;
    const r = convert(l.amount, currency, rates, l.at.slice(0, 10));
    if (!r.ok) {
      unconverted.push(l);
      continue;
    }
    if (l.amount.currency !== currency) converted.push({ line: l, original: l.amount, value: r.value });
    if (l.kind === 'purchase') {
      ltv += r.value.minor;
      basketTotal += r.value.minor;
      purchases++;
    } else ltv -= r.value.minor;
  }
  const sorted = [...days].sort();
  const first = sorted[0];
  const last = sorted.at(-1);
  const span = first && last ? (Date.parse(last) - Date.parse(first)) / DAY_MS : 0;
  return {
    currency,
    lifetimeValue: { minor: ltv, currency },
    unconverted,
    converted,
    purchases,
    visits: days.size,
    ...(last ? { lastVisit: last } : {}),
    ...(first ? { firstVisit: first } : {}),
    ...(days.size >= 2 ? { daysBetweenVisits: Math.round((span / (days.size - 1)) * 10) / 10 } : {}),
    ...(purchases > 0 ? { averageBasket: { minor: Math.round(basketTotal / purchases), currency } } : {}),
  };
}
