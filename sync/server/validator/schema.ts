/**
 * The validator's tables: the authoritative record of every decided command and of the facts
 * that must never double. Constraints here are the final arbiter (VAL-3): even if two relay
 * instances decide at once, the partial UNIQUE index lets only one live sale hold a serial, and
 * CHECKs keep balances inside [0, total].
 */
import type { Migration } from '../db.ts';

export const validatorMigrations: readonly Migration[] = [
  {
    id: 'validator-001-commands',
    up: (db) =>
      db.exec(`
      CREATE TABLE commands (
        -- The rowid: increasing, as rows are never deleted (AUTOINCREMENT's bookkeeping costs a
        -- quarter of the insert, measured in bench/).
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        device TEXT NOT NULL,
        user_id TEXT,
        store TEXT,
        type TEXT,
        at TEXT,
        envelope TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('accepted','rejected')),
        code TEXT,
        reason TEXT,
        context TEXT,
        events TEXT NOT NULL DEFAULT '[]',
        decided_at TEXT NOT NULL,
        resolved_by TEXT,
        resolved_at TEXT,
        resolution TEXT,
        CHECK ((status = 'rejected') = (code IS NOT NULL))
      ) STRICT;
      -- Only rejections are listed by store; accepted commands never pay for this index.
      CREATE INDEX commands_conflicts ON commands (store, resolved_at) WHERE status = 'rejected';
      CREATE TABLE outbox_positions (
        device TEXT PRIMARY KEY,
        position INTEGER NOT NULL CHECK (position >= 0)
      ) STRICT;
      CREATE TABLE projection (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        projected_seq INTEGER NOT NULL
      ) STRICT;
      INSERT INTO projection (id, projected_seq) VALUES (1, 0);
      -- A reservation may lapse: decide needs its end, not only its holder.
      ALTER TABLE pieces ADD COLUMN reserved_until TEXT;
    `),
  },
  {
    id: 'validator-002-sales',
    up: (db) =>
      db.exec(`
      CREATE TABLE sales (
        id TEXT PRIMARY KEY,
        -- Not UNIQUE: commands.id already is, and each sale is written by exactly one command.
        command_id TEXT NOT NULL,
        store TEXT NOT NULL,
        client_id TEXT,
        user_id TEXT NOT NULL,
        currency TEXT NOT NULL,
        tax_minor INTEGER NOT NULL CHECK (tax_minor >= 0),
        total_minor INTEGER NOT NULL CHECK (total_minor >= 0),
        paid_minor INTEGER NOT NULL CHECK (paid_minor >= 0),
        refunded_minor INTEGER NOT NULL DEFAULT 0 CHECK (refunded_minor BETWEEN 0 AND paid_minor),
        voided INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
        -- JSON [{kind, amountMinor, reference?}]: read with the sale, never on their own.
        tenders TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE sale_lines (
        sale_id TEXT NOT NULL REFERENCES sales(id),
        serial TEXT NOT NULL,
        price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
        discount_minor INTEGER NOT NULL CHECK (discount_minor BETWEEN 0 AND price_minor),
        net_minor INTEGER NOT NULL CHECK (net_minor = price_minor - discount_minor),
        -- live: the line holds its serial (not returned, sale not voided).
        live INTEGER NOT NULL DEFAULT 1 CHECK (live IN (0, 1)),
        returned INTEGER NOT NULL DEFAULT 0 CHECK (returned IN (0, 1)),
        CHECK (returned = 0 OR live = 0),
        PRIMARY KEY (sale_id, serial)
      ) STRICT, WITHOUT ROWID;
      -- SALE-1 at the storage level: one live sale per serial, whatever decided it.
      CREATE UNIQUE INDEX one_live_sale_per_serial ON sale_lines (serial) WHERE live = 1;
      CREATE TABLE returns (
        id TEXT PRIMARY KEY,
        sale_id TEXT NOT NULL REFERENCES sales(id),
        serials TEXT NOT NULL,
        refund_minor INTEGER NOT NULL CHECK (refund_minor >= 0),
        at TEXT NOT NULL
      ) STRICT;
    `),
  },
  {
    id: 'validator-003-orders',
    up: (db) =>
      db.exec(`
      CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        store TEXT NOT NULL,
        client_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        description TEXT NOT NULL,
        currency TEXT NOT NULL,
        total_minor INTEGER NOT NULL CHECK (total_minor >= 0),
        paid_minor INTEGER NOT NULL DEFAULT 0 CHECK (paid_minor >= 0),
        refunded_minor INTEGER NOT NULL DEFAULT 0 CHECK (refunded_minor BETWEEN 0 AND paid_minor),
        -- DEP-1 at the storage level: what is held never exceeds the order total.
        CHECK (paid_minor - refunded_minor <= total_minor)
      ) STRICT;
      CREATE TABLE order_payments (
        id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders(id),
        kind TEXT NOT NULL CHECK (kind IN ('deposit','refund')),
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        tender TEXT,
        at TEXT NOT NULL
      ) STRICT;
    `),
  },
  {
    id: 'validator-004-counts',
    up: (db) =>
      db.exec(`
      CREATE TABLE stock_counts (
        id TEXT PRIMARY KEY,
        command_id TEXT NOT NULL UNIQUE,
        store TEXT NOT NULL,
        user_id TEXT NOT NULL,
        scope TEXT NOT NULL,
        whole_store INTEGER NOT NULL CHECK (whole_store IN (0, 1)),
        found INTEGER NOT NULL CHECK (found >= 0),
        missing TEXT NOT NULL,
        unexpected TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
    `),
  },
  {
    // Who wrote each outbox command: the signed-in person of the connection whose update
    // appended it (USER-1), recorded before the command can be decided.
    id: 'validator-005-command-writers',
    up: (db) =>
      db.exec(`
      CREATE TABLE command_writers (
        id TEXT PRIMARY KEY,
        device TEXT NOT NULL,
        user_id TEXT NOT NULL,
        received_at TEXT NOT NULL
      ) STRICT;
    `),
  },
  {
    // A sale's lines in the order the sale lists them: a return's share of the tax ties break by
    // line order (RET-3, MONEY-6), as on the till. Lines written before this read in serial order.
    id: 'validator-006-sale-line-order',
    up: (db) =>
      db.exec('ALTER TABLE sale_lines ADD COLUMN line INTEGER NOT NULL DEFAULT 0 CHECK (line >= 0)'),
  },
  {
    // Every list price a piece had (PRICE-1): `pieces` holds the current one, this the changes.
    id: 'validator-007-price-history',
    up: (db) =>
      db.exec(`
      CREATE TABLE price_history (
        command_id TEXT PRIMARY KEY,
        serial TEXT NOT NULL,
        store TEXT NOT NULL,
        currency TEXT NOT NULL,
        from_minor INTEGER NOT NULL CHECK (from_minor >= 0),
        to_minor INTEGER NOT NULL CHECK (to_minor >= 0),
        reason TEXT NOT NULL,
        user_id TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX price_history_serial ON price_history (serial, at);
    `),
  },
  {
    // A written-off piece (domain WRITEOFF-3) keeps its row with the status it has: SQLite cannot
    // alter a CHECK, so the table is rebuilt with the wider one (same columns, same index). Storing
    // it under a status the old CHECK allows would make SQL disagree with the stock document and
    // let a later command move it again; dropping the row would lose its record and price history.
    id: 'validator-008-piece-written-off',
    up: (db) =>
      db.exec(`
      CREATE TABLE pieces_next (
        serial TEXT PRIMARY KEY,
        store TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('in-stock','reserved','on-memo','sold','in-repair','in-transit','returned','written-off')),
        reserved_for TEXT,
        list_price_minor INTEGER NOT NULL,
        currency TEXT NOT NULL,
        record TEXT NOT NULL,
        reserved_until TEXT
      ) STRICT;
      INSERT INTO pieces_next (serial, store, status, reserved_for, list_price_minor, currency, record, reserved_until)
        SELECT serial, store, status, reserved_for, list_price_minor, currency, record, reserved_until FROM pieces;
      DROP TABLE pieces;
      ALTER TABLE pieces_next RENAME TO pieces;
      CREATE INDEX pieces_store ON pieces (store);
    `),
  },
  {
    // AUDITV-3: each catalog edit's attributes before and after (`piece.update`), beside the
    // price history, so the audit viewer shows before → after without replaying every event.
    id: 'validator-017-attribute-history',
    up: (db) =>
      db.exec(`
      CREATE TABLE attribute_history (
        command_id TEXT PRIMARY KEY,
        serial TEXT NOT NULL,
        store TEXT NOT NULL,
        before TEXT NOT NULL,
        after TEXT NOT NULL,
        user_id TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX attribute_history_serial ON attribute_history (serial, at);
    `),
  },
  {
    // End of day (EOD-*): each close as decided, never changed afterwards — a correction is a new
    // row naming the one it corrects. The triggers refuse an UPDATE or DELETE whoever runs it.
    id: 'validator-018-day-closes',
    up: (db) =>
      db.exec(`
      CREATE TABLE day_closes (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        command_id TEXT NOT NULL UNIQUE,
        store TEXT NOT NULL,
        day TEXT NOT NULL,
        -- '' for the whole store, else the till's device id.
        till TEXT NOT NULL,
        currency TEXT NOT NULL,
        float_minor INTEGER NOT NULL CHECK (float_minor >= 0),
        counted_minor INTEGER NOT NULL CHECK (counted_minor >= 0),
        expected_minor INTEGER NOT NULL,
        over_short_minor INTEGER NOT NULL CHECK (over_short_minor = counted_minor - expected_minor),
        takings TEXT NOT NULL,
        note TEXT,
        corrects TEXT REFERENCES day_closes(id),
        -- The audit chain's head when the day was closed (CHAIN-*): printed on the report.
        chain_head TEXT NOT NULL,
        user_id TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX day_closes_day ON day_closes (store, day, till);
      -- EOD-4 at the storage level: one first close per day and scope.
      CREATE UNIQUE INDEX one_close_per_day ON day_closes (store, day, till) WHERE corrects IS NULL;
      CREATE TRIGGER day_closes_no_update BEFORE UPDATE ON day_closes
        BEGIN SELECT RAISE(ABORT, 'a closed day is not changed; record a correction'); END;
      CREATE TRIGGER day_closes_no_delete BEFORE DELETE ON day_closes
        BEGIN SELECT RAISE(ABORT, 'a closed day is not changed; record a correction'); END;
    `),
  },
];
