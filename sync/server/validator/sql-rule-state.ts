/**
 * The relay's SQL state as the rule-state contract drives it (VAL-13, rule-state-contract.ts): the
 * CommandDecider (envelope attribution: these commands come from a trusted generator, not a device's
 * connection) over a database holding the test database (`test-db.ts`), one transaction per command.
 * The database is the caller's: an in-memory SQLite (rule-state.test.ts) or a replica of a
 * PostgreSQL log (replicated-rule-state.test.ts, REPL-*).
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Command } from '../../../domain/commands.ts';
import type { Role } from '../../../domain/roles.ts';
import {
  CLIENT,
  DEVICE,
  OTHER_CLIENT,
  OTHER_STORE,
  STORE,
  USERS,
  YEN_STORE,
} from '../../../domain/test-support.ts';
import { approveCommand } from '../../shared/command-proof.ts';
import { DeviceKeys } from '../device-keys.ts';
import { CommandDecider } from './decider.ts';
import type { Balances, ContractWorld, RuleStateUnderTest } from './rule-state-contract.ts';

type Row = Record<string, string | number | null>;

/** The contract's state over `db`, which holds the test database (`fillTestDatabase`): the world's
 *  tax rules, staff stores and clients are set first. */
export function sqlRuleStateOn(db: DatabaseSync, world: ContractWorld): RuleStateUnderTest {
  const setTax = db.prepare('UPDATE stores SET tax_rate_bp = ?, tax_inclusive = ? WHERE id = ?');
  for (const store of [STORE, OTHER_STORE])
    setTax.run(world.tax.basisPoints, world.tax.inclusive ? 1 : 0, store);
  // The yen store's rule is the memory world's (rule-state-contract.ts): 10 % added.
  setTax.run(1000, 0, YEN_STORE);
  const setStores = db.prepare('UPDATE users SET stores = ? WHERE id = ?');
  for (const [role, id] of Object.entries(USERS))
    setStores.run(JSON.stringify(world.staffStores[role as Role]), id);
  // The clients of the memory world, as the relay's directory notes them from the client book.
  const note = db.prepare(
    "INSERT INTO client_directory (id, store, seen_at) VALUES (?, ?, '2026-01-01T00:00:00Z')",
  );
  for (const id of [CLIENT, OTHER_CLIENT]) note.run(id, STORE);
  const keys = new DeviceKeys(db);
  const keyOf = new Map(Object.values(USERS).map((id) => [id as string, keys.issue(id, DEVICE)]));
  const decider = new CommandDecider(db, { attribution: 'envelope' });
  const outbox: unknown[] = [];
  /** The generator's approvals carry a placeholder proof (the domain does not check it); the relay
   *  does (USER-4), so the approver signs here with their key on this device, as a till would. */
  const signed = (c: Command): unknown => {
    const plain = JSON.parse(JSON.stringify(c)) as Record<string, unknown>;
    const key = c.approval && keyOf.get(c.approval.by);
    if (c.approval && key) plain.approval = approveCommand(c, c.approval.by, key, c.approval.at);
    return plain;
  };
  return {
    execute(c) {
      outbox.push(signed(c));
      const [d] = decider.decideOutbox(DEVICE, outbox);
      if (!d) throw new Error(`no decision for ${c.id}`);
      return { outcome: d.status === 'accepted' ? 'accepted' : String(d.code), events: d.events };
    },
    balances: () => balancesOf(db),
    close: () => db.close(),
  };
}

/** What the contract compares, read from the relay's SQL. */
export function balancesOf(db: DatabaseSync): Balances {
  const all = (sql: string) => db.prepare(sql).all() as Row[];
  const returned = new Map<string, string[]>();
  for (const l of all('SELECT sale_id, serial FROM sale_lines WHERE returned = 1 ORDER BY serial'))
    returned.set(String(l.sale_id), [...(returned.get(String(l.sale_id)) ?? []), String(l.serial)]);
  return {
    pieces: Object.fromEntries(
      all('SELECT serial, store, status, reserved_for FROM pieces').map((p) => [
        String(p.serial),
        {
          store: String(p.store),
          status: String(p.status),
          reservedFor: p.reserved_for as string | null,
        },
      ]),
    ),
    sales: Object.fromEntries(
      all('SELECT id, paid_minor, refunded_minor, voided FROM sales').map((s) => [
        String(s.id),
        {
          paid: Number(s.paid_minor),
          refunded: Number(s.refunded_minor),
          voided: Number(s.voided) === 1,
          returned: returned.get(String(s.id)) ?? [],
        },
      ]),
    ),
    orders: Object.fromEntries(
      all('SELECT id, total_minor, paid_minor, refunded_minor FROM orders').map((o) => [
        String(o.id),
        { total: Number(o.total_minor), paid: Number(o.paid_minor), refunded: Number(o.refunded_minor) },
      ]),
    ),
    cards: Object.fromEntries(
      all('SELECT number, kind, balance_minor FROM cards').map((c) => [
        String(c.number),
        { kind: String(c.kind), balance: Number(c.balance_minor) },
      ]),
    ),
    conflicts: Object.fromEntries(
      all("SELECT id, resolved_at FROM commands WHERE status = 'rejected'").map((c) => [
        String(c.id),
        c.resolved_at !== null,
      ]),
    ),
    stores: Object.fromEntries(
      all('SELECT id, currency, tax_rate_bp, tax_inclusive FROM stores').map((s) => [
        String(s.id),
        {
          currency: String(s.currency),
          basisPoints: Number(s.tax_rate_bp),
          inclusive: Number(s.tax_inclusive) === 1,
        },
      ]),
    ),
    staff: Object.fromEntries(
      all('SELECT id, role, stores, disabled FROM users').map((u) => [
        String(u.id),
        {
          role: String(u.role),
          stores: (JSON.parse(String(u.stores)) as string[]).sort(),
          active: Number(u.disabled) === 0,
        },
      ]),
    ),
  };
}
