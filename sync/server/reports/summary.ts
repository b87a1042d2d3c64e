/**
 * A period's report (REPORT-10): figures per store (and per key of a dimension) in each store's
 * currency, the same consolidated into the reporting currency at each day's rate (REPORT-7), stock
 * on hand, sell-through and turn, and the top clients. What `GET /api/reports` answers and what the
 * benchmark times against a full scan of the sales.
 */
import type { DatabaseSync } from 'node:sqlite';
import { type ExchangeRate, findRate, rateConverter } from '../../../domain/exchange.ts';
import type { Currency } from '../../../domain/money.ts';
import {
  addFigures,
  annualTurn,
  daysBetween,
  derived,
  type Figures,
  localDay,
  sellThroughBp,
} from '../../../domain/report.ts';
import type { ReportStock, ReportStore } from '../../shared/docs/report.ts';
import { type ClientRow, clientsOfPeriod, TIER_KEYS, type TierKey, type TierPart } from './client-tiers.ts';
import { onePerStoreAndKey, periodRows } from './period-rows.ts';
import { reportStores, stockByCategory, stockRows } from './queries.ts';
import type { ReportingRates } from './rates.ts';
import type { Dimension } from './rollups.ts';

export type SummaryQuery = {
  from: string;
  to: string;
  /** Undefined: every store (owners). */
  stores?: readonly string[];
  by: Dimension | 'day';
  /** How many top clients (default 10; 0: no client section — neither top clients nor tier mix). */
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
  stores: readonly ReportStore[];
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
  clientTiers: ClientTiers;
};

/** `unnamed`: the period's sales to no named client (the rest of the store's net sales). */
export type TierMixKey = TierKey | 'unnamed';
export const TIER_MIX_KEYS: readonly TierMixKey[] = [...TIER_KEYS, 'unnamed'];

/** REPORT-11: one store's clients of one tier in the period. */
export type TierMixRow = {
  store: string;
  currency: string;
  tier: TierMixKey;
  /** Clients with a sale in the period (null for `unnamed`). */
  clients: number | null;
  /** Net sales (revenue less returns, in the period) in the store's currency. */
  revenueMinor: number;
  /** The same in the reporting currency, each rate segment at its rate; null when a rate is missing. */
  consolidatedMinor: number | null;
  /** Share of the store's net sales of the period, in basis points (null when those are not above zero). */
  shareBp: number | null;
};

/** REPORT-11: a tier over the stores asked, in the reporting currency. */
export type TierMixTotal = {
  tier: TierMixKey;
  clients: number | null;
  consolidatedMinor: number;
  /** Share of every tier's consolidated net sales, in basis points. */
  shareBp: number | null;
  byCurrency: Record<string, number>;
};

export type ClientTiers = {
  rows: TierMixRow[];
  totals: TierMixTotal[];
  /** Net sales left out of the totals' consolidation for want of a rate, by currency. */
  missingRates: Record<string, number>;
};

const collator = new Intl.Collator();
/** The ranks of the last few sets of stores and keys (the chain's stores come back every time). */
const ranks = new Map<string, Map<string, number>>();

/**
 * Rows by store, then key, in the order `localeCompare` gives (the collator's): each distinct
 * store and key is ranked once, then the rows sort on numbers (a year by day has 100 stores and
 * 365 days, but 36,500 rows). Strings the collation holds equal share a rank and keep their
 * order, as with `localeCompare` in a stable sort.
 */
