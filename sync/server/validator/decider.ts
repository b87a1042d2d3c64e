/**
 * The validator's core: decides each outbox command exactly once, by id, inside one SQL
 * transaction that also records the outcome and advances the device's outbox position
 * (VAL-1, VAL-2). No Hocuspocus here: the extension feeds it, benchmarks drive it directly.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { type Command, parseCommand } from '../../../domain/commands.ts';
import { decide } from '../../../domain/decide.ts';
import type { DomainEvent } from '../../../domain/decision-types.ts';
import { verifyApproval, verifyCommandSignature } from '../../shared/command-proof.ts';
import type { OutcomeCode } from '../../shared/outcome-codes.ts';
import { AuditChain, COMMAND_COLUMNS } from '../audit-chain.ts';
import { DeviceKeys } from '../device-keys.ts';
import { Rollups } from '../reports/rollups.ts';
import { EventWriter, isConstraintError, StaleStateError } from './apply-events.ts';
import { flushProjections } from './projection-queue.ts';
import { SqlDecisionState } from './sql-state.ts';
import { CommandWriters } from './writers.ts';

export type { OutcomeCode, RelayRejectionCode } from '../../shared/outcome-codes.ts';
export type Context = Readonly<Record<string, string | number | boolean | null>>;

export type Decision = {
  readonly seq: number;
  readonly id: string;
  readonly device: string;
  readonly store: string | null;
  readonly user: string | null;
  readonly type: string | null;
  readonly at: string | null;
  readonly status: 'accepted' | 'rejected';
  readonly code?: OutcomeCode;
  readonly reason?: string;
  readonly context?: Context;
  readonly events: readonly DomainEvent[];
  readonly decidedAt: string;
};

type Verdict =
  | { status: 'accepted'; events: DomainEvent[] }
  | { status: 'rejected'; code: OutcomeCode; reason: string; context: Context };

const ORG_EVENTS: ReadonlySet<DomainEvent['type']> = new Set([
  'store.opened',
  'store.updated',
  'staff.added',
  'staff.updated',
  'staff.deactivated',
  'staff.reactivated',
  'capabilities.set',
]);

const isConstraint = (e: unknown): boolean => e instanceof StaleStateError || isConstraintError(e);

export type DeciderOptions = {
  now?: () => Date;
  /**
   * Who wrote a command: `connection` (default) takes the person the relay saw append it
   * (USER-1); `envelope` trusts the envelope's `user`, for commands the relay itself made from
   * trusted input (the demo history, benchmarks), never for a device's outbox.
   */
  attribution?: 'connection' | 'envelope';
  /** Keep the report rollups in each decision's transaction (ROLLUP-2); default: on unless LOUPE_ROLLUPS=off. */
  rollups?: boolean;
};

export class CommandDecider {
  readonly #db: DatabaseSync;
  readonly #writers: CommandWriters;
  readonly #keys: DeviceKeys;
  readonly #trustEnvelope: boolean;
  readonly #state: SqlDecisionState;
  readonly #writer: EventWriter;
  /** The report rollups, written in the same savepoint as the decision's events. */
  readonly rollups: Rollups;
  readonly #chain: AuditChain;
  readonly #now: () => Date;
  readonly #s: Record<'decided' | 'position' | 'setPosition' | 'record' | 'holder', StatementSync>;

