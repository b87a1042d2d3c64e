import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Appointment } from '../../../domain/appointment.ts';
import type { ClientId, SerialNumber, UserId } from '../../../domain/ids.ts';
import {
  createAppointment,
  followUpsMap,
  readAppointment,
  readFollowUpMark,
  readNotSeenDays,
  setAppointmentField,
  setAppointmentNotes,
  setAppointmentPiece,
  setFollowUpMark,
  setNotSeenDays,
} from './clienteling.ts';

const appt: Appointment = {
  id: '01970000-0000-7000-8000-000000000001',
  clientId: 'd0000000-0000-7000-8000-000000000001' as ClientId,
  associate: 'b0000000-0000-7000-8000-000000000001' as UserId,
  start: '2026-06-30T08:30:00.000Z',
  minutes: 60,
  pieces: ['LP-26-000001' as SerialNumber],
  notes: 'Champagne',
  status: 'booked',
  createdAt: '2026-06-20T09:00:00.000Z',
};
const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
};

describe('viewings and follow-ups in clients/<store>', () => {
  it('APPT-5: concurrent edits of different fields of a viewing all survive; an invalid edit is refused', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    expect(createAppointment(a, appt, 'someone').ok).toBe(true);
    sync(a, b);
    setAppointmentField(a, appt.id, 'start', '2026-06-30T09:00:00.000Z');
    setAppointmentPiece(b, appt.id, 'LP-26-000002' as SerialNumber, true);
    setAppointmentNotes(b, appt.id, 'Champagne, rosé');
    setAppointmentPiece(a, appt.id, 'LP-26-000003' as SerialNumber, true);
    sync(a, b);
    for (const d of [a, b])
      expect(readAppointment(d, appt.id)).toMatchObject({
        start: '2026-06-30T09:00:00.000Z',
        notes: 'Champagne, rosé',
        pieces: ['LP-26-000001', 'LP-26-000002', 'LP-26-000003'].sort(),
      });
    const r = setAppointmentField(a, appt.id, 'minutes', 5);
    expect(r.ok).toBe(false);
    expect(readAppointment(a, appt.id)?.minutes).toBe(60);
    expect(setAppointmentField(a, 'nope', 'status', 'done')).toEqual({
      ok: false,
      error: { reason: 'unknown-appointment', id: 'nope' },
    });
  });

  it('FOLLOWUP-6: a follow-up marked on one till is marked on the other; a bad mark is refused', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const at = '2026-06-30T09:00:00.000Z';
    expect(setFollowUpMark(a, 'milestone:x', { state: 'done', by: 'u1', at }).ok).toBe(true);
    expect(setFollowUpMark(b, 'not-seen:y', { state: 'snoozed', until: '2026-07-07', by: 'u2', at }).ok).toBe(
      true,
    );
    expect(setFollowUpMark(b, 'bad', { state: 'snoozed', by: 'u2', at }).ok).toBe(false);
    expect(setNotSeenDays(a, 3)).toBe(false);
    expect(setNotSeenDays(a, 90)).toBe(true);
    sync(a, b);
    for (const d of [a, b]) {
      expect(readFollowUpMark(followUpsMap(d).get('milestone:x'))?.state).toBe('done');
      expect(readFollowUpMark(followUpsMap(d).get('not-seen:y'))?.until).toBe('2026-07-07');
      expect(followUpsMap(d).has('bad')).toBe(false);
      expect(readNotSeenDays(d)).toBe(90);
    }
  });
});
