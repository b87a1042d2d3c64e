/** Clienteling settings decided as commands (TIER-5): the organisation's tier thresholds. */
import type { CommandOf } from './commands.ts';
import { actor } from './decide-org.ts';
import type { DecisionState, DomainEvent, Rejection } from './decision-types.ts';
import { ok, type Result } from './result.ts';

/**
 * TIER-5: only an owner sets the thresholds of a currency (the payload's, TIER-1), for the whole
 * organisation; setting them again replaces them.
 */
export function decideTiersSet(
  state: DecisionState,
  c: CommandOf<'tiers.set'>,
): Result<DomainEvent[], Rejection> {
  const a = actor(state, c, true);
  if (!a.ok) return a;
  return ok([{ type: 'tiers.set', loyal: c.payload.loyal, vip: c.payload.vip }]);
}
