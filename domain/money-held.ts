/**
 * Money held for clients (MONEY-*, INSTAL-*, GIFT-*, CREDIT-*): gift card and store credit
 * numbers with a check digit, instalment schedules paid earliest-due first, and an order's
 * statement with a running balance. Pure: the relay and the tills compute the same thing.
 */
import type { Money } from './money.ts';
import { fail, type Parser } from './parse.ts';
import { ok } from './result.ts';

/** A card's digits: 11 random digits and a Luhn check digit (GIFT-1). 12 digits stay clear of the
 *  13–19-digit payment-card rule on tender references, so a gift card number is never taken for one. */
export const CARD_DIGITS = 12;

/** The Luhn check digit of `payload` (digits only). */
export function luhnCheckDigit(payload: string): number {
  let total = 0;
  // From the right, every second digit of the payload (the first next to the check) is doubled.
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = payload.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    total += d;
  }
  return (10 - (total % 10)) % 10;
}

/** `1234 5678 9012`, `1234-5678-9012` or `123456789012` → `1234-5678-9012`; undefined when not 12 digits. */
export function canonicalCardNumber(text: string): string | undefined {
  const digits = text.replace(/[\s-]/g, '');
  if (!/^\d{12}$/.test(digits)) return undefined;
  return `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`;
}

/** Whether the number's last digit is its check digit (GIFT-1): a mistyped digit is caught at the till. */
export function isValidCardNumber(text: string): boolean {
  const c = canonicalCardNumber(text);
  if (!c) return false;
  const digits = c.replaceAll('-', '');
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1));
}

/** A fresh card number from `random` (crypto.getRandomValues in the app). */
export function newCardNumber(random: (bytes: Uint8Array) => Uint8Array): string {
  const bytes = random(new Uint8Array(CARD_DIGITS - 1));
  // The first digit is never 0, so the number reads the same with or without leading zeros.
  const payload = Array.from(bytes, (b, i) => (i === 0 ? 1 + (b % 9) : b % 10)).join('');
  const digits = `${payload}${luhnCheckDigit(payload)}`;
  return canonicalCardNumber(digits) as string;
}

/** A card number in any spacing, with a valid check digit, as its canonical form. */
export const parseCardNumber: Parser<string> = (input, path = '') => {
  if (typeof input !== 'string') return fail(path, 'expected a card number');
  const c = canonicalCardNumber(input);
  if (!c) return fail(path, 'a card number is 12 digits, e.g. 1234-5678-9012');
  if (!isValidCardNumber(c)) return fail(path, 'the check digit does not match; check the number');
  return ok(c);
};

/** One instalment of a plan (INSTAL-1): a day it is due and what is due that day. */
export type Instalment = { readonly due: string; readonly amount: Money };

export type InstalmentStatus = 'paid' | 'part-paid' | 'due' | 'overdue';
export type ScheduledInstalment = Instalment & {
  /** What the payments so far cover of this instalment. */
  readonly covered: Money;
  readonly status: InstalmentStatus;
};

/**
 * The plan with the payments so far (net of refunds, `paidSincePlan`) applied earliest due first
 * (INSTAL-2). An instalment not fully covered is overdue once its day has passed (`today`, yyyy-mm-dd).
 */
export function schedule(
  plan: readonly Instalment[],
  paidSincePlan: number,
  today: string,
): ScheduledInstalment[] {
  let left = Math.max(0, paidSincePlan);
  return plan.map((i) => {
    const covered = Math.min(left, i.amount.minor);
    left -= covered;
    const status: InstalmentStatus =
      covered === i.amount.minor ? 'paid' : covered > 0 ? 'part-paid' : i.due < today ? 'overdue' : 'due';
    return {
      ...i,
      covered: { minor: covered, currency: i.amount.currency },
      status: status === 'part-paid' && i.due < today ? 'overdue' : status,
    };
  });
}

/** The next instalment not fully paid, with what is still owed on it; undefined when all are paid. */
export function nextDue(
  plan: readonly Instalment[],
  paidSincePlan: number,
  today: string,
): (ScheduledInstalment & { readonly owed: Money }) | undefined {
  const next = schedule(plan, paidSincePlan, today).find((i) => i.status !== 'paid');
  return next
    ? { ...next, owed: { minor: next.amount.minor - next.covered.minor, currency: next.amount.currency } }
    : undefined;
}

/** A plan is a schedule: strictly later days, each amount above zero (checked by the decider with the balance). */
export function planProblem(plan: readonly Instalment[], today: string): string | undefined {
  if (plan.length === 0) return 'a plan has at least one instalment';
  for (const [i, inst] of plan.entries()) {
    if (inst.amount.minor <= 0) return `instalment ${i + 1} must be more than zero`;
    if (inst.due < today) return `instalment ${i + 1} is due before today`;
    const prev = plan[i - 1];
    if (prev && inst.due <= prev.due) return `instalment ${i + 1} must fall after instalment ${i}`;
  }
  return undefined;
}

/** One line of an order's statement (MONEY-5). */
export type StatementMove = {
  readonly id: string;
  readonly kind: 'payment' | 'refund';
  readonly amountMinor: number;
  readonly at: string;
  readonly tender?: string;
  readonly reference?: string;
};
export type StatementLine = StatementMove & { readonly paidMinor: number; readonly balanceMinor: number };

/**
 * Every payment and refund in the order it was decided, each with what is held after it and the
 * balance still owed (total − paid + refunded). The balance never goes below zero nor above the
 * total when the moves are the relay's (MONEY-1, MONEY-2).
 */
export function statement(totalMinor: number, moves: readonly StatementMove[]): StatementLine[] {
  let paid = 0;
  return moves.map((m) => {
    paid += m.kind === 'payment' ? m.amountMinor : -m.amountMinor;
    return { ...m, paidMinor: paid, balanceMinor: totalMinor - paid };
  });
}
