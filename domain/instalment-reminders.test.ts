import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dueReminders } from './instalment-reminders.ts';
import type { Instalment } from './money-held.ts';
import { addDays } from './report.ts';

const eur = (minor: number) => ({ minor, currency: 'EUR' as never });
const plan: Instalment[] = [
  { due: '2027-01-10', amount: eur(10_000) },
  { due: '2027-02-10', amount: eur(10_000) },
  { due: '2027-03-10', amount: eur(5_000) },
];

describe('instalment reminders (DUEMAIL-1)', () => {
  it('DUEMAIL-1: nothing before the lead window; "upcoming" within it, day itself included', () => {
    expect(dueReminders(plan, 0, '2027-01-06')).toEqual([]);
    expect(dueReminders(plan, 0, '2027-01-07')).toEqual([
      { due: '2027-01-10', kind: 'upcoming', owedMinor: 10_000, currency: 'EUR' },
    ]);
    expect(dueReminders(plan, 0, '2027-01-10').map((r) => r.kind)).toEqual(['upcoming']);
  });

  it('DUEMAIL-1: the day after, an unpaid instalment is overdue; part-paid ones remind of what is left', () => {
    expect(dueReminders(plan, 4_000, '2027-01-11')).toEqual([
      { due: '2027-01-10', kind: 'overdue', owedMinor: 6_000, currency: 'EUR' },
    ]);
    expect(dueReminders(plan, 4_000, '2027-02-08')).toEqual([
      { due: '2027-01-10', kind: 'overdue', owedMinor: 6_000, currency: 'EUR' },
      { due: '2027-02-10', kind: 'upcoming', owedMinor: 10_000, currency: 'EUR' },
    ]);
  });

  it('DUEMAIL-1: a covered instalment calls for nothing (payments go to the earliest first)', () => {
    expect(dueReminders(plan, 10_000, '2027-01-11')).toEqual([]);
    expect(dueReminders(plan, 25_000, '2027-04-01')).toEqual([]);
  });

  it('DUEMAIL-1: the lead is a number of days (0: the day itself only)', () => {
    expect(dueReminders(plan, 0, '2027-01-09', 0)).toEqual([]);
    expect(dueReminders(plan, 0, '2027-01-10', 0).length).toBe(1);
    expect(dueReminders(plan, 0, '2027-01-01', 9).length).toBe(1);
  });

  it('DUEMAIL-1 (property): reminders never ask for more than is owed, nor for a day outside the window', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 400_000 }),
        fc.integer({ min: -40, max: 200 }),
        fc.integer({ min: 0, max: 10 }),
        (amounts, paid, offset, lead) => {
          const p = amounts.map((a, i) => ({ due: addDays('2027-01-01', i * 30), amount: eur(a) }));
          const today = addDays('2027-01-01', offset);
          const total = amounts.reduce((s, a) => s + a, 0);
          const rs = dueReminders(p, paid, today, lead);
          const owed = rs.reduce((s, r) => s + r.owedMinor, 0);
          expect(owed).toBeLessThanOrEqual(Math.max(0, total - paid));
          for (const r of rs) {
            expect(r.owedMinor).toBeGreaterThan(0);
            if (r.kind === 'overdue') expect(r.due < today).toBe(true);
            else expect(r.due >= today && r.due <= addDays(today, lead)).toBe(true);
          }
        },
      ),
    );
  });
});
