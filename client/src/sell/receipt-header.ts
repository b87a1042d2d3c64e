/**
 * The head of a receipt, on screen, on paper and in the bridge's job: the store's name and
 * address, and the sale's date and time in the store's time zone (the browser's only when the
 * store has none), so a receipt printed on a laptop set to another zone still tells the truth.
 * The time is written by `fmtDate`, the one rule for every store time on screen.
 */
import { fmtDate } from '../format.ts';
import type { StoreView } from '../local/records.ts';

export type ReceiptHeader = {
  readonly storeName: string;
  readonly address: readonly string[];
  readonly timeZone: string;
  /** The sale's time in words, in `timeZone`; '' when `at` is not a date. */
  readonly when: string;
};

export function receiptHeader(
  store: StoreView | undefined,
  at: string,
  opts: { readonly locale: string; readonly fallbackTimeZone: string },
): ReceiptHeader {
  const timeZone = store?.timeZone || opts.fallbackTimeZone || 'UTC';
  const when = fmtDate(at, timeZone, opts.locale);
  return { storeName: store?.name || 'Loupe', address: store?.address ?? [], timeZone, when };
}

/** The browser's own zone, for stores that have none recorded. */
export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
