/**
 * Today's follow-ups (FOLLOWUP-*): milestones coming up, clients not seen for a while, and the
 * day's viewings, for one associate or the whole store. Each has a stable key, so marking it done
 * or snoozing it (in `clients/<store>`, shared by every device) hides that occurrence only.
 */
import { type Appointment, zonedDateTime } from './appointment.ts';
import { type ClientProfile, type Milestone, nextOccurrence } from './client.ts';
import type { ClientId, UserId } from './ids.ts';
import { isoDate, isoInstant, literal, object, optional, type Parser, refine, string } from './parse.ts';

export const MILESTONE_DAYS = 14;
export const DEFAULT_NOT_SEEN_DAYS = 180;

export type FollowUp =
  | {
      readonly kind: 'appointment';
      readonly key: string;
      readonly clientId: ClientId;
      readonly date: string;
      readonly appointment: Appointment;
    }
  | {
      readonly kind: 'milestone';
      readonly key: string;
      readonly clientId: ClientId;
      readonly date: string;
      readonly milestone: Milestone;
      readonly inDays: number;
    }
  | {
      readonly kind: 'not-seen';
      readonly key: string;
      readonly clientId: ClientId;
      readonly date: string;
      /** The last visit, or the day the profile was made for someone never seen since. */
      readonly since: string;
      readonly never: boolean;
    };

/** A follow-up marked done, or snoozed until a day (it shows again that day). */
export type FollowUpMark = {
  readonly state: 'done' | 'snoozed';
  readonly until?: string;
  readonly by: string;
  readonly at: string;
};

export const parseFollowUpMark: Parser<FollowUpMark> = refine(
  object({
    state: literal('done', 'snoozed'),
    until: optional(isoDate),
    by: string({ min: 1, max: 64 }),
    at: isoInstant,
  }),
  (m) => (m.state === 'snoozed' && !m.until ? 'a snooze needs the day it ends' : undefined),
);

const DAY = 86_400_000;
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/** FOLLOWUP-4: a mark hides its follow-up when done, or while today is before the snooze's end. */
export const hides = (mark: FollowUpMark | undefined, today: string): boolean =>
  !!mark && (mark.state === 'done' || (mark.until !== undefined && today < mark.until));

export type FollowUpInput = {
  /** The store's day (its time zone), YYYY-MM-DD. */
  readonly today: string;
  readonly timeZone: string;
  readonly clients: readonly ClientProfile[];
  readonly appointments: readonly Appointment[];
  readonly lastVisit: (client: ClientId) => string | undefined;
  /** Who looks after the client: the associate of their latest sale or viewing, if known. */
  readonly associateOf: (client: ClientId) => string | undefined;
  readonly marks: (key: string) => FollowUpMark | undefined;
  /** Only this associate's follow-ups (their viewings; their clients and clients nobody has yet). */
  readonly associate?: UserId;
  readonly notSeenDays?: number;
};

/**
 * FOLLOWUP-1…5: the follow-ups of `today`: every booked viewing that day (FOLLOWUP-1); each
 * milestone falling in the next 14 days, today included (FOLLOWUP-2); each client whose last
 * visit — or, never seen, whose profile — is older than the set number of days (FOLLOWUP-3);
 * minus what is done or snoozed (FOLLOWUP-4); for one associate when asked (FOLLOWUP-5). Viewings
 * first by time, then milestones by date, then the longest unseen first.
 */
export function followUps(input: FollowUpInput): FollowUp[] {
  const { today, associate } = input;
  const notSeen = input.notSeenDays ?? DEFAULT_NOT_SEEN_DAYS;
  const mine = (client: ClientId) => {
    if (!associate) return true;
    const who = input.associateOf(client);
    return who === undefined || who === associate;
  };
  const known = new Set(input.clients.map((c) => c.id as string));
  const visits: FollowUp[] = [];
  for (const a of input.appointments) {
    if (a.status !== 'booked' || !known.has(a.clientId)) continue;
    if (zonedDateTime(a.start, input.timeZone).date !== today) continue;
    if (associate && a.associate !== associate) continue;
    visits.push({
      kind: 'appointment',
      key: `appointment:${a.id}`,
      clientId: a.clientId,
      date: today,
      appointment: a,
    });
  }
  const milestones: FollowUp[] = [];
  const unseen: FollowUp[] = [];
  const horizon = addDays(today, MILESTONE_DAYS);
  for (const c of input.clients) {
    if (!mine(c.id)) continue;
    for (const m of c.milestones) {
      const next = nextOccurrence(m, today);
      if (!next || next > horizon) continue;
      milestones.push({
        kind: 'milestone',
        key: `milestone:${c.id}:${m.kind}:${m.date}:${next}`,
        clientId: c.id,
        date: next,
        milestone: m,
        inDays: daysBetween(today, next),
      });
    }
    const last = input.lastVisit(c.id);
    const since = last ?? c.createdAt.slice(0, 10);
    const due = addDays(since, notSeen);
    if (due <= today)
      unseen.push({
        kind: 'not-seen',
        key: `not-seen:${c.id}:${since}`,
        clientId: c.id,
        date: due,
        since,
        never: !last,
      });
  }
  const visible = (f: FollowUp) => !hides(input.marks(f.key), today);
  visits.sort((a, b) =>
    a.kind === 'appointment' && b.kind === 'appointment'
      ? a.appointment.start.localeCompare(b.appointment.start)
      : 0,
  );
  milestones.sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
  unseen.sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
  return [...visits, ...milestones, ...unseen].filter(visible);
}
