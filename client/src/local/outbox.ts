/**
 * Appending commands to this device's outbox (`outbox/<device>`, `commands` Y.Array):
 * the envelope is the public contract; the relay's validator decides each one by id and
 * writes the outcome into the store's ledger. Works the same with or without a network.
 */
import type * as Y from 'yjs';
import { newCommandId } from '../../../domain/ids.ts';
import { approveCommand, commandSignature } from '../../../sync/shared/command-proof.ts';
import type { Command, Outcome } from './records.ts';

export type Actor = {
  store: string;
  device: string;
  user: string;
  /** The user's signing key on this device: the command carries their proof (sync/SPEC.md USER-2). */
  signingKey?: string;
};

/** A manager's approval held for the command about to be made (see client/src/local/approvals.ts). */
export type ApprovalGrant = { userId: string; at: string; signingKey: string };

export function makeCommand(
  actor: Actor,
  type: string,
  payload: unknown,
  now = new Date(),
  approval?: ApprovalGrant,
): Command {
  const command: Command = {
    id: newCommandId(now.getTime()),
    type,
    store: actor.store,
    device: actor.device,
    user: actor.user,
    at: now.toISOString(),
    // Plain JSON only: the outbox is read by Node scripts and connectors too.
    payload: JSON.parse(JSON.stringify(payload)),
  };
  // Proofs cover the fields above, so they are added last and in any order.
  if (approval) command.approval = approveCommand(command, approval.userId, approval.signingKey, approval.at);
  if (actor.signingKey) command.signature = commandSignature(command, actor.signingKey);
  return command;
}

export function pushCommand(outbox: Y.Doc, command: Command): Command {
  outbox.getArray('commands').push([command]);
  return command;
}

export const appendCommand = (
  outbox: Y.Doc,
  actor: Actor,
  type: string,
  payload: unknown,
  now = new Date(),
  approval?: ApprovalGrant,
) => pushCommand(outbox, makeCommand(actor, type, payload, now, approval));

export type CommandState = 'pending' | 'accepted' | 'rejected';
export const stateOf = (id: string, outcomes: Record<string, Outcome>): CommandState =>
  outcomes[id]?.status ?? 'pending';

export const pendingCount = (commands: readonly Command[], outcomes: Record<string, Outcome>): number =>
  commands.filter((c) => !outcomes[c.id]).length;
