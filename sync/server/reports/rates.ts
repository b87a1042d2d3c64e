/**
 * Where the reports' consolidation finds the organisation's reporting currency and its dated
 * exchange rates (REPORT-7). The one place to read them: the report documents carry what this
 * returns, and the API converts with the same list through `toReporting` (domain/report.ts).
 *
 * Today: `LOUPE_REPORTING_CURRENCY` (else the currency most stores sell in) and
 * `LOUPE_EXCHANGE_RATES`, a JSON array of `{from, to, rate, date}` (domain/exchange.ts); rates an
 * owner sets in the app, once stored by the relay, are read here too.
 */
import type { DatabaseSync } from 'node:sqlite';
import { type ExchangeRate, parseExchangeRate } from '../../../domain/exchange.ts';
import { type Currency, parseCurrency } from '../../../domain/money.ts';

export type ReportingRates = { currency: Currency; rates: ExchangeRate[] };

export function parseRatesJson(text: string | undefined): ExchangeRate[] {
  if (!text) return [];
  try {
    const list = JSON.parse(text) as unknown;
    if (!Array.isArray(list)) return [];
    return list.flatMap((r) => {
      const parsed = parseExchangeRate(r);
      return parsed.ok ? [parsed.value] : [];
    });
  } catch {
    return [];
  }
}

/** Owner-set rates, when the relay keeps them in SQL (a table `exchange_rates`): none otherwise. */
function storedRates(db: DatabaseSync): ExchangeRate[] {
  try {
    const rows = db
      .prepare('SELECT from_currency AS "from", to_currency AS "to", rate, date FROM exchange_rates')
      .all();
    return rows.flatMap((r) => {
      const parsed = parseExchangeRate({ ...r, rate: String((r as { rate: unknown }).rate) });
      return parsed.ok ? [parsed.value] : [];
    });
  } catch {
    return [];
  }
}

export function reportingRates(db: DatabaseSync, env: NodeJS.ProcessEnv = process.env): ReportingRates {
  const configured = parseCurrency(env.LOUPE_REPORTING_CURRENCY ?? '');
  let currency: Currency;
  if (configured.ok) currency = configured.value;
  else {
    const row = db
      .prepare(
        'SELECT currency, count(*) AS n FROM stores GROUP BY currency ORDER BY n DESC, currency LIMIT 1',
      )
      .get() as { currency: string } | undefined;
    const parsed = parseCurrency(row?.currency ?? 'EUR');
    currency = parsed.ok ? parsed.value : ('EUR' as Currency);
  }
  return { currency, rates: [...parseRatesJson(env.LOUPE_EXCHANGE_RATES), ...storedRates(db)] };
}
