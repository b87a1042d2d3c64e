import { describe, expect, it } from 'vitest';
import type { Appointment } from './appointment.ts';
import { type ClientProfile, parseClient } from './client.ts';
import { type FollowUpMark, followUps, hides, parseFollowUpMark } from './followups.ts';
import type { ClientId, UserId } from './ids.ts';
import { CLIENT, OTHER_CLIENT, STORE, USERS } from './test-support.ts';

const TZ = 'Europe/Paris';
const TODAY = '2026-06-30';
const profile = (id: ClientId, over: Record<string, unknown> = {}): ClientProfile => {
  const r = parseClient({
    id,
    names: { first: 'C', last: id.slice(-2) },
    homeStore: STORE,
    createdAt: '2026-06-01T09:00:00.000Z',
    ...over,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const appt = (over: Partial<Appointment> = {}): Appointment => ({
  id: '01970000-0000-7000-8000-000000000001',
  clientId: CLIENT,
  associate: USERS.associate,
  start: '2026-06-30T08:30:00.000Z', // 10:30 in Paris
  minutes: 60,
  pieces: [],
  notes: '',
  status: 'booked',
  createdAt: '2026-06-20T09:00:00.000Z',
  ...over,
});
const base = {
  today: TODAY,
  timeZone: TZ,
  appointments: [] as Appointment[],
  lastVisit: () => '2026-06-01',
  associateOf: () => undefined,
  marks: () => undefined,
};

describe('follow-ups', () => {
  it("FOLLOWUP-1: the day's booked viewings, in the store's time zone", () => {
    const clients = [profile(CLIENT)];
    const list = followUps({
      ...base,
      clients,
      appointments: [
        appt(),
        appt({ id: '01970000-0000-7000-8000-000000000002', start: '2026-06-30T22:30:00.000Z' }), // 1 July in Paris
        appt({ id: '01970000-0000-7000-8000-000000000003', status: 'cancelled' }),
      ],
    });
    expect(list.map((f) => f.key)).toEqual(['appointment:01970000-0000-7000-8000-000000000001']);
  });

  it('FOLLOWUP-2: milestones in the next 14 days, today included, yearly ones on their next date', () => {
    const clients = [
      profile(CLIENT, {
        milestones: [
          { kind: 'birthday', date: '1980-07-14', recurrence: 'yearly' }, // in 14 days
          { kind: 'anniversary', date: '2010-07-15', recurrence: 'yearly' }, // in 15 days
          { kind: 'engagement', date: '2026-06-30', recurrence: 'once' }, // today
        ],
      }),
    ];
    const list = followUps({ ...base, clients });
    expect(list.map((f) => (f.kind === 'milestone' ? [f.milestone.kind, f.date, f.inDays] : f.kind))).toEqual(
      [
        ['engagement', '2026-06-30', 0],
        ['birthday', '2026-07-14', 14],
      ],
    );
  });

  it('FOLLOWUP-3: clients not seen for the set number of days, never-seen ones from their profile date', () => {
    const clients = [profile(CLIENT), profile(OTHER_CLIENT, { createdAt: '2025-01-01T09:00:00.000Z' })];
    const last = (id: ClientId) => (id === CLIENT ? '2026-03-01' : undefined);
    const at120 = followUps({ ...base, clients, lastVisit: last, notSeenDays: 120 });
    expect(at120.map((f) => (f.kind === 'not-seen' ? [f.clientId, f.since, f.never] : f.kind))).toEqual([
      [OTHER_CLIENT, '2025-01-01', true],
      [CLIENT, '2026-03-01', false],
    ]);
    expect(followUps({ ...base, clients, lastVisit: last, notSeenDays: 200 }).map((f) => f.clientId)).toEqual(
      [OTHER_CLIENT],
    );
  });

  it('FOLLOWUP-4: done hides that occurrence for good; snoozed hides it until its day', () => {
    const done: FollowUpMark = { state: 'done', by: USERS.associate, at: '2026-06-30T09:00:00.000Z' };
    const snoozed: FollowUpMark = { ...done, state: 'snoozed', until: '2026-07-02' };
    expect(hides(done, TODAY)).toBe(true);
    expect(hides(snoozed, TODAY)).toBe(true);
    expect(hides(snoozed, '2026-07-02')).toBe(false);
    const clients = [
      profile(CLIENT, { milestones: [{ kind: 'birthday', date: '1980-07-01', recurrence: 'yearly' }] }),
    ];
    const key = followUps({ ...base, clients })[0]?.key ?? '';
    expect(followUps({ ...base, clients, marks: (k) => (k === key ? done : undefined) })).toEqual([]);
    // Next year's birthday is a new occurrence: it shows again.
    expect(
      followUps({
        ...base,
        today: '2027-06-30',
        clients,
        marks: (k) => (k === key ? done : undefined),
      }).filter((f) => f.kind === 'milestone'),
    ).toHaveLength(1);
    expect(parseFollowUpMark({ state: 'snoozed', by: 'x', at: '2026-06-30T09:00:00.000Z' }).ok).toBe(false);
    expect(parseFollowUpMark(snoozed).ok).toBe(true);
  });

  it('FOLLOWUP-5: one associate sees their viewings, their clients and clients nobody looks after', () => {
    const third = 'd0000000-0000-7000-8000-000000000003' as ClientId;
    const clients = [CLIENT, OTHER_CLIENT, third].map((id) =>
      profile(id, { milestones: [{ kind: 'birthday', date: '1980-07-01', recurrence: 'yearly' }] }),
    );
    const owner = (id: ClientId): UserId | undefined =>
      id === CLIENT ? USERS.associate : id === OTHER_CLIENT ? USERS.manager : undefined;
    const list = followUps({
      ...base,
      clients,
      associateOf: owner,
      associate: USERS.associate,
      appointments: [appt(), appt({ id: '01970000-0000-7000-8000-000000000009', associate: USERS.manager })],
    });
    expect(list.map((f) => [f.kind, f.clientId])).toEqual([
      ['appointment', CLIENT],
      ['milestone', CLIENT],
      ['milestone', third],
    ]);
    expect(
      followUps({ ...base, clients, associateOf: owner }).filter((f) => f.kind === 'milestone'),
    ).toHaveLength(3);
  });
});
