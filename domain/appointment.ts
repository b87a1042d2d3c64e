/**
 * Private viewings (APPT-*): a client, an associate, a time in the store's time zone, pieces to
 * prepare — each reserved for the viewing (`reservation.place` with an expiry) and released after
 * — and notes. Stored field by field in `clients/<store>` (sync/shared/docs/appointments.ts);
 * these are the rules every reader and writer applies.
 */
import type { ClientId, SerialNumber, UserId } from './ids.ts';
import { parseClientId, parseSerial, parseUserId } from './ids.ts';
import { array, integer, isoInstant, literal, object, type Parser, string, withDefault } from './parse.ts';
import type { PieceStatus } from './piece-status.ts';

export const APPOINTMENT_STATUSES = ['booked', 'done', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const MAX_APPOINTMENT_PIECES = 12;
/** How long after the viewing's end its pieces stay held if nobody releases them (APPT-3). */
export const HOLD_AFTER_MINUTES = 60;

export type Appointment = {
  readonly id: string;
  readonly clientId: ClientId;
  readonly associate: UserId;
  /** ISO instant (UTC) the viewing starts; shown in the store's time zone. */
  readonly start: string;
  readonly minutes: number;
  readonly pieces: readonly SerialNumber[];
  readonly notes: string;
  readonly status: AppointmentStatus;
  readonly createdAt: string;
};

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** APPT-1: a known client and associate, a start instant, 15 minutes to 8 hours, at most 12 pieces. */
export const parseAppointment: Parser<Appointment> = object({
  id: string({ pattern: ID }),
  clientId: parseClientId,
  associate: parseUserId,
  start: isoInstant,
  minutes: integer({ min: 15, max: 480 }),
  pieces: withDefault(array(parseSerial, { max: MAX_APPOINTMENT_PIECES }), []),
  notes: withDefault(string({ max: 4_000, trim: false }), ''),
  status: literal(...APPOINTMENT_STATUSES),
  createdAt: isoInstant,
});

export const endOf = (a: Pick<Appointment, 'start' | 'minutes'>): string =>
  new Date(Date.parse(a.start) + a.minutes * 60_000).toISOString();

/** APPT-3: the instant a piece held for the viewing is no longer held: an hour after it ends. */
export const holdUntil = (a: Pick<Appointment, 'start' | 'minutes'>): string =>
  new Date(Date.parse(a.start) + (a.minutes + HOLD_AFTER_MINUTES) * 60_000).toISOString();

// ---------------------------------------------------------------------------------------------
// The store's wall clock

/** Milliseconds the zone is ahead of UTC at instant `t`. */
function offsetAt(t: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(t));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - Math.floor(t / 1000) * 1000;
}

/**
 * APPT-2: the instant a wall-clock date and time (YYYY-MM-DD, HH:MM) name in the zone. A time the
 * clocks skip (spring forward) moves on by the gap; a time they repeat means the first one.
 */
export function zonedInstant(date: string, time: string, timeZone: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
  const before = offsetAt(wall - 86_400_000, timeZone);
  const after = offsetAt(wall + 86_400_000, timeZone);
  const valid = [wall - before, wall - after].filter(
    (t, i) => offsetAt(t, timeZone) === (i ? after : before),
  );
  const t = valid.length ? Math.min(...valid) : wall - before;
  return new Date(t).toISOString();
}

/** APPT-2: an instant as the store's wall clock shows it. */
export function zonedDateTime(instant: string, timeZone: string): { date: string; time: string } {
  const t = Date.parse(instant);
  const wall = new Date(t + offsetAt(t, timeZone)).toISOString();
  return { date: wall.slice(0, 10), time: wall.slice(11, 16) };
}

/** APPT-4: the viewings of one store day (its time zone), cancelled ones last, by start time. */
export function appointmentsOn<A extends Appointment>(
  list: readonly A[],
  date: string,
  timeZone: string,
): A[] {
  return list
    .filter((a) => zonedDateTime(a.start, timeZone).date === date)
    .sort(
      (a, b) =>
        Number(a.status === 'cancelled') - Number(b.status === 'cancelled') ||
        a.start.localeCompare(b.start) ||
        a.id.localeCompare(b.id),
    );
}

/** What the device knows of a piece's stock when planning reservations. */
export type HeldStock = { readonly status: PieceStatus; readonly reservedFor?: string };

/**
 * APPT-3: the reservations a change of a viewing calls for. While it is booked, every piece on
 * it that is in stock is reserved for its client; a piece taken off it, and every piece once it
 * is done or cancelled, is released — only when it is still reserved for that client (never
 * someone else's reservation).
 */
export function reservationPlan(
  before: Pick<Appointment, 'pieces' | 'status'> | undefined,
  after: Pick<Appointment, 'pieces' | 'status' | 'clientId'>,
  stock: (serial: SerialNumber) => HeldStock | undefined,
): { reserve: SerialNumber[]; release: SerialNumber[] } {
  const ours = (s: SerialNumber) => {
    const st = stock(s);
    return st?.status === 'reserved' && st.reservedFor === after.clientId;
  };
  if (after.status !== 'booked') {
    const all = [...new Set([...(before?.pieces ?? []), ...after.pieces])];
    return { reserve: [], release: all.filter(ours) };
  }
  const now = new Set(after.pieces);
  return {
    reserve: after.pieces.filter((s) => stock(s)?.status === 'in-stock'),
    release: (before?.pieces ?? []).filter((s) => !now.has(s) && ours(s)),
  };
}
