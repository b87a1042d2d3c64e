/**
 * Likely duplicates in a client book (MERGE-1): pairs of profiles that share an e-mail or a
 * phone number, or whose names are the same or nearly (accents, case and one or two typos
 * aside). Pure: the phone's normal form comes from the caller (the app uses libphonenumber-js),
 * so "06 12 34 56 78" and "+33 6 12 34 56 78" can meet.
 */
import type { ClientProfile } from './client.ts';

export type DuplicateReason =
  | { readonly kind: 'email'; readonly value: string }
  | { readonly kind: 'phone'; readonly value: string }
  | { readonly kind: 'name'; readonly distance: number };

export type DuplicatePair = {
  /** `pairKey(a, b)`: the two ids in order, what a dismissal is stored under. */
  readonly key: string;
  readonly a: ClientProfile;
  readonly b: ClientProfile;
  readonly reasons: readonly DuplicateReason[];
};

export type DuplicateOptions = {
  /** A phone's normal form (E.164 when it parses); digits only when not given. */
  readonly phoneKey?: (phone: string) => string | undefined;
  /** Pair keys a manager marked "not the same person" (MERGE-2). */
  readonly dismissed?: ReadonlySet<string>;
  /** Past this many profiles in one name block, names are not compared (a common surname). */
  readonly maxBlock?: number;
};

export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Lower case, accents and punctuation off, spaces collapsed: "  Hélène D'Arcy" → "helene darcy". */
export function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Levenshtein distance, giving up (returning `max + 1`) once it must exceed `max`. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

const digits = (p: string): string | undefined => {
  const d = p.replace(/\D/g, '');
  return d.length >= 6 ? d : undefined;
};

/** How many typos two folded full names may differ by and still count as one person. */
const allowedTypos = (length: number): number => (length >= 12 ? 2 : length >= 6 ? 1 : 0);

const fullName = (c: ClientProfile): string => foldName(`${c.names.first} ${c.names.last}`);

/**
 * MERGE-1: every likely pair, the strongest first (shared contact before a similar name), each
 * with why. A pair a manager dismissed is left out.
 */
export function findDuplicates(
  clients: readonly ClientProfile[],
  opts: DuplicateOptions = {},
): DuplicatePair[] {
  const phoneKey = opts.phoneKey ?? digits;
  const maxBlock = opts.maxBlock ?? 400;
  const reasons = new Map<string, DuplicateReason[]>();
  const byId = new Map(clients.map((c) => [c.id as string, c]));
  const note = (a: string, b: string, r: DuplicateReason) => {
    if (a === b) return;
    const key = pairKey(a, b);
    if (opts.dismissed?.has(key)) return;
    const list = reasons.get(key) ?? [];
    if (!list.some((x) => JSON.stringify(x) === JSON.stringify(r))) list.push(r);
    reasons.set(key, list);
  };
  const shared = (kind: 'email' | 'phone', keyOf: (c: ClientProfile) => (string | undefined)[]) => {
    const holders = new Map<string, string[]>();
    for (const c of clients)
      for (const k of new Set(keyOf(c).filter((x): x is string => !!x))) {
        const list = holders.get(k) ?? [];
        list.push(c.id);
        holders.set(k, list);
      }
    for (const [value, ids] of holders)
      for (let i = 0; i < ids.length; i++)
        for (let j = i + 1; j < ids.length; j++) note(ids[i] as string, ids[j] as string, { kind, value });
  };
  shared('email', (c) => c.contacts.emails.map((e) => e.trim().toLowerCase()));
  shared('phone', (c) => c.contacts.phones.map((p) => phoneKey(p)));

  // Names: compared within blocks (same start of first name, or of last name), so a book of
  // thousands is not compared pair by pair.
  const blocks = new Map<string, ClientProfile[]>();
  for (const c of clients) {
    const first = foldName(c.names.first).slice(0, 2);
    const last = foldName(c.names.last).slice(0, 2);
    if (!first && !last) continue;
    for (const k of [`f:${first}`, `l:${last}`]) {
      const list = blocks.get(k) ?? [];
      list.push(c);
      blocks.set(k, list);
    }
  }
  const names = new Map(clients.map((c) => [c.id as string, fullName(c)]));
  for (const list of blocks.values()) {
    if (list.length > maxBlock) continue;
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i] as ClientProfile;
        const b = list[j] as ClientProfile;
        const na = names.get(a.id) ?? '';
        const nb = names.get(b.id) ?? '';
        if (na.length < 4 || nb.length < 4) continue;
        const max = allowedTypos(Math.min(na.length, nb.length));
        const d = editDistance(na, nb, max);
        if (d <= max) note(a.id, b.id, { kind: 'name', distance: d });
      }
  }
  const strength = (rs: readonly DuplicateReason[]) =>
    rs.reduce((s, r) => s + (r.kind === 'name' ? 1 - r.distance / 4 : 2), 0);
  const out: DuplicatePair[] = [];
  for (const [key, rs] of reasons) {
    const [x, y] = key.split('|');
    const a = byId.get(x ?? '');
    const b = byId.get(y ?? '');
    if (a && b) out.push({ key, a, b, reasons: rs });
  }
  return out.sort((p, q) => strength(q.reasons) - strength(p.reasons) || (p.key < q.key ? -1 : 1));
}
