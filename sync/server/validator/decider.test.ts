import { describe, expect, it } from 'vitest';
import type { Command } from '../../../domain/commands.ts';
import { command, DEVICE, eur, saleOf, serial, testId, USERS } from '../../../domain/test-support.ts';
import { CommandDecider } from './decider.ts';
import { openTestDatabase } from './test-db.ts';

/** These tests feed outboxes directly, as the relay's own tools do: the envelope's user is trusted
 *  (who wrote a command is tested in authorship.test.ts). */
const TRUSTED = { attribution: 'envelope' } as const;
const plain = (c: Command): unknown => JSON.parse(JSON.stringify(c));
const count = (db: ReturnType<typeof openTestDatabase>, sql: string): number =>
  Number((db.prepare(sql).get() as { n: number }).n);

describe('CommandDecider over SQLite', () => {
  it('VAL-1: a command is decided once by id, however often it is seen', () => {
    const db = openTestDatabase();
    const decider = new CommandDecider(db, TRUSTED);
    const sale = plain(saleOf([serial(1)]));
    expect(decider.decideOutbox(DEVICE, [sale]).map((d) => d.status)).toEqual(['accepted']);
    // The same command appended again (a device resending after a lost ack) is not a second sale.
    expect(decider.decideOutbox(DEVICE, [sale, sale])).toEqual([]);
    expect(count(db, 'SELECT count(*) AS n FROM sales')).toBe(1);
    expect(count(db, 'SELECT count(*) AS n FROM commands')).toBe(1);
  });

  it('VAL-2: the outbox position is kept with the outcomes, so a new relay resumes where it stopped', () => {
    const db = openTestDatabase();
    const outbox = [plain(saleOf([serial(1)])), plain(saleOf([serial(2)])), plain(saleOf([serial(3)]))];
    expect(new CommandDecider(db, TRUSTED).decideOutbox(DEVICE, outbox.slice(0, 2))).toHaveLength(2);
    const restarted = new CommandDecider(db, TRUSTED);
    expect(restarted.position(DEVICE)).toBe(2);
    const rest = restarted.decideOutbox(DEVICE, outbox);
    expect(rest).toHaveLength(1);
    expect(count(db, 'SELECT count(*) AS n FROM sales')).toBe(3);
  });

  it('SALE-1: the second sale of a serial is rejected and names the sale that holds it', () => {
    const db = openTestDatabase();
    const decider = new CommandDecider(db, TRUSTED);
    const first = saleOf([serial(1)]);
    const second = saleOf([serial(1)], { user: USERS.associate });
    const [a, b] = decider.decideOutbox(DEVICE, [plain(first), plain(second)]);
    expect(a?.status).toBe('accepted');
    expect(b?.status).toBe('rejected');
    expect(b?.code).toBe('serial-already-sold');
    expect(b?.reason).toMatch(/./);
    expect(b?.context?.competingCommandId).toBe(first.id);
    expect(db.prepare('SELECT status FROM pieces WHERE serial = ?').get(serial(1))).toEqual({
      status: 'sold',
    });
  });

  it('VAL-3: the UNIQUE index refuses a second live sale even when the piece row says in stock', () => {
    const db = openTestDatabase();
    const decider = new CommandDecider(db, TRUSTED);
    const outbox = [plain(saleOf([serial(1)]))];
    decider.decideOutbox(DEVICE, outbox);
    // Another instance (or a manual edit) left the status stale: the index still holds.
    db.prepare("UPDATE pieces SET status = 'in-stock' WHERE serial = ?").run(serial(1));
    outbox.push(plain(saleOf([serial(1)])));
    const [d] = decider.decideOutbox(DEVICE, outbox);
    expect(d?.status).toBe('rejected');
    expect(d?.code).toBe('serial-already-sold');
    expect(count(db, 'SELECT count(*) AS n FROM sale_lines WHERE live = 1')).toBe(1);
    expect(count(db, 'SELECT count(*) AS n FROM sales')).toBe(1);
  });

  it('VAL-3: another constraint refusing a sale line is storage-refused, told by its code, not the database text', () => {
    const db = openTestDatabase();
    // A constraint that is not the one-live-sale index fires on the line's insert.
    db.exec(
      "CREATE TRIGGER refuse_lines BEFORE INSERT ON sale_lines BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: sale_lines.serial'); END",
    );
    const [d] = new CommandDecider(db, TRUSTED).decideOutbox(DEVICE, [plain(saleOf([serial(1)]))]);
    expect(d?.code).toBe('storage-refused');
    // The person reads a sentence; the database's words stay in the context for an operator.
    expect(d?.reason).not.toMatch(/constraint|sale_lines/i);
    expect(String(d?.context?.detail)).toMatch(/sale_lines/);
    expect(count(db, 'SELECT count(*) AS n FROM sales')).toBe(0);
  });

  it('VAL-4: a malformed or foreign command is rejected with a reason and does not block the ones behind it', () => {
    const db = openTestDatabase();
    const decider = new CommandDecider(db, TRUSTED);
    const foreign = { ...(plain(saleOf([serial(2)])) as object), device: testId() };
    const decisions = decider.decideOutbox(DEVICE, [
      'not a command',
      { id: testId(), type: 'sale.complete', payload: {} },
      foreign,
      plain(saleOf([serial(1)])),
    ]);
    expect(decisions.map((d) => d.code ?? d.status)).toEqual([
      'invalid-command',
      'invalid-command',
      'device-mismatch',
      'accepted',
    ]);
    expect(decisions[1]?.reason).toMatch(/store|payload|device|user|at/);
    expect(decider.position(DEVICE)).toBe(4);
  });

  it('SALE-1: a returned and restocked piece can be sold again', () => {
    const db = openTestDatabase();
    const decider = new CommandDecider(db, TRUSTED);
    const sale = saleOf([serial(1)]);
    if (sale.type !== 'sale.complete') throw new Error('saleOf builds sales');
    const ret = command('sale.return', {
      returnId: testId(),
      saleId: sale.payload.saleId,
      serials: [serial(1)],
      refunds: [{ kind: 'card', amount: eur(100_000) }],
    });
    const restock = command('piece.restock', { serial: serial(1) });
    const again = saleOf([serial(1)]);
    const out = decider.decideOutbox(DEVICE, [sale, ret, restock, again].map(plain));
    expect(out.map((d) => d.code ?? d.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    expect(count(db, 'SELECT count(*) AS n FROM sale_lines WHERE live = 1')).toBe(1);
    expect(count(db, 'SELECT refunded_minor AS n FROM sales WHERE refunded_minor > 0')).toBe(100_000);
  });

  it('DEP-1: deposits never exceed the order total, refunds never exceed what was paid', () => {
    const db = openTestDatabase();
    const decider = new CommandDecider(db, TRUSTED);
    const orderId = testId();
    const open = command('order.open', {
      orderId,
      kind: 'custom',
      clientId: testId(),
      total: eur(500_000),
      description: 'Emerald engagement ring, platinum, size 52',
    });
    const deposit = (minor: number) =>
      command('deposit.take', { orderId, depositId: testId(), amount: eur(minor), tender: 'card' });
    const refund = (minor: number) =>
      command('deposit.refund', { orderId, refundId: testId(), amount: eur(minor) });
    const out = decider.decideOutbox(
      DEVICE,
      [open, deposit(300_000), deposit(250_000), deposit(200_000), refund(600_000), refund(100_000)].map(
        plain,
      ),
    );
    expect(out.map((d) => d.code ?? d.status)).toEqual([
      'accepted',
      'accepted',
      'deposit-exceeds-balance',
      'accepted',
      'refund-exceeds-paid',
      'accepted',
    ]);
    expect(db.prepare('SELECT paid_minor, refunded_minor FROM orders').get()).toEqual({
      paid_minor: 500_000,
      refunded_minor: 100_000,
    });
  });

  it('VAL-5: group commit decides exactly as one transaction per command does', () => {
    const cmds = [
      saleOf([serial(1)]),
      saleOf([serial(1)]),
      saleOf([serial(2), serial(3)]),
      saleOf([serial(9)]),
    ].map(plain);
    const one = new CommandDecider(openTestDatabase(), TRUSTED).decideOutbox(DEVICE, cmds);
    const grouped = new CommandDecider(openTestDatabase(), TRUSTED).decideOutbox(DEVICE, cmds, {
      groupCommit: true,
    });
    const summary = (ds: typeof one) => ds.map((d) => [d.id, d.status, d.code]);
    expect(summary(grouped)).toEqual(summary(one));
    expect(summary(one).map((s) => s[2] ?? s[1])).toEqual([
      'accepted',
      'serial-already-sold',
      'accepted',
      'piece-unknown',
    ]);
  });
});

describe('counts and conflict resolution over SQLite', () => {
  it('COUNT-3: a whole-store count is recorded with what is missing, against the SQL records', () => {
    const db = openTestDatabase(4);
    const decider = new CommandDecider(db, TRUSTED);
    const c = command('stock.count', {
      countId: testId(),
      scope: 'whole store',
      wholeStore: true,
      found: [serial(1), serial(3), serial(77)],
    });
    const [d] = decider.decideOutbox(DEVICE, [plain(c)]);
    expect(d?.status).toBe('accepted');
    const row = db.prepare('SELECT found, missing, unexpected FROM stock_counts').get() as Record<
      string,
      string
    >;
    expect(row.found).toBe(3);
    expect(JSON.parse(row.missing ?? '[]')).toEqual([serial(2), serial(4)]);
    expect(JSON.parse(row.unexpected ?? '[]')).toEqual([serial(77)]);
  });

  it('CONFLICT-1, CONFLICT-2: a rejected sale is resolved once, by a manager, and leaves the conflicts list', () => {
    const db = openTestDatabase();
    const decider = new CommandDecider(db, TRUSTED);
    const loser = saleOf([serial(1)]);
    const resolve = (user = USERS.manager) =>
      command(
        'conflict.resolve',
        { commandId: loser.id, resolution: 'refunded-client', note: 'card refunded' },
        { user },
      );
    const outbox = [
      plain(saleOf([serial(1)])),
      plain(loser),
      plain(resolve(USERS.associate)),
      plain(resolve()),
      plain(resolve()),
    ];
    const out = decider.decideOutbox(DEVICE, outbox);
    expect(out.map((d) => d.code ?? d.status)).toEqual([
      'accepted',
      'serial-already-sold',
      'not-allowed',
      'accepted',
      'conflict-resolved',
    ]);
    expect(db.prepare('SELECT resolved_by FROM commands WHERE id = ?').get(loser.id)).toEqual({
      resolved_by: USERS.manager,
    });
  });
});