function inOrder<T extends { store: string; key: string }>(rows: readonly T[]): T[] {
  const rank = (values: Set<string>) => {
    const id = [...values].join('\n');
    const known = ranks.get(id);
    if (known) return known;
    const sorted = [...values].sort(collator.compare);
    const out = new Map<string, number>();
    sorted.forEach((v, i) => {
      const prev = sorted[i - 1];
      out.set(v, prev !== undefined && collator.compare(prev, v) === 0 ? (out.get(prev) ?? i) : i);
    });
    if (ranks.size >= 32) ranks.clear();
    ranks.set(id, out);
    return out;
  };
  const storeSet = new Set<string>();
  const keySet = new Set<string>();
  for (const r of rows) {
    storeSet.add(r.store);
    keySet.add(r.key);
  }
  const stores = rank(storeSet);
  const keys = rank(keySet);
  const n = rows.length;
  // Each row's place packed with its index into one number, sorted as numbers by the typed
  // array's own sort (no comparator called 500,000 times): equal places keep the rows' order.
  if (storeSet.size * keys.size * n < 2 ** 52) {
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = rows[i] as T;
      packed[i] = ((stores.get(r.store) ?? 0) * keys.size + (keys.get(r.key) ?? 0)) * n + i;
    }
    packed.sort();
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = rows[(packed[i] as number) % n] as T;
    return out;
  }
  const order = new Float64Array(n);
  rows.forEach((r, i) => {
    order[i] = (stores.get(r.store) ?? 0) * keys.size + (keys.get(r.key) ?? 0);
  });
  const index = Array.from(rows, (_, i) => i).sort((a, b) => (order[a] ?? 0) - (order[b] ?? 0) || a - b);
  return index.map((i) => rows[i] as T);
}

/** Replaced in every row once its sums are done. */
const NO_DERIVED = derived(zero());

const DIM_SQL = (dim: Dimension | 'day') => (dim === 'day' ? 'all' : dim);

