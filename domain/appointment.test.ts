import { describe, expect, it } from 'vitest';
import {
  type Appointment,
  appointmentsOn,
  type HeldStock,
  holdUntil,
  parseAppointment,
  reservationPlan,
  zonedDateTime,
  zonedInstant,
} from './appointment.ts';
import type { SerialNumber } from './ids.ts';
import { CLIENT, OTHER_CLIENT, serial, USERS } from './test-support.ts';

const appt: Appointment = {
  id: '01970000-0000-7000-8000-000000000001',
  clientId: CLIENT,
  associate: USERS.associate,
  start: '2026-06-30T08:30:00.000Z',
  minutes: 60,
  pieces: [serial(1), serial(2)],
  notes: 'Champagne',
  status: 'booked',
  createdAt: '2026-06-20T09:00:00.000Z',
};

describe('appointments', () => {
  it('APPT-1: a viewing needs a client, an associate, a start, 15 min to 8 h and at most 12 pieces', () => {
    expect(parseAppointment(appt).ok).toBe(true);
    expect(parseAppointment({ ...appt, minutes: 5 }).ok).toBe(false);
    expect(parseAppointment({ ...appt, start: '30/06/2026' }).ok).toBe(false);
    expect(parseAppointment({ ...appt, clientId: 'nobody' }).ok).toBe(false);
    expect(parseAppointment({ ...appt, pieces: Array.from({ length: 13 }, (_, i) => serial(i)) }).ok).toBe(
      false,
    );
    expect(parseAppointment({ ...appt, status: 'maybe' }).ok).toBe(false);
  });

  it("APPT-2: the store's wall clock, across daylight-saving changes", () => {
    expect(zonedInstant('2026-06-30', '10:30', 'Europe/Paris')).toBe('2026-06-30T08:30:00.000Z');
    expect(zonedInstant('2026-01-15', '10:30', 'Europe/Paris')).toBe('2026-01-15T09:30:00.000Z');
    expect(zonedInstant('2026-06-30', '10:30', 'America/New_York')).toBe('2026-06-30T14:30:00.000Z');
    // 02:30 does not exist in Paris on 29 March 2026: it moves on by the gap.
    expect(zonedInstant('2026-03-29', '02:30', 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 happens twice on 25 October 2026: the first.
    expect(zonedInstant('2026-10-25', '02:30', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedDateTime('2026-06-30T22:30:00.000Z', 'Europe/Paris')).toEqual({
      date: '2026-07-01',
      time: '00:30',
    });
    for (const [d, t] of [
      ['2026-02-28', '23:45'],
      ['2026-12-31', '00:00'],
    ] as const)
      expect(zonedDateTime(zonedInstant(d, t, 'Asia/Tokyo'), 'Asia/Tokyo')).toEqual({ date: d, time: t });
  });

  it('APPT-3: pieces are held until an hour after the viewing ends', () => {
    expect(holdUntil(appt)).toBe('2026-06-30T10:30:00.000Z');
  });

  it('APPT-3: booked reserves what is in stock; removed, done or cancelled releases only this client’s', () => {
    const stock = (m: Record<string, HeldStock>) => (s: SerialNumber) => m[s];
    const free = { status: 'in-stock' } as const;
    const ours = { status: 'reserved', reservedFor: CLIENT } as const;
    const theirs = { status: 'reserved', reservedFor: OTHER_CLIENT } as const;
    expect(reservationPlan(undefined, appt, stock({ [serial(1)]: free, [serial(2)]: theirs }))).toEqual({
      reserve: [serial(1)],
      release: [],
    });
    expect(
      reservationPlan(
        appt,
        { ...appt, pieces: [serial(2)] },
        stock({ [serial(1)]: ours, [serial(2)]: ours }),
      ),
    ).toEqual({ reserve: [], release: [serial(1)] });
    for (const status of ['done', 'cancelled'] as const)
      expect(
        reservationPlan(appt, { ...appt, status }, stock({ [serial(1)]: ours, [serial(2)]: theirs })),
      ).toEqual({ reserve: [], release: [serial(1)] });
  });

  it('APPT-4: a day lists its viewings by time, cancelled ones last', () => {
    const later = { ...appt, id: '01970000-0000-7000-8000-000000000002', start: '2026-06-30T12:00:00.000Z' };
    const cancelled = {
      ...appt,
      id: '01970000-0000-7000-8000-000000000003',
      status: 'cancelled' as const,
      start: '2026-06-30T07:00:00.000Z',
    };
    const nextDay = {
      ...appt,
      id: '01970000-0000-7000-8000-000000000004',
      start: '2026-06-30T23:00:00.000Z',
    };
    expect(
      appointmentsOn([later, cancelled, nextDay, appt], '2026-06-30', 'Europe/Paris').map((a) => a.id),
    ).toEqual([appt.id, later.id, cancelled.id]);
  });
});
