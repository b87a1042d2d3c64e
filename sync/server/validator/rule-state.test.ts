/**
 * The rule-state contract (VAL-13, rule-state-contract.ts) on both implementations: the in-memory
 * state (against itself: the harness and the reference are deterministic) and the relay's SQL state
 * behind the CommandDecider, on an in-memory SQLite database with the validator's schema.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../domain/commands.ts';
import type { Role } from '../../../domain/roles.ts';
import {
  CLIENT,
  command,
  DEVICE,
  eur,
  OTHER_CLIENT,
  OTHER_STORE,
  STORE,
  serial,
  testId,
  USERS,
  YEN_STORE,
} from '../../../domain/test-support.ts';
import { approveCommand } from '../../shared/command-proof.ts';
import { DeviceKeys } from '../device-keys.ts';
import { CommandDecider } from './decider.ts';
import {
  type Balances,
  memoryRuleState,
  type RuleStateUnderTest,
  ruleStateContract,
} from './rule-state-contract.ts';
import { openTestDatabase } from './test-db.ts';

type Row = Record<string, string | number | null>;

/** The relay's path: CommandDecider (envelope attribution: these commands come from a trusted
 *  generator, not a device's connection) over SQL, one transaction per command. */
function sqlRuleState(world: Parameters<typeof memoryRuleState>[0]): RuleStateUnderTest {
  const db = openTestDatabase(world.pieces, ':memory:');
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
  const all = (sql: string) => db.prepare(sql).all() as Row[];
  return {
    execute(c) {
      outbox.push(signed(c));
      const [d] = decider.decideOutbox(DEVICE, outbox);
      if (!d) throw new Error(`no decision for ${c.id}`);
      return { outcome: d.status === 'accepted' ? 'accepted' : String(d.code), events: d.events };
    },
    balances(): Balances {
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
    },
    close: () => db.close(),
  };
}

/** LOUPE_SEED replays a run; otherwise a new seed each run, printed so a failure can be pinned. */
const SEED = Number(process.env.LOUPE_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`rule-state contract seed ${SEED} (LOUPE_SEED=${SEED} replays it)`);

/** Seeds that once found a disagreement between the two states; each replays exactly. */
const PINNED: readonly { seed: number; path?: string }[] = [
  // A void's events listed the sale's pieces in serial order: SQL had lost the sale's line order.
  // (Its shrink path no longer replays since the generator gained piece.update and price.change;
  // the seed's runs still play.)
  { seed: 480847586 },
];

describe('rule state contract (VAL-13)', () => {
  it('VAL-13, RET-3: a sale keeps its line order in SQL, so a return gets the same share of the tax as on the till', () => {
    // Two lines of equal net and an odd tax: the tax shares tie, and the first line takes the extra
    // cent (MONEY-6). With the lines read back in serial order, the relay gave it to the other line
    // and refused a return the till's pre-check accepted.
    const world = {
      tax: { basisPoints: 2000, inclusive: false },
      pieces: 2,
      staffStores: { associate: [STORE], designer: [STORE], manager: [STORE], owner: [STORE] },
    };
    const line = (n: number) => ({ serial: serial(n), price: eur(100_000), discount: eur(3) });
    const saleId = testId();
    const sale = command('sale.complete', {
      saleId,
      lines: [line(2), line(1)],
      tax: eur(39_999),
      total: eur(239_993),
      tenders: [{ kind: 'card', amount: eur(239_993) }],
    });
    const back = command('sale.return', {
      returnId: testId(),
      saleId,
      serials: [serial(2)],
      refunds: [{ kind: 'card', amount: eur(99_997 + 20_000) }],
    });
    const outcomes = (state: RuleStateUnderTest) => {
      const got = [sale, back].map((c) => state.execute(c).outcome);
      state.close();
      return got;
    };
    expect(outcomes(memoryRuleState(world))).toEqual(['accepted', 'accepted']);
    expect(outcomes(sqlRuleState(world))).toEqual(['accepted', 'accepted']);
  });

  describe('in-memory state', () => {
    ruleStateContract('memory-state', memoryRuleState, { seed: SEED, numRuns: 20 });
  });
  describe('SQL state behind the CommandDecider', () => {
    ruleStateContract('sql-state', sqlRuleState, {
      seed: SEED,
      numRuns: Number(process.env.LOUPE_RUNS ?? 40),
      pinned: PINNED,
    });
  });
});
