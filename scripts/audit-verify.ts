/**
 * `npm run audit:verify`: checks the tamper-evident audit chain (sync/SPEC.md CHAIN-*) of the
 * database `npm start` uses. With DATABASE_URL that is the relay's log in PostgreSQL (REPL-*): it is
 * read and replayed into a database in memory (a deleted entry or one that no longer applies is
 * named), then the chain is checked there. Without it, the SQLite file LOUPE_DB (default
 * ./data/loupe.db). Prints the head (compare it with an end-of-day report) or the first entry that
 * was edited, deleted, moved or slipped in, and exits 1 then. Read-only.
 */
import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { AuditChain } from '../sync/server/audit-chain.ts';
import { ReplicationError, readLog, replayLog } from '../sync/server/replicated-db.ts';

async function open(): Promise<DatabaseSync> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const log = await readLog(url);
    if (log.length === 0) {
      console.error('The PostgreSQL log (DATABASE_URL) is empty: start the relay on it once (npm start).');
      process.exit(2);
    }
    const db = new DatabaseSync(':memory:');
    try {
      replayLog(db, log, 0);
    } catch (e) {
      if (!(e instanceof ReplicationError)) throw e;
      console.error('Audit chain BROKEN: the PostgreSQL log itself was altered.');
      console.error(`First problem (log): ${e.message}`);
      process.exit(1);
    }
    console.log(`PostgreSQL log (DATABASE_URL): ${log.length} entries replayed.`);
    return db;
  }
  const dbPath = process.env.LOUPE_DB ?? './data/loupe.db';
  if (!existsSync(dbPath)) {
    console.error(`No database at ${dbPath} (set LOUPE_DB or DATABASE_URL, or run npm start once).`);
    process.exit(2);
  }
  return new DatabaseSync(dbPath, { readOnly: true });
}

const db = await open();
if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_chain'").get()) {
  console.error('This database has no audit chain yet: start the relay on it once (npm start) to create it.');
  process.exit(2);
}
const verdict = new AuditChain(db).verify();
if (verdict.ok) {
  const head = verdict.head;
  console.log(
    `Audit chain holds: ${verdict.checked} entries checked.` +
      (head ? `\nHead: link ${head.seq} at ${head.at}\n      ${head.hash}` : ' The chain is empty.'),
  );
} else {
  const f = verdict.first;
  console.error(`Audit chain BROKEN after ${verdict.checked} good entries.`);
  if (f) console.error(`First problem (${f.problem}): ${f.message}`);
  process.exit(1);
}
