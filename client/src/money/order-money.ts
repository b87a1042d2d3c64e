/**
 * What the money screens compute from the relay's `money/<store>` document and this till's outbox:
 * the balance (always the relay's), payments still waiting to be decided, an even plan, the
 * statement with its running balance and its printout (MONEY-13, MONEY-14, INSTAL-*).
 */
import { allocate, type Money, money, currency as toCurrency } from '../../../domain/money.ts';
import { type Instalment, statement } from '../../../domain/money-held.ts';
import { err, type Result } from '../../../domain/result.ts';
import { parseReceipt, type Receipt } from '../../../hardware-bridge/protocol.ts';
import type { MoneyOrder } from '../../../sync/shared/docs/money.ts';
import type { Command, Outcome } from '../local/records.ts';

export type PendingMove = {
  readonly id: string;
  readonly kind: 'payment' | 'refund';
  readonly amount: Money;
  readonly tender?: string;
  readonly state: 'pending' | 'rejected';
  readonly reason?: string;
};

/** This till's payments and refunds on the order the relay has not counted yet (or refused). */
export function pendingMoves(
  orderId: string,
  order: MoneyOrder | undefined,
  commands: readonly Command[],
  outcomes: Record<string, Outcome>,
): PendingMove[] {
  const counted = new Set(order?.moves.map((m) => m.commandId) ?? []);
  const out: PendingMove[] = [];
  for (const c of commands) {
    if (c.type !== 'deposit.take' && c.type !== 'deposit.refund') continue;
    const p = c.payload as {
      orderId?: string;
      amount?: { minor: number; currency: string };
      tender?: string;
    };
    if (p.orderId !== orderId || !p.amount || counted.has(c.id)) continue;
    const outcome = outcomes[c.id];
    if (outcome?.status === 'accepted') continue;
    out.push({
      id: c.id,
      kind: c.type === 'deposit.take' ? 'payment' : 'refund',
      amount: money(p.amount.minor, toCurrency(p.amount.currency)),
      ...(p.tender ? { tender: p.tender } : {}),
      state: outcome?.status === 'rejected' ? 'rejected' : 'pending',
      ...(outcome?.reason ? { reason: outcome.reason } : {}),
    });
  }
  return out;
}

/** `day` (yyyy-mm-dd) plus `months`, kept within the month (31 Jan + 1 → 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** `count` monthly instalments from `firstDue` that add up exactly to `owed` (MONEY-6 allocation). */
export function evenPlan(owed: Money, count: number, firstDue: string): Instalment[] {
  return allocate(owed, Array(count).fill(1)).map((amount, i) => ({ due: addMonths(firstDue, i), amount }));
}

/** The statement lines (MONEY-14) of the relay's order record. */
export const statementOf = (order: MoneyOrder) => statement(order.totalMinor, order.moves);

export type StatementContext = {
  readonly storeName: string;
  readonly address?: readonly string[];
  readonly locale: string;
  readonly timeZone: string;
  readonly format: (minor: number) => string;
  readonly labels: { payment: string; refund: string; balance: string; paid: string; total: string };
};

const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * The order's statement as a receipt job for the bridge's printer: one line per payment or refund
 * with the balance after it; the bridge lays it out and adds nothing up.
 */
export function statementJob(order: MoneyOrder, at: string, ctx: StatementContext): Result<Receipt, string> {
  const lines = statementOf(order);
  if (lines.length === 0) return err('There is no payment to print yet.');
  const job = parseReceipt({
    saleId: order.orderId,
    at,
    currency: order.currency,
    locale: ctx.locale,
    timeZone: ctx.timeZone,
    store: { name: clip(ctx.storeName || 'Loupe', 64), address: (ctx.address ?? []).slice(0, 6) },
    lines: lines.slice(-200).map((l) => ({
      description: clip(
        `${l.at.slice(0, 10)} ${l.kind === 'payment' ? ctx.labels.payment : ctx.labels.refund}${
          l.tender ? ` (${l.tender})` : ''
        } · ${ctx.labels.balance} ${ctx.format(l.balanceMinor)}`,
        120,
      ),
      quantity: 1,
      total: l.amountMinor,
    })),
    subtotal: order.paidMinor - order.refundedMinor,
    total: order.totalMinor,
    tenders: [],
    footer: [
      clip(order.description, 64),
      `${ctx.labels.total}: ${ctx.format(order.totalMinor)}`,
      `${ctx.labels.paid}: ${ctx.format(order.paidMinor - order.refundedMinor)}`,
      `${ctx.labels.balance}: ${ctx.format(order.balanceMinor)}`,
    ],
  });
  return job.ok ? job : err(`The statement cannot be printed: ${job.error.path} ${job.error.message}`);
}
