/** End of day (domain/SPEC.md EOD-*), over the memory state. */
import { describe, expect, it } from 'vitest';
import { dayBounds } from './business-day.ts';
import type { DayTakings, DomainEvent } from './decision-types.ts';
import { command, eur, STORE, testId, USERS, world } from './test-support.ts';

const DAY = '2026-02-27';
const takings = (cashIn: number, cashOut = 0): DayTakings => ({
  currency: eur(0).currency,
  byTender: { cash: { in: cashIn, out: cashOut }, card: { in: 250_000, out: 0 } },
  sales: 3,
  returns: cashOut > 0 ? 1 : 0,
  voids: 0,
});
const close = (counted: number, extra: Record<string, unknown> = {}, user = USERS.manager) =>
  command(
    'day.close',
    { closeId: testId(), day: DAY, float: eur(20_000), counted: eur(counted), ...extra },
    { user, at: '2026-02-27T19:30:00.000Z' },
  );
const code = (r: ReturnType<ReturnType<typeof world>['decide']>) => (r.ok ? 'accepted' : r.error.code);

describe('end of day', () => {
  it('EOD-3: expected cash is the float plus cash taken minus cash paid back; card takings do not count', () => {
    const s = world();
    s.setDayTakings(STORE, DAY, undefined, takings(130_000, 30_000));
    const r = s.execute(close(120_000));
    expect(r.ok).toBe(true);
    const e = (r.ok ? r.value[0] : undefined) as Extract<DomainEvent, { type: 'day.closed' }>;
    expect(e).toMatchObject({
      type: 'day.closed',
      day: DAY,
      expected: eur(120_000),
      counted: eur(120_000),
      overShort: eur(0),
    });
    expect(e.takings.byTender.card).toEqual({ in: 250_000, out: 0 });
  });

  it('EOD-5: a drawer over or short is closed only with a reason in words', () => {
    const s = world();
    s.setDayTakings(STORE, DAY, undefined, takings(100_000));
    expect(code(s.decide(close(119_500)))).toBe('over-short-needs-reason');
    const r = s.execute(close(119_500, { note: 'a 5 € note given as change twice' }));
    expect(r.ok && r.value[0]).toMatchObject({
      overShort: eur(-500),
      note: 'a 5 € note given as change twice',
    });
  });

  it('EOD-4: a closed day is closed once; afterwards only a correction of the latest close is taken', () => {
    const s = world();
    s.setDayTakings(STORE, DAY, undefined, takings(0));
    const first = close(20_000);
    expect(code(s.execute(first))).toBe('accepted');
    expect(code(s.decide(close(20_000)))).toBe('day-already-closed');
    expect(code(s.decide(close(20_000, { corrects: testId() })))).toBe('day-already-closed');
    const firstId = (first.payload as { closeId: string }).closeId;
    const correction = close(20_500, { note: 'found 5 € under the tray', corrects: firstId });
    expect(code(s.execute(correction))).toBe('accepted');
    // The first close is no longer the latest: correcting it again is refused.
    expect(code(s.decide(close(20_000, { corrects: firstId })))).toBe('day-already-closed');
    // Each till closes on its own, beside the store's close.
    const till = testId();
    s.setDayTakings(STORE, DAY, till, takings(0));
    expect(code(s.decide(close(20_000, { till })))).toBe('accepted');
    expect(code(s.decide(close(20_000, { till, corrects: testId() })))).toBe('close-unknown');
  });

  it('EOD-1, EOD-2: associates do not close a day; nobody closes a day that has not begun; a till alone cannot', () => {
    const s = world();
    s.setDayTakings(STORE, DAY, undefined, takings(0));
    expect(code(s.decide(close(20_000, {}, USERS.associate)))).toBe('not-allowed');
    expect(code(s.decide(close(20_000, { day: '2026-03-02' })))).toBe('day-in-future');
    expect(code(s.decide(close(20_000, { day: '2026-02-26' })))).toBe('store-unknown');
  });

  it('EOD-3: a store day runs from local midnight to local midnight, 23 hours on the spring change', () => {
    expect(dayBounds('2026-03-29', 'Europe/Paris')).toEqual({
      start: '2026-03-28T23:00:00.000Z',
      end: '2026-03-29T22:00:00.000Z',
    });
    expect(dayBounds('2026-12-01', 'America/New_York')).toEqual({
      start: '2026-12-01T05:00:00.000Z',
      end: '2026-12-02T05:00:00.000Z',
    });
  });
});
