/**
 * Audit entries in SQL (AUDIT-4): each attribution the audit extension makes is also a row of
 * `audit_log`, linked into the tamper-evident chain in the same transaction (CHAIN-1). The
 * `audit/<store>` documents stay what devices read; this table is what the audit viewer and
 * `npm run audit:verify` read.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { AuditEntry } from '../shared/docs/audit.ts';
import { AUDIT_COLUMNS, AuditChain, type AuditRowBody } from './audit-chain.ts';
import { transaction } from './db.ts';

export type LoggedEntry = { entry: AuditEntry; stores: readonly string[] };

export class AuditLog {
  readonly #db: DatabaseSync;
  readonly #chain: AuditChain;
  readonly #insert: StatementSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#chain = new AuditChain(db);
    this.#insert = db.prepare(
      `INSERT OR IGNORE INTO audit_log (${AUDIT_COLUMNS.join(', ')}) VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')})`,
    );
  }

  /** Stores and links a batch in one transaction: one disk sync per burst of edits. */
  record(batch: readonly LoggedEntry[]): void {
    if (batch.length === 0) return;
    transaction(this.#db, () => {
      for (const { entry, stores } of batch) {
        const row: AuditRowBody = {
          id: entry.id,
          at: entry.at,
          user_id: entry.user,
          user_name: entry.userName,
          device: entry.device,
          document: entry.document,
          stores: JSON.stringify(stores),
          changes: JSON.stringify(entry.changes),
        };
        const inserted = this.#insert.run(...AUDIT_COLUMNS.map((c) => row[c]));
        if (Number(inserted.changes) === 1) this.#chain.append('audit', entry.id, entry.at, row);
      }
    });
  }
}
