/**
 * One contract for every place the rules are decided (VAL-13): the in-memory state
 * (`domain/memory-state.ts`: domain tests, the till's pre-check) and the relay's SQL state
 * (`sql-state.ts` + `apply-events.ts` behind the CommandDecider). The same seeded random command
 * sequences (the generator of `domain/decide.property.test.ts`) run against the state under test and
 * against the in-memory reference, side by side: every decision (accepted, or the rejection code),
 * in order, and the balances at the end must be identical.
 *
 * A failing run prints its seed and path (fast-check's report); pin the seed in the caller's list.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { COMMAND_TYPES, type Command } from '../../../domain/commands.ts';
import { emptyKnown, type Known, learn, materialize, op } from '../../../domain/decide-ops.support.test.ts';
import type { DomainEvent, PieceState } from '../../../domain/decision-types.ts';
import type { CommandId, StoreId } from '../../../domain/ids.ts';
import { createMemoryState, type MemoryState } from '../../../domain/memory-state.ts';
import type { Role } from '../../../domain/roles.ts';
import type { TaxRule } from '../../../domain/tax.ts';
import {
  CLIENT,
  EUR,
  JPY,
  OTHER_CLIENT,
  OTHER_STORE,
  pieceState,
  STORE,
  USERS,
  YEN_STORE,
} from '../../../domain/test-support.ts';

/** What must agree at the end: order and sale balances, piece statuses, resolved conflicts, stores and staff. */
export type Balances = {
  readonly pieces: Record<string, { store: string; status: string; reservedFor: string | null }>;
  readonly sales: Record<string, { paid: number; refunded: number; voided: boolean; returned: string[] }>;
  readonly orders: Record<string, { total: number; paid: number; refunded: number }>;
  /** GIFT-*, CREDIT-*: each card's kind and balance. */
  readonly cards: Record<string, { kind: string; balance: number }>;
  readonly conflicts: Record<string, boolean>;
  /** ORG-*: each store's currency and tax rule; each member of staff's role, stores and whether active. */
  readonly stores: Record<string, { currency: string; basisPoints: number; inclusive: boolean }>;
  readonly staff: Record<string, { role: string; stores: string[]; active: boolean }>;
};

/** 'accepted' or the rejection code, and the events an accepted command produced. */
export type Outcome = { readonly outcome: string; readonly events: readonly DomainEvent[] };

/** A rule state as the contract drives it. */
export interface RuleStateUnderTest {
  /** Decides `command`; applies it when accepted, keeps it as an open conflict when rejected. */
  execute(command: Command): Outcome;
  balances(): Balances;
  /** Optional: the balances of a second copy of the state, opened fresh from what this one stored
   *  (a replica rebuilt from the PostgreSQL log, REPL-5): they must be the same. */
  rebuiltBalances?(): Promise<Balances>;
  close(): void | Promise<void>;
}

/** The contract's world: test-support's stores, staff and pieces; STORE and OTHER_STORE under `tax`. */
export type ContractWorld = {
  readonly tax: TaxRule;
  readonly pieces: number;
  /** Where the staff work (the owner works everywhere, STAFF-1): the generator also acts at
   *  OTHER_STORE, so staff rules are part of the contract. */
  readonly staffStores: Readonly<Record<Role, readonly StoreId[]>>;
};

export type RuleStateFactory = (world: ContractWorld) => RuleStateUnderTest | Promise<RuleStateUnderTest>;

const PIECES = 6;
const STAFF_STORES: ContractWorld['staffStores'] = {
  associate: [STORE],
  designer: [STORE, OTHER_STORE],
  manager: [STORE, OTHER_STORE],
  owner: [STORE],
};

/** The reference: domain/memory-state.ts, with rejections kept as conflicts as the relay keeps them. */
export function memoryRuleState(world: ContractWorld): RuleStateUnderTest & { readonly state: MemoryState } {
  const state = createMemoryState({
    stores: [
      { id: STORE, currency: EUR, tax: world.tax },
      { id: OTHER_STORE, currency: EUR, tax: world.tax },
      { id: YEN_STORE, currency: JPY, tax: { basisPoints: 1000, inclusive: false } },
    ],
    users: Object.entries(USERS).map(([role, id]) => ({
      id,
      role: role as Role,
      stores: world.staffStores[role as Role],
    })),
    pieces: Array.from({ length: world.pieces }, (_, i) => pieceState(i + 1)),
    clients: [
      { id: CLIENT, store: STORE },
      { id: OTHER_CLIENT, store: STORE },
    ],
    // The generator closes days on which nothing was sold (EOD-3): the relay's SQL says so too.
    dayTakings: (store) => ({
      currency: store === YEN_STORE ? JPY : EUR,
      byTender: {},
      sales: 0,
      returns: 0,
      voids: 0,
    }),
  });
  const rejected: CommandId[] = [];
  return {
    state,
    execute(command) {
      const r = state.execute(command);
      if (r.ok) return { outcome: 'accepted', events: r.value };
      state.setConflict({ commandId: command.id, store: command.store, resolved: false });
      rejected.push(command.id);
      return { outcome: r.error.code, events: [] };
    },
    balances: () => ({
      pieces: Object.fromEntries(state.pieces().map((p) => [p.serial, pieceBalance(p)])),
      sales: Object.fromEntries(
        state.sales().map((s) => [
          s.saleId,
          {
            paid: s.paid.minor,
            refunded: s.refunded.minor,
            voided: s.voided,
            returned: [...s.returnedSerials].sort(),
          },
        ]),
      ),
      orders: Object.fromEntries(
        state
          .orders()
          .map((o) => [o.orderId, { total: o.total.minor, paid: o.paid.minor, refunded: o.refunded.minor }]),
      ),
      cards: Object.fromEntries(
        state.cards().map((c) => [c.number, { kind: c.kind, balance: c.balance.minor }]),
      ),
      conflicts: Object.fromEntries(rejected.map((id) => [id, state.conflict(id)?.resolved ?? false])),
      stores: Object.fromEntries(
        state.stores().map((s) => [
          s.id,
          {
            currency: s.currency,
            basisPoints: s.tax?.basisPoints ?? 0,
            inclusive: s.tax?.inclusive ?? false,
          },
        ]),
      ),
      staff: Object.fromEntries(
        state
          .staff()
          .map((m) => [m.id, { role: m.role, stores: [...(m.stores ?? [])].sort(), active: m.active }]),
      ),
    }),
    close() {},
  };
}

