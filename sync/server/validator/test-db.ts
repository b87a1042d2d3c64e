/**
 * A relay database for validator tests and benchmarks: the relay's and the validator's
 * migrations on a real SQLite file (or on a database opened by the caller: `fillTestDatabase`), with
 * the stores, staff and pieces of domain/test-support.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { OTHER_STORE, STORE, serial, USERS, YEN_STORE } from '../../../domain/test-support.ts';
import { migrate, openDatabase } from '../db.ts';
import { syncMigrations } from '../migrations.ts';
import { validatorMigrations } from './schema.ts';

export function openTestDatabase(pieces = 5, path?: string): DatabaseSync {
  return fillTestDatabase(
    openDatabase(path ?? join(mkdtempSync(join(tmpdir(), 'loupe-validator-')), 'loupe.db')),
    pieces,
  );
}

/** The same test database on a database already open (e.g. a PostgreSQL replica, REPL-*). */
export function fillTestDatabase<D extends DatabaseSync>(db: D, pieces = 5): D {
  migrate(db, [...syncMigrations, ...validatorMigrations]);
  const store = db.prepare(
    'INSERT INTO stores (id, name, currency, time_zone, tax_rate_bp) VALUES (?, ?, ?, ?, ?)',
  );
  // No tax unless a test sets the store's rule (store-tax.test.ts, rule-state.test.ts): the relay
  // checks every sale's tax against it (domain SALE-7a), and test-support's sales carry none.
  store.run(STORE, 'Paris', 'EUR', 'Europe/Paris', 0);
  store.run(OTHER_STORE, 'Lyon', 'EUR', 'Europe/Paris', 0);
  store.run(YEN_STORE, 'Tokyo', 'JPY', 'Asia/Tokyo', 0);
  const user = db.prepare(
    "INSERT INTO users (id, name, login, role, stores, password_hash) VALUES (?, ?, ?, ?, ?, 'x')",
  );
  for (const [role, id] of Object.entries(USERS)) user.run(id, role, role, role, JSON.stringify([STORE]));
  addPieces(db, 1, pieces);
  return db;
}

export function addPieces(db: DatabaseSync, from: number, count: number): void {
  const piece = db.prepare(
    `INSERT INTO pieces (serial, store, status, list_price_minor, currency, record)
     VALUES (?, ?, 'in-stock', 100000, 'EUR', '{}')`,
  );
  db.exec('BEGIN');
  for (let i = from; i < from + count; i++) piece.run(serial(i), STORE);
  db.exec('COMMIT');
}
