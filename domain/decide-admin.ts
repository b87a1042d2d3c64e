/** Stock counts and conflict resolution: records about the stock and the ledger, not moves. */
import type { CommandOf } from './commands.ts';
import { authorize, reject } from './decide-common.ts';
import type { DecisionState, DomainEvent, Rejection } from './decision-types.ts';
import type { SerialNumber } from './ids.ts';
import { ok, type Result } from './result.ts';

const PRESENT = new Set(['in-stock', 'reserved']);

/** COUNT-1..3: the variance is worked out against the relay's records, not the device's. */
export function decideCount(
  state: DecisionState,
  command: CommandOf<'stock.count'>,
): Result<DomainEvent[], Rejection> {
  const actor = authorize(state, command, 'stock-count');
  if (!actor.ok) return actor;
  const found = new Set<SerialNumber>(command.payload.found);
  const unexpected: SerialNumber[] = [];
  for (const serial of found) {
    const piece = state.piece(serial);
    if (!piece || piece.store !== command.store || !PRESENT.has(piece.status)) unexpected.push(serial);
  }
  const missing = command.payload.wholeStore
    ? state.presentAt(command.store).filter((serial) => !found.has(serial))
    : [];
  return ok([
    {
      type: 'count.recorded',
      countId: command.payload.countId,
      store: command.store,
      scope: command.payload.scope,
      wholeStore: command.payload.wholeStore,
      found: found.size,
      missing,
      unexpected,
    },
  ]);
}

/** CONFLICT-1..2: a manager closes a rejection of their store, once, saying what was done. */
export function decideResolve(
  state: DecisionState,
  command: CommandOf<'conflict.resolve'>,
): Result<DomainEvent[], Rejection> {
  const actor = authorize(state, command, 'resolve-conflicts');
  if (!actor.ok) return actor;
  const { commandId, resolution, note } = command.payload;
  const conflict = state.conflict(commandId);
  if (!conflict)
    return reject('conflict-unknown', 'There is no rejected command with this id to resolve.', { commandId });
  if (conflict.store !== command.store)
    return reject('conflict-at-other-store', "This conflict belongs to another store's inbox.", {
      commandId,
      conflictStore: conflict.store,
    });
  if (conflict.resolved)
    return reject('conflict-resolved', 'This conflict was already resolved by someone else.', { commandId });
  return ok([{ type: 'conflict.resolved', commandId, store: command.store, resolution, note }]);
}