/** Events as they travel (JSON): Money and optional fields compare by value. */
const plain = (events: readonly DomainEvent[]): unknown => JSON.parse(JSON.stringify(events));

const pieceBalance = (p: PieceState) => ({
  store: p.store as string,
  status: p.status as string,
  reservedFor: p.reservedFor ?? null,
});

/** Ids later commands aim at: what the relay's devices would know from their documents. */
function track(known: Known, command: Command, { outcome, events }: Outcome) {
  if (outcome !== 'accepted') known.conflicts.push(command.id);
  learn(known, events);
}

const TAX_RULES: readonly [string, TaxRule][] = [
  ['tax added at the till (20 %)', { basisPoints: 2000, inclusive: false }],
  ['VAT included in prices (20 %)', { basisPoints: 2000, inclusive: true }],
];

export type ContractOptions = {
  /** Random sequences per tax rule. */
  readonly numRuns?: number;
  /** The seed of this run (printed by the caller); fast-check reports it again with any failure. */
  readonly seed: number;
  /** Seeds that once found a disagreement; each replays exactly. */
  readonly pinned?: readonly { readonly seed: number; readonly path?: string }[];
  /** Sequences of the not-vacuous check (CMD-14) per tax rule (default 40). */
  readonly coverageRuns?: number;
  /** Per test, in ms (a state on a real PostgreSQL needs more than vitest's default). */
  readonly timeout?: number;
  /** Off: a failure is reported as found, with its seed, not shrunk (a slow state would spend
   *  minutes shrinking a long sequence; LOUPE_SEED replays it). Default on. */
  readonly shrink?: boolean;
};

/**
 * Registers the contract's tests for one implementation. Call inside a `describe`.
 */
export function ruleStateContract(name: string, open: RuleStateFactory, options: ContractOptions): void {
  const sequences = fc.array(op, { minLength: 1, maxLength: 60 });
  const long = fc.array(op, { minLength: 100, maxLength: 180 });
  const property = (tax: TaxRule, tally?: (c: Command, o: Outcome) => void) =>
    fc.asyncProperty(tally ? long : sequences, async (list) => {
      const world: ContractWorld = { tax, pieces: PIECES, staffStores: STAFF_STORES };
      const reference = memoryRuleState(world);
      const subject = await open(world);
      try {
        const known: Known = emptyKnown();
        const expected: string[] = [];
        const actual: string[] = [];
        for (const o of list) {
          const c = materialize(o, reference.state, known, { tax });
          const want = reference.execute(c);
          const got = subject.execute(c);
          tally?.(c, got);
          expected.push(`${c.type}: ${want.outcome}`);
          actual.push(`${c.type}: ${got.outcome}`);
          // Stop at the first disagreement: what follows is decided on diverged states.
          expect(actual, `${name} disagrees with the in-memory state`).toEqual(expected);
          expect(plain(got.events), `${name}: events of ${c.type}`).toEqual(plain(want.events));
          track(known, c, want);
        }
        expect(subject.balances(), `${name}: balances after ${list.length} commands`).toEqual(
          reference.balances(),
        );
        if (subject.rebuiltBalances)
          expect(
            await subject.rebuiltBalances(),
            `${name}: balances of a copy rebuilt from storage after ${list.length} commands`,
          ).toEqual(reference.balances());
      } finally {
        await subject.close();
      }
    });

  const once = options.shrink === false ? { endOnFailure: true } : {};
  for (const [label, tax] of TAX_RULES) {
    it(
      `VAL-13: ${name}, ${label}: random commands get the in-memory state's decisions and balances`,
      async () => {
        await fc.assert(property(tax), { seed: options.seed, numRuns: options.numRuns ?? 40, ...once });
      },
      options.timeout,
    );
    it(
      `VAL-13, CMD-14: ${name}, ${label}: every command type is accepted in the contract's runs (not vacuous)`,
      async () => {
        const accepted = new Set<string>();
        await fc.assert(
          property(tax, (c, o) => {
            if (o.outcome === 'accepted') accepted.add(c.type);
          }),
          { seed: 42, numRuns: options.coverageRuns ?? 40, ...once },
        );
        expect(COMMAND_TYPES.filter((t) => !accepted.has(t))).toEqual([]);
      },
      options.timeout,
    );
    for (const pin of options.pinned ?? [])
      it(
        `VAL-13: ${name}, ${label}: pinned seed ${pin.seed} still agrees`,
        async () => {
          await fc.assert(property(tax), {
            seed: pin.seed,
            numRuns: pin.path ? 1 : (options.numRuns ?? 40),
            ...(pin.path ? { path: pin.path } : {}),
          });
        },
        options.timeout,
      );
  }
}
