/**
 * The one way a writer makes a command (a till, the demo history, a benchmark, a script, an e2e
 * helper): `command(actor, 'sale.complete', payload, {now, approval})`. The payload is typed by
 * the command's type (domain `Payloads[T]`, with plain strings where the domain brands an id),
 * and the envelope comes back signed with the writer's key and, when a manager approved it, with
 * the manager's proof (sync/SPEC.md USER-2, USER-4). Browser and Node alike: no node:* here.
 *
 * The builder does not parse: the relay does (`parseCommand`), and a test that needs a malformed
 * envelope builds one by hand.
 */
import type { CommandType, Payloads } from '../../domain/commands.ts';
import type { Brand } from '../../domain/ids.ts';
import { uuidv7 } from '../../domain/ids.ts';
import { type ApprovalProof, approveCommand, commandSignature } from './command-proof.ts';

/** Who writes: the store, the device and the person; with their signing key when they have one. */
export type Actor = {
  readonly store: string;
  readonly device: string;
  readonly user: string;
  /** The user's signing key on this device: the command carries their proof (USER-2). */
  readonly signingKey?: string;
};

/** A manager's approval held for the command about to be made (client/src/local/approvals.ts). */
export type ApprovalGrant = { readonly userId: string; readonly at: string; readonly signingKey: string };

/**
 * A domain type as a writer may spell it: every branded id (`SaleId`, `SerialNumber`,
 * `Currency`…) may be a plain string; literal unions (`'card' | 'cash'`) and shapes stay checked.
 */
export type Loose<T> =
  T extends Brand<string, string>
    ? string
    : T extends string | number | boolean | null | undefined
      ? T
      : T extends readonly (infer E)[]
        ? readonly Loose<E>[]
        : { readonly [K in keyof T]: Loose<T[K]> };

/** What a writer passes as the payload of a command of type `T`. */
export type PayloadInput<T extends CommandType> = Loose<Payloads[T]>;

/** The envelope of a command of type `T`: domain `CommandOf<T>`'s shape, before the relay parses it. */
export type Envelope<T extends CommandType = CommandType> = {
  readonly id: string;
  readonly type: T;
  readonly store: string;
  readonly device: string;
  readonly user: string;
  /** ISO-8601 UTC instant the user acted, on the device's clock. */
  readonly at: string;
  readonly payload: PayloadInput<T>;
  readonly approval?: ApprovalProof;
  readonly signature?: string;
};
/** Any command envelope, discriminated by `type`. */
export type AnyEnvelope = { [T in CommandType]: Envelope<T> }[CommandType];

export type CommandOptions = {
  /** When the user acted (default: now). */
  readonly now?: Date;
  /** A manager's approval: the envelope carries their proof over exactly this command. */
  readonly approval?: ApprovalGrant | undefined;
  /** The command id (default: a fresh UUIDv7 at `now`); replays and seeded histories pass their own. */
  readonly id?: string;
};

/** Builds, approves and signs one command envelope. */
export function command<T extends CommandType>(
  actor: Actor,
  type: T,
  payload: PayloadInput<T>,
  options: CommandOptions = {},
): Envelope<T> {
  const now = options.now ?? new Date();
  const base = {
    id: options.id ?? uuidv7(now.getTime()),
    type,
    store: actor.store,
    device: actor.device,
    user: actor.user,
    at: now.toISOString(),
    // Plain JSON only (no undefined, no class instances): the proofs are computed over the
    // canonical JSON the relay will see, and the outbox is read by Node scripts and connectors.
    payload: JSON.parse(JSON.stringify(payload)) as PayloadInput<T>,
  };
  // Proofs cover the fields above, so they are added last and in any order.
  const approval = options.approval
    ? approveCommand(base, options.approval.userId, options.approval.signingKey, options.approval.at)
    : undefined;
  const signature = actor.signingKey ? commandSignature(base, actor.signingKey) : undefined;
  return {
    ...base,
    ...(approval ? { approval } : {}),
    ...(signature !== undefined ? { signature } : {}),
  };
}
