/**
 * The dashboard's arithmetic (DASH-*), pure: a period's figures per store from the report
 * document's days (or the API's), consolidated with the domain's one conversion (REPORT-7), the
 * daily series for the chart, and the CSV of every table with the same totals as the screen.
 */
import type { ExchangeRate } from '../../../domain/exchange.ts';
import { type Currency, toDecimalString } from '../../../domain/money.ts';
import {
  addFigures,
  convertFigures,
  derived,
  emptyFigures,
  type Figures,
  type Period,
} from '../../../domain/report.ts';
import type { ReportDay, ReportStock, ReportStore } from '../../../sync/shared/docs/report.ts';

export type StoreRow = {
  store: ReportStore;
  figures: Figures;
  /** In the reporting currency; null when some day lacked a rate. */
  consolidated: Figures | null;
  stock: ReportStock | undefined;
};

export type PeriodReport = {
  rows: StoreRow[];
  total: Figures;
  /** Net sales (revenue less returns) left out of `total`, by currency, for want of a rate. */
  missing: Record<string, number>;
  /** One point per day of the period: consolidated net sales (minor units of the reporting currency). */
  series: { days: string[]; net: number[] };
};

export const inPeriod = (day: string, p: Period): boolean => day >= p.from && day <= p.to;

/**
 * DASH-1: a period's figures per store and in total, each day converted at its own rate. "Today"
 * is each store's own local day (a chain spans time zones): `period` may be given per store.
 */
export function periodReport(
  days: readonly ReportDay[],
  stores: readonly ReportStore[],
  stock: Readonly<Record<string, ReportStock>>,
  periodOrPerStore: Period | ((store: ReportStore) => Period),
  reporting: string,
  rates: readonly ExchangeRate[],
): PeriodReport {
  const periodOfStore = (s: ReportStore): Period =>
    typeof periodOrPerStore === 'function' ? periodOrPerStore(s) : periodOrPerStore;
  const periods = new Map(stores.map((s) => [s.id, periodOfStore(s)]));
  const all = [...periods.values()];
  const period: Period =
    typeof periodOrPerStore === 'function'
      ? {
          from: all.reduce((m, p) => (p.from < m ? p.from : m), all[0]?.from ?? ''),
          to: all.reduce((m, p) => (p.to > m ? p.to : m), all[0]?.to ?? ''),
        }
      : periodOrPerStore;
  const byStore = new Map<string, StoreRow>();
  for (const s of stores)
    byStore.set(s.id, {
      store: s,
      figures: emptyFigures(),
      consolidated: emptyFigures(),
      stock: stock[s.id],
    });
  let total = emptyFigures();
  const missing: Record<string, number> = {};
  const perDay = new Map<string, number>();
  for (const d of days) {
    const own = periods.get(d.store);
    const row = byStore.get(d.store);
    if (!row || !own || !inPeriod(d.day, own)) continue;
    row.figures = addFigures(row.figures, d);
    const converted = convertFigures(d, d.currency, reporting as Currency, rates, d.day);
    if (converted) {
      if (row.consolidated) row.consolidated = addFigures(row.consolidated, converted);
      total = addFigures(total, converted);
      perDay.set(d.day, (perDay.get(d.day) ?? 0) + derived(converted).netSalesMinor);
    } else {
      row.consolidated = null;
      missing[d.currency] = (missing[d.currency] ?? 0) + derived(d).netSalesMinor;
    }
  }
  const series = { days: [] as string[], net: [] as number[] };
  for (let day = period.from; day && day <= period.to; day = nextDay(day)) {
    series.days.push(day);
    series.net.push(perDay.get(day) ?? 0);
  }
  return { rows: [...byStore.values()], total, missing, series };
}

const nextDay = (day: string): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** A store's days of the period (drill-down), newest first. */
export function storeDays(days: readonly ReportDay[], store: string, period: Period): ReportDay[] {
  return days
    .filter((d) => d.store === store && inPeriod(d.day, period))
    .sort((a, b) => b.day.localeCompare(a.day));
}

/** An amount as the CSV holds it: a plain decimal in its currency ("1234.50"), never a localised string. */
export const decimal = (minor: number, currency: string): string =>
  toDecimalString({ minor, currency: currency as Currency });

/** DASH-3: RFC 4180 CSV (comma, CRLF, quotes doubled), a formula-looking cell made plain text. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cell = (v: string | number): string => {
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** DASH-3: the store comparison exactly as on screen, with its total row. */
export function storesCsv(report: PeriodReport, reporting: string, labels: { total: string }): string {
  const header = [
    'store',
    'currency',
    'sales',
    'units',
    'net_sales',
    'margin',
    'returns',
    `net_sales_${reporting}`,
    `margin_${reporting}`,
    'stock_pieces',
    'stock_at_cost',
    'on_memo_pieces',
  ];
  const rows = report.rows.map((r) => {
    const d = derived(r.figures);
    const c = r.consolidated ? derived(r.consolidated) : undefined;
    return [
      r.store.name,
      r.store.currency,
      r.figures.sales,
      d.netUnits,
      decimal(d.netSalesMinor, r.store.currency),
      decimal(d.marginMinor, r.store.currency),
      r.figures.returns,
      c ? decimal(c.netSalesMinor, reporting) : '',
      c ? decimal(c.marginMinor, reporting) : '',
      r.stock?.pieces ?? 0,
      r.stock ? decimal(r.stock.costMinor, r.store.currency) : '',
      r.stock?.consignedPieces ?? 0,
    ];
  });
  const t = derived(report.total);
  rows.push([
    labels.total,
    reporting,
    report.total.sales,
    t.netUnits,
    '',
    '',
    report.total.returns,
    decimal(t.netSalesMinor, reporting),
    decimal(t.marginMinor, reporting),
    '',
    '',
    '',
  ]);
  return toCsv(header, rows);
}

