/**
 * Appending commands to this device's outbox (`outbox/<device>`, `commands` Y.Array):
 * the envelope is the public contract; the relay's validator decides each one by id and
 * writes the outcome into the store's ledger. Works the same with or without a network.
 */
import type * as Y from 'yjs';
import type { CommandType } from '../../../domain/commands.ts';
import {
  type Actor,
  type CommandOptions,
  command,
  type Envelope,
  type PayloadInput,
} from '../../../sync/shared/command-builder.ts';
import type { Command, Outcome } from './records.ts';

export type { Actor, ApprovalGrant } from '../../../sync/shared/command-builder.ts';

export function pushCommand<C extends Command>(outbox: Y.Doc, entry: C): C {
  outbox.getArray('commands').push([entry]);
  return entry;
}

/** Builds the command (sync/shared/command-builder.ts: typed, signed, approved) and appends it. */
export const appendCommand = <T extends CommandType>(
  outbox: Y.Doc,
  actor: Actor,
  type: T,
  payload: PayloadInput<T>,
  options?: CommandOptions,
): Envelope<T> => pushCommand(outbox, command(actor, type, payload, options));

export type CommandState = 'pending' | 'accepted' | 'rejected';
export const stateOf = (id: string, outcomes: Record<string, Outcome>): CommandState =>
  outcomes[id]?.status ?? 'pending';

export const pendingCount = (commands: readonly Command[], outcomes: Record<string, Outcome>): number =>
  commands.filter((c) => !outcomes[c.id]).length;
