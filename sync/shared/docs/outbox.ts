/**
 * `outbox/<device>` — the device's commands (DOC-*, DESIGN.md public contracts). The device
 * appends envelopes to `commands` and never edits or removes one; the relay answers every
 * rejection in `outcomes` too (VAL-12), so a command whose store or time cannot be read still gets
 * its answer. Only that device's connections may open it.
 */
import type * as Y from 'yjs';
import { isPlainObject } from '../../../domain/parse.ts';
import { names } from '../doc-names.ts';
import type { Outcome } from './outcome.ts';

export const outboxDoc = {
  kind: 'outbox',
  name: names.outbox,
  writer: 'device',
  roots: { commands: 'commands', outcomes: 'outcomes' },
} as const;

/**
 * The fixed outbox envelope. The relay parses it with the domain's `parseCommand` (which yields
 * the typed `CommandOf<T>`); devices build it with `command-builder.ts`.
 */
export type CommandEnvelope = {
  id: string;
  type: string;
  store: string;
  device: string;
  user: string;
  at: string;
  payload: unknown;
  /** A manager's override: who, when, and their proof (sync/SPEC.md USER-4). */
  approval?: { by: string; at: string; sig: string };
  /** The writer's proof, made with their signing key on this device (USER-2). */
  signature?: string;
};

export const commands = (doc: Y.Doc): Y.Array<CommandEnvelope> =>
  doc.getArray<CommandEnvelope>(outboxDoc.roots.commands);
/** Rejections answered in the device's own outbox (VAL-12); accepted outcomes are in the ledger. */
export const outboxOutcomes = (doc: Y.Doc): Y.Map<Outcome> => doc.getMap<Outcome>(outboxDoc.roots.outcomes);

/** Appends a command to the device's outbox; commands are never edited or removed by the device. */
export const appendCommand = (outbox: Y.Doc, command: CommandEnvelope): void => {
  commands(outbox).push([command]);
};

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * An envelope read back from an outbox for display (the till's recent sales): its id and type must
 * be strings; the payload stays unknown until `domain/commands.ts` parses it.
 */
export function parseEnvelope(v: unknown): CommandEnvelope | undefined {
  if (!isPlainObject(v) || typeof v.id !== 'string' || typeof v.type !== 'string') return undefined;
  return {
    id: v.id,
    type: v.type,
    store: str(v.store),
    device: str(v.device),
    user: str(v.user),
    at: str(v.at),
    payload: v.payload,
    ...(isPlainObject(v.approval) && typeof v.approval.by === 'string'
      ? { approval: { by: v.approval.by, at: str(v.approval.at), sig: str(v.approval.sig) } }
      : {}),
    ...(typeof v.signature === 'string' ? { signature: v.signature } : {}),
  };
}
