/**
 * Keeps a viewing's pieces reserved while it is booked and released after (APPT-3, APPT-5): the
 * domain's `reservationPlan` says which commands the change calls for; this sends them through the
 * caller's outbox (`reservation.place` until an hour after the viewing, `reservation.release`) and
 * records each command id on the viewing, so every device shows whether the relay accepted it.
 * The same code runs in the browser and in a headless device.
 */
import type * as Y from 'yjs';
import { type Appointment, type HeldStock, holdUntil, reservationPlan } from '../../domain/appointment.ts';
import type { SerialNumber } from '../../domain/ids.ts';
import { recordHold } from './docs/clienteling.ts';

export type SendReservation = (
  type: 'reservation.place' | 'reservation.release',
  payload: { serial: SerialNumber; clientId?: string; until?: string },
) => { id: string };

/** Sends what the change from `before` to `after` calls for; returns the serials placed and released. */
export function syncHolds(opts: {
  readonly doc: Y.Doc;
  readonly before: Pick<Appointment, 'pieces' | 'status'> | undefined;
  readonly after: Appointment;
  readonly stock: (serial: SerialNumber) => HeldStock | undefined;
  readonly send: SendReservation;
}): { placed: SerialNumber[]; released: SerialNumber[] } {
  const { after } = opts;
  const plan = reservationPlan(opts.before, after, opts.stock);
  for (const serial of plan.reserve) {
    const sent = opts.send('reservation.place', {
      serial,
      clientId: after.clientId,
      until: holdUntil(after),
    });
    recordHold(opts.doc, after.id, serial, { commandId: sent.id, kind: 'place' });
  }
  for (const serial of plan.release) {
    const sent = opts.send('reservation.release', { serial });
    recordHold(opts.doc, after.id, serial, { commandId: sent.id, kind: 'release' });
  }
  return { placed: plan.reserve, released: plan.release };
}
