/**
 * Clienteling in `clients/<store>` (sync/SPEC.md APPT-5, FOLLOWUP-6): private viewings and the state of today's follow-ups,
 * written by the store's staff on any device, online or not, and merged field by field like the
 * client book (docs/decisions/0009, 0012).
 *
 * | root | holds |
 * | --- | --- |
 * | `appointments` | id → nested `Y.Map`: `format` (1), `id`, `clientId`, `associate`, `start`, `minutes`, `status`, `createdAt`, `createdBy` (plain values), `notes` (Y.Text), `pieces` (Y.Map serial → `{v: serial, o: order}`), `holds` (Y.Map serial → `{commandId, kind: 'place' \| 'release'}`, the last reservation command sent for it) |
 * | `followups` | follow-up key → `{state: 'done' \| 'snoozed', until?, by, at}` (FOLLOWUP-4) |
 * | `clienteling` | settings: `notSeenDays` (FOLLOWUP-3) |
 *
 * Readers rebuild the domain's `Appointment` and parse it (`parseAppointment`): one that does not
 * parse is not shown. Writers check the appointment the edit leads to with the same parser and
 * refuse, with its error, an edit that would not parse.
 */
import * as Y from 'yjs';
import { type Appointment, type AppointmentStatus, parseAppointment } from '../../../domain/appointment.ts';
import { DEFAULT_NOT_SEEN_DAYS, type FollowUpMark, parseFollowUpMark } from '../../../domain/followups.ts';
import type { SerialNumber } from '../../../domain/ids.ts';
import { isPlainObject, type ParseError } from '../../../domain/parse.ts';
import { err, ok, type Result } from '../../../domain/result.ts';

export const CLIENTELING_ROOTS = {
  appointments: 'appointments',
  followups: 'followups',
  settings: 'clienteling',
} as const;
export const APPOINTMENT_FORMAT = 1;

export const appointmentsMap = (doc: Y.Doc): Y.Map<Y.Map<unknown>> =>
  doc.getMap<Y.Map<unknown>>(CLIENTELING_ROOTS.appointments);
export const followUpsMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>(CLIENTELING_ROOTS.followups);
export const clientelingSettings = (doc: Y.Doc): Y.Map<unknown> =>
  doc.getMap<unknown>(CLIENTELING_ROOTS.settings);

/** The last reservation command a device sent for one piece of a viewing. */
export type PieceHold = { readonly commandId: string; readonly kind: 'place' | 'release' };
export type StoredAppointment = Appointment & {
  readonly createdBy?: string;
  readonly holds: Readonly<Record<string, PieceHold>>;
};

// ---------------------------------------------------------------------------------------------
// Reading

function sortedValues(map: unknown): unknown[] {
  if (!isPlainObject(map)) return [];
  return Object.entries(map)
    .filter((e): e is [string, { v: unknown; o: number }] => isPlainObject(e[1]))
    .sort(([ka, a], [kb, b]) => (Number(a.o) || 0) - (Number(b.o) || 0) || ka.localeCompare(kb))
    .map(([, e]) => e.v);
}

function parseHolds(v: unknown): Record<string, PieceHold> {
  const out: Record<string, PieceHold> = {};
  if (!isPlainObject(v)) return out;
  for (const [serial, h] of Object.entries(v))
    if (isPlainObject(h) && typeof h.commandId === 'string' && (h.kind === 'place' || h.kind === 'release'))
      out[serial] = { commandId: h.commandId, kind: h.kind };
  return out;
}

/** A stored appointment (the nested `Y.Map` or its `toJSON()`) as appointment-shaped JSON, not yet parsed. */
export function appointmentJson(stored: unknown): Record<string, unknown> | undefined {
  const raw = stored instanceof Y.Map ? stored.toJSON() : stored;
  if (!isPlainObject(raw)) return undefined;
  return { ...raw, pieces: sortedValues(raw.pieces), holds: parseHolds(raw.holds) };
}

/** A stored appointment as the domain's, with its holds; undefined when it does not parse. */
export function parseStoredAppointment(stored: unknown): StoredAppointment | undefined {
  const raw = appointmentJson(stored);
  if (!raw) return undefined;
  const r = parseAppointment(raw);
  if (!r.ok) return undefined;
  return {
    ...r.value,
    ...(typeof raw.createdBy === 'string' ? { createdBy: raw.createdBy } : {}),
    holds: parseHolds(raw.holds),
  };
}

export const readAppointment = (doc: Y.Doc, id: string): StoredAppointment | undefined =>
  parseStoredAppointment(appointmentsMap(doc).get(id));

export function readAppointments(doc: Y.Doc): StoredAppointment[] {
  const out: StoredAppointment[] = [];
  for (const v of appointmentsMap(doc).values()) {
    const a = parseStoredAppointment(v);
    if (a) out.push(a);
  }
  return out;
}

/** A follow-up's mark (FOLLOWUP-4); undefined when none or unreadable. */
export function readFollowUpMark(value: unknown): FollowUpMark | undefined {
  const r = parseFollowUpMark(value);
  return r.ok ? r.value : undefined;
}

export function readNotSeenDays(doc: Y.Doc): number {
  const v = clientelingSettings(doc).get('notSeenDays');
  return typeof v === 'number' && Number.isInteger(v) && v >= 7 && v <= 3650 ? v : DEFAULT_NOT_SEEN_DAYS;
}

// ---------------------------------------------------------------------------------------------
// Writing

