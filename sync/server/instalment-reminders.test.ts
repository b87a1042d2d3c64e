/**
 * Instalment reminders over a real relay and a real SMTP server on 127.0.0.1 (DUEMAIL-*): a
 * reminder arrives once before the day and once when overdue, never twice whatever runs the
 * scheduler (another pass, a restart, a second instance), never without the client's consent.
 */
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../domain/ids.ts';
import { addDays } from '../../domain/report.ts';
import { InstalmentReminders, type ReminderOptions } from './instalment-reminders.ts';
import { clientWithEmail, smtpPerTest } from './mail.support.test.ts';
import { closeAfterEach, type Till } from './relay-per-test.support.test.ts';
import { startTestRelay, type TestRelay } from './test-utils.ts';
import { validatorExtensions, validatorMigrations } from './validator/index.ts';

const smtpServer = smtpPerTest();
const perTest = closeAfterEach();

const eur = (minor: number, currency = 'EUR') => ({ minor, currency });
const today = () => new Date().toISOString().slice(0, 10);
/** Noon UTC on a day: the same calendar day in every European store. */
const noon = (day: string) => new Date(`${day}T12:00:00Z`);

/** A validating relay mailing through `mail`, with reminders as given (work-order mail polled every 60 s). */
const start = (mail: { smtpUrl: string; publicUrl?: string }, reminders: ReminderOptions) =>
  startTestRelay({
    migrations: validatorMigrations,
    extensions: (db, documents) =>
      validatorExtensions(db, documents, { mail: { ...mail, pollMs: 60_000 }, reminders }),
  });

/** The manager's till of store `storeIndex` (0 Paris, 1 a second store). */
const manager = (r: TestRelay, storeIndex = 0): Promise<Till> => perTest.till(r, 'manager', storeIndex);

/** The `index`th demo client of the manager's store, at client<index>@example.com, e-mail consent as given. */
const clientWith = async (r: TestRelay, m: Till, index: number, consent: boolean): Promise<string> =>
  (await clientWithEmail(r, m, { email: `client${index}@example.com`, consent, index })).clientId;

/** An order of 200 € on a plan of two instalments, 10 and 40 days from today. */
async function orderOnPlan(m: Till, clientId: string, description: string, currency = 'EUR') {
  const orderId = uuidv7();
  const first = addDays(today(), 10);
  const second = addDays(today(), 40);
  expect(
    (
      await m.send('order.open', {
        orderId,
        kind: 'custom',
        clientId,
        total: eur(20_000, currency),
        description,
      })
    ).status,
  ).toBe('accepted');
  expect(
    (
      await m.send('plan.set', {
        orderId,
        instalments: [
          { due: first, amount: eur(8_000, currency) },
          { due: second, amount: eur(12_000, currency) },
        ],
      })
    ).status,
  ).toBe('accepted');
  return { orderId, first, second };
}

