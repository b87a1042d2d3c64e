/**
 * A period's report (REPORT-10): figures per store (and per key of a dimension) in each store's
 * currency, the same consolidated into the reporting currency at each day's rate (REPORT-7), stock
 * on hand, sell-through and turn, and the top clients. What `GET /api/reports` answers and what the
 * benchmark times against a full scan of the sales.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Currency } from '../../../domain/money.ts';
import {
  addFigures,
  annualTurn,
  convertFigures,
  daysBetween,
  derived,
  emptyFigures,
  FIGURE_KEYS,
  type Figures,
  localDay,
  sellThroughBp,
} from '../../../domain/report.ts';
import type { ReportStock, ReportStore } from '../../shared/docs/report.ts';
import { type ClientRow, dayRows, reportStores, stockByCategory, stockRows, topClients } from './queries.ts';
import type { ReportingRates } from './rates.ts';
import type { Dimension } from './rollups.ts';

export type SummaryQuery = {
  from: string;
  to: string;
  /** Undefined: every store (owners). */
  stores?: readonly string[];
  by: Dimension | 'day';
  /** How many top clients (default 10; 0: none). */
  clients?: number;
  /** Stock on hand, sell-through and turn (default true). */
  stock?: boolean;
};

export type SummaryRow = {
  store: string;
  /** The dimension's key ('' for whole-store rows; the day for `by=day`). */
  key: string;
  currency: string;
  figures: Figures;
  derived: ReturnType<typeof derived>;
  /** In the reporting currency; null when a rate is missing for some day of the period. */
  consolidated: Figures | null;
  sellThroughBp: number | null;
};

export type Summary = {
  from: string;
  to: string;
  by: SummaryQuery['by'];
  reportingCurrency: string;
  stores: ReportStore[];
  rows: SummaryRow[];
  /** Sums per original currency, then all of them in the reporting currency. */
  totals: {
    byCurrency: Record<string, Figures>;
    consolidated: Figures;
    consolidatedDerived: ReturnType<typeof derived>;
    /** Amounts (revenue, by currency) left out of the consolidation for want of a rate. */
    missingRates: Record<string, number>;
  };
  stock: (ReportStock & { sellThroughBp: number | null; annualTurn: number | null })[];
  topClients: ClientRow[];
};

const DIM_SQL = (dim: Dimension | 'day') => (dim === 'day' ? 'all' : dim);