export function summarize(db: DatabaseSync, q: SummaryQuery, rates: ReportingRates): Summary {
  const stores = reportStores(db).filter((s) => !q.stores || q.stores.includes(s.id));
  const ids = stores.map((s) => s.id);
  const reporting = rates.currency as Currency;
  const dim = DIM_SQL(q.by);
  // Each amount converts at its day's rate: rows are grouped by rate period (the days between two
  // rate dates share a rate), so a year in one currency is one row per store and key (REPORT-7).
  const { segmentOf, days: rateDays } = rateSegments(
    stores.map((st) => st.currency),
    reporting,
    rates,
    q.from,
    q.to,
  );
  const toReportingCurrency = reportingConverter(reporting, rates.rates);
  // One row per store, key and currency: rows of several rate periods add up (`unique`: one
  // each already, so a year by day needs no map of 36,500 keys). `derived` and sell-through are
  // filled in once the sums are done.
  const out: SummaryRow[] = [];
  const byId = new Map<string, SummaryRow>();
  const totals = {
    byCurrency: {} as Record<string, Figures>,
    consolidated: zero(),
    missingRates: {} as Record<string, number>,
  };
  const unique = onePerStoreAndKey({ from: q.from, to: q.to, byDay: q.by === 'day' });
  const withClients = (q.clients ?? 10) > 0;
  // Each store's net sales per rate segment: what the tier mix's shares and `unnamed` row need.
  const storeNet = new Map<string, Map<string, number>>();
  const addNet = (store: string, currency: string, rateDay: string, f: Figures) => {
    const seg = segmentOf(currency, rateDay);
    let m = storeNet.get(store);
    if (!m) {
      m = new Map();
      storeNet.set(store, m);
    }
    m.set(seg, (m.get(seg) ?? 0) + f.revenueMinor - f.returnRevenueMinor);
  };
  periodRows(
    db,
    {
      from: q.from,
      to: q.to,
      // Every store (an owner's question): no list to check each row against.
      stores: q.stores ? ids : undefined,
      dim,
      byDay: q.by === 'day',
      segmentOf,
      rateDays,
    },
    (store, key, currency, rateDay, f) => {
      const converted = toReportingCurrency(f, currency, rateDay);
      const id = unique ? '' : `${store}\u0000${key}\u0000${currency}`;
      const a = unique ? undefined : byId.get(id);
      if (!a) {
        // The row's own objects start the sums (fresh from the query; `converted` is `f` itself
        // in the reporting currency, copied when more rows may add to it).
        const row: SummaryRow = {
          store,
          key,
          currency,
          figures: f,
          derived: NO_DERIVED,
          consolidated: converted ? (converted === f && !unique ? { ...f } : converted) : null,
          sellThroughBp: null,
        };
        out.push(row);
        if (!unique) byId.set(id, row);
      } else {
        addInto(a.figures, f);
        if (converted && a.consolidated) addInto(a.consolidated, converted);
        else a.consolidated = null;
      }
      // Totals are whole-store figures: summed from `all` rows only (a sale has several categories).
      if (dim === 'all') {
        if (withClients) addNet(store, currency, rateDay, f);
        let byCurrency = totals.byCurrency[currency];
        if (!byCurrency) {
          byCurrency = zero();
          totals.byCurrency[currency] = byCurrency;
        }
        addInto(byCurrency, f);
        if (converted) addInto(totals.consolidated, converted);
        else
          totals.missingRates[currency] =
            (totals.missingRates[currency] ?? 0) + f.revenueMinor - f.returnRevenueMinor;
      }
    },
  );
  // Sell-through per whole store and per category (units sold over sold plus on hand).
  const onHand = new Map<string, number>();
  const withStock = q.stock !== false;
  if (withStock && (dim === 'all' || dim === 'category'))
    for (const c of stockByCategory(db, ids)) {
      const key = dim === 'all' ? `${c.store}\u0000` : `${c.store}\u0000${c.category}`;
      onHand.set(key, (onHand.get(key) ?? 0) + c.pieces);
    }
  const sellThrough = withStock && q.by !== 'day' && (dim === 'all' || dim === 'category');
  for (const r of out) {
    r.derived = derived(r.figures);
    if (sellThrough)
      r.sellThroughBp = sellThroughBp(
        r.figures.units - r.figures.returnUnits,
        onHand.get(`${r.store}\u0000${r.key}`) ?? 0,
      );
  }
  const sorted = inOrder(out);
  if (dim === 'all' && q.by !== 'day') {
    // A store without a sale in the period still shows, with zeros.
    const shown = new Set(sorted.map((r) => r.store));
    for (const s of stores)
      if (!shown.has(s.id))
        sorted.push({
          store: s.id,
          key: '',
          currency: s.currency,
          figures: zero(),
          derived: derived(zero()),
          consolidated: zero(),
          sellThroughBp: withStock ? sellThroughBp(0, onHand.get(`${s.id}\u0000`) ?? 0) : null,
        });
  }
  const clients = withClients
    ? clientsOfPeriod(db, {
        from: q.from,
        to: q.to,
        // Every store (an owner's question): no list to check each row against (3× faster a year).
        stores: q.stores ? ids : undefined,
        limit: q.clients ?? 10,
        segmentOf,
        mixed: (c) => rateDays.has(c),
      })
    : { top: [], tiers: [] };
  if (withClients && dim !== 'all')
    periodRows(
      db,
      { from: q.from, to: q.to, stores: q.stores ? ids : undefined, dim: 'all', segmentOf, rateDays },
      (store, _key, currency, rateDay, f) => addNet(store, currency, rateDay, f),
    );
  const days = daysBetween(q.from, q.to);
  const sold = new Map<string, Figures>();
  for (const d of dim === 'all' && withStock ? sorted : [])
    sold.set(d.store, addFigures(sold.get(d.store) ?? zero(), d.figures));
  const stock = (withStock ? stockRows(db, stockDay(stores, q.to), ids) : []).map((s) => {
    const f = sold.get(s.store) ?? zero();
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
    rows: sorted,
    totals: { ...totals, consolidatedDerived: derived(totals.consolidated) },
    stock,
    topClients: clients.top,
    clientTiers: withClients
      ? tierMix(stores, clients.tiers, storeNet, rateFinder(reporting, rates.rates))
      : { rows: [], totals: [], missingRates: {} },
  };
}

const shareBp = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part * 10_000) / whole) : null;

/**
 * REPORT-11: per store, each tier's clients and net sales, and `unnamed` (the store's net sales
 * less its named clients'), each rate segment converted at its rate (REPORT-7); totals per tier in
 * the reporting currency over the stores. A client who bought in two stores counts in each.
 */
