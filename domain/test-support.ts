/**
 * Builders for tests (unit, property, benchmarks): a small world of stores, staff and
 * pieces, and commands built through parseCommand so tests only send what a device could.
 */
import type { Command, CommandType } from './commands.ts';
import { parseCommand } from './commands.ts';
import type { PieceState, Rejection } from './decision-types.ts';
import type { ClientId, SerialNumber, StoreId, UserId } from './ids.ts';
import { uuidv7 } from './ids.ts';
import { createMemoryState, type MemoryState, type MemoryStateInit } from './memory-state.ts';
import { type Currency, currency, type Money, money } from './money.ts';
import { newCardNumber } from './money-held.ts';
import type { Piece } from './piece.ts';
import { type Result, unwrap } from './result.ts';
import type { Role } from './roles.ts';

let counter = 0;
/** Deterministic UUIDv7s: time and randomness from a counter, so failures replay. */
export function testId<T extends string>(): T {
  counter += 1;
  const n = counter;
  return uuidv7(1_767_225_600_000 + n, (b) => {
    for (let i = 0; i < b.length; i++) b[i] = (n >> ((i % 4) * 8)) & 0xff;
    return b;
  }) as T;
}

export const EUR: Currency = currency('EUR');
export const JPY: Currency = currency('JPY');
export const eur = (minor: number): Money => money(minor, EUR);

export const STORE = 'a0000000-0000-7000-8000-000000000001' as StoreId;
export const OTHER_STORE = 'a0000000-0000-7000-8000-000000000002' as StoreId;
export const YEN_STORE = 'a0000000-0000-7000-8000-000000000003' as StoreId;
export const USERS: Readonly<Record<Role, UserId>> = {
  associate: 'b0000000-0000-7000-8000-000000000001' as UserId,
  designer: 'b0000000-0000-7000-8000-000000000002' as UserId,
  manager: 'b0000000-0000-7000-8000-000000000003' as UserId,
  owner: 'b0000000-0000-7000-8000-000000000004' as UserId,
};
export const DEVICE = 'c0000000-0000-7000-8000-000000000001';
export const CLIENT = 'd0000000-0000-7000-8000-000000000001' as ClientId;
export const OTHER_CLIENT = 'd0000000-0000-7000-8000-000000000002' as ClientId;

/** A valid card number (GIFT-1) for test `n`: the same n gives the same number. */
export const testCard = (n: number): string =>
  newCardNumber((b) => {
    for (let i = 0; i < b.length; i++) b[i] = (n * 7 + i * 13 + (n >> (i % 8))) & 0xff;
    return b;
  });

export const serial = (n: number): SerialNumber => `LP-26-${String(n).padStart(6, '0')}` as SerialNumber;

export function pieceState(n: number, overrides: Partial<PieceState> = {}): PieceState {
  return { serial: serial(n), store: STORE, status: 'in-stock', listPrice: eur(100_000), ...overrides };
}

export function pieceRecord(n: number, overrides: Partial<Piece> = {}): Piece {
  return {
    serial: serial(n),
    style: 'RG-SOL-01',
    title: 'Solitaire ring',
    category: 'ring',
    metal: 'platinum',
    fineness: 950,
    weightMg: 4_200,
    stones: [{ kind: 'diamond', shape: 'round', milliCarats: 1_010, colour: 'F', clarity: 'VS1' }],
    cost: eur(40_000),
    listPrice: eur(100_000),
    imageRefs: [],
    store: STORE,
    location: { kind: 'case', label: 'C1' },
    ...overrides,
  };
}

/** Stores STORE and OTHER_STORE in EUR and YEN_STORE in JPY, one user per role, pieces 1..n in stock. */
export function world(pieces = 5, more: Pick<MemoryStateInit, 'dayTakings'> = {}): MemoryState {
  return createMemoryState({
    ...more,
    stores: [
      { id: STORE, currency: EUR },
      { id: OTHER_STORE, currency: EUR },
      { id: YEN_STORE, currency: JPY },
    ],
    users: Object.entries(USERS).map(([role, id]) => ({ id, role: role as Role })),
    pieces: Array.from({ length: pieces }, (_, i) => pieceState(i + 1)),
    clients: [
      { id: CLIENT, store: STORE },
      { id: OTHER_CLIENT, store: STORE },
    ],
  });
}

export type CommandOpts = {
  readonly user?: UserId;
  readonly store?: StoreId;
  readonly at?: string;
  /** A manager's approval: who, and when (default: when the command was made). The relay checks
   *  the proof (`sig`); the domain trusts a parsed approval, so tests use a placeholder. */
  readonly approvedBy?: UserId | string;
  readonly approvedAt?: string;
};

/** A well-formed proof the domain does not check (the relay does, USER-4). */
export const PLACEHOLDER_SIG = 'A'.repeat(43);

/** Builds an envelope as a device would and parses it; an invalid test command fails loudly. */
export function command(type: CommandType, payload: unknown, opts: CommandOpts = {}): Command {
  return unwrap(
    parseCommand(
      JSON.parse(
        JSON.stringify({
          id: testId(),
          type,
          store: opts.store ?? STORE,
          device: DEVICE,
          user: opts.user ?? USERS.manager,
          at: opts.at ?? '2026-03-01T10:00:00.000Z',
          payload,
          approval: opts.approvedBy
            ? {
                by: opts.approvedBy,
                at: opts.approvedAt ?? opts.at ?? '2026-03-01T10:00:00.000Z',
                sig: PLACEHOLDER_SIG,
              }
            : undefined,
        }),
      ),
    ),
  );
}

/** A one-tender sale of the given serials at `price` each (no tax), as `user`. */
export function saleOf(
  serials: readonly SerialNumber[],
  opts: CommandOpts & { price?: number; clientId?: ClientId } = {},
) {
  const price = opts.price ?? 100_000;
  const total = price * serials.length;
  return command(
    'sale.complete',
    {
      saleId: testId(),
      lines: serials.map((s) => ({ serial: s, price: eur(price) })),
      tax: eur(0),
      total: eur(total),
      tenders: [{ kind: 'card', amount: eur(total) }],
      clientId: opts.clientId,
    },
    opts,
  );
}

/** 'accepted' or the rejection code: what a user would see as the outcome. */
export const code = (r: Result<unknown, Rejection>): string => (r.ok ? 'accepted' : r.error.code);
