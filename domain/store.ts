/**
 * A store of the organisation (ORG-*): what receipts, tills and the relay need to know about it.
 * The relay's SQL `stores` table is the source; `org` (sync/shared/docs/org.ts) is its projection.
 * One spelling of the tax: `tax: {basisPoints, inclusive}` (domain/tax.ts).
 */
import { parseStoreId, type StoreId } from './ids.ts';
import { type Currency, parseCurrency } from './money.ts';
import { array, fail, integer, object, optional, type Parser, string, withDefault } from './parse.ts';
import { ok } from './result.ts';
import { parseTaxRule, type TaxRule } from './tax.ts';

export type Store = {
  readonly id: StoreId;
  readonly name: string;
  /** Fixed when the store opens: prices, sales and balances are kept in it. */
  readonly currency: Currency;
  readonly tax: TaxRule;
  /** IANA time zone receipts and days are dated in, e.g. `Europe/Paris`. */
  readonly timeZone: string;
  /** Address lines for receipts, at most 6; empty when unknown. */
  readonly address: readonly string[];
  readonly phone?: string;
  /**
   * FOOTER-1: lines printed at the foot of every receipt (return policy, VAT number, a thank-you),
   * at most 4 of 42 characters; absent or empty for none.
   */
  readonly receiptFooter?: readonly string[];
  /**
   * DUEMAIL-5: how many days ahead of an instalment's day its client is reminded, 0–30; absent
   * when the store never set it (the relay's default applies).
   */
  readonly reminderLeadDays?: number;
};

export const MAX_ADDRESS_LINES = 6;
/** FOOTER-1: a few lines, each as wide as the receipt printer's 42 columns so none is cut. */
export const MAX_FOOTER_LINES = 4;
export const MAX_FOOTER_LINE = 42;

const ZONE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** An IANA time zone this runtime knows (`Europe/Paris`, `UTC`), in its canonical spelling. */
export const parseTimeZone: Parser<string> = (input, path = '') => {
  if (typeof input !== 'string') return fail(path, 'expected an IANA time zone such as Europe/Paris');
  const zone = input.trim();
  if (!ZONE.test(zone) || zone.length > 64) return fail(path, `"${input}" is not an IANA time zone`);
  try {
    return ok(new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone);
  } catch {
    return fail(path, `"${zone}" is not a time zone this system knows`);
  }
};

export const parseStoreName = string({ min: 1, max: 120 });
export const parseAddress: Parser<string[]> = array(string({ min: 1, max: 120 }), {
  max: MAX_ADDRESS_LINES,
});
/** FOOTER-1: the lines as typed, each trimmed; blank lines are refused rather than printed. */
export const parseReceiptFooter: Parser<string[]> = array(string({ min: 1, max: MAX_FOOTER_LINE }), {
  max: MAX_FOOTER_LINES,
});
export const parsePhone = string({ min: 1, max: 40, pattern: /^[0-9+() .-]+$/ });
/** DUEMAIL-5: at most a month ahead; 0 reminds on the day itself. */
export const MAX_REMINDER_LEAD_DAYS = 30;
export const parseReminderLeadDays = integer({ min: 0, max: MAX_REMINDER_LEAD_DAYS });

export const parseStore: Parser<Store> = object({
  id: parseStoreId,
  name: parseStoreName,
  currency: parseCurrency,
  tax: parseTaxRule,
  timeZone: parseTimeZone,
  address: withDefault(parseAddress, []),
  phone: optional(parsePhone),
  receiptFooter: optional(parseReceiptFooter),
  reminderLeadDays: optional(parseReminderLeadDays),
});