function tierMix(
  stores: readonly ReportStore[],
  parts: readonly TierPart[],
  storeNet: ReadonlyMap<string, ReadonlyMap<string, number>>,
  rateOf: RateFinder,
): ClientTiers {
  const byStore = new Map<string, TierPart[]>();
  for (const p of parts) byStore.set(p.store, [...(byStore.get(p.store) ?? []), p]);
  const rows: TierMixRow[] = [];
  const totals = new Map<TierMixKey, TierMixTotal>(
    TIER_MIX_KEYS.map((tier) => [
      tier,
      { tier, clients: tier === 'unnamed' ? null : 0, consolidatedMinor: 0, shareBp: null, byCurrency: {} },
    ]),
  );
  const missingRates: Record<string, number> = {};
  for (const s of stores) {
    const own = byStore.get(s.id) ?? [];
    const net = storeNet.get(s.id) ?? new Map<string, number>();
    if (own.length === 0 && [...net.values()].every((v) => v === 0)) continue;
    const unnamed = new Map(net);
    for (const p of own) for (const [seg, v] of p.bySegment) unnamed.set(seg, (unnamed.get(seg) ?? 0) - v);
    const storeTotal = [...net.values()].reduce((a, b) => a + b, 0);
    const entries: { tier: TierMixKey; clients: number | null; bySegment: ReadonlyMap<string, number> }[] = [
      ...[...own].sort((a, b) => TIER_MIX_KEYS.indexOf(a.tier) - TIER_MIX_KEYS.indexOf(b.tier)),
      { tier: 'unnamed', clients: null, bySegment: unnamed },
    ];
    for (const e of entries) {
      let revenue = 0;
      let consolidated: number | null = 0;
      for (const [seg, v] of e.bySegment) {
        revenue += v;
        const c = v === 0 ? 0 : rateOf(s.currency, seg)?.(v);
        if (c === undefined) consolidated = null;
        else if (consolidated !== null) consolidated += c;
      }
      if (e.tier === 'unnamed' && revenue === 0) continue;
      rows.push({
        store: s.id,
        currency: s.currency,
        tier: e.tier,
        clients: e.clients,
        revenueMinor: revenue,
        consolidatedMinor: consolidated,
        shareBp: shareBp(revenue, storeTotal),
      });
      const t = totals.get(e.tier);
      if (!t) continue;
      if (t.clients !== null) t.clients += e.clients ?? 0;
      t.byCurrency[s.currency] = (t.byCurrency[s.currency] ?? 0) + revenue;
      if (consolidated === null) missingRates[s.currency] = (missingRates[s.currency] ?? 0) + revenue;
      else t.consolidatedMinor += consolidated;
    }
  }
  const all = [...totals.values()].reduce((sum, t) => sum + t.consolidatedMinor, 0);
  for (const t of totals.values()) t.shareBp = shareBp(t.consolidatedMinor, all);
  return { rows, totals: [...totals.values()], missingRates };
}

/**
 * For each rollup row, the day whose rate converts it: the latest rate date in the period on or
 * before the row's day, or the period's start (each rate segment's sums convert once, REPORT-7).
 * With it, per currency, the days within the period its rate changes on, latest first.
 */
function rateSegments(
  currencies: readonly string[],
  reporting: Currency,
  rates: ReportingRates,
  from: string,
  to: string,
): { segmentOf: (currency: string, day: string) => string; days: Map<string, string[]> } {
  const days = new Map<string, string[]>();
  for (const c of new Set(currencies)) {
    if (c === reporting) continue;
    const dates = [
      ...new Set(
        rates.rates
          .filter((r) => r.from === c && r.to === reporting && r.date > from && r.date <= to)
          .map((r) => r.date),
      ),
    ]
      .sort()
      .reverse();
    if (dates.length > 0) days.set(c, dates);
  }
  const segmentOf = (currency: string, day: string): string => {
    const dates = days.get(currency);
    if (dates) for (const d of dates) if (day >= d) return d;
    return from;
  };
  return { segmentOf, days };
}

