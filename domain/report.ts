/**
 * Reporting rules (REPORT-*): which day a moment belongs to in a store's time zone, the periods
 * an owner picks (today, week, month, year), how a sale's revenue and tax are shared among its
 * lines, the derived figures (net sales, margin, sell-through, turnover) and the one conversion
 * into the organisation's reporting currency at dated rates. Pure: the relay's rollups and the
 * owner's dashboard compute with the same functions.
 */
import { convert, type ExchangeRate } from './exchange.ts';
import { allocate, type Currency, type Money } from './money.ts';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      // An unknown zone (a typo in a store's settings) counts in UTC rather than failing a sale.
      f = formatter('UTC');
    }
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(ms: number, timeZone: string): { day: string; asUtc: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return { day, asUtc };
}

// Every zone's offset is a whole number of quarter hours: one answer per zone and quarter hour.
const QUARTER = 900_000;
const dayCache = new Map<string, string>();

/** REPORT-1: the calendar day (YYYY-MM-DD) of an instant in the store's time zone. */
export function localDay(at: string | Date, timeZone: string): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms)) return '0000-00-00';
  const bucket = Math.floor(ms / QUARTER);
  const key = `${timeZone}|${bucket}`;
  let day = dayCache.get(key);
  if (day === undefined) {
    if (dayCache.size > 200_000) dayCache.clear();
    day = wallClock(bucket * QUARTER, timeZone).day;
    dayCache.set(key, day);
  }
  return day;
}

/** REPORT-1: the instant (UTC ISO) a store's local day begins, daylight saving included. */
export function dayStart(day: string, timeZone: string): string {
  const m = ISO_DAY.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  let t = guess;
  // Two passes settle on the offset in force at local midnight (the offset may change that day).
  for (let i = 0; i < 3; i++) t = guess - (wallClock(t, timeZone).asUtc - t);
  return new Date(t).toISOString();
}

/** The day after (or `n` days after) a YYYY-MM-DD day. */
export function addDays(day: string, n: number): string {
  const m = ISO_DAY.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n)).toISOString().slice(0, 10);
}

export const isDay = (s: unknown): s is string =>
  typeof s === 'string' && ISO_DAY.test(s) && addDays(s, 0) === s;

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export const PERIODS = ['today', 'week', 'month', 'year'] as const;
export type PeriodKind = (typeof PERIODS)[number];
export type Period = { readonly from: string; readonly to: string };

/**
 * REPORT-2: today; this week (Monday to today); this month (the 1st to today); this year
 * (1 January to today). `today` is the store's (or the owner's) local day.
 */
export function periodOf(kind: PeriodKind, today: string): Period {
  switch (kind) {
    case 'today':
      return { from: today, to: today };
    case 'week': {
      const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday
      return { from: addDays(today, -((weekday + 6) % 7)), to: today };
    }
    case 'month':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
  }
}

/** The same length of time just before a period (what "vs previous" compares with). */
export function previousPeriod(p: Period): Period {
  const n = daysBetween(p.from, p.to);
  return { from: addDays(p.from, -n), to: addDays(p.from, -1) };
}

/**
 * REPORT-3: a sale's revenue (total less tax) and its tax are shared among its lines in
 * proportion to each line's net price, largest remainder first, so the lines add up to the
 * sale exactly. A sale of nothing but free lines shares equally.
 */
export function lineShares(
  nets: readonly number[],
  totalMinor: number,
  taxMinor: number,
  currency: Currency,
): { revenue: number; tax: number }[] {
  if (nets.length === 0) return [];
  const weights = nets.some((n) => n > 0) ? nets.map((n) => Math.max(0, n)) : nets.map(() => 1);
  const revenue = allocate({ minor: totalMinor - taxMinor, currency }, weights);
  const tax = allocate({ minor: taxMinor, currency }, weights);
  return nets.map((_, i) => ({ revenue: revenue[i]?.minor ?? 0, tax: tax[i]?.minor ?? 0 }));
}

/** What the rollups add up for a store, a day and a key (all amounts in the store's currency). */
export type Figures = {
  sales: number;
  units: number;
  grossMinor: number;
  discountMinor: number;
  revenueMinor: number;
  taxMinor: number;
  costMinor: number;
  returns: number;
  returnUnits: number;
  returnRevenueMinor: number;
  returnTaxMinor: number;
  returnCostMinor: number;
  refundMinor: number;
  clientSales: number;
  newClientSales: number;
};

export const FIGURE_KEYS = [
  'sales',
  'units',
  'grossMinor',
  'discountMinor',
  'revenueMinor',
  'taxMinor',
  'costMinor',
  'returns',
  'returnUnits',
  'returnRevenueMinor',
  'returnTaxMinor',
  'returnCostMinor',
  'refundMinor',
  'clientSales',
  'newClientSales',
] as const satisfies readonly (keyof Figures)[];

export const emptyFigures = (): Figures =>
  Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as unknown as Figures;

export function addFigures(a: Figures, b: Figures): Figures {
  const out = emptyFigures();
  for (const k of FIGURE_KEYS) out[k] = a[k] + b[k];
  return out;
}

