/** Stock movements and reservations: each moves a piece along one edge of the status machine. */
import type { CommandOf } from './commands.ts';
import { authorize, checkCurrency, pieceHere, reject, statusRefusal } from './decide-common.ts';
import type { DecisionState, DomainEvent, Rejection } from './decision-types.ts';
import type { SerialNumber } from './ids.ts';
import { canTransition, type PieceStatus } from './piece-status.ts';
import { err, ok, type Result } from './result.ts';
import { type Capability, can, type Role } from './roles.ts';

type Decision = Result<DomainEvent[], Rejection>;

export type MoveCommand = CommandOf<
  'memo.out' | 'memo.return' | 'repair.in' | 'repair.out' | 'piece.restock' | 'reservation.release'
>;

/** Which capability each plain move needs and which status it ends in. */
export const MOVES: Readonly<
  Record<MoveCommand['type'], readonly [Capability, PieceStatus, readonly PieceStatus[]]>
> = {
  'memo.out': ['memo', 'on-memo', ['in-stock']],
  'memo.return': ['memo', 'in-stock', ['on-memo']],
  'repair.in': ['repair', 'in-repair', ['in-stock', 'returned']],
  'repair.out': ['repair', 'in-stock', ['in-repair']],
  'piece.restock': ['receive-stock', 'in-stock', ['returned']],
  'reservation.release': ['reserve', 'in-stock', ['reserved']],
};

/** The statuses a piece may be written off from (each an edge of TRANSITIONS, WRITEOFF-3). */
export const WRITE_OFF_FROM: readonly PieceStatus[] = [
  'in-stock',
  'reserved',
  'returned',
  'on-memo',
  'in-repair',
];

export type StockCommandType =
  | MoveCommand['type']
  | 'reservation.place'
  | 'transfer.send'
  | 'transfer.receive'
  | 'piece.write-off';

/**
 * Every command that moves a piece along the status machine: the capability it needs, the status
 * it ends in and the statuses it starts from (RES-*, STOCK-2, STOCK-3, WRITEOFF-3). decide reads
 * it, and so does a screen that offers only what would be accepted (`stockCommandsFor`).
 */
export const STOCK_COMMANDS: Readonly<
  Record<StockCommandType, readonly [Capability, PieceStatus, readonly PieceStatus[]]>
> = {
  'reservation.place': ['reserve', 'reserved', ['in-stock']],
  ...MOVES,
  'transfer.send': ['transfer', 'in-transit', ['in-stock']],
  'transfer.receive': ['transfer', 'in-stock', ['in-transit']],
  'piece.write-off': ['write-off', 'written-off', WRITE_OFF_FROM],
};

/**
 * STOCK-6: the stock commands a person of `role` may give a piece that is `status` at their store,
 * in the table's order, by the same capability and status checks decide makes (CMD-10, STOCK-2).
 * Other checks (a transfer's destination, a reservation's client) are the form's and decide's.
 */
export function stockCommandsFor(status: PieceStatus, role: Role): StockCommandType[] {
  return (Object.keys(STOCK_COMMANDS) as StockCommandType[]).filter((type) => {
    const [capability, to, from] = STOCK_COMMANDS[type];
    return can(role, capability) && from.includes(status) && canTransition(status, to);
  });
}

/** A move is legal only from the listed statuses, each of which the status machine allows. */
function move(
  state: DecisionState,
  c: MoveCommand | CommandOf<'reservation.place' | 'transfer.send' | 'transfer.receive' | 'piece.write-off'>,
  serial: SerialNumber,
  capability: Capability,
  to: PieceStatus,
  from: readonly PieceStatus[],
): Decision {
  const actor = authorize(state, c, capability);
  if (!actor.ok) return actor;
  const found = pieceHere(state, c, serial);
  if (!found.ok) return found;
  const piece = found.value;
  if (!from.includes(piece.status) || !canTransition(piece.status, to)) return err(statusRefusal(piece, to));
  return ok([{ type: 'piece.status-changed', serial, store: piece.store, from: piece.status, to }]);
}

