/**
 * The store's likely duplicate clients (domain MERGE-1, MERGE-2), live from `clients/<store>`:
 * phones compared in their international form (libphonenumber-js, the store's country for
 * numbers written without one); pairs a manager dismissed are left out on every till.
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { type Accessor, createEffect, createSignal, onCleanup } from 'solid-js';
import type * as Y from 'yjs';
import type { ClientProfile } from '../../../domain/client.ts';
import { type DuplicatePair, findDuplicates } from '../../../domain/client-duplicates.ts';
import {
  clientBook,
  dismissedPairs,
  parseClientRecord,
  readDismissedPairs,
} from '../../../sync/shared/docs/clients.ts';

/** The country a store's own phone number is in: how its clients' national numbers are read. */
export function storeCountry(storePhone: string | undefined): CountryCode | undefined {
  return storePhone ? parsePhoneNumberFromString(storePhone)?.country : undefined;
}

/** A phone's E.164 form when it parses (with `country` for a national number), else its digits. */
export function phoneKey(phone: string, country?: CountryCode): string | undefined {
  const parsed = parsePhoneNumberFromString(phone, country);
  if (parsed?.isPossible()) return parsed.number;
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 6 ? digits : undefined;
}

export function duplicatesIn(doc: Y.Doc, country?: CountryCode): DuplicatePair[] {
  const clients: ClientProfile[] = [];
  for (const stored of clientBook(doc).values()) {
    const c = parseClientRecord(stored);
    if (c) clients.push(c);
  }
  return findDuplicates(clients, {
    phoneKey: (p) => phoneKey(p, country),
    dismissed: readDismissedPairs(doc),
  });
}

/** The pairs, recomputed (debounced) when the book or the dismissals change. */
export function createDuplicates(
  doc: Accessor<Y.Doc | undefined>,
  country: Accessor<CountryCode | undefined>,
): Accessor<DuplicatePair[] | undefined> {
  const [pairs, setPairs] = createSignal<DuplicatePair[]>();
  createEffect(() => {
    const d = doc();
    const c = country();
    if (!d) return setPairs(undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => setPairs(duplicatesIn(d, c));
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(run, 300);
    };
    run();
    clientBook(d).observeDeep(later);
    dismissedPairs(d).observe(later);
    onCleanup(() => {
      clearTimeout(timer);
      clientBook(d).unobserveDeep(later);
      dismissedPairs(d).unobserve(later);
    });
  });
  return pairs;
}
