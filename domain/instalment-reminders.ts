/**
 * Which instalment reminders are due (sync/SPEC.md DUEMAIL-*): for each instalment of a plan not
 * yet paid, one "coming up" reminder when its day falls within the next `leadDays` days (today
 * included), and one "overdue" reminder once its day has passed. Pure: the relay's scheduler
 * (`sync/server/instalment-reminders.ts`) claims each reminder in SQL before mailing it, so each
 * goes once whatever runs it.
 */
import { type Instalment, schedule } from './money-held.ts';
import { addDays } from './report.ts';

/** Days ahead of an instalment's day that the client is reminded, unless the relay is told otherwise. */
export const DEFAULT_REMINDER_LEAD_DAYS = 3;

export type ReminderKind = 'upcoming' | 'overdue';
export type DueReminder = {
  readonly due: string;
  readonly kind: ReminderKind;
  /** What is still owed on that instalment (its amount less what payments cover). */
  readonly owedMinor: number;
  readonly currency: string;
};

/**
 * DUEMAIL-1: the reminders an order's plan calls for on `today` (yyyy-mm-dd, the store's day).
 * Payments since the plan (`paidSincePlanMinor`) cover the earliest instalments first (INSTAL-2);
 * a fully covered instalment calls for nothing.
 */
export function dueReminders(
  plan: readonly Instalment[],
  paidSincePlanMinor: number,
  today: string,
  leadDays: number = DEFAULT_REMINDER_LEAD_DAYS,
): DueReminder[] {
  const lead = Math.max(0, Math.floor(leadDays));
  const horizon = addDays(today, lead);
  const out: DueReminder[] = [];
  for (const i of schedule(plan, paidSincePlanMinor, today)) {
    if (i.status === 'paid') continue;
    const owedMinor = i.amount.minor - i.covered.minor;
    if (owedMinor <= 0) continue;
    const kind: ReminderKind | undefined =
      i.due < today ? 'overdue' : i.due <= horizon ? 'upcoming' : undefined;
    if (kind) out.push({ due: i.due, kind, owedMinor, currency: i.amount.currency });
  }
  return out;
}
