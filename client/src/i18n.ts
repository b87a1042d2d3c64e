/**
 * User-facing text, one catalog per screen (`<screen>/strings.ts`), ready for translation.
 * A catalog is English (`en`, complete, the type every other language follows) plus any
 * translations (French is the second language); a missing key falls back to English.
 */
import { LOCALE } from './format.ts';

export type Catalog<T> = { readonly en: T } & { readonly [language: string]: Partial<T> | undefined };

/** The messages of `catalog` in the browser's language, key by key, English where untranslated. */
export function messages<T extends object>(catalog: Catalog<T>, locale: string = LOCALE): T {
  const language = locale.toLowerCase().split('-')[0] ?? 'en';
  const own = language === 'en' ? undefined : catalog[language];
  return own ? { ...catalog.en, ...own } : catalog.en;
}