/** DASH-3: a store's days as on screen, with the period's total in the store's currency. */
export function daysCsv(days: readonly ReportDay[], currency: string, labels: { total: string }): string {
  const header = ['day', 'sales', 'units', 'net_sales', 'tax', 'margin', 'returns', 'currency'];
  const row = (label: string, f: Figures) => {
    const d = derived(f);
    return [
      label,
      f.sales,
      d.netUnits,
      decimal(d.netSalesMinor, currency),
      decimal(f.taxMinor - f.returnTaxMinor, currency),
      decimal(d.marginMinor, currency),
      f.returns,
      currency,
    ];
  };
  const total = days.reduce<Figures>((sum, d) => addFigures(sum, d), emptyFigures());
  return toCsv(header, [...days.map((d) => row(d.day, d)), row(labels.total, total)]);
}

export type DaySale = {
  saleId: string;
  at: string;
  userName: string;
  clientId: string | null;
  currency: string;
  totalMinor: number;
  taxMinor: number;
  revenueMinor: number;
  costMinor: number;
  refundedMinor: number;
  voided: boolean;
  lines: { serial: string; category: string; returned: boolean }[];
};

/** DASH-3: a day's sales as listed, with their total. */
export function salesCsv(sales: readonly DaySale[], currency: string, labels: { total: string }): string {
  const header = [
    'time',
    'sale',
    'sold_by',
    'pieces',
    'revenue',
    'tax',
    'total',
    'cost',
    'refunded',
    'currency',
  ];
  const rows = sales.map((s) => [
    s.at,
    s.saleId,
    s.userName,
    s.lines.map((l) => l.serial).join(' '),
    decimal(s.revenueMinor, currency),
    decimal(s.taxMinor, currency),
    decimal(s.totalMinor, currency),
    decimal(s.costMinor, currency),
    decimal(s.refundedMinor, currency),
    currency,
  ]);
  const sum = (k: 'revenueMinor' | 'taxMinor' | 'totalMinor' | 'costMinor' | 'refundedMinor') =>
    decimal(
      sales.reduce((t, s) => t + s[k], 0),
      currency,
    );
  rows.push([
    labels.total,
    '',
    '',
    String(sales.reduce((t, s) => t + s.lines.length, 0)),
    sum('revenueMinor'),
    sum('taxMinor'),
    sum('totalMinor'),
    sum('costMinor'),
    sum('refundedMinor'),
    currency,
  ]);
  return toCsv(header, rows);
}

/** A tier of the period's clients over the stores the user sees (`clientTiers.totals` of GET /api/reports, REPORT-11). */
export type TierTotal = {
  tier: 'vip' | 'loyal' | 'new' | 'none' | 'unnamed';
  /** Clients who bought in the period (null: sales to no named client). */
  clients: number | null;
  /** Net sales in the reporting currency. */
  consolidatedMinor: number;
  shareBp: number | null;
};

/** REPORT-12: the tiers worth a row (`none` only when some currency has no thresholds), with their total. */
export function tierTable(totals: readonly TierTotal[]): {
  rows: TierTotal[];
  clients: number;
  netMinor: number;
} {
  const rows = totals.filter(
    (t) => !(t.tier === 'none' || t.tier === 'unnamed') || t.clients || t.consolidatedMinor !== 0,
  );
  return {
    rows,
    clients: rows.reduce((n, t) => n + (t.clients ?? 0), 0),
    netMinor: rows.reduce((n, t) => n + t.consolidatedMinor, 0),
  };
}

/** DASH-3, REPORT-12: clients by tier as on screen, with their total. */
export function tiersCsv(
  totals: readonly TierTotal[],
  reporting: string,
  labels: { total: string; tier: (t: TierTotal['tier']) => string },
): string {
  const table = tierTable(totals);
  const share = (bp: number | null) => (bp === null ? '' : (bp / 100).toFixed(2));
  const rows: (string | number)[][] = table.rows.map((t) => [
    labels.tier(t.tier),
    t.clients ?? '',
    decimal(t.consolidatedMinor, reporting),
    share(t.shareBp),
  ]);
  rows.push([
    labels.total,
    table.clients,
    decimal(table.netMinor, reporting),
    table.netMinor > 0 ? '100.00' : '',
  ]);
  return toCsv(['tier', 'clients', `net_sales_${reporting}`, 'share_pct'], rows);
}
