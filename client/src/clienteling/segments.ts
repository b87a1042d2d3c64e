/**
 * Segment lists for events and campaigns: clients by tier, rising, a milestone soon, preferences;
 * exported as CSV to those who consented to the chosen channel only (the others counted, never
 * exported). Cells that a spreadsheet would run as a formula are neutralised.
 */
import Papa from 'papaparse';
import { type Channel, type ClientProfile, nextOccurrence } from '../../../domain/client.ts';
import { addDays } from '../../../domain/followups.ts';
import type { Metal } from '../../../domain/piece.ts';
import type { Tier } from '../../../domain/tiers.ts';

export type SegmentFilter = {
  readonly tier?: Tier;
  readonly rising?: boolean;
  /** A milestone in the next N days (today included). */
  readonly milestoneWithin?: number;
  readonly metal?: Metal;
  readonly designer?: string;
};

export type SegmentFacts = {
  readonly tierOf: (id: string) => Tier | undefined;
  readonly risingOf: (id: string) => boolean;
  readonly today: string;
};

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** The next milestone on or after today, within `days`, if any. */
export function milestoneSoon(c: ClientProfile, today: string, days: number): string | undefined {
  const horizon = addDays(today, days);
  const dates = c.milestones
    .map((m) => nextOccurrence(m, today))
    .filter((d): d is string => !!d && d <= horizon);
  return dates.sort()[0];
}

export function inSegment(c: ClientProfile, f: SegmentFilter, facts: SegmentFacts): boolean {
  if (f.tier && facts.tierOf(c.id) !== f.tier) return false;
  if (f.rising && !facts.risingOf(c.id)) return false;
  if (f.milestoneWithin !== undefined && !milestoneSoon(c, facts.today, f.milestoneWithin)) return false;
  if (f.metal && !c.preferences.metals.includes(f.metal)) return false;
  const d = f.designer ? fold(f.designer) : '';
  if (d && !c.preferences.designers.some((x) => fold(x).includes(d))) return false;
  return true;
}

/** Who may be contacted on `channel`: consent granted (the latest answer on the profile). */
export const consents = (c: ClientProfile, channel: Channel): boolean => c.consent[channel]?.granted === true;

/** Neutralises a cell a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab, carriage return). */
export const safeCell = (v: string): string => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** The CSV of a segment for `channel`, and how many were left out for lack of consent. */
export function segmentCsv(
  clients: readonly ClientProfile[],
  channel: Channel,
  facts: SegmentFacts & { readonly spendOf: (id: string) => string },
): { csv: string; exported: number; excluded: number } {
  const ok = clients.filter((c) => consents(c, channel));
  const rows = ok.map((c) => ({
    name: c.names.display,
    first_name: c.names.first,
    last_name: c.names.last,
    email: c.contacts.emails[0] ?? '',
    phone: c.contacts.phones[0] ?? '',
    tier: facts.tierOf(c.id) ?? '',
    rising: facts.risingOf(c.id) ? 'yes' : 'no',
    spend: facts.spendOf(c.id),
    next_milestone: milestoneSoon(c, facts.today, 366) ?? '',
    consent_channel: channel,
    consent_date: c.consent[channel]?.date ?? '',
  }));
  const safe = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, safeCell(v)])));
  const columns = [
    'name',
    'first_name',
    'last_name',
    'email',
    'phone',
    'tier',
    'rising',
    'spend',
    'next_milestone',
    'consent_channel',
    'consent_date',
  ];
  return { csv: Papa.unparse(safe, { columns }), exported: ok.length, excluded: clients.length - ok.length };
}
