/**
 * Instalment reminders (DUEMAIL-*): the relay mails a client when an instalment of their plan is
 * coming up (within the store's lead time, DUEMAIL-5: `stores.reminder_lead_days`, or for a store
 * that never set it `LOUPE_INSTALMENT_REMINDER_DAYS`, default 3) and once more when it is
 * overdue, through the order mailer (`mailerOf(db).sendInstalmentDue`, MAIL-2/3: consent and the
 * unsubscribe link). It runs when the relay starts listening and then every
 * `LOUPE_INSTALMENT_REMINDER_EVERY_MS` (default one hour).
 *
 * Exactly once: each reminder is a row of `instalment_reminders` keyed by (order, instalment day,
 * kind), INSERTed — claimed — before the mail is sent. A pass that finds the row already there
 * (another pass, a restart, a second relay on the same database) sends nothing. A send that
 * failed (the SMTP server down) is claimed again by a later pass, three attempts at most; a relay
 * that stops between the claim and the send leaves the row `claimed` and that reminder unsent
 * (at most once, never twice).
 */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { Extension } from '@hocuspocus/server';
import { DEFAULT_REMINDER_LEAD_DAYS, dueReminders } from '../../domain/instalment-reminders.ts';
import type { Currency } from '../../domain/money.ts';
import { addDays, localDay } from '../../domain/report.ts';
import { mailerOf, type WorkMailer } from './work-mail.ts';

export type ReminderOptions = {
  /** The scheduler's clock (tests move it); default the system clock. */
  now?: () => Date;
  /**
   * Days ahead of an instalment's day to remind at stores that never set their own (DUEMAIL-5);
   * default `LOUPE_INSTALMENT_REMINDER_DAYS` or 3.
   */
  leadDays?: number;
  /** How often to look (ms); default `LOUPE_INSTALMENT_REMINDER_EVERY_MS` or one hour; 0: only on start. */
  everyMs?: number;
  /** Overdue instalments older than this many days are left to a phone call; default 30. */
  overdueForDays?: number;
};

export type ReminderPass = {
  /** Reminders claimed by this pass, with what became of each. */
  readonly claimed: ReadonlyArray<{
    orderId: string;
    due: string;
    kind: 'upcoming' | 'overdue';
    status: string;
  }>;
};

type Row = Record<string, string | number | null>;

