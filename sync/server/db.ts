/**
 * The relay's one SQLite file (node:sqlite, built into Node 24 — no native addon built
 * against the wrong V8). Migrations are numbered, namespaced by owner (`sync-001`,
 * `validator-001`) and applied once each, in the order given, inside a transaction.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export type Migration = {
  /** Unique and stable forever, e.g. `sync-003-pieces`. */
  readonly id: string;
  readonly up: (db: DatabaseSync) => void;
};

export function openDatabase(path: string): DatabaseSync {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL');
  // Several writers (relay, validator, seed) share the file; wait rather than fail on a lock.
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('PRAGMA foreign_keys = ON');
  // FULL: every commit reaches the disk before it returns, so an outcome a till has seen survives
  // a power cut, not only a crash of the process (docs/decisions/0003). Group commit amortises it.
  db.exec('PRAGMA synchronous = FULL');
  return db;
}

/**
 * Applies the migrations not applied yet, each in its own transaction, in order. `log` hears of an
 * upgrade of a database that already had some (a new one is quiet): which steps, before they run,
 * and each that took a second or more — a step over years of history can take minutes.
 */
export function migrate(
  db: DatabaseSync,
  migrations: readonly Migration[],
  log?: (line: string) => void,
): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS migrations (
    id TEXT PRIMARY KEY, applied_at TEXT NOT NULL
  ) STRICT`);
  const seen = new Set<string>();
  for (const m of migrations) {
    if (seen.has(m.id)) throw new Error(`duplicate migration id ${m.id}`);
    seen.add(m.id);
  }
  const isApplied = db.prepare('SELECT 1 FROM migrations WHERE id = ?');
  const record = db.prepare('INSERT INTO migrations (id, applied_at) VALUES (?, ?)');
  const pending = migrations.filter((m) => !isApplied.get(m.id));
  const existing = Number((db.prepare('SELECT count(*) AS n FROM migrations').get() as { n: number }).n) > 0;
  const say = existing && pending.length > 0 ? log : undefined;
  say?.(`Upgrading the database: ${pending.map((m) => m.id).join(', ')}…`);
  const applied: string[] = [];
  for (const m of pending) {
    const started = performance.now();
    // Checked again inside the transaction: on a replica (decision 0026) BEGIN has caught up with
    // the chain, and another instance starting at the same time may have applied it meanwhile.
    const ran = transaction(db, () => {
      if (isApplied.get(m.id)) return false;
      m.up(db);
      record.run(m.id, new Date().toISOString());
      return true;
    });
    if (!ran) continue;
    applied.push(m.id);
    const ms = performance.now() - started;
    if (ms >= 1000) say?.(`  ${m.id}: ${(ms / 1000).toFixed(1)} s`);
  }
  say?.('Database upgraded.');
  return applied;
}

/** Runs `fn` in one immediate transaction (write lock taken up front, so no upgrade deadlock). */
export function transaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
}
