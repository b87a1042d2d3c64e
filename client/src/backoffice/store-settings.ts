/**
 * The Stores page's tax-by-category, receipt-footer and reminder fields, read into what
 * `store.update` carries (TAXCAT-1, FOOTER-1, DUEMAIL-5): pure, so each refusal is tested in words.
 */
import { CATEGORIES, type Category } from '../../../domain/piece.ts';
import { MAX_FOOTER_LINE, MAX_FOOTER_LINES, MAX_REMINDER_LEAD_DAYS } from '../../../domain/store.ts';
import type { CategoryRate } from '../../../domain/tax.ts';
import { percentToBp } from './OrganisationPage.tsx';
import { B } from './strings.ts';

/** One row of the category rates editor, as typed. */
export type CategoryRateRow = { readonly category: string; readonly rate: string };

export type Read<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

/** TAXCAT-1: each row a known category, once, at a rate between 0 and 100 %. */
export function readCategoryRates(rows: readonly CategoryRateRow[]): Read<CategoryRate[]> {
  const seen = new Set<string>();
  const out: CategoryRate[] = [];
  for (const row of rows) {
    if (!(CATEGORIES as readonly string[]).includes(row.category))
      return { ok: false, error: B.pickCategory };
    if (seen.has(row.category))
      return { ok: false, error: B.categoryTwice(B.categoryName[row.category as Category] ?? row.category) };
    seen.add(row.category);
    const bp = percentToBp(row.rate);
    if (bp === undefined) return { ok: false, error: B.badRate };
    out.push({ category: row.category as Category, basisPoints: bp });
  }
  return { ok: true, value: out };
}

/** FOOTER-1: the lines as typed, trimmed, blank ones left out; at most 4 of 42 characters. */
export function readFooter(text: string): Read<string[]> {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > MAX_FOOTER_LINES) return { ok: false, error: B.footerTooMany(MAX_FOOTER_LINES) };
  const long = lines.findIndex((l) => l.length > MAX_FOOTER_LINE);
  if (long >= 0) return { ok: false, error: B.footerTooLong(long + 1, MAX_FOOTER_LINE) };
  return { ok: true, value: lines };
}

/**
 * DUEMAIL-5: the reminder lead time as typed: whole days from 0 to 30, or empty for the relay's
 * default (`null`, what `store.update` sends to go back to it).
 */
export function readReminderDays(text: string): Read<number | null> {
  const t = text.trim();
  if (t === '') return { ok: true, value: null };
  const n = /^\d{1,2}$/.test(t) ? Number(t) : Number.NaN;
  if (!(n >= 0 && n <= MAX_REMINDER_LEAD_DAYS))
    return { ok: false, error: B.badReminderDays(MAX_REMINDER_LEAD_DAYS) };
  return { ok: true, value: n };
}