describe('instalment reminders (DUEMAIL-*)', () => {
  it('DUEMAIL-1, DUEMAIL-2, DUEMAIL-3: a consenting client gets one "coming up" and one "overdue" reminder over SMTP, with the unsubscribe link; passes, restarts and a second instance never resend', async () => {
    const { url, mail } = await smtpServer();
    let clock = new Date();
    perTest.relay = await start(
      { smtpUrl: url, publicUrl: 'http://shop.test' },
      { now: () => clock, everyMs: 50 },
    );
    const r = perTest.relay;
    const m = await manager(r);
    const clientId = await clientWith(r, m, 0, true);
    const { orderId, first } = await orderOnPlan(m, clientId, 'Sapphire engagement ring');

    // Today is ten days ahead: nothing yet, whatever the relay's own timer runs.
    await new Promise((res) => setTimeout(res, 300));
    expect(mail).toHaveLength(0);

    // Two days before the first instalment: one reminder arrives (the relay's timer sends it).
    clock = noon(addDays(first, -2));
    await expect.poll(() => mail.length, { timeout: 10_000 }).toBe(1);
    const upcoming = await simpleParser(mail[0] as Buffer);
    expect(upcoming.subject).toMatch(new RegExp(`instalment is due on ${first}`));
    expect(upcoming.to && !Array.isArray(upcoming.to) ? upcoming.to.text : '').toBe('client0@example.com');
    expect(upcoming.text).toContain('Sapphire engagement ring');
    expect(upcoming.text).toMatch(/80[.,]00/);
    expect(upcoming.text).toMatch(/http:\/\/shop\.test\/unsubscribe\/\S+/);
    expect(JSON.stringify(upcoming.headers.get('list'))).toContain('unsubscribe');

    // More passes, a "restarted" scheduler and two instances at once: still one mail.
    const restarted = new InstalmentReminders(r.db, { now: () => clock });
    const other = new InstalmentReminders(r.db, { now: () => clock });
    const passes = await Promise.all([restarted.run(), other.run(), restarted.run()]);
    expect(passes.flatMap((p) => p.claimed)).toEqual([]);
    await new Promise((res) => setTimeout(res, 300));
    expect(mail).toHaveLength(1);

    // A payment of 30 € does not cover it: the day after, one "still open" reminder for 50 €.
    expect(
      (
        await m.send('deposit.take', {
          orderId,
          depositId: uuidv7(),
          amount: eur(3_000),
          tender: 'cash',
        })
      ).status,
    ).toBe('accepted');
    clock = noon(addDays(first, 1));
    const racing = await Promise.all([restarted.run(), other.run()]);
    await expect.poll(() => mail.length, { timeout: 10_000 }).toBe(2);
    const overdue = await simpleParser(mail[1] as Buffer);
    expect(overdue.subject).toMatch(/still open/);
    expect(overdue.text).toMatch(/50[.,]00/);
    await new Promise((res) => setTimeout(res, 300));
    expect(mail).toHaveLength(2);
    expect(racing.flatMap((p) => p.claimed).length).toBeLessThanOrEqual(1);
    expect(
      r.db
        .prepare(
          'SELECT kind, status, recipient FROM instalment_reminders WHERE order_id = ? ORDER BY kind DESC',
        )
        .all(orderId),
    ).toEqual([
      { kind: 'upcoming', status: 'sent', recipient: 'client0@example.com' },
      { kind: 'overdue', status: 'sent', recipient: 'client0@example.com' },
    ]);
  });

  it('DUEMAIL-5, DUEMAIL-6: each store’s managers set its lead time; a store at 7 days reminds a week ahead, one at 1 day not yet', async () => {
    const { url, mail } = await smtpServer();
    let clock = new Date();
    // leadDays 3: the relay's default (LOUPE_INSTALMENT_REMINDER_DAYS) for stores that never set one.
    perTest.relay = await start(
      { smtpUrl: url, publicUrl: 'http://shop.test' },
      { now: () => clock, everyMs: 0, leadDays: 3 },
    );
    const r = perTest.relay;
    const week = await manager(r, 0);
    const day = await manager(r, 1);
    expect(
      (await week.send('store.update', { storeId: week.store, changes: { reminderLeadDays: 7 } })).status,
    ).toBe('accepted');
    expect(
      (await day.send('store.update', { storeId: day.store, changes: { reminderLeadDays: 1 } })).status,
    ).toBe('accepted');
    // DUEMAIL-6: a manager sets their own store's reminders only, and nothing else of a store.
    expect(
      (await day.send('store.update', { storeId: week.store, changes: { reminderLeadDays: 2 } })).code,
    ).toBe('not-allowed');
    expect(
      (await day.send('store.update', { storeId: day.store, changes: { reminderLeadDays: 2, name: 'Mine' } }))
        .code,
    ).toBe('not-allowed');
    expect(
      r.db
        .prepare('SELECT id, reminder_lead_days AS days FROM stores WHERE id IN (?, ?)')
        .all(week.store, day.store),
    ).toEqual(
      expect.arrayContaining([
        { id: week.store, days: 7 },
        { id: day.store, days: 1 },
      ]),
    );
    const atWeek = await orderOnPlan(week, await clientWith(r, week, 0, true), 'Emerald ring');
    const { currency } = r.db.prepare('SELECT currency FROM stores WHERE id = ?').get(day.store) as {
      currency: string;
    };
    const atDay = await orderOnPlan(day, await clientWith(r, day, 0, true), 'Gold bangle', currency);
    expect(atDay.first).toBe(atWeek.first);
    const scheduler = new InstalmentReminders(r.db, { now: () => clock, leadDays: 3 });

    // Seven days before: the week store's client is reminded, the other store's is not yet.
    clock = noon(addDays(atWeek.first, -7));
    expect((await scheduler.run()).claimed).toEqual([
      { orderId: atWeek.orderId, due: atWeek.first, kind: 'upcoming', status: 'sent' },
    ]);
    await expect.poll(() => mail.length, { timeout: 10_000 }).toBe(1);
    expect((await simpleParser(mail[0] as Buffer)).text).toContain('Emerald ring');
    // Three days before (the relay's default): still nothing for the one-day store.
    clock = noon(addDays(atWeek.first, -3));
    expect((await scheduler.run()).claimed).toEqual([]);
    // The day before: its turn.
    clock = noon(addDays(atWeek.first, -1));
    expect((await scheduler.run()).claimed).toEqual([
      { orderId: atDay.orderId, due: atDay.first, kind: 'upcoming', status: 'sent' },
    ]);
    await expect.poll(() => mail.length, { timeout: 10_000 }).toBe(2);
    expect((await simpleParser(mail[1] as Buffer)).text).toContain('Gold bangle');

    // DUEMAIL-5: back to the default (null): the org record no longer carries a lead time.
    expect(
      (await day.send('store.update', { storeId: day.store, changes: { reminderLeadDays: null } })).status,
    ).toBe('accepted');
    expect(r.db.prepare('SELECT reminder_lead_days AS days FROM stores WHERE id = ?').get(day.store)).toEqual(
      {
        days: null,
      },
    );
  });

  it('DUEMAIL-4: a client without e-mail consent gets no reminder; the skip is recorded once', async () => {
    const { url, mail } = await smtpServer();
    let clock = new Date();
    perTest.relay = await start({ smtpUrl: url }, { now: () => clock, everyMs: 0 });
    const r = perTest.relay;
    const m = await manager(r);
    const clientId = await clientWith(r, m, 1, false);
    const { orderId, first } = await orderOnPlan(m, clientId, 'Pearl necklace restrung');
    clock = noon(addDays(first, -1));
    const scheduler = new InstalmentReminders(r.db, { now: () => clock });
    expect((await scheduler.run()).claimed).toEqual([
      { orderId, due: first, kind: 'upcoming', status: 'skipped-no-consent' },
    ]);
    expect((await scheduler.run()).claimed).toEqual([]);
    await new Promise((res) => setTimeout(res, 300));
    expect(mail).toHaveLength(0);
  });

  it('DUEMAIL-2: a send that failed (SMTP unreachable) is tried again by a later pass, three attempts at most', async () => {
    let clock = new Date();
    // Nothing listens on port 9 of the loopback.
    perTest.relay = await start({ smtpUrl: 'smtp://127.0.0.1:9' }, { now: () => clock, everyMs: 0 });
    const r = perTest.relay;
    const m = await manager(r);
    const clientId = await clientWith(r, m, 0, true);
    const { orderId, first } = await orderOnPlan(m, clientId, 'Signet ring');
    clock = noon(first);
    const scheduler = new InstalmentReminders(r.db, { now: () => clock });
    for (let i = 0; i < 4; i++) await scheduler.run();
    expect(
      r.db.prepare('SELECT status, attempts FROM instalment_reminders WHERE order_id = ?').all(orderId),
    ).toEqual([{ status: 'failed', attempts: 3 }]);
  });
});