export type AppointmentWriteError =
  | { readonly reason: 'unknown-appointment'; readonly id: string }
  | { readonly reason: 'invalid'; readonly error: ParseError };
type Written<T = void> = Result<T, AppointmentWriteError>;

/** Writes a new viewing in its nested form; checked with `parseAppointment` first. */
export function createAppointment(
  doc: Y.Doc,
  appointment: Appointment,
  createdBy: string,
  now: number = Date.now(),
): Written<Appointment> {
  const r = parseAppointment(appointment);
  if (!r.ok) return err({ reason: 'invalid', error: r.error });
  const a = r.value;
  const m = new Y.Map<unknown>();
  doc.transact(() => {
    m.set('format', APPOINTMENT_FORMAT);
    for (const f of ['id', 'clientId', 'associate', 'start', 'minutes', 'status', 'createdAt'] as const)
      m.set(f, a[f]);
    m.set('createdBy', createdBy);
    m.set('notes', new Y.Text(a.notes));
    const pieces = new Y.Map<unknown>();
    a.pieces.forEach((s, i) => {
      pieces.set(s, { v: s, o: now + i });
    });
    m.set('pieces', pieces);
    m.set('holds', new Y.Map<unknown>());
    appointmentsMap(doc).set(a.id, m);
  });
  return ok(a);
}

function edit(
  doc: Y.Doc,
  id: string,
  change: (raw: Record<string, unknown>) => Record<string, unknown>,
  write: (m: Y.Map<unknown>) => void,
): Written {
  const m = appointmentsMap(doc).get(id);
  const raw = m instanceof Y.Map ? appointmentJson(m) : undefined;
  if (!(m instanceof Y.Map) || !raw || !parseAppointment(raw).ok)
    return err({ reason: 'unknown-appointment', id });
  const r = parseAppointment(change(raw));
  if (!r.ok) return err({ reason: 'invalid', error: r.error });
  doc.transact(() => write(m));
  return ok(undefined);
}

export type AppointmentField = 'start' | 'minutes' | 'associate' | 'status';

/** Replaces one field of a viewing (its time, length, associate or status). */
export function setAppointmentField(
  doc: Y.Doc,
  id: string,
  field: AppointmentField,
  value: string | number | AppointmentStatus,
): Written {
  return edit(
    doc,
    id,
    (raw) => ({ ...raw, [field]: value }),
    (m) => {
      if (m.get(field) !== value) m.set(field, value);
    },
  );
}

/** Adds a piece to prepare (once) or takes one off. */
export function setAppointmentPiece(
  doc: Y.Doc,
  id: string,
  serial: SerialNumber,
  on: boolean,
  now: number = Date.now(),
): Written {
  return edit(
    doc,
    id,
    (raw) => {
      const pieces = (raw.pieces as string[]).filter((s) => s !== serial);
      return { ...raw, pieces: on ? [...pieces, serial] : pieces };
    },
    (m) => {
      const pieces = m.get('pieces');
      if (!(pieces instanceof Y.Map)) return;
      if (on && !pieces.has(serial)) pieces.set(serial, { v: serial, o: now });
      if (!on) pieces.delete(serial);
    },
  );
}

/** Makes the notes read `next` by the smallest edit (merges with someone typing elsewhere). */
export function setAppointmentNotes(doc: Y.Doc, id: string, next: string): Written {
  return edit(
    doc,
    id,
    (raw) => ({ ...raw, notes: next }),
    (m) => {
      let text = m.get('notes');
      if (!(text instanceof Y.Text)) {
        text = new Y.Text();
        m.set('notes', text);
      }
      const t = text as Y.Text;
      const a = t.toString();
      let start = 0;
      while (start < a.length && start < next.length && a[start] === next[start]) start++;
      let end = 0;
      while (
        end < a.length - start &&
        end < next.length - start &&
        a[a.length - 1 - end] === next[next.length - 1 - end]
      )
        end++;
      if (a.length - start - end > 0) t.delete(start, a.length - start - end);
      const insert = next.slice(start, next.length - end);
      if (insert) t.insert(start, insert);
    },
  );
}

/** Records the reservation command just sent for one piece of the viewing (APPT-5). */
export function recordHold(doc: Y.Doc, id: string, serial: SerialNumber, hold: PieceHold): Written {
  return edit(
    doc,
    id,
    (raw) => raw,
    (m) => {
      let holds = m.get('holds');
      if (!(holds instanceof Y.Map)) {
        holds = new Y.Map<unknown>();
        m.set('holds', holds);
      }
      (holds as Y.Map<unknown>).set(serial, { ...hold });
    },
  );
}

/** Marks a follow-up done or snoozed (FOLLOWUP-4); `undefined` brings it back. */
export function setFollowUpMark(
  doc: Y.Doc,
  key: string,
  mark: FollowUpMark | undefined,
): Result<void, ParseError> {
  if (mark === undefined) {
    followUpsMap(doc).delete(key);
    return ok(undefined);
  }
  const r = parseFollowUpMark(mark);
  if (!r.ok) return r;
  followUpsMap(doc).set(key, { ...r.value });
  return ok(undefined);
}

/** The number of days after which a client counts as not seen (7 to 3650). */
export function setNotSeenDays(doc: Y.Doc, days: number): boolean {
  if (!Number.isInteger(days) || days < 7 || days > 3650) return false;
  clientelingSettings(doc).set('notSeenDays', days);
  return true;
}
