/**
 * The conflicts inbox, derived from the store's ledger: every rejected command is a
 * conflict until a manager resolves it. Nothing is dropped silently. The validator publishes
 * each decided command in the ledger's `entries` (with the competing command's id), so any
 * till shows the same inbox offline; the outbox and the outcome alone are the fallback. What a
 * conflict is about comes from the command and the entry's context, never from the reason's words.
 */
import { isOutcomeCode, OUTCOME_MESSAGES } from '../../../sync/shared/outcome-codes.ts';
import type { Command, LedgerEntry, Outcome } from '../local/records.ts';

export type Conflict = {
  readonly id: string;
  readonly outcome: Outcome;
  /** The rejected command, when this device sent it. */
  readonly command?: Command;
  /** Serials the rejected command was about. */
  readonly serials: readonly string[];
  /** The command that won, when the ledger names it. */
  readonly competing?: Command;
};

export type ConflictSource = {
  readonly outcomes: () => Record<string, Outcome>;
  readonly commands: { items: Command[] };
  readonly entries?: () => Record<string, LedgerEntry>;
};

export const RESOLVE = 'conflict.resolve';

const serialsOf = (c: Command | undefined): string[] => {
  const p = c?.payload as
    | { lines?: Array<{ serial?: unknown }>; serial?: unknown; serials?: unknown }
    | undefined;
  if (!p) return [];
  if (Array.isArray(p.lines)) return p.lines.map((l) => String(l.serial ?? ''));
  if (Array.isArray(p.serials)) return p.serials.map(String);
  return typeof p.serial === 'string' ? [p.serial] : [];
};

/**
 * The serial a rejection's context names (`serial`: the domain's rejections and the relay's
 * refusals put it there, CMD-13). The reason is words for a person and is never parsed.
 */
const serialInContext = (entry: LedgerEntry | undefined): string[] =>
  typeof entry?.context?.serial === 'string' ? [entry.context.serial] : [];

/** Conflicts a resolution from this till has settled (unless the relay refused that resolution). */
export function resolvedHere(d: ConflictSource): Set<string> {
  const outcomes = d.outcomes();
  const resolved = new Set<string>();
  for (const c of d.commands.items) {
    const target = (c.payload as { commandId?: unknown } | undefined)?.commandId;
    if (c.type === RESOLVE && typeof target === 'string' && outcomes[c.id]?.status !== 'rejected')
      resolved.add(target);
  }
  return resolved;
}

export function openConflicts(d: ConflictSource): Conflict[] {
  const outcomes = d.outcomes();
  const byId = new Map(d.commands.items.map((c) => [c.id, c]));
  const resolved = resolvedHere(d);
  const entries = d.entries?.() ?? {};
  const out: Conflict[] = [];
  for (const [id, outcome] of Object.entries(outcomes)) {
    if (outcome.status !== 'rejected' || resolved.has(id)) continue;
    const entry = entries[id];
    if (entry?.resolution) continue;
    const command = byId.get(id) ?? entry;
    // A refused resolution is not itself a sale conflict; it stays visible on its own till.
    if (command?.type === RESOLVE) continue;
    const serials = [...new Set([...serialsOf(command), ...serialInContext(entry)])];
    const competingId = entry?.context?.competingCommandId;
    const competing =
      typeof competingId === 'string' ? (entries[competingId] ?? byId.get(competingId)) : undefined;
    out.push({ id, outcome, ...(command ? { command } : {}), serials, ...(competing ? { competing } : {}) });
  }
  return out.sort((a, b) => b.outcome.decidedAt.localeCompare(a.outcome.decidedAt));
}

/**
 * What the manager should do: for the conflicts a manager settles (a piece sold twice, a piece
 * held for someone else, a discount beyond the limit) the manager's own remedy; for every other
 * code the outcome's message (sync/shared/outcome-codes.ts), the same words the till shows.
 */
export function advice(code: string | undefined): string {
  switch (code) {
    case 'serial-already-sold':
      return 'The piece was sold on another till first. Either void the other sale and refund that client, or keep it and refund this client.';
    case 'piece-reserved-for-other-client':
      return 'The piece is held for another client. Release the reservation or offer a similar piece.';
    case 'discount-above-limit':
    case 'approver-not-allowed':
      return 'The discount needs a manager’s approval. Correct the sale with an approved discount.';
    default:
      return isOutcomeCode(code) ? OUTCOME_MESSAGES[code] : 'Review the command and correct the record.';
  }
}
