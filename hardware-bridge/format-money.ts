/**
 * Money on paper: integer minor units + currency, formatted by the domain's `formatMoney`
 * (exact decimal string handed to Intl, never a float division).
 */
import { type Currency, formatMoney, money } from '../domain/money.ts';

export function formatMinor(minor: number, currency: Currency, locale = 'en-US'): string {
  return formatMoney(money(minor, currency), locale);
}
