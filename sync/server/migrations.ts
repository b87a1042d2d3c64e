/** The relay's own tables (STORE-*). Other parts append theirs via `createRelay({ migrations })`. */
import { auditChainMigrations } from './audit-chain.ts';
import type { Migration } from './db.ts';

export const syncMigrations: readonly Migration[] = [
  {
    id: 'sync-001-org',
    up: (db) =>
      db.exec(`
      CREATE TABLE stores (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        currency TEXT NOT NULL CHECK (length(currency) = 3),
        time_zone TEXT NOT NULL,
        tax_rate_bp INTEGER NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000)
      ) STRICT;
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        login TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role TEXT NOT NULL CHECK (role IN ('associate','designer','manager','owner')),
        stores TEXT NOT NULL, -- JSON array of store ids
        password_hash TEXT NOT NULL,
        pin_hash TEXT,
        disabled INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        first_user TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;
      CREATE TABLE refresh_tokens (
        hash TEXT PRIMARY KEY, -- sha256 of the token: a leaked table grants nothing
        user_id TEXT NOT NULL REFERENCES users(id),
        device_id TEXT NOT NULL REFERENCES devices(id),
        expires_at TEXT NOT NULL,
        revoked_at TEXT,
        replaced_by TEXT
      ) STRICT;
      CREATE TABLE signing_keys (
        kid TEXT PRIMARY KEY,
        private_jwk TEXT NOT NULL,
        public_jwk TEXT NOT NULL,
        created_at TEXT NOT NULL,
        retired_at TEXT
      ) STRICT;
    `),
  },
  {
    id: 'sync-002-documents',
    up: (db) =>
      db.exec(`
      CREATE TABLE documents (
        name TEXT PRIMARY KEY,
        state BLOB NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `),
  },
  {
    id: 'sync-003-pieces',
    up: (db) =>
      db.exec(`
      CREATE TABLE pieces (
        serial TEXT PRIMARY KEY,
        store TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('in-stock','reserved','on-memo','sold','in-repair','in-transit','returned')),
        reserved_for TEXT,
        list_price_minor INTEGER NOT NULL,
        currency TEXT NOT NULL,
        record TEXT NOT NULL
      ) STRICT;
      -- By store only: a status in the index would be rewritten on every sale (half the validator's
      -- write cost, measured in bench/); per-store scans of a few thousand rows are cheap.
      CREATE INDEX pieces_store ON pieces (store);
    `),
  },
  {
    // Per person and device: the secret behind command signatures and approvals (USER-*).
    id: 'sync-004-device-keys',
    up: (db) =>
      db.exec(`
      CREATE TABLE device_keys (
        user_id TEXT NOT NULL,
        device_id TEXT NOT NULL,
        secret TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT,
        PRIMARY KEY (user_id, device_id)
      ) STRICT;
    `),
  },
  {
    // A store's prices include its tax (VAT, TAX-1) or have it added at the till; existing stores
    // keep adding it on top.
    id: 'sync-005-store-tax-inclusive',
    up: (db) =>
      db.exec(`
      ALTER TABLE stores ADD COLUMN tax_inclusive INTEGER NOT NULL DEFAULT 0 CHECK (tax_inclusive IN (0, 1));
    `),
  },
  {
    // Every login failure, refusal, success and unlock, per name and source (AUTH-11…14): the
    // throttle counts from here and managers read it (GET /api/login-attempts).
    id: 'sync-006-login-attempts',
    up: (db) =>
      db.exec(`
      CREATE TABLE login_attempts (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        login TEXT NOT NULL, -- lower-cased, as typed (unknown names too)
        user_id TEXT, -- the user it names, if any
        source TEXT NOT NULL, -- peer address (IPv6 by /64); '*' for an unlock of every source
        outcome TEXT NOT NULL CHECK (outcome IN ('failed','locked','succeeded','unlocked')),
        count INTEGER NOT NULL DEFAULT 1, -- refusals within a minute share a row
        by_user TEXT -- who unlocked
      ) STRICT;
      CREATE INDEX login_attempts_login ON login_attempts (login, source, seq);
      CREATE INDEX login_attempts_at ON login_attempts (at);
    `),
  },
  {
    // Stores and staff are decided by commands (domain ORG-*) and projected into `org` from here:
    // a store's address lines (JSON array) and phone live in SQL too.
    id: 'sync-007-store-address',
    up: (db) =>
      db.exec(`
      ALTER TABLE stores ADD COLUMN address TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE stores ADD COLUMN phone TEXT;
    `),
  },
  // The audit log and its tamper-evident chain (CHAIN-*), in audit-chain.ts beside their code.
  ...auditChainMigrations,
];
