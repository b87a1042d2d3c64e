/**
 * The rule-state contract (VAL-13, rule-state-contract.ts) on the relay's SQL state as `npm start`
 * keeps it with DATABASE_URL: the CommandDecider (sql-rule-state.ts) over a SQLite replica of a log in
 * a real PostgreSQL (REPL-*, replicated-db.ts). Every decision is a write transaction through the log.
 * After each sequence a second replica, rebuilt from the log alone, must give the same balances.
 *
 * Outside sync/server/validator on purpose: `npm test` runs that folder a second time on a faked
 * clock (scripts/test.ts), and the replica adds nothing to what those runs look for; the SQL state's
 * own contract (validator/rule-state.test.ts) runs there on both clocks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { type PostgresService, startPostgres } from '../../scripts/test-services.ts';
import { ReplicatedDatabase } from './replicated-db.ts';
import {
  type ContractWorld,
  type RuleStateUnderTest,
  ruleStateContract,
} from './validator/rule-state-contract.ts';
import { balancesOf, sqlRuleStateOn } from './validator/sql-rule-state.ts';
import { fillTestDatabase } from './validator/test-db.ts';

/**
 * The same on a replica of a PostgreSQL log (REPL-*): each sequence gets a new log (in a schema of
 * its own: a new database per sequence would cost ~0.25 s each); every decision goes through it. At
 * the end a second replica, rebuilt from the log alone (REPL-5), must give the same balances:
 * replaying the log decides nothing differently.
 */
async function replicatedRuleState(
  postgres: PostgresService,
  database: string,
  world: ContractWorld,
): Promise<RuleStateUnderTest> {
  const url = await postgres.createSchema(database);
  const dir = mkdtempSync(join(tmpdir(), 'loupe-rule-state-'));
  const db = fillTestDatabase(
    await ReplicatedDatabase.open(join(dir, 'a.db'), url, { instance: 'A', follow: false }),
    world.pieces,
  );
  const state = sqlRuleStateOn(db, world);
  return {
    ...state,
    async rebuiltBalances() {
      const second = await ReplicatedDatabase.open(join(dir, 'b.db'), url, { instance: 'B', follow: false });
      try {
        expect(second.position).toBe(db.position);
        return balancesOf(second);
      } finally {
        await second.closeReplica();
      }
    },
    async close() {
      await db.closeReplica();
      await postgres.dropSchema(url);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** LOUPE_SEED replays a run (the seed is printed); LOUPE_PG_RUNS sets the sequences per tax rule. */
const SEED = Number(process.env.LOUPE_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.log(`replicated rule-state contract seed ${SEED} (LOUPE_SEED=${SEED} replays it)`);

describe('rule state contract (VAL-13) on a replica of a PostgreSQL log (REPL-*)', () => {
  let postgres: PostgresService | undefined;
  let database = '';
  beforeAll(async () => {
    postgres = await startPostgres();
    database = await postgres.createDatabase();
  }, 120_000);
  afterAll(async () => {
    await postgres?.stop();
  });
  const open = (world: ContractWorld) => {
    if (!postgres) throw new Error('PostgreSQL did not start');
    return replicatedRuleState(postgres, database, world);
  };
  ruleStateContract('replicated-sql-state', open, {
    seed: SEED,
    numRuns: Number(process.env.LOUPE_PG_RUNS ?? 6),
    // Seed 42's first 28 long sequences accept every command type (fewer do not): each type's
    // writes are replayed by the rebuilt replica at least once.
    coverageRuns: 28,
    timeout: 120_000,
    shrink: false,
  });
});
