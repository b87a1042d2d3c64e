/** Stock counts and conflict resolution: records about the stock and the ledger, not moves. */
import type { CommandOf } from './commands.ts';
import { authorize, reject } from './decide-common.ts';
import type { DecisionState, DomainEvent, Rejection } from './decision-types.ts';
import type { SerialNumber } from './ids.ts';
import { sameLocation } from './piece.ts';
import { ok, type Result } from './result.ts';

const PRESENT = new Set(['in-stock', 'reserved']);

/** COUNT-6: pieces found where expected over everything expected or found (1 when nothing was). */
export function countAccuracy(r: {
  readonly found: number;
  readonly missing: readonly unknown[];
  readonly unexpected: readonly unknown[];
}): number {
  const matched = Math.max(0, r.found - r.unexpected.length);
  const total = matched + r.missing.length + r.unexpected.length;
  return total === 0 ? 1 : matched / total;
}

/** COUNT-1..3: the variance is worked out against the relay's records, not the device's. */
export function decideCount(
  state: DecisionState,
  command: CommandOf<'stock.count'>,
): Result<DomainEvent[], Rejection> {
  const actor = authorize(state, command, 'stock-count');
  if (!actor.ok) return actor;
  const p = command.payload;
  // COUNT-5: several counters send parts of one count; each part adds to what the others found.
  const prior = state.countSoFar?.(p.countId);
  if (
    prior &&
    (prior.store !== command.store ||
      prior.wholeStore !== p.wholeStore ||
      !!prior.location !== !!p.location ||
      (prior.location && p.location && !sameLocation(prior.location, p.location)))
  )
    return reject(
      'count-scope-mismatch',
      'This count was started for another place or store; start a new count for this one.',
      { countId: p.countId },
    );
  const found = new Set<SerialNumber>([...(prior?.found ?? []), ...p.found]);
  const unexpected: SerialNumber[] = [];
  for (const serial of found) {
    const piece = state.piece(serial);
    if (!piece || piece.store !== command.store || !PRESENT.has(piece.status)) unexpected.push(serial);
  }
  let missing: SerialNumber[] = [];
  let wrongLocation: SerialNumber[] | undefined;
  const present = () => state.presentAt(command.store);
  if (p.location) {
    // COUNT-4: one place: what is recorded there and was not found, and what was found there
    // but is recorded elsewhere in the store (a location fix, not a loss).
    const place = p.location;
    const where = state.locationsAt?.(command.store);
    const at = (serial: SerialNumber) => {
      const l = where?.get(serial);
      return l !== undefined && sameLocation(l, place);
    };
    const presentHere = present();
    missing = presentHere.filter((serial) => at(serial) && !found.has(serial));
    const presentSet = new Set(presentHere);
    wrongLocation = where ? [...found].filter((serial) => presentSet.has(serial) && !at(serial)) : [];
  } else if (p.wholeStore) missing = present().filter((serial) => !found.has(serial));
  return ok([
    {
      type: 'count.recorded',
      countId: p.countId,
      store: command.store,
      scope: p.scope,
      wholeStore: p.wholeStore,
      found: found.size,
      missing,
      unexpected,
      ...(p.location ? { location: p.location, wrongLocation: wrongLocation ?? [] } : {}),
      parts: (prior?.parts ?? 0) + 1,
      partFound: [...new Set(p.found)],
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
