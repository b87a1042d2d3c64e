/**
 * Two profiles of one person made into one (MERGE-*): the manager picks, field by field, which
 * profile's value the survivor keeps; lists are joined (every e-mail, phone, ring size, milestone
 * and preference of both, once each). Pure: the relay applies it to the profiles it holds when it
 * publishes a `client.merge`, a screen applies it to show what the merge will give.
 */
import { CHANNELS, CLIENT_LIST_LIMITS, type ClientProfile, parseClient } from './client.ts';
import type { ParseError } from './parse.ts';
import { literal, object, optional, type Parser } from './parse.ts';
import type { Result } from './result.ts';

export type MergeSide = 'survivor' | 'merged';
/** The fields a manager picks one side of; lists are always joined. */
export const MERGE_PICK_FIELDS = ['names', 'wristCm', 'neckCm', 'budget', 'consent', 'notes'] as const;
export type MergePickField = (typeof MERGE_PICK_FIELDS)[number];
export type MergePicks = {
  readonly names?: MergeSide;
  readonly wristCm?: MergeSide;
  readonly neckCm?: MergeSide;
  readonly budget?: MergeSide;
  readonly consent?: MergeSide;
  /** `both`: the survivor's notes, then the merged profile's (when they differ). */
  readonly notes?: MergeSide | 'both';
};

const side = optional(literal('survivor', 'merged'));
export const parseMergePicks: Parser<MergePicks> = object({
  names: side,
  wristCm: side,
  neckCm: side,
  budget: side,
  consent: side,
  notes: optional(literal('survivor', 'merged', 'both')),
}) as Parser<MergePicks>;

function union<T>(a: readonly T[], b: readonly T[], max: number): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of [...a, ...b]) {
    const key = typeof item === 'string' ? item.toLowerCase() : JSON.stringify(item);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out.slice(0, max);
}

/** MERGE-3: the survivor's profile after the merge; `survivor`'s id, home store and the older creation date. */
export function mergeProfiles(
  survivor: ClientProfile,
  merged: ClientProfile,
  picks: MergePicks,
): Result<ClientProfile, ParseError> {
  const pick = <F extends 'names' | 'wristCm' | 'neckCm' | 'budget' | 'consent'>(f: F) =>
    picks[f] === 'merged' ? merged[f] : survivor[f];
  const notes =
    picks.notes === 'merged'
      ? merged.notes
      : picks.notes === 'both' && merged.notes.trim() && merged.notes !== survivor.notes
        ? [survivor.notes, merged.notes].filter((n) => n.trim()).join('\n\n')
        : survivor.notes;
  const consent: Record<string, unknown> = {};
  const chosen = pick('consent');
  for (const c of CHANNELS) if (chosen[c]) consent[c] = chosen[c];
  const names = pick('names');
  const wristCm = pick('wristCm');
  const neckCm = pick('neckCm');
  const budget = pick('budget');
  return parseClient({
    id: survivor.id,
    names,
    contacts: {
      emails: union(survivor.contacts.emails, merged.contacts.emails, CLIENT_LIST_LIMITS.emails),
      phones: union(survivor.contacts.phones, merged.contacts.phones, CLIENT_LIST_LIMITS.phones),
    },
    consent,
    ringSizes: union(survivor.ringSizes, merged.ringSizes, CLIENT_LIST_LIMITS.ringSizes),
    ...(wristCm !== undefined ? { wristCm } : {}),
    ...(neckCm !== undefined ? { neckCm } : {}),
    preferences: {
      metals: union(survivor.preferences.metals, merged.preferences.metals, CLIENT_LIST_LIMITS.metals),
      stones: union(survivor.preferences.stones, merged.preferences.stones, CLIENT_LIST_LIMITS.stones),
      designers: union(
        survivor.preferences.designers,
        merged.preferences.designers,
        CLIENT_LIST_LIMITS.designers,
      ),
    },
    ...(budget !== undefined ? { budget } : {}),
    milestones: union(survivor.milestones, merged.milestones, CLIENT_LIST_LIMITS.milestones),
    notes: notes.slice(0, CLIENT_LIST_LIMITS.notes),
    homeStore: survivor.homeStore,
    createdAt: [survivor.createdAt, merged.createdAt].sort()[0] ?? survivor.createdAt,
  });
}

/** The fields a manager has to choose for: those where the two profiles hold different values. */
export function mergeChoices(a: ClientProfile, b: ClientProfile): MergePickField[] {
  const j = (v: unknown) => JSON.stringify(v ?? null);
  return MERGE_PICK_FIELDS.filter((f) => j(a[f]) !== j(b[f]));
}
