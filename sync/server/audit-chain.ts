/**
 * The tamper-evident audit chain (CHAIN-*): every decided command and every audit entry gets one
 * link, `hash = SHA-256(prev hash ‖ "\n" ‖ canonical JSON of the entry)`, in the order they were
 * recorded. The body is always re-read from the row it names (`commands`, `audit_log`), so an edit
 * of that row, a deleted row or link, a link moved to another place, or a row slipped in without a
 * link is found by `verify()`, which names the first entry that does not hold. An owner compares
 * the head with the hash printed on an earlier end-of-day report to see that nothing before it was
 * rewritten wholesale (docs/decisions/0018).
 */
import { hash as sha } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { canonicalJson } from '../../domain/canonical-json.ts';
import type { Migration } from './db.ts';

export const GENESIS = '0'.repeat(64);

export type ChainKind = 'command' | 'audit';

/** The columns of `commands` a link covers: all but the later resolution of a conflict (VAL-11). */
export const COMMAND_COLUMNS = [
  'id',
  'device',
  'user_id',
  'store',
  'type',
  'at',
  'envelope',
  'status',
  'code',
  'reason',
  'context',
  'events',
  'decided_at',
] as const;
export type CommandRowBody = Record<(typeof COMMAND_COLUMNS)[number], string | null>;

export const AUDIT_COLUMNS = [
  'id',
  'at',
  'user_id',
  'user_name',
  'device',
  'document',
  'stores',
  'changes',
] as const;
export type AuditRowBody = Record<(typeof AUDIT_COLUMNS)[number], string | null>;

export const auditChainMigrations: readonly Migration[] = [
  {
    id: 'sync-008-audit-chain',
    up: (db) =>
      db.exec(`
      -- Document edits as the audit extension records them (AUDIT-1), kept in SQL for the chain and
      -- the audit viewer; the audit/<store> documents stay the devices' copy.
      CREATE TABLE audit_log (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        user_id TEXT,
        user_name TEXT,
        device TEXT,
        document TEXT NOT NULL,
        stores TEXT NOT NULL,
        changes TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE TABLE audit_chain (
        seq INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('command','audit')),
        ref TEXT NOT NULL,
        at TEXT NOT NULL,
        prev TEXT NOT NULL,
        hash TEXT NOT NULL,
        UNIQUE (kind, ref)
      ) STRICT;
      CREATE INDEX audit_chain_at ON audit_chain (at);
    `),
  },
];

export function linkHash(prev: string, body: unknown): string {
  // One-shot digest: the same SHA-256 as a Hash object fed in three parts, without the object.
  return sha('sha256', `${prev}\n${canonicalJson(body)}`, 'hex');
}

export type ChainProblem = {
  /** The link's place in the chain (for `unchained`, the row's own order among its kind). */
  readonly seq: number | null;
  readonly kind: ChainKind;
  /** The command id or audit entry id. */
  readonly ref: string;
  readonly problem: 'edited' | 'deleted' | 'reordered' | 'unchained';
  readonly message: string;
};

export type ChainVerdict = {
  readonly ok: boolean;
  /** Links checked. */
  readonly checked: number;
  readonly head: { seq: number; hash: string; at: string } | null;
  /** The first entry that does not hold, in chain order; null when the chain holds. */
  readonly first: ChainProblem | null;
};

type LinkRow = { seq: number; kind: ChainKind; ref: string; at: string; prev: string; hash: string };

