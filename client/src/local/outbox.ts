/**
 * Appending commands to this device's outbox (`outbox/<device>`, `commands` Y.Array):
 * the envelope is the public contract; the relay's validator decides each one by id and
 * writes the outcome into the store's ledger. Works the same with or without a network.
 */
import type * as Y from 'yjs';
import { newCommandId } from '../../../domain/ids.ts';
import type { Command, Outcome } from './records.ts';

export type Actor = { store: string; device: string; user: string };

export function makeCommand(actor: Actor, type: string, payload: unknown, now = new Date()): Command {
  return {
    id: newCommandId(now.getTime()),
    type,
    store: actor.store,
    device: actor.device,
    user: actor.user,
    at: now.toISOString(),
    // Plain JSON only: the outbox is read by Node scripts and connectors too.
    payload: JSON.parse(JSON.stringify(payload)),
  };
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
) => pushCommand(outbox, makeCommand(actor, type, payload, now));

export type CommandState = 'pending' | 'accepted' | 'rejected';
export const stateOf = (id: string, outcomes: Record<string, Outcome>): CommandState =>
  outcomes[id]?.status ?? 'pending';

export const pendingCount = (commands: readonly Command[], outcomes: Record<string, Outcome>): number =>
  commands.filter((c) => !outcomes[c.id]).length;
