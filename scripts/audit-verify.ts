/**
 * `npm run audit:verify`: checks the tamper-evident audit chain (sync/SPEC.md CHAIN-*) of the
 * database `npm start` uses — the SQLite file LOUPE_DB (default ./data/loupe.db), which holds the
 * commands and audit entries also when DATABASE_URL puts the Yjs documents in PostgreSQL. Prints
 * the head (compare it with an end-of-day report) or the first entry that was edited, deleted,
 * moved or slipped in, and exits 1 then. Read-only.
 */
import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { AuditChain } from '../sync/server/audit-chain.ts';

const dbPath = process.env.LOUPE_DB ?? './data/loupe.db';
if (!existsSync(dbPath)) {
  console.error(`No database at ${dbPath} (set LOUPE_DB, or run npm start once).`);
  process.exit(2);
}
const db = new DatabaseSync(dbPath, { readOnly: true });
if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_chain'").get()) {
  console.error(`${dbPath} has no audit chain yet: start the relay on it once (npm start) to create it.`);
  process.exit(2);
}
if (process.env.DATABASE_URL)
  console.log(
    'Documents are in PostgreSQL; commands and audit entries, checked here, are in the SQLite file.',
  );
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