/** Appends and verifies links. Call `append` inside the transaction that writes the row it covers. */
export class AuditChain {
  readonly #db: DatabaseSync;
  readonly #s: Record<'head' | 'insert' | 'headBefore' | 'audit', StatementSync>;
  /** Prepared on first use: a relay without the validator has no `commands` table. */
  #command: StatementSync | undefined;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#s = {
      head: db.prepare('SELECT seq, hash, at FROM audit_chain ORDER BY seq DESC LIMIT 1'),
      headBefore: db.prepare('SELECT seq, hash, at FROM audit_chain WHERE at < ? ORDER BY seq DESC LIMIT 1'),
      insert: db.prepare('INSERT INTO audit_chain (kind, ref, at, prev, hash) VALUES (?, ?, ?, ?, ?)'),
      audit: db.prepare(`SELECT ${AUDIT_COLUMNS.join(', ')} FROM audit_log WHERE id = ?`),
    };
  }

  /**
   * Links `body` (the row as stored) after the current head and returns its hash. The head is
   * read in the caller's transaction, so two writers on one database never fork the chain.
   */
  append(kind: ChainKind, ref: string, at: string, body: CommandRowBody | AuditRowBody): string {
    const head = this.#s.head.get() as { hash: string } | undefined;
    const prev = head?.hash ?? GENESIS;
    const hash = linkHash(prev, body);
    this.#s.insert.run(kind, ref, at, prev, hash);
    return hash;
  }

  /** The last link, or null on an empty chain. */
  head(): { seq: number; hash: string; at: string } | null {
    const row = this.#s.head.get() as { seq: number; hash: string; at: string } | undefined;
    return row ? { seq: Number(row.seq), hash: row.hash, at: row.at } : null;
  }

  /** The last link recorded before `instant` (ISO), e.g. a day's last hash for its report. */
  headBefore(instant: string): { seq: number; hash: string; at: string } | null {
    const row = this.#s.headBefore.get(instant) as { seq: number; hash: string; at: string } | undefined;
    return row ? { seq: Number(row.seq), hash: row.hash, at: row.at } : null;
  }

  /**
   * Links every command and audit entry that has none yet, in the order they were recorded
   * (a database from before the chain, CHAIN-5). Returns how many were linked.
   */
  catchUp(): number {
    const hasCommands = this.#db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'commands'")
      .get();
    const commands = !hasCommands
      ? []
      : (this.#db
          .prepare(
            `SELECT ${COMMAND_COLUMNS.join(', ')} FROM commands c
         WHERE NOT EXISTS (SELECT 1 FROM audit_chain l WHERE l.kind = 'command' AND l.ref = c.id) ORDER BY seq`,
          )
          .all() as CommandRowBody[]);
    const audits = this.#db
      .prepare(
        `SELECT ${AUDIT_COLUMNS.join(', ')} FROM audit_log a
         WHERE NOT EXISTS (SELECT 1 FROM audit_chain l WHERE l.kind = 'audit' AND l.ref = a.id) ORDER BY at, id`,
      )
      .all() as AuditRowBody[];
    if (commands.length + audits.length === 0) return 0;
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (const c of commands) this.append('command', c.id as string, c.decided_at as string, plain(c));
      for (const a of audits) this.append('audit', a.id as string, a.at as string, plain(a));
      this.#db.exec('COMMIT');
    } catch (e) {
      this.#db.exec('ROLLBACK');
      throw e;
    }
    return commands.length + audits.length;
  }

  #commandRow(): StatementSync {
    this.#command ??= this.#db.prepare(`SELECT ${COMMAND_COLUMNS.join(', ')} FROM commands WHERE id = ?`);
    return this.#command;
  }

  /** Walks the chain from its start (CHAIN-2, CHAIN-3): the first link that does not hold, if any. */
  verify(): ChainVerdict {
    const links = this.#db.prepare('SELECT seq, kind, ref, at, prev, hash FROM audit_chain ORDER BY seq');
    const hashes = new Set<string>();
    let expectedPrev = GENESIS;
    let checked = 0;
    let last: LinkRow | undefined;
    for (const raw of links.iterate()) {
      const link = raw as LinkRow;
      const seq = Number(link.seq);
      const at = (problem: ChainProblem['problem'], message: string): ChainVerdict => ({
        ok: false,
        checked,
        head: this.head(),
        first: { seq, kind: link.kind, ref: link.ref, problem, message },
      });
      if (link.prev !== expectedPrev) {
        // A link whose predecessor is elsewhere in the chain was moved; otherwise one is missing.
        const elsewhere =
          hashes.has(link.prev) ||
          this.#db.prepare('SELECT 1 FROM audit_chain WHERE hash = ?').get(link.prev);
        return elsewhere
          ? at('reordered', `link ${seq} (${link.kind} ${link.ref}) is out of its place in the chain`)
          : at(
              'deleted',
              `the entry recorded just before link ${seq} (${link.kind} ${link.ref}) was removed`,
            );
      }
      const row = (link.kind === 'command' ? this.#commandRow() : this.#s.audit).get(link.ref) as
        | Record<string, string | null>
        | undefined;
      if (!row) return at('deleted', `${link.kind} ${link.ref} (link ${seq}) is no longer in the database`);
      if (linkHash(link.prev, plain(row)) !== link.hash)
        return at('edited', `${link.kind} ${link.ref} (link ${seq}) was changed after it was recorded`);
      hashes.add(link.hash);
      expectedPrev = link.hash;
      checked++;
      last = link;
    }
    const unchained = (kind: ChainKind, sql: string): ChainProblem | null => {
      const row = this.#db.prepare(sql).get() as { ref: string; n: number } | undefined;
      return row
        ? {
            seq: null,
            kind,
            ref: row.ref,
            problem: 'unchained',
            message: `${kind} ${row.ref} is in the database but not in the chain (added or unlinked afterwards)`,
          }
        : null;
    };
    const hasCommands = this.#db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'commands'")
      .get();
    const stray =
      (hasCommands
        ? unchained(
            'command',
            `SELECT id AS ref FROM commands c WHERE NOT EXISTS
           (SELECT 1 FROM audit_chain l WHERE l.kind = 'command' AND l.ref = c.id) ORDER BY seq LIMIT 1`,
          )
        : null) ??
      unchained(
        'audit',
        `SELECT id AS ref FROM audit_log a WHERE NOT EXISTS
           (SELECT 1 FROM audit_chain l WHERE l.kind = 'audit' AND l.ref = a.id) ORDER BY at LIMIT 1`,
      );
    const head = last ? { seq: Number(last.seq), hash: last.hash, at: last.at } : null;
    return stray ? { ok: false, checked, head, first: stray } : { ok: true, checked, head, first: null };
  }
}

/** A row as a plain object of its columns (node:sqlite rows have a null prototype). */
function plain<T extends Record<string, unknown>>(row: T): T {
  return { ...row };
}
