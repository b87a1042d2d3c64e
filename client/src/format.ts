/** Display helpers: money in the store's locale, dates and statuses in words. */
import { type Currency, formatMoney } from '../../domain/money.ts';
import type { Amount } from './local/records.ts';

export const LOCALE = navigator.language || 'en';

export const fmt = (m: Amount): string =>
  formatMoney({ minor: m.minor, currency: m.currency as Currency }, LOCALE);

export const fmtDate = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : d.toLocaleString(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });
};

export const statusLabel = (s: string | undefined): string => (s ? s.replaceAll('-', ' ') : 'unknown');
