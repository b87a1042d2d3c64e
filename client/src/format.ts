/**
 * Display helpers: money in the store's locale, dates and statuses in words.
 *
 * Times: one rule. A store's time (a sale, a rejection, a stock change) is shown in the store's
 * own time zone, on every screen, as on its receipts; the zone's short name follows when the
 * till's clock is set to another zone, so "8:26 PM" never means two things.
 */
import { createSignal } from 'solid-js';
import { type Currency, formatMoney } from '../../domain/money.ts';
import type { Amount } from './local/records.ts';

export const LOCALE = navigator.language || 'en';

export const fmt = (m: Amount): string =>
  formatMoney({ minor: m.minor, currency: m.currency as Currency }, LOCALE);

const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

// The active store's zone, set once its record is known (see `showTimesIn`).
const [storeZone, setStoreZone] = createSignal<string>('');

/** Every time on screen is shown in this zone from now on (the active store's; '' = the browser's). */
export const showTimesIn = (timeZone: string | undefined): void => {
  setStoreZone(timeZone ?? '');
};

/** `iso` as a date and time in the store's zone (or `timeZone`), in the till's language. */
export function fmtDate(iso: string, timeZone: string = storeZone(), locale: string = LOCALE): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const zone = timeZone || browserZone();
  const foreign = zone !== browserZone();
  try {
    return d.toLocaleString(
      locale,
      foreign
        ? {
            year: 'numeric',
            month: 'short',
            day: 'numeric',
            hour: 'numeric',
            minute: '2-digit',
            timeZoneName: 'short',
            timeZone: zone,
          }
        : { dateStyle: 'medium', timeStyle: 'short', timeZone: zone },
    );
  } catch {
    return d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  }
}

export const statusLabel = (s: string | undefined): string => (s ? s.replaceAll('-', ' ') : 'unknown');