  constructor(db: DatabaseSync, options: DeciderOptions = {}) {
    this.#db = db;
    this.#writers = new CommandWriters(db);
    this.#keys = new DeviceKeys(db);
    this.#trustEnvelope = options.attribution === 'envelope';
    this.#state = new SqlDecisionState(db);
    this.#writer = new EventWriter(db);
    this.rollups = new Rollups(db, options.rollups === undefined ? {} : { enabled: options.rollups });
    this.#chain = new AuditChain(db);
    this.#now = options.now ?? (() => new Date());
    this.#s = {
      decided: db.prepare('SELECT 1 FROM commands WHERE id = ?'),
      position: db.prepare('SELECT position FROM outbox_positions WHERE device = ?'),
      setPosition: db.prepare(
        `INSERT INTO outbox_positions (device, position) VALUES (?, ?)
         ON CONFLICT (device) DO UPDATE SET position = max(position, excluded.position)`,
      ),
      record: db.prepare(
        `INSERT INTO commands (${COMMAND_COLUMNS.join(', ')}) VALUES (${COMMAND_COLUMNS.map(() => '?').join(', ')})`,
      ),
      holder: db.prepare(
        `SELECT s.id AS sale_id, s.command_id, s.user_id, s.at FROM sale_lines l JOIN sales s ON s.id = l.sale_id
         WHERE l.serial = ? AND l.live = 1`,
      ),
    };
  }

  /** How many of this device's outbox entries have been decided. */
  position(device: string): number {
    const row = this.#s.position.get(device) as { position: number } | undefined;
    return row ? Number(row.position) : 0;
  }

  /**
   * Decides `commands[position…]` of one device's outbox. Each command is durable on its own
   * (its own transaction), or, with `groupCommit`, all in one transaction with a savepoint each
   * (replays and bulk imports: one fsync for the batch, a bad command still only undoes itself).
   */
  decideOutbox(
    device: string,
    commands: readonly unknown[],
    options: { groupCommit?: boolean } = {},
  ): Decision[] {
    const decisions: Decision[] = [];
    const start = this.position(device);
    if (start >= commands.length) return decisions;
    // Client ids noted from books a moment ago (PERF-1) are in the directory before a merge reads it.
    flushProjections(this.#db);
    this.#state.reset();
    this.rollups.resetCache();
    const one = (i: number) => {
      const d = this.#decideAt(device, commands[i], i);
      if (d) decisions.push(d);
    };
    if (options.groupCommit) {
      // The batch's rollup sums are written once, before its commit (PERF-2).
      this.rollups.beginBatch();
      try {
        this.#transaction(() => {
          for (let i = start; i < commands.length; i++) this.#savepoint(() => one(i));
          this.rollups.flushBatch();
          this.#s.setPosition.run(device, commands.length);
        });
      } finally {
        this.rollups.abandonBatch();
      }
    } else {
      for (let i = start; i < commands.length; i++)
        this.#transaction(() => {
          one(i);
          this.#s.setPosition.run(device, i + 1);
        });
    }
    return decisions;
  }

  #decideAt(device: string, raw: unknown, index: number): Decision | undefined {
    const rawId = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
    // An entry without a usable id still gets exactly one outcome, keyed by its place.
    const id = typeof rawId === 'string' && rawId.length <= 64 ? rawId : `invalid:${device}:${index}`;
    if (this.#s.decided.get(id)) return undefined; // VAL-1: decided once, by id
    const parsed = parseCommand(raw);
    const verdict: Verdict = parsed.ok
      ? this.#judge(device, parsed.value)
      : parsed.error.code === 'amount-out-of-range'
        ? {
            status: 'rejected',
            code: 'amount-out-of-range',
            reason: `An amount is out of range (${parsed.error.path}: ${parsed.error.message}); it was not applied. Check the amount entered.`,
            context: { path: parsed.error.path },
          }
        : {
            status: 'rejected',
            code: 'invalid-command',
            reason: `The command could not be read (${parsed.error.path}: ${parsed.error.message}); it was not applied.`,
            context: { path: parsed.error.path },
          };
    const envelope = parsed.ok ? parsed.value : undefined;
    const decidedAt = this.#now().toISOString();
    const events = verdict.status === 'accepted' ? verdict.events : [];
    // The row exactly as stored: the chain's link covers these values (CHAIN-1).
    const row = {
      id,
      device,
      user_id: envelope?.user ?? null,
      store: envelope?.store ?? null,
      type: envelope?.type ?? null,
      at: envelope?.at ?? null,
      envelope: safeJson(raw),
      status: verdict.status,
      code: verdict.status === 'rejected' ? verdict.code : null,
      reason: verdict.status === 'rejected' ? verdict.reason : null,
      context: verdict.status === 'rejected' ? JSON.stringify(verdict.context) : null,
      events: JSON.stringify(events),
      decided_at: decidedAt,
    };
    const inserted = this.#s.record.run(...COMMAND_COLUMNS.map((c) => row[c]));
    this.#chain.append('command', id, decidedAt, row);
    return {
      seq: Number(inserted.lastInsertRowid),
      id,
      device,
      store: envelope?.store ?? null,
      user: envelope?.user ?? null,
      type: envelope?.type ?? null,
      at: envelope?.at ?? null,
      status: verdict.status,
      ...(verdict.status === 'rejected'
        ? { code: verdict.code, reason: verdict.reason, context: verdict.context }
        : {}),
      events,
      decidedAt,
    };
  }

  /** decide, then apply inside a savepoint: storage constraints have the last word (VAL-3). */
  #judge(device: string, command: Command): Verdict {
    const envelopeProblem = this.#checkEnvelope(device, command);
    if (envelopeProblem) return envelopeProblem;
    try {
      const result = decide(this.#state, command);
      if (!result.ok) {
        const { code, message, context } = result.error;
        return {
          status: 'rejected',
          code,
          reason: message,
          context: { ...context, ...this.#competitor(code, command) },
        };
      }
      const origin = { commandId: command.id, userId: command.user, at: command.at };
      this.#savepoint(() =>
        this.rollups.around(result.value, origin, () => this.#writer.apply(result.value, origin)),
      );
      // Staff and stores are cached for a batch: a change to them is read fresh by the next command.
      if (result.value.some((e) => ORG_EVENTS.has(e.type))) {
        this.#state.reset();
        this.rollups.resetCache();
      }
      return { status: 'accepted', events: result.value };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (isConstraint(e)) {
        const sold = e instanceof StaleStateError && e.soldTwice;
        return {
          status: 'rejected',
          code: sold ? 'serial-already-sold' : 'storage-refused',
          reason: sold
            ? 'This piece was already sold by another sale; the sale was not recorded.'
            : "The store's records refused this change; it was not applied. Ask a manager to check the piece or order.",
          context: { detail: message, ...(sold ? this.#competitor('serial-already-sold', command) : {}) },
        };
      }
      console.error(`validator: error while deciding ${command.id}`, e);
      return {
        status: 'rejected',
        code: 'relay-error',
        reason: 'The relay could not decide this command because of an internal error; it was not applied.',
        context: { detail: message },
      };
    }
  }

  #checkEnvelope(device: string, command: Command): Verdict | undefined {
    if (command.device !== device)
      return {
        status: 'rejected',
        code: 'device-mismatch',
        reason: `This command names device ${command.device} but arrived from ${device}'s outbox; it was not applied.`,
        context: { claimed: command.device, outbox: device },
      };
    // Who works where (user-not-at-store) is the domain's rule (STAFF-1), decided with the rest.
    return this.#checkAuthor(device, command) ?? this.#checkApproval(device, command);
  }

  /** USER-1, USER-2: the named user wrote it (their connection), or proved it with their key. */
  #checkAuthor(device: string, command: Command): Verdict | undefined {
    if (this.#trustEnvelope) return undefined;
    const writer = this.#writers.writerOf(command.id, device);
    if (writer === command.user) return undefined;
    const key = this.#keys.find(command.user, device);
    if (command.signature && key && verifyCommandSignature(command, command.signature, key)) return undefined;
    return {
      status: 'rejected',
      code: 'user-mismatch',
      reason: writer
        ? 'This command names someone other than the person signed in on this till, without their proof; it was not applied. Sign in as that person (or switch user) and redo it.'
        : 'The relay could not confirm who made this command; it was not applied. Sign in again and redo it.',
      context: { claimed: command.user, writer: writer ?? null, signed: command.signature !== undefined },
    };
  }

  /** USER-4: an approval's proof was made with the approver's key on this device. */
  #checkApproval(device: string, command: Command): Verdict | undefined {
    const approval = command.approval;
    if (!approval) return undefined;
    const key = this.#keys.find(approval.by, device);
    if (key && verifyApproval(command, approval, key)) return undefined;
    return {
      status: 'rejected',
      code: 'approval-invalid',
      reason:
        'The manager approval on this command could not be verified; it was not applied. Ask the manager to approve again with their PIN.',
      context: { approvedBy: approval.by, keyKnown: key !== undefined },
    };
  }

  /** For a sold serial, the sale that holds it: the manager's conflicts inbox shows both. */
  #competitor(code: OutcomeCode, command: Command): Context {
    if (code !== 'serial-already-sold' || command.type !== 'sale.complete') return {};
    for (const line of command.payload.lines) {
      const h = this.#s.holder.get(line.serial) as Record<string, string> | undefined;
      if (h)
        return {
          competingSaleId: h.sale_id ?? null,
          competingCommandId: h.command_id ?? null,
          competingUser: h.user_id ?? null,
          competingAt: h.at ?? null,
        };
    }
    return {};
  }

  #transaction(fn: () => void): void {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      fn();
      this.#db.exec('COMMIT');
    } catch (e) {
      this.#db.exec('ROLLBACK');
      throw e;
    }
  }

  #savepoint(fn: () => void): void {
    this.#db.exec('SAVEPOINT decide');
    try {
      fn();
      this.#db.exec('RELEASE decide');
    } catch (e) {
      this.#db.exec('ROLLBACK TO decide');
      this.#db.exec('RELEASE decide');
      throw e;
    }
  }
}

function safeJson(raw: unknown): string {
  try {
    return JSON.stringify(raw)?.slice(0, 65_536) ?? 'null';
  } catch {
    return '"<unserialisable>"';
  }
}
