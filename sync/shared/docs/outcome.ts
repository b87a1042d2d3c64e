/**
 * The answer to a command (DESIGN.md, public contracts): in the store's ledger for every decided
 * command, and in the device's own outbox for every rejection (VAL-12).
 */
import { isPlainObject } from '../../../domain/parse.ts';

/** `code` is an `OutcomeCode` (`../outcome-codes.ts`) on a rejection. */
export type Outcome = {
  status: 'accepted' | 'rejected';
  code?: string;
  reason?: string;
  decidedAt: string;
};

export function parseOutcome(v: unknown): Outcome | undefined {
  if (!isPlainObject(v) || (v.status !== 'accepted' && v.status !== 'rejected')) return undefined;
  return {
    status: v.status,
    ...(typeof v.code === 'string' ? { code: v.code } : {}),
    ...(typeof v.reason === 'string' ? { reason: v.reason } : {}),
    decidedAt: typeof v.decidedAt === 'string' ? v.decidedAt : '',
  };
}
