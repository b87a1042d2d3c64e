/**
 * Booking and changing viewings from a till: the viewing is written field by field in
 * `clients/<store>` and its pieces are held through this till's outbox (`syncHolds`, APPT-3/5).
 */
import type { Appointment, AppointmentStatus, HeldStock } from '../../../domain/appointment.ts';
import type { SerialNumber } from '../../../domain/ids.ts';
import { syncHolds } from '../../../sync/shared/appointment-holds.ts';
import {
  type AppointmentWriteError,
  createAppointment,
  readAppointment,
  setAppointmentField,
} from '../../../sync/shared/docs/clienteling.ts';
import type { AppState } from '../app-state.ts';
import { appendCommand } from '../local/outbox.ts';
import type { StoreData } from '../local/store-data.ts';

const held =
  (data: StoreData) =>
  (serial: SerialNumber): HeldStock | undefined => {
    const s = data.stock[serial];
    return s ? { status: s.status, ...(s.reservedFor ? { reservedFor: s.reservedFor } : {}) } : undefined;
  };

const sender =
  (app: AppState, data: StoreData) =>
  (
    type: 'reservation.place' | 'reservation.release',
    payload: { serial: SerialNumber; clientId?: string; until?: string },
  ) =>
    appendCommand(data.outbox, app.actor(), type, payload as never);

export function book(
  app: AppState,
  data: StoreData,
  appointment: Appointment,
): { ok: true } | { ok: false; error: AppointmentWriteError } {
  const r = createAppointment(data.clientsDoc, appointment, app.session()?.user.id ?? '');
  if (!r.ok) return r;
  syncHolds({
    doc: data.clientsDoc,
    before: undefined,
    after: r.value,
    stock: held(data),
    send: sender(app, data),
  });
  return { ok: true };
}

/** Done or cancelled: the status changes and the pieces still held for the client are released. */
export function setStatus(app: AppState, data: StoreData, id: string, status: AppointmentStatus): boolean {
  const before = readAppointment(data.clientsDoc, id);
  if (!before || !setAppointmentField(data.clientsDoc, id, 'status', status).ok) return false;
  const after = readAppointment(data.clientsDoc, id);
  if (after) syncHolds({ doc: data.clientsDoc, before, after, stock: held(data), send: sender(app, data) });
  return true;
}
