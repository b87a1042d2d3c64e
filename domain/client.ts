/**
 * A client's profile in the client book. Free-form fields merge as CRDTs in the
 * `clients/<store>` document; this parser is what every reader applies to what it finds.
 */
import { type ClientId, parseClientId, parseStoreId, type StoreId } from './ids.ts';
import type { Money } from './money.ts';
import { parseAmount } from './money-parse.ts';
import {
  array,
  boolean,
  decimal,
  isoDate,
  isoInstant,
  literal,
  object,
  optional,
  type Parser,
  refine,
  string,
  withDefault,
} from './parse.ts';
import { METALS, type Metal } from './piece.ts';

export const CHANNELS = ['email', 'sms', 'phone', 'post'] as const;
export type Channel = (typeof CHANNELS)[number];
export const FINGERS = ['thumb', 'index', 'middle', 'ring', 'little'] as const;
export type Finger = (typeof FINGERS)[number];
export const SIZE_SYSTEMS = ['US', 'UK', 'EU'] as const;
export type SizeSystem = (typeof SIZE_SYSTEMS)[number];
export const MILESTONE_KINDS = ['birthday', 'anniversary', 'engagement', 'wedding', 'other'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export type Consent = { readonly granted: boolean; readonly date: string };
export type RingSize = {
  readonly hand: 'left' | 'right';
  readonly finger: Finger;
  readonly size: string;
  readonly system: SizeSystem;
};
export type Milestone = {
  readonly kind: MilestoneKind;
  readonly date: string;
  readonly recurrence: 'yearly' | 'once';
  readonly label?: string;
};

export type ClientProfile = {
  readonly id: ClientId;
  readonly names: { readonly first: string; readonly last: string; readonly display: string };
  readonly contacts: { readonly emails: readonly string[]; readonly phones: readonly string[] };
  readonly consent: Readonly<Partial<Record<Channel, Consent>>>;
  readonly ringSizes: readonly RingSize[];
  readonly wristCm?: number;
  readonly neckCm?: number;
  readonly preferences: {
    readonly metals: readonly Metal[];
    readonly stones: readonly string[];
    readonly designers: readonly string[];
  };
  readonly budget?: { readonly min: Money; readonly max: Money };
  readonly milestones: readonly Milestone[];
  readonly notes: string;
  readonly homeStore: StoreId;
  readonly createdAt: string;
};

// US/EU sizes are numbers (US in quarter steps); UK sizes are letters with an optional half.
const SIZE: Record<SizeSystem, RegExp> = {
  US: /^(1[0-6]|[0-9])(\.(25|5|75))?$/,
  UK: /^[A-Z](½|1\/2)?$/,
  EU: /^(3[89]|[4-6][0-9]|7[0-6])(\.5)?$/,
};

const parseRingSize: Parser<RingSize> = refine(
  object({
    hand: literal('left', 'right'),
    finger: literal(...FINGERS),
    size: string({ min: 1, max: 6 }),
    system: literal(...SIZE_SYSTEMS),
  }),
  (r) => (SIZE[r.system].test(r.size) ? undefined : `"${r.size}" is not a ${r.system} ring size`),
);

export const parseMilestone: Parser<Milestone> = object({
  kind: literal(...MILESTONE_KINDS),
  date: isoDate,
  recurrence: literal('yearly', 'once'),
  label: optional(string({ min: 1, max: 120 })),
});

/** How many entries each of a profile's lists may hold, and how long its notes may be. */
export const CLIENT_LIST_LIMITS = {
  emails: 20,
  phones: 20,
  ringSizes: 10,
  milestones: 50,
  metals: METALS.length,
  stones: 20,
  designers: 20,
  notes: 20_000,
} as const;

const consent = optional(object({ granted: boolean, date: isoDate }));
const list = (item: Parser<string>, max = 20) => withDefault(array(item, { max }), []);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ().-]{5,24}$/;

const shape = object({
  id: parseClientId,
  names: object({
    first: string({ max: 80 }),
    last: string({ max: 80 }),
    display: optional(string({ max: 160 })),
  }),
  contacts: withDefault(
    object({ emails: list(string({ pattern: EMAIL, max: 254 })), phones: list(string({ pattern: PHONE })) }),
    { emails: [], phones: [] },
  ),
  consent: withDefault(object({ email: consent, sms: consent, phone: consent, post: consent }), {
    email: undefined,
    sms: undefined,
    phone: undefined,
    post: undefined,
  }),
  ringSizes: withDefault(array(parseRingSize, { max: CLIENT_LIST_LIMITS.ringSizes }), []),
  wristCm: optional(decimal({ min: 5, max: 40 })),
  neckCm: optional(decimal({ min: 20, max: 80 })),
  preferences: withDefault(
    object({
      metals: withDefault(array(literal(...METALS), { max: METALS.length }), []),
      stones: list(string({ min: 1, max: 40 })),
      designers: list(string({ min: 1, max: 80 })),
    }),
    { metals: [], stones: [], designers: [] },
  ),
  budget: optional(
    refine(object({ min: parseAmount, max: parseAmount }), (b) =>
      b.min.currency !== b.max.currency
        ? 'budget bounds must share a currency'
        : b.min.minor > b.max.minor
          ? 'budget minimum is above its maximum'
          : undefined,
    ),
  ),
  milestones: withDefault(array(parseMilestone, { max: CLIENT_LIST_LIMITS.milestones }), []),
  notes: withDefault(string({ max: CLIENT_LIST_LIMITS.notes, trim: false }), ''),
  homeStore: parseStoreId,
  createdAt: isoInstant,
});

/** Parses a profile; a client needs at least one name, and the display name defaults to it. */
export const parseClient: Parser<ClientProfile> = (input, path = '') => {
  const r = refine(shape, (c) =>
    c.names.first || c.names.last || c.names.display ? undefined : 'a client needs a name',
  )(input, path);
  if (!r.ok) return r;
  const n = r.value.names;
  const display = n.display || [n.first, n.last].filter(Boolean).join(' ');
  return { ok: true, value: { ...r.value, names: { first: n.first, last: n.last, display } } };
};

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * The next date (on or after `today`, both YYYY-MM-DD) a milestone falls on, for
 * reminders; undefined when a one-off milestone is past. A 29 February milestone falls
 * on 28 February in common years, so the reminder is never skipped.
 */
export function nextOccurrence(milestone: Milestone, today: string): string | undefined {
  if (milestone.recurrence === 'once') return milestone.date >= today ? milestone.date : undefined;
  if (milestone.date >= today) return milestone.date;
  const month = Number(milestone.date.slice(5, 7));
  const day = Number(milestone.date.slice(8, 10));
  const inYear = (y: number): string =>
    `${pad(y, 4)}-${pad(month)}-${pad(month === 2 && day === 29 && !isLeap(y) ? 28 : day)}`;
  const year = Number(today.slice(0, 4));
  const thisYear = inYear(year);
  return thisYear >= today ? thisYear : inYear(year + 1);
}
