/**
 * A client's spend and visits at a store, from the sales the device or the relay knows (TIER-4).
 * The one place clienteling computes value; lifetime value with currency conversion is the
 * history's. Pure: callers hand over sale facts from ledger entries or SQL rows.
 */
import type { ClientId, SaleId, SerialNumber } from './ids.ts';
import type { Currency, Money } from './money.ts';
import { type Activity, RISING_WINDOW_DAYS } from './tiers.ts';

/** One sale to a client, as far as value goes. `refundedMinor` is what was paid back. */
export type ClientSale = {
  readonly saleId: SaleId;
  readonly clientId: ClientId;
  /** When it was made (ISO instant). */
  readonly at: string;
  readonly total: Money;
  readonly refundedMinor: number;
  readonly voided: boolean;
  /** Serials sold and not returned (for recommendations). */
  readonly serials: readonly SerialNumber[];
};

/**
 * TIER-4: the same sale known from two sources (the relay's answer, a ledger month) counts once;
 * the copy that knows more (a later refund, a void, fewer live serials) wins.
 */
export function mergeClientSales(...sources: ReadonlyArray<readonly ClientSale[]>): ClientSale[] {
  const byId = new Map<string, ClientSale>();
  for (const list of sources)
    for (const s of list) {
      const had = byId.get(s.saleId);
      if (!had) {
        byId.set(s.saleId, s);
        continue;
      }
      byId.set(s.saleId, {
        ...had,
        refundedMinor: Math.max(had.refundedMinor, s.refundedMinor),
        voided: had.voided || s.voided,
        serials: had.serials.filter((x) => s.serials.includes(x)),
      });
    }
  return [...byId.values()];
}

export type ClientValue = {
  /** Paid less refunds, voided sales left out, in the store's currency. */
  readonly spend: Money;
  readonly recent: Activity;
  readonly prior: Activity;
  /** Day (YYYY-MM-DD, UTC) of the last purchase or attended appointment. */
  readonly lastVisit?: string;
  readonly purchases: readonly SerialNumber[];
};

const DAY = 86_400_000;

/**
 * TIER-4: spend counts the client's sales in `currency` (paid less refunded, voids left out);
 * visits are the distinct days with such a sale or with an attended appointment (`visitDays`);
 * `recent` is the last 90 days before `now`, `prior` the 90 before that.
 */
export function clientValue(
  sales: readonly ClientSale[],
  clientId: ClientId,
  currency: Currency,
  now: string,
  visitDays: readonly string[] = [],
): ClientValue {
  const end = Date.parse(now);
  const recentFrom = end - RISING_WINDOW_DAYS * DAY;
  const priorFrom = recentFrom - RISING_WINDOW_DAYS * DAY;
  let spend = 0;
  const recent = { spendMinor: 0, days: new Set<string>() };
  const prior = { spendMinor: 0, days: new Set<string>() };
  const purchases: SerialNumber[] = [];
  let last: string | undefined;
  const window = (t: number) =>
    t > end ? undefined : t > recentFrom ? recent : t > priorFrom ? prior : undefined;
  for (const s of sales) {
    if (s.clientId !== clientId || s.voided || s.total.currency !== currency) continue;
    const t = Date.parse(s.at);
    if (Number.isNaN(t) || t > end) continue;
    const net = Math.max(0, s.total.minor - s.refundedMinor);
    spend += net;
    purchases.push(...s.serials);
    const day = s.at.slice(0, 10);
    const w = window(t);
    if (w) {
      w.spendMinor += net;
      w.days.add(day);
    }
    if (!last || day > last) last = day;
  }
  for (const day of visitDays) {
    const t = Date.parse(`${day}T12:00:00Z`);
    if (Number.isNaN(t) || t > end + DAY) continue;
    window(Math.min(t, end))?.days.add(day);
    if (!last || day > last) last = day;
  }
  return {
    spend: { minor: spend, currency },
    recent: { spendMinor: recent.spendMinor, visits: recent.days.size },
    prior: { spendMinor: prior.spendMinor, visits: prior.days.size },
    ...(last ? { lastVisit: last } : {}),
    purchases,
  };
}
