/**
 * Recommendations on a client's profile (RECO-*): pieces in stock at the store now that match
 * what the client told us and what they bought, each with the reasons it was chosen. Pure scoring;
 * the screen words each reason in the user's language.
 */
import type { ClientProfile } from './client.ts';
import type { ClientId, SerialNumber } from './ids.ts';
import type { CatalogPiece, Category, Metal } from './piece.ts';
import type { PieceStatus } from './piece-status.ts';

/** Why a piece is suggested, for the screen to put in words. */
export type RecoReason =
  | { readonly kind: 'metal'; readonly metal: Metal }
  | { readonly kind: 'stone'; readonly stone: string }
  | { readonly kind: 'designer'; readonly designer: string }
  | { readonly kind: 'same-designer'; readonly designer: string; readonly bought: string }
  | { readonly kind: 'same-collection'; readonly collection: string; readonly bought: string }
  | { readonly kind: 'complements'; readonly bought: string; readonly category: Category }
  | { readonly kind: 'within-budget' }
  | { readonly kind: 'ring-size'; readonly size: string; readonly system: string }
  | { readonly kind: 'reserved-for-them' };

export type Recommendation = {
  readonly serial: SerialNumber;
  readonly score: number;
  readonly reasons: readonly RecoReason[];
};

/** A piece's stock as the recommender needs it. */
export type RecoStock = {
  readonly status: PieceStatus;
  readonly store: string;
  readonly reservedFor?: string;
  readonly reservedUntil?: string;
};

/** Categories that go with what the client already has (a ring with earrings…). */
export const COMPLEMENTS: Readonly<Record<Category, readonly Category[]>> = {
  ring: ['earrings', 'bracelet', 'necklace'],
  earrings: ['necklace', 'pendant', 'ring'],
  necklace: ['earrings', 'bracelet'],
  pendant: ['earrings', 'bracelet'],
  bracelet: ['ring', 'watch', 'earrings'],
  watch: ['bracelet'],
  brooch: ['earrings'],
  other: [],
};

const WEIGHTS = {
  designer: 4,
  'same-collection': 3,
  metal: 3,
  stone: 3,
  'same-designer': 2,
  'within-budget': 2,
  complements: 1,
  'ring-size': 1,
  'reserved-for-them': 0,
} as const satisfies Record<RecoReason['kind'], number>;

/** A reason that says the piece fits this client (budget and size alone say nothing about taste). */
const MATCHES: ReadonlySet<RecoReason['kind']> = new Set([
  'designer',
  'same-collection',
  'metal',
  'stone',
  'same-designer',
  'complements',
]);

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();

/**
 * RECO-1: a piece may be suggested when it is at this store and in stock, or reserved for this
 * very client, or held by someone else's reservation that has lapsed; never a piece sold, on memo,
 * in repair or travelling, never one reserved for someone else, never one the client bought.
 */
export function available(
  stock: RecoStock | undefined,
  store: string,
  clientId: ClientId,
  now: string,
): 'free' | 'theirs' | undefined {
  if (!stock || stock.store !== store) return undefined;
  if (stock.status === 'in-stock') return 'free';
  if (stock.status !== 'reserved') return undefined;
  if (stock.reservedFor === clientId) return 'theirs';
  return stock.reservedUntil && stock.reservedUntil <= now ? 'free' : undefined;
}

/**
 * RECO-2: the reasons one piece matches: a preferred metal, stone (any of its stones, accents and
 * case ignored) or designer; the designer or collection of something they bought; a category that
 * complements something they bought; a price within their budget; for a ring, a ring size on file.
 */
export function reasonsFor(
  piece: CatalogPiece,
  client: ClientProfile,
  bought: readonly CatalogPiece[],
): RecoReason[] {
  const out: RecoReason[] = [];
  const prefs = client.preferences;
  if (prefs.designers.some((d) => piece.designer && fold(d) === fold(piece.designer)))
    out.push({ kind: 'designer', designer: piece.designer ?? '' });
  if (prefs.metals.includes(piece.metal)) out.push({ kind: 'metal', metal: piece.metal });
  const stone = piece.stones.find((s) => prefs.stones.some((p) => fold(p) === fold(s.kind)));
  if (stone) out.push({ kind: 'stone', stone: stone.kind });
  const sameCollection = bought.find(
    (b) => piece.collection && b.collection && fold(b.collection) === fold(piece.collection),
  );
  if (sameCollection)
    out.push({ kind: 'same-collection', collection: piece.collection ?? '', bought: sameCollection.title });
  const sameDesigner = bought.find(
    (b) => piece.designer && b.designer && fold(b.designer) === fold(piece.designer),
  );
  if (sameDesigner && !out.some((r) => r.kind === 'designer'))
    out.push({ kind: 'same-designer', designer: piece.designer ?? '', bought: sameDesigner.title });
  const complement = bought.find((b) => COMPLEMENTS[b.category].includes(piece.category));
  if (complement) out.push({ kind: 'complements', bought: complement.title, category: complement.category });
  const b = client.budget;
  if (
    b &&
    b.max.currency === piece.listPrice.currency &&
    piece.listPrice.minor >= b.min.minor &&
    piece.listPrice.minor <= b.max.minor
  )
    out.push({ kind: 'within-budget' });
  const size = client.ringSizes[0];
  if (piece.category === 'ring' && size)
    out.push({ kind: 'ring-size', size: size.size, system: size.system });
  return out;
}

export const MAX_RECOMMENDATIONS = 8;

/**
 * RECO-3: the pieces RECO-1 allows that match the client (RECO-2, one match at least), never above
 * their budget's maximum, best first: the sum of the reasons' weights (a preferred designer 4; a
 * collection, metal or stone 3; a designer bought before or the budget 2; a complement or a ring
 * size 1), then the price nearest the budget's top, then the serial.
 */
export function recommend(input: {
  readonly client: ClientProfile;
  readonly store: string;
  readonly now: string;
  readonly pieces: readonly CatalogPiece[];
  readonly stock: (serial: SerialNumber) => RecoStock | undefined;
  readonly purchases: readonly SerialNumber[];
  readonly limit?: number;
}): Recommendation[] {
  const { client } = input;
  const purchased = new Set<string>(input.purchases);
  const bySerial = new Map(input.pieces.map((p) => [p.serial as string, p]));
  const bought = input.purchases.flatMap((s) => bySerial.get(s) ?? []);
  const max = client.budget?.max;
  const out: Recommendation[] = [];
  for (const piece of input.pieces) {
    if (purchased.has(piece.serial)) continue;
    const avail = available(input.stock(piece.serial), input.store, client.id, input.now);
    if (!avail) continue;
    if (max && max.currency === piece.listPrice.currency && piece.listPrice.minor > max.minor) continue;
    const reasons = reasonsFor(piece, client, bought);
    if (!reasons.some((r) => MATCHES.has(r.kind))) continue;
    if (avail === 'theirs') reasons.push({ kind: 'reserved-for-them' });
    const score = reasons.reduce((s, r) => s + WEIGHTS[r.kind], 0);
    out.push({ serial: piece.serial, score, reasons });
  }
  const price = (s: SerialNumber) => bySerial.get(s)?.listPrice.minor ?? 0;
  const gap = (s: SerialNumber) => (max ? Math.abs(max.minor - price(s)) : 0);
  return out
    .sort(
      (a, b) =>
        b.score - a.score ||
        gap(a.serial) - gap(b.serial) ||
        (a.serial < b.serial ? -1 : a.serial > b.serial ? 1 : 0),
    )
    .slice(0, input.limit ?? MAX_RECOMMENDATIONS);
}