export function decideMove(state: DecisionState, c: MoveCommand): Decision {
  const [capability, to, from] = MOVES[c.type];
  // LAYAWAY-5: a layaway's piece is released by cancelling the layaway, which settles its payments.
  if (c.type === 'reservation.release' && state.layawayFor?.(c.payload.serial))
    return reject(
      'piece-on-layaway',
      `Piece ${c.payload.serial} is on layaway; cancel the layaway instead.`,
      {
        serial: c.payload.serial,
      },
    );
  return move(state, c, c.payload.serial, capability, to, from);
}

export function decideReserve(state: DecisionState, c: CommandOf<'reservation.place'>): Decision {
  const p = c.payload;
  const piece = state.piece(p.serial);
  if (piece?.status === 'reserved' && piece.store === c.store)
    return reject(
      'piece-reserved-for-other-client',
      `Piece ${p.serial} is already reserved; release it first.`,
      {
        serial: p.serial,
        reservedFor: piece.reservedFor ?? null,
      },
    );
  const moved = move(state, c, p.serial, ...STOCK_COMMANDS['reservation.place']);
  if (!moved.ok) return moved;
  return ok(
    moved.value.map((e) =>
      e.type === 'piece.status-changed'
        ? { ...e, reservedFor: p.clientId, ...(p.until ? { reservedUntil: p.until } : {}) }
        : e,
    ),
  );
}

export function decideReceive(state: DecisionState, c: CommandOf<'piece.receive'>): Decision {
  const actor = authorize(state, c, 'receive-stock');
  if (!actor.ok) return actor;
  const { piece } = c.payload;
  if (state.piece(piece.serial))
    return reject('piece-exists', `Piece ${piece.serial} is already on record; check the tag.`, {
      serial: piece.serial,
    });
  if (piece.store !== c.store)
    return reject('piece-at-other-store', 'A piece is received into the store where it arrives.', {
      serial: piece.serial,
      pieceStore: piece.store,
    });
  const money = checkCurrency(actor.value.currency, [piece.listPrice]);
  if (!money.ok) return money;
  return ok([{ type: 'piece.received', piece }]);
}

/** Sending hands the piece to the destination store at once, as 'in-transit' there. */
export function decideTransferSend(state: DecisionState, c: CommandOf<'transfer.send'>): Decision {
  const p = c.payload;
  if (!state.storeCurrency(p.toStore))
    return reject('store-unknown', 'The destination store is not set up; choose another.', {
      store: p.toStore,
    });
  if (p.toStore === c.store)
    return reject('illegal-transition', 'A piece cannot be transferred to the store it is in.', {
      serial: p.serial,
    });
  const moved = move(state, c, p.serial, ...STOCK_COMMANDS['transfer.send']);
  if (!moved.ok) return moved;
  return ok([
    ...moved.value,
    { type: 'piece.moved', serial: p.serial, fromStore: c.store, toStore: p.toStore },
  ]);
}

/**
 * WRITEOFF-1…3: a manager takes a piece out of stock for good, from wherever it is at this
 * store (not sold, not on the road); the reason and note stay on the command (SQL `commands`).
 */
export function decideWriteOff(state: DecisionState, c: CommandOf<'piece.write-off'>): Decision {
  // LAYAWAY-5: the client's payments are settled first, by cancelling the layaway.
  if (state.layawayFor?.(c.payload.serial))
    return reject('piece-on-layaway', `Piece ${c.payload.serial} is on layaway; cancel the layaway first.`, {
      serial: c.payload.serial,
    });
  return move(state, c, c.payload.serial, ...STOCK_COMMANDS['piece.write-off']);
}

export function decideTransferReceive(state: DecisionState, c: CommandOf<'transfer.receive'>): Decision {
  return move(state, c, c.payload.serial, ...STOCK_COMMANDS['transfer.receive']);
}
