/**
 * Receiving in bulk (IMPORT-*) and where pieces are inside their store (LOCATION-*): an import
 * arrives in parts and becomes stock all at once with its last part; pieces are scanned into a
 * place (a case, the safe, a tray) by a manager.
 */
import type { CommandOf } from './commands.ts';
import { authorize, checkCurrency, pieceHere, reject } from './decide-common.ts';
import type { DecisionState, DomainEvent, Rejection } from './decision-types.ts';
import type { SerialNumber } from './ids.ts';
import { type Piece, sameLocation } from './piece.ts';
import type { PieceStatus } from './piece-status.ts';
import { ok, type Result } from './result.ts';

type Decision = Result<DomainEvent[], Rejection>;

/** How many problems a refused import names in its message; the rest are counted. */
const NAMED_PROBLEMS = 5;

/**
 * IMPORT-1..4: a part of a bulk import, by someone who may receive stock. Parts arrive in order;
 * a piece already on record at this store is left alone (a re-import adds nothing); a piece on
 * record elsewhere, or twice in the import, refuses the part — and with it the whole import, as
 * nothing is stock until the last part is accepted.
 */
export function decideImport(state: DecisionState, c: CommandOf<'piece.import'>): Decision {
  const actor = authorize(state, c, 'receive-stock');
  if (!actor.ok) return actor;
  const p = c.payload;
  const progress = state.importProgress?.(p.importId);
  if (progress?.done)
    return reject('import-done', 'This import was already completed; nothing more is added from it.', {
      importId: p.importId,
    });
  if (progress && (progress.store !== c.store || progress.parts !== p.parts))
    return reject(
      'import-invalid',
      'This part belongs to an import of another store or size; import the file again.',
      {
        importId: p.importId,
      },
    );
  const expected = progress?.staged ?? 0;
  if (p.part !== expected)
    return reject(
      'import-out-of-order',
      `Part ${p.part + 1} of ${p.parts} arrived before part ${expected + 1}; nothing was added — import the file again.`,
      { importId: p.importId, part: p.part, expected },
    );
  const money = checkCurrency(
    actor.value.currency,
    p.pieces.flatMap((piece) => [piece.listPrice, piece.cost]),
  );
  if (!money.ok) return money;
  const problems: string[] = [];
  const fresh: Piece[] = [];
  const skipped: SerialNumber[] = [];
  for (const piece of p.pieces) {
    const known = state.piece(piece.serial);
    if (piece.store !== c.store) problems.push(`${piece.serial} is for another store`);
    else if (known?.store === c.store) skipped.push(piece.serial);
    else if (known) problems.push(`${piece.serial} is already on record at another store`);
    else if (state.importHas?.(p.importId, piece.serial))
      problems.push(`${piece.serial} is listed twice in the file`);
    else fresh.push(piece);
  }
  if (problems.length > 0)
    return reject(
      'import-invalid',
      `${problems.length} piece${problems.length === 1 ? '' : 's'} cannot be imported (${problems
        .slice(0, NAMED_PROBLEMS)
        .join('; ')}${problems.length > NAMED_PROBLEMS ? '; …' : ''}); nothing of this import was added.`,
      { importId: p.importId, part: p.part, problems: problems.length, first: problems[0] ?? null },
    );
  const events: DomainEvent[] = [
    {
      type: 'import.part-staged',
      importId: p.importId,
      store: c.store,
      source: p.source,
      part: p.part,
      parts: p.parts,
      pieces: fresh,
      skipped,
    },
  ];
  if (p.part === p.parts - 1)
    events.push({
      type: 'pieces.imported',
      importId: p.importId,
      store: c.store,
      source: p.source,
      parts: p.parts,
    });
  return ok(events);
}

/** The statuses of a piece that is physically in its store, so it has a place there (LOCATION-3). */
export const PLACEABLE: readonly PieceStatus[] = ['in-stock', 'reserved', 'returned', 'in-repair'];

/**
 * LOCATION-3: pieces scanned into a place of their store, by a manager (who runs the stock). Each
 * must be at this store and in it (not sold, on memo, on the road or written off); those already
 * there are left out of the event. All or nothing: one refused piece refuses the scan session.
 */
export function decideRelocate(state: DecisionState, c: CommandOf<'piece.relocate'>): Decision {
  const actor = authorize(state, c, 'stock-count');
  if (!actor.ok) return actor;
  const { serials, location, reason } = c.payload;
  const here = state.locationsAt?.(c.store);
  const moved: SerialNumber[] = [];
  const seen = new Set<SerialNumber>();
  for (const serial of serials) {
    if (seen.has(serial)) continue;
    seen.add(serial);
    const found = pieceHere(state, c, serial);
    if (!found.ok) return found;
    if (!PLACEABLE.includes(found.value.status))
      return reject(
        'piece-not-placeable',
        `Piece ${serial} is ${found.value.status}, not in the store; only pieces in the store change place.`,
        { serial, status: found.value.status },
      );
    const now = here?.get(serial);
    if (now && sameLocation(now, location) && now.kind === location.kind) continue;
    moved.push(serial);
  }
  if (moved.length === 0) return ok([]);
  return ok([{ type: 'pieces.relocated', store: c.store, serials: moved, location, reason }]);
}
