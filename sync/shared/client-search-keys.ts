/**
 * What a client is found by (SEARCH-1, SEARCH-2), shared by the till's index and the relay's SQL
 * projection: folded names and e-mails, and phone numbers normalised with `libphonenumber-js`
 * so a number typed in national form ("06 12 34 56 78") or international form ("+33 6 12 34 56
 * 78", "0033 6…") finds the same client. National numbers are read in the store's region.
 */
import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { ClientProfile } from '../../domain/client.ts';
import { foldText, words } from '../../domain/client-search.ts';
import type { Store } from '../../domain/store.ts';

export type { CountryCode };

/**
 * Countries of the time zones stores are likely to be in, for a store whose phone number does
 * not say (a store phone in international form wins). Not a full table: a zone not listed
 * gives no region, and then only numbers in international form are normalised.
 */
const ZONE_REGION: Readonly<Record<string, CountryCode>> = {
  'Europe/Paris': 'FR',
  'Europe/Monaco': 'MC',
  'Europe/London': 'GB',
  'Europe/Dublin': 'IE',
  'Europe/Brussels': 'BE',
  'Europe/Luxembourg': 'LU',
  'Europe/Amsterdam': 'NL',
  'Europe/Berlin': 'DE',
  'Europe/Vienna': 'AT',
  'Europe/Zurich': 'CH',
  'Europe/Rome': 'IT',
  'Europe/Madrid': 'ES',
  'Europe/Lisbon': 'PT',
  'Europe/Athens': 'GR',
  'Europe/Stockholm': 'SE',
  'Europe/Oslo': 'NO',
  'Europe/Copenhagen': 'DK',
  'Europe/Helsinki': 'FI',
  'Europe/Warsaw': 'PL',
  'Europe/Prague': 'CZ',
  'Europe/Istanbul': 'TR',
  'America/New_York': 'US',
  'America/Chicago': 'US',
  'America/Denver': 'US',
  'America/Los_Angeles': 'US',
  'America/Phoenix': 'US',
  'Pacific/Honolulu': 'US',
  'America/Toronto': 'CA',
  'America/Vancouver': 'CA',
  'America/Montreal': 'CA',
  'America/Mexico_City': 'MX',
  'America/Sao_Paulo': 'BR',
  'America/Argentina/Buenos_Aires': 'AR',
  'Asia/Tokyo': 'JP',
  'Asia/Seoul': 'KR',
  'Asia/Shanghai': 'CN',
  'Asia/Hong_Kong': 'HK',
  'Asia/Singapore': 'SG',
  'Asia/Dubai': 'AE',
  'Asia/Qatar': 'QA',
  'Asia/Riyadh': 'SA',
  'Asia/Kolkata': 'IN',
  'Asia/Bangkok': 'TH',
  'Asia/Taipei': 'TW',
  'Australia/Sydney': 'AU',
  'Australia/Melbourne': 'AU',
  'Pacific/Auckland': 'NZ',
  'Africa/Johannesburg': 'ZA',
  'Africa/Casablanca': 'MA',
};

/** The region a store's national phone numbers are read in: its own number's, else its time zone's. */
export function storeRegion(store: Pick<Store, 'phone' | 'timeZone'> | undefined): CountryCode | undefined {
  if (!store) return undefined;
  const own = store.phone ? parsePhoneNumberFromString(store.phone) : undefined;
  if (own?.country && isSupportedCountry(own.country)) return own.country;
  return ZONE_REGION[store.timeZone];
}

const digits = (s: string): string => s.replace(/\D/g, '');

/** Tokens shorter than this are not phone keys (a street number is not a phone). */
export const MIN_PHONE_DIGITS = 4;

/**
 * SEARCH-2: the digit strings a stored phone is found by: its international form without `+`
 * (`33612345678`), its national form (`0612345678`), its national significant number
 * (`612345678`) and every tail of that of 4 digits or more (`0199` finds `+1 415 555 0199`).
 * A number libphonenumber cannot read keeps its digits as typed.
 */
export function phoneKeys(phone: string, region: CountryCode | undefined): string[] {
  const keys = new Set<string>();
  const raw = digits(phone);
  if (raw.length >= MIN_PHONE_DIGITS) keys.add(raw);
  const p = parsePhoneNumberFromString(phone, region);
  if (p?.isPossible()) {
    keys.add(digits(p.number));
    keys.add(digits(p.formatNational()));
    keys.add(p.nationalNumber);
  }
  const nsn = p?.isPossible() ? p.nationalNumber : raw;
  for (let i = 1; i <= nsn.length - MIN_PHONE_DIGITS; i++) keys.add(nsn.slice(i));
  return [...keys];
}

/** Does the query look like a phone number (digits and phone punctuation only, 3 digits at least)? */
export const isPhoneQuery = (q: string): boolean =>
  /^[+(]?[\d\s().\-/]+$/.test(q.trim()) && digits(q).length >= 3;

/**
 * SEARCH-2: the digit prefixes a phone-like query is looked up by: the digits as typed, without
 * an international `00`, and — when libphonenumber reads a possible number in the store's region
 * — its international digits, so "06 12 34 56 78" finds "+33612345678" and the other way round.
 */
export function phoneQueryKeys(query: string, region: CountryCode | undefined): string[] {
  const keys = new Set<string>();
  const q = query.trim();
  const d = digits(q);
  if (!d) return [];
  keys.add(d.startsWith('00') ? d.slice(2) : d);
  const p = parsePhoneNumberFromString(q.startsWith('00') ? `+${d.slice(2)}` : q, region);
  if (p?.isPossible()) {
    keys.add(digits(p.number));
    keys.add(p.nationalNumber);
  }
  return [...keys].filter(Boolean);
}

/** The searchable text of a client, as both indexes store it. */
export type ClientSearchFields = {
  readonly id: string;
  readonly homeStore: string;
  /** Shown name (display, first and last), folded. */
  readonly name: string;
  /** Every e-mail, folded, space-separated. */
  readonly email: string;
  /** Every phone key (`phoneKeys`), space-separated. */
  readonly phone: string;
};

export const displayName = (p: ClientProfile): string =>
  p.names.display || [p.names.first, p.names.last].filter(Boolean).join(' ');

export function clientSearchFields(p: ClientProfile, region: CountryCode | undefined): ClientSearchFields {
  // Each word once: the display name usually repeats first and last.
  const names = new Set(words([displayName(p), p.names.first, p.names.last].join(' ')));
  return {
    id: p.id,
    homeStore: p.homeStore,
    name: [...names].join(' '),
    email: p.contacts.emails.map(foldText).join(' '),
    phone: [...new Set(p.contacts.phones.flatMap((ph) => phoneKeys(ph, region)))].join(' '),
  };
}