/** The day stock ages are counted from: the latest local day among the stores, at least the period's end. */
function stockDay(stores: readonly ReportStore[], to: string): string {
  return stores.reduce((max, s) => {
    const d = localDay(new Date(), s.timeZone);
    return d > max ? d : max;
  }, to);
}

/**
 * ROLLUP-8: REPORT-7 per (currency, rate day) instead of per row and amount. The rate `findRate`
 * picks for a currency on a day is found and parsed once (`rateConverter`), then each row's
 * amounts convert with it: the same figures as `convertFigures` with the whole list of rates
 * (summary.test.ts), without scanning the list and parsing the rate for every amount.
 */
function reportingConverter(
  reporting: Currency,
  rates: readonly ExchangeRate[],
): (f: Figures, currency: string, day: string) => Figures | undefined {
  const rateOf = rateFinder(reporting, rates);
  return (f, currency, day) => {
    if (currency === reporting) return f;
    const to = rateOf(currency, day);
    // The amounts of MONEY_KEYS, written out: a keyed loop is several times slower per row.
    let ok = true;
    const c = (minor: number): number => {
      if (minor === 0) return 0;
      const v = to?.(minor);
      if (v === undefined) ok = false;
      return v ?? 0;
    };
    const out: Figures = {
      sales: f.sales,
      units: f.units,
      grossMinor: c(f.grossMinor),
      discountMinor: c(f.discountMinor),
      revenueMinor: c(f.revenueMinor),
      taxMinor: c(f.taxMinor),
      costMinor: c(f.costMinor),
      returns: f.returns,
      returnUnits: f.returnUnits,
      returnRevenueMinor: c(f.returnRevenueMinor),
      returnTaxMinor: c(f.returnTaxMinor),
      returnCostMinor: c(f.returnCostMinor),
      refundMinor: c(f.refundMinor),
      clientSales: f.clientSales,
      newClientSales: f.newClientSales,
    };
    return ok ? out : undefined;
  };
}

/** Converts minor units of a currency into the reporting currency; undefined when it cannot. */
type RateFinder = (currency: string, day: string) => ((minor: number) => number | undefined) | null;

/** ROLLUP-8: the rate of a currency on a day, found and parsed once (null: no rate). */
function rateFinder(reporting: Currency, rates: readonly ExchangeRate[]): RateFinder {
  const found = new Map<string, ((minor: number) => number | undefined) | null>();
  return (currency, day) => {
    if (currency === reporting) return (minor) => minor;
    const k = `${currency}\u0000${day}`;
    let to = found.get(k);
    if (to === undefined) {
      const rate = findRate(currency as Currency, reporting, rates, day);
      to = rate ? rateConverter(rate.from, reporting, rate.rate) : null;
      found.set(k, to);
    }
    return to;
  };
}

/** Figures of nothing, as one literal (`emptyFigures` builds them key by key). */
function zero(): Figures {
  return {
    sales: 0,
    units: 0,
    grossMinor: 0,
    discountMinor: 0,
    revenueMinor: 0,
    taxMinor: 0,
    costMinor: 0,
    returns: 0,
    returnUnits: 0,
    returnRevenueMinor: 0,
    returnTaxMinor: 0,
    returnCostMinor: 0,
    refundMinor: 0,
    clientSales: 0,
    newClientSales: 0,
  };
}

function addInto(into: Figures, f: Figures): void {
  into.sales += f.sales;
  into.units += f.units;
  into.grossMinor += f.grossMinor;
  into.discountMinor += f.discountMinor;
  into.revenueMinor += f.revenueMinor;
  into.taxMinor += f.taxMinor;
  into.costMinor += f.costMinor;
  into.returns += f.returns;
  into.returnUnits += f.returnUnits;
  into.returnRevenueMinor += f.returnRevenueMinor;
  into.returnTaxMinor += f.returnTaxMinor;
  into.returnCostMinor += f.returnCostMinor;
  into.refundMinor += f.refundMinor;
  into.clientSales += f.clientSales;
  into.newClientSales += f.newClientSales;
}