const envNumber = (name: string): number | undefined => {
  const v = process.env[name];
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

export const MAX_REMINDER_ATTEMPTS = 3;

export class InstalmentReminders {
  readonly #db: DatabaseSync;
  readonly #now: () => Date;
  readonly #lead: number;
  readonly #every: number;
  readonly #overdueFor: number;
  readonly #instance = randomUUID();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<ReminderPass> | undefined;
  readonly #mailer: () => WorkMailer | undefined;

  constructor(db: DatabaseSync, options: ReminderOptions = {}, mailer?: WorkMailer) {
    this.#db = db;
    this.#now = options.now ?? (() => new Date());
    this.#lead =
      options.leadDays ?? envNumber('LOUPE_INSTALMENT_REMINDER_DAYS') ?? DEFAULT_REMINDER_LEAD_DAYS;
    this.#every = options.everyMs ?? envNumber('LOUPE_INSTALMENT_REMINDER_EVERY_MS') ?? 3_600_000;
    this.#overdueFor = options.overdueForDays ?? 30;
    this.#mailer = () => mailer ?? mailerOf(db);
  }

  /** The lead time of stores that never set their own (DUEMAIL-5). */
  get leadDays(): number {
    return this.#lead;
  }

  /** The relay extension: a pass when the relay starts listening, then every `everyMs`. */
  extension(): Extension {
    return {
      extensionName: 'loupe-instalment-reminders',
      onListen: async () => {
        void this.run();
        if (this.#every > 0) {
          this.#timer = setInterval(() => void this.run(), this.#every);
          this.#timer.unref();
        }
      },
      onDestroy: async () => {
        if (this.#timer) clearInterval(this.#timer);
        this.#timer = undefined;
        await this.#running;
      },
    };
  }

  /** One pass (a pass already under way is joined, not doubled). */
  run(): Promise<ReminderPass> {
    if (this.#running) return this.#running;
    this.#running = this.#pass()
      .catch((e) => {
        console.error('instalment-reminders: pass failed', e);
        return { claimed: [] };
      })
      .finally(() => {
        this.#running = undefined;
      });
    return this.#running;
  }

  async #pass(): Promise<ReminderPass> {
    const mailer = this.#mailer();
    // Without a configured mailer the client book cannot be read: claim nothing, try next pass.
    if (!mailer?.configured) return { claimed: [] };
    const now = this.#now();
    const orders = this.#db
      .prepare(
        `SELECT o.id, o.store, o.client_id, o.currency, o.paid_minor, o.refunded_minor, o.plan, o.description,
                s.time_zone, s.reminder_lead_days
         FROM orders o JOIN stores s ON s.id = o.store
         WHERE o.status = 'open' AND o.plan IS NOT NULL`,
      )
      .all() as Row[];
    const claimed: Array<ReminderPass['claimed'][number]> = [];
    for (const o of orders) {
      let plan: { instalments: { due: string; amountMinor: number }[]; paidBeforeMinor: number };
      try {
        plan = JSON.parse(String(o.plan));
      } catch {
        continue;
      }
      if (!Array.isArray(plan.instalments)) continue;
      const currency = String(o.currency) as Currency;
      const today = localDay(now, String(o.time_zone || 'UTC'));
      const held = Number(o.paid_minor) - Number(o.refunded_minor);
      const reminders = dueReminders(
        plan.instalments.map((i) => ({ due: i.due, amount: { minor: i.amountMinor, currency } })),
        held - Number(plan.paidBeforeMinor ?? 0),
        today,
        // DUEMAIL-5: the store's own lead time; the relay's default where it never set one.
        o.reminder_lead_days === null ? this.#lead : Number(o.reminder_lead_days),
      ).filter((r) => r.kind === 'upcoming' || r.due >= addDays(today, -this.#overdueFor));
      for (const r of reminders) {
        const orderId = String(o.id);
        if (!this.#claim(orderId, r.due, r.kind, o, r.owedMinor, r.currency, now)) continue;
        const result = await mailer.sendInstalmentDue({
          store: String(o.store),
          clientId: String(o.client_id),
          orderId,
          dueDate: r.due,
          amountMinor: r.owedMinor,
          currency: r.currency,
          overdue: r.kind === 'overdue',
          description: String(o.description ?? ''),
        });
        const status = result.sent
          ? 'sent'
          : result.reason === 'no-consent' || result.reason === 'no-email'
            ? `skipped-${result.reason}`
            : result.reason;
        this.#db
          .prepare(
            `UPDATE instalment_reminders SET status = ?, finished_at = ?, recipient = ?, detail = ?
             WHERE order_id = ? AND due = ? AND kind = ?`,
          )
          .run(
            status,
            new Date().toISOString(),
            result.sent ? result.to : null,
            result.sent ? null : (result.detail ?? null),
            orderId,
            r.due,
            r.kind,
          );
        claimed.push({ orderId, due: r.due, kind: r.kind, status });
      }
    }
    return { claimed };
  }

  /**
   * DUEMAIL-2: takes the reminder for this pass, or says another pass has it. A new reminder is an
   * INSERT the primary key lets through once; a failed one is taken again by one UPDATE, while it
   * has attempts left.
   */
  #claim(
    orderId: string,
    due: string,
    kind: 'upcoming' | 'overdue',
    o: Row,
    owedMinor: number,
    currency: string,
    now: Date,
  ): boolean {
    const at = now.toISOString();
    const inserted = this.#db
      .prepare(
        `INSERT INTO instalment_reminders
           (order_id, due, kind, store, client_id, owed_minor, currency, claimed_by, claimed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(orderId, due, kind, String(o.store), String(o.client_id), owedMinor, currency, this.#instance, at);
    if (Number(inserted.changes) === 1) return true;
    const retried = this.#db
      .prepare(
        `UPDATE instalment_reminders
         SET status = 'claimed', attempts = attempts + 1, claimed_by = ?, claimed_at = ?, owed_minor = ?
         WHERE order_id = ? AND due = ? AND kind = ? AND status = 'failed' AND attempts < ?`,
      )
      .run(this.#instance, at, owedMinor, orderId, due, kind, MAX_REMINDER_ATTEMPTS);
    return Number(retried.changes) === 1;
  }
}
