/**
 * Finding clients (SEARCH-*): the text folding every search uses, the filters of the client
 * list, and what a role may see of a client found in another store's book (chain-wide search).
 * Pure: the index (a word dictionary on the till, FTS5 on the relay) lives outside the domain.
 */
import { type ClientProfile, nextOccurrence, type SizeSystem } from './client.ts';
import type { Metal } from './piece.ts';
import type { Role } from './roles.ts';

/** Letters with no decomposition that people type without their mark. */
const SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * SEARCH-1: the form text is compared in — lower case, marks removed (é → e, ç → c, ß → ss),
 * so "Amélie", "AMELIE" and "amelie" are the same word.
 */
export function foldText(s: string): string {
  // Most names and every e-mail are plain ASCII: lower case is all they need.
  if (!/[^ -~]/.test(s)) return s.toLowerCase();
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => SPECIAL[c] ?? c);
}

/** The words of a folded text (letters and digits; everything else separates). */
export const words = (s: string): string[] =>
  foldText(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

// ---------------------------------------------------------------------------------------------
// Filters (SEARCH-3): each is a predicate on a profile; a list of them is met when all are met,
// so a new kind (a tier) is one more case, not a change to the others.

export type ClientFilter =
  | { readonly kind: 'ring-size'; readonly size: string; readonly system?: SizeSystem }
  | { readonly kind: 'metal'; readonly metal: Metal }
  /** A milestone whose next occurrence is within `days` days of `today` (YYYY-MM-DD), today included. */
  | { readonly kind: 'milestone-within'; readonly days: number; readonly today: string };

const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** A ring size as people type it: "52", "52.5", "52,5", "k½", "K 1/2". */
const sizeKey = (s: string): string =>
  s.trim().toUpperCase().replace(',', '.').replace(/\s+/g, '').replace('1/2', '½');

export function meetsFilter(p: ClientProfile, f: ClientFilter): boolean {
  switch (f.kind) {
    case 'ring-size': {
      const want = sizeKey(f.size);
      return p.ringSizes.some((r) => sizeKey(r.size) === want && (!f.system || r.system === f.system));
    }
    case 'metal':
      return p.preferences.metals.includes(f.metal);
    case 'milestone-within': {
      const last = addDays(f.today, Math.max(0, Math.floor(f.days)));
      return p.milestones.some((m) => {
        const next = nextOccurrence(m, f.today);
        return next !== undefined && next <= last;
      });
    }
  }
}

/** SEARCH-3: every filter met (no filter: every client). */
export const meetsFilters = (p: ClientProfile, filters: readonly ClientFilter[]): boolean =>
  filters.every((f) => meetsFilter(p, f));

// ---------------------------------------------------------------------------------------------
// Chain-wide search (SEARCH-5): what a role sees of a client homed at another store.

/** `amelie.laurent@example.com` → `a•••@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

/** `+33 6 12 34 56 78` → `•••• 78`: the last two digits only. */
export function maskPhone(phone: string): string {
  const d = phone.replace(/\D/g, '');
  return d.length < 4 ? '••••' : `•••• ${d.slice(-2)}`;
}

/** One client as a chain-wide search answers it. */
export type ChainClientHit = {
  readonly id: string;
  readonly homeStore: string;
  readonly name: string;
  /** Masked for associates and designers; whole for managers and owners. */
  readonly email?: string;
  readonly phone?: string;
  /** Managers and owners only. */
  readonly emails?: readonly string[];
  readonly phones?: readonly string[];
};

/** Roles that see another store's client's contacts whole (they may need to call them). */
const SEES_CONTACTS: ReadonlySet<Role> = new Set<Role>(['manager', 'owner']);
export const seesContactsWhole = (role: Role): boolean => SEES_CONTACTS.has(role);

/**
 * SEARCH-5: associates and designers see the name, the home store and the first e-mail and
 * phone masked; managers and owners see every e-mail and phone. Nobody sees notes, sizes,
 * preferences, budget or milestones of another store's client through search.
 */
export function chainHitFor(
  role: Role,
  c: {
    id: string;
    homeStore: string;
    name: string;
    emails: readonly string[];
    phones: readonly string[];
  },
): ChainClientHit {
  const base = { id: c.id, homeStore: c.homeStore, name: c.name };
  const email = c.emails[0];
  const phone = c.phones[0];
  if (SEES_CONTACTS.has(role))
    return {
      ...base,
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
      emails: [...c.emails],
      phones: [...c.phones],
    };
  return {
    ...base,
    ...(email ? { email: maskEmail(email) } : {}),
    ...(phone ? { phone: maskPhone(phone) } : {}),
  };
}