export function summarize(db: DatabaseSync, q: SummaryQuery, rates: ReportingRates): Summary {
  const stores = reportStores(db).filter((s) => !q.stores || q.stores.includes(s.id));
  const ids = stores.map((s) => s.id);
  const reporting = rates.currency as Currency;
  const dim = DIM_SQL(q.by);
  // Each amount converts at its day's rate: rows are grouped by rate period (the days between two
  // rate dates share a rate), so a year in one currency is one row per store and key (REPORT-7).
  const inList = ids.map(() => '?').join(', ');
  const segment = rateSegments(
    stores.map((st) => st.currency),
    reporting,
    rates,
    q.from,
    q.to,
  );
  const rows =
    ids.length === 0
      ? []
      : (db
          .prepare(
            `SELECT store, ${q.by === 'day' ? 'day' : 'key'} AS key, currency, ${segment} AS day,
                    ${FIGURE_KEYS.map((k) => `sum(${COL[k]}) AS ${COL[k]}`).join(', ')}
             FROM rollup_sales WHERE dim = ? AND day BETWEEN ? AND ? AND store IN (${inList})
             GROUP BY 1, 2, 3, 4`,
          )
          .all(dim, q.from, q.to, ...ids) as Record<string, unknown>[]);
  type Acc = { store: string; key: string; currency: string; figures: Figures; consolidated: Figures | null };
  const acc = new Map<string, Acc>();
  const totals = {
    byCurrency: {} as Record<string, Figures>,
    consolidated: emptyFigures(),
    missingRates: {} as Record<string, number>,
  };
  for (const r of rows) {
    const f = emptyFigures();
    for (const k of FIGURE_KEYS) f[k] = Number(r[COL[k]] ?? 0);
    const store = String(r.store);
    const key = String(r.key);
    const currency = String(r.currency);
    const id = `${store}\u0000${key}\u0000${currency}`;
    let a = acc.get(id);
    if (!a) {
      a = { store, key, currency, figures: emptyFigures(), consolidated: emptyFigures() };
      acc.set(id, a);
    }
    addInto(a.figures, f);
    const converted = convertFigures(f, currency, reporting, rates.rates, String(r.day));
    if (converted && a.consolidated) addInto(a.consolidated, converted);
    else a.consolidated = null;
    // Totals are whole-store figures: summed from `all` rows only (a sale has several categories).
    if (dim === 'all') {
      const byCurrency = totals.byCurrency[currency] ?? emptyFigures();
      totals.byCurrency[currency] = byCurrency;
      addInto(byCurrency, f);
      if (converted) addInto(totals.consolidated, converted);
      else
        totals.missingRates[currency] =
          (totals.missingRates[currency] ?? 0) + f.revenueMinor - f.returnRevenueMinor;
    }
  }
  // Sell-through per whole store and per category (units sold over sold plus on hand).
  const today = stores.reduce((max, s) => {
    const d = localDay(new Date(), s.timeZone);
    return d > max ? d : max;
  }, q.to);
  const onHand = new Map<string, number>();
  const withStock = q.stock !== false;
  if (withStock && (dim === 'all' || dim === 'category'))
    for (const c of stockByCategory(db, ids)) {
      const key = dim === 'all' ? `${c.store}\u0000` : `${c.store}\u0000${c.category}`;
      onHand.set(key, (onHand.get(key) ?? 0) + c.pieces);
    }
  const out: SummaryRow[] = [...acc.values()]
    .map((a) => ({
      store: a.store,
      key: a.key,
      currency: a.currency,
      figures: a.figures,
      derived: derived(a.figures),
      consolidated: a.consolidated,
      sellThroughBp:
        !withStock || q.by === 'day' || !(dim === 'all' || dim === 'category')
          ? null
          : sellThroughBp(
              a.figures.units - a.figures.returnUnits,
              onHand.get(`${a.store}\u0000${a.key}`) ?? 0,
            ),
    }))
    .sort((x, y) => x.store.localeCompare(y.store) || x.key.localeCompare(y.key));
  if (dim === 'all' && q.by !== 'day') {
    // A store without a sale in the period still shows, with zeros.
    for (const s of stores)
      if (!out.some((r) => r.store === s.id))
        out.push({
          store: s.id,
          key: '',
          currency: s.currency,
          figures: emptyFigures(),
          derived: derived(emptyFigures()),
          consolidated: emptyFigures(),
          sellThroughBp: withStock ? sellThroughBp(0, onHand.get(`${s.id}\u0000`) ?? 0) : null,
        });
  }
  const days = daysBetween(q.from, q.to);
  const sold = new Map<string, Figures>();
  for (const d of dim === 'all' ? out : [])
    sold.set(d.store, addFigures(sold.get(d.store) ?? emptyFigures(), d.figures));
  const stock = (withStock ? stockRows(db, today, ids) : []).map((s) => {
    const f = sold.get(s.store) ?? emptyFigures();
    return {
      ...s,
      sellThroughBp: sellThroughBp(f.units - f.returnUnits, s.pieces + s.consignedPieces),
      annualTurn: annualTurn(f.costMinor - f.returnCostMinor, s.costMinor + s.consignedCostMinor, days),
    };
  });
  return {
    from: q.from,
    to: q.to,
    by: q.by,
    reportingCurrency: reporting,
    stores,
    rows: out,
    totals: { ...totals, consolidatedDerived: derived(totals.consolidated) },
    stock,
    topClients:
      (q.clients ?? 10) > 0
        ? topClients(db, { from: q.from, to: q.to, stores: ids, limit: q.clients ?? 10 })
        : [],
  };
}

/**
 * A SQL expression naming, for each rollup row, the day whose rate converts it: the latest rate
 * date on or before the row's day (or the period's start). Codes and dates are parsed values.
 */
function rateSegments(
  currencies: readonly string[],
  reporting: Currency,
  rates: ReportingRates,
  from: string,
  to: string,
): string {
  const safe = (x: string) => /^[A-Z]{3}$/.test(x) || /^\d{4}-\d{2}-\d{2}$/.test(x);
  const branches: string[] = [];
  for (const c of new Set(currencies)) {
    if (c === reporting || !safe(c)) continue;
    const dates = [
      ...new Set(
        rates.rates
          .filter((r) => r.from === c && r.to === reporting && r.date > from && r.date <= to)
          .map((r) => r.date),
      ),
    ]
      .filter(safe)
      .sort()
      .reverse();
    if (dates.length === 0) continue;
    branches.push(
      `WHEN '${c}' THEN CASE ${dates.map((d) => `WHEN day >= '${d}' THEN '${d}'`).join(' ')} ELSE '${from}' END`,
    );
  }
  if (!safe(from)) throw new Error(`not a day: ${from}`);
  return branches.length === 0 ? `'${from}'` : `CASE currency ${branches.join(' ')} ELSE '${from}' END`;
}

function addInto(into: Figures, f: Figures): void {
  for (const k of FIGURE_KEYS) into[k] += f[k];
}

const COL: Record<keyof Figures, string> = {
  sales: 'sales',
  units: 'units',
  grossMinor: 'gross_minor',
  discountMinor: 'discount_minor',
  revenueMinor: 'revenue_minor',
  taxMinor: 'tax_minor',
  costMinor: 'cost_minor',
  returns: 'returns',
  returnUnits: 'return_units',
  returnRevenueMinor: 'return_revenue_minor',
  returnTaxMinor: 'return_tax_minor',
  returnCostMinor: 'return_cost_minor',
  refundMinor: 'refund_minor',
  clientSales: 'client_sales',
  newClientSales: 'new_client_sales',
};

export { dayRows };