/**
 * REPORT-4: net sales are revenue (tax excluded) less the revenue of what came back; margin is
 * net sales less the cost of what stayed sold; units net of returns; a returning client's sale
 * is a sale to a named client that was not their first.
 */
export function derived(f: Figures) {
  const netSalesMinor = f.revenueMinor - f.returnRevenueMinor;
  const netCostMinor = f.costMinor - f.returnCostMinor;
  const marginMinor = netSalesMinor - netCostMinor;
  return {
    netSalesMinor,
    netCostMinor,
    marginMinor,
    /** Margin as a share of net sales, in basis points (null without sales). */
    marginBp: netSalesMinor === 0 ? null : Math.round((marginMinor * 10_000) / netSalesMinor),
    netUnits: f.units - f.returnUnits,
    /** Average ticket: revenue per sale (null without sales). */
    averageMinor: f.sales === 0 ? null : Math.round(f.revenueMinor / f.sales),
    returningClientSales: f.clientSales - f.newClientSales,
  };
}

/**
 * REPORT-5: sell-through is the share of pieces sold over those sold plus those still on hand;
 * stock turn is the cost of what was sold over the stock at cost, scaled to a year.
 */
export function sellThroughBp(unitsSold: number, unitsOnHand: number): number | null {
  const base = unitsSold + unitsOnHand;
  return base <= 0 ? null : Math.round((Math.max(0, unitsSold) * 10_000) / base);
}

export function annualTurn(costSoldMinor: number, stockAtCostMinor: number, days: number): number | null {
  if (stockAtCostMinor <= 0 || days <= 0) return null;
  return Math.round((costSoldMinor / stockAtCostMinor) * (365 / days) * 100) / 100;
}

/** Age buckets of stock on hand, by months since the piece was received (REPORT-6). */
export const AGE_BUCKETS = ['0-3m', '3-6m', '6-12m', '12m+', 'unknown'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

/** REPORT-6: the bucket of a piece received in `month` (YYYY-MM), seen from `today`. */
export function ageBucket(month: string | null, today: string): AgeBucket {
  if (!month || !/^\d{4}-\d{2}$/.test(month)) return 'unknown';
  const months =
    (Number(today.slice(0, 4)) - Number(month.slice(0, 4))) * 12 +
    (Number(today.slice(5, 7)) - Number(month.slice(5, 7)));
  if (months < 3) return '0-3m';
  if (months < 6) return '3-6m';
  if (months < 12) return '6-12m';
  return '12m+';
}

export type Conversion =
  | { readonly ok: true; readonly money: Money; readonly rateDate: string | null }
  | { readonly ok: false; readonly original: Money; readonly message: string };

/**
 * REPORT-7: the one conversion of reports. An amount of a given day converts at the latest rate
 * dated on or before that day (exchange.ts); the same currency is unchanged; a missing rate is
 * reported with the original amount, never guessed.
 */
export function toReporting(
  amount: Money,
  reporting: Currency,
  rates: readonly ExchangeRate[],
  onDay: string,
): Conversion {
  if (amount.currency === reporting) return { ok: true, money: amount, rateDate: null };
  const r = convert(amount, reporting, rates, onDay);
  if (!r.ok) return { ok: false, original: amount, message: r.error.message };
  const rate = rates
    .filter((x) => x.from === amount.currency && x.to === reporting && x.date <= onDay)
    .reduce<string | null>((best, x) => (best === null || x.date > best ? x.date : best), null);
  return { ok: true, money: r.value, rateDate: rate };
}

/**
 * REPORT-7: amounts of several days and currencies summed in the reporting currency, each at
 * its own day's rate; what could not be converted stays listed by currency.
 */
export function consolidate(
  amounts: readonly { minor: number; currency: string; day: string }[],
  reporting: Currency,
  rates: readonly ExchangeRate[],
): { minor: number; missing: Record<string, number> } {
  let minor = 0;
  const missing: Record<string, number> = {};
  for (const a of amounts) {
    if (a.minor === 0) continue;
    const c = toReporting({ minor: a.minor, currency: a.currency as Currency }, reporting, rates, a.day);
    if (c.ok) minor += c.money.minor;
    else missing[a.currency] = (missing[a.currency] ?? 0) + a.minor;
  }
  return { minor, missing };
}

/** The amounts of a Figures record (counts such as sales and units are not converted). */
export const MONEY_KEYS = [
  'grossMinor',
  'discountMinor',
  'revenueMinor',
  'taxMinor',
  'costMinor',
  'returnRevenueMinor',
  'returnTaxMinor',
  'returnCostMinor',
  'refundMinor',
] as const satisfies readonly (keyof Figures)[];

/**
 * REPORT-7: one day's figures in the reporting currency, each amount through `toReporting` at
 * that day's rate; undefined when the rate is missing (the caller keeps the original).
 */
export function convertFigures(
  f: Figures,
  from: string,
  reporting: Currency,
  rates: readonly ExchangeRate[],
  onDay: string,
): Figures | undefined {
  if (from === reporting) return f;
  const out: Figures = { ...f };
  for (const k of MONEY_KEYS) {
    if (f[k] === 0) continue;
    const c = toReporting({ minor: f[k], currency: from as Currency }, reporting, rates, onDay);
    if (!c.ok) return undefined;
    out[k] = c.money.minor;
  }
  return out;
}
