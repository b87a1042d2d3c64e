/**
 * The validator's tables: the authoritative record of every decided command and of the facts
 * that must never double. Constraints here are the final arbiter (VAL-3): even if two relay
 * instances decide at once, the partial UNIQUE index lets only one live sale hold a serial, and
 * CHECKs keep balances inside [0, total].
 */
import type { Migration } from '../db.ts';
import { reportMigrations } from '../reports/rollups.ts';

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
    // The back office (CAP-*, RATE-*, CONSIGN-*): an owner's capability settings per role, dated
    // exchange rates, pieces held for a vendor or a client, and the payouts owed when they sell.
    id: 'validator-015-org-backoffice',
    up: (db) =>
      db.exec(`
      CREATE TABLE role_capabilities (
        role TEXT PRIMARY KEY CHECK (role IN ('associate','designer','manager')),
        settings TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE exchange_rates (
        from_currency TEXT NOT NULL,
        to_currency TEXT NOT NULL,
        date TEXT NOT NULL,
        rate TEXT NOT NULL,
        set_by TEXT NOT NULL,
        set_at TEXT NOT NULL,
        PRIMARY KEY (from_currency, to_currency, date)
      ) STRICT;
      CREATE TABLE consignments (
        id INTEGER PRIMARY KEY,
        serial TEXT NOT NULL,
        store TEXT NOT NULL,
        basis TEXT NOT NULL CHECK (basis IN ('memo-in','consignment')),
        owner_kind TEXT NOT NULL CHECK (owner_kind IN ('vendor','client')),
        owner_id TEXT NOT NULL,
        owner_name TEXT NOT NULL,
        terms TEXT NOT NULL,
        received_at TEXT NOT NULL,
        -- The piece's record as it arrived: kept when the piece goes back to its owner.
        record TEXT NOT NULL,
        returned_at TEXT,
        returned_by TEXT
      ) STRICT;
      -- CONSIGN-1: one live consignment per serial; a returned one may come back later.
      CREATE UNIQUE INDEX one_live_consignment ON consignments (serial) WHERE returned_at IS NULL;
      CREATE INDEX consignments_owner ON consignments (owner_id);
      CREATE TABLE consignment_payouts (
        sale_id TEXT NOT NULL,
        serial TEXT NOT NULL,
        consignment_id INTEGER NOT NULL REFERENCES consignments(id),
        store TEXT NOT NULL,
        owner_id TEXT NOT NULL,
        currency TEXT NOT NULL,
        sold_minor INTEGER NOT NULL CHECK (sold_minor >= 0),
        payout_minor INTEGER NOT NULL CHECK (payout_minor >= 0),
        at TEXT NOT NULL,
        -- The sale was returned or voided: nothing is owed for it any more.
        cancelled_at TEXT,
        PRIMARY KEY (sale_id, serial)
      ) STRICT;
      CREATE INDEX consignment_payouts_owner ON consignment_payouts (owner_id, at);
      -- LOOKUP-1: where else a style is, across the chain, without scanning every record.
      CREATE INDEX pieces_style ON pieces (json_extract(record, '$.style'));
    `),
  },
  {
    // The client book as the validator needs it (MERGE-*, PRIVACY-*): which clients exist in which
    // store's book and whether they were merged or erased (the profiles live in `clients/<store>`);
    // each merge with both profiles as they were, each erasure; indexes to find a client's history.
    id: 'validator-010-client-directory',
    up: (db) =>
      db.exec(`
      CREATE TABLE client_directory (
        id TEXT PRIMARY KEY,
        store TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','merged','erased')),
        merged_into TEXT,
        seen_at TEXT NOT NULL,
        CHECK ((status = 'merged') = (merged_into IS NOT NULL))
      ) STRICT;
      CREATE TABLE client_merges (
        command_id TEXT PRIMARY KEY,
        store TEXT NOT NULL,
        survivor_id TEXT NOT NULL,
        merged_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        at TEXT NOT NULL,
        picks TEXT NOT NULL,
        -- JSON ids of what moved to the survivor: {sales, orders, reservations}.
        moved TEXT NOT NULL,
        -- Both profiles as the relay held them, written when the merge is published.
        survivor_before TEXT,
        merged_before TEXT
      ) STRICT;
      CREATE TABLE client_erasures (
        command_id TEXT PRIMARY KEY,
        client_id TEXT NOT NULL,
        store TEXT NOT NULL,
        user_id TEXT NOT NULL,
        at TEXT NOT NULL,
        reason TEXT NOT NULL,
        -- JSON ids of the sales kept without their client.
        detached_sales TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sales_client ON sales (client_id) WHERE client_id IS NOT NULL;
      CREATE INDEX orders_client ON orders (client_id);
      CREATE INDEX pieces_reserved_for ON pieces (reserved_for) WHERE reserved_for IS NOT NULL;
      -- Dated rates for lifetime value: the back office's exchange_rates (validator-015, RATE-*).
    `),
  },
  {
    // The organisation's tier thresholds (TIER-5), one row per currency: set by an owner's
    // `tiers.set`, projected to `org`'s `tiers` root.
    id: 'validator-011-tier-thresholds',
    up: (db) =>
      db.exec(`
      CREATE TABLE tier_thresholds (
        currency TEXT PRIMARY KEY,
        loyal_minor INTEGER NOT NULL CHECK (loyal_minor > 0),
        vip_minor INTEGER NOT NULL CHECK (vip_minor > loyal_minor),
        command_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
    `),
  },
  {
    // Chain-wide client search (SEARCH-6): the search fields of every client of every book, and
    // an FTS5 index over them (folded names, e-mails, phone keys; accents removed again by the
    // tokenizer). `seq` is the FTS row id, so a client's index row is replaced by key.
    id: 'validator-009-client-search',
    up: (db) =>
      db.exec(`
      CREATE TABLE client_search (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        book TEXT NOT NULL,
        home_store TEXT NOT NULL,
        display_name TEXT NOT NULL,
        emails TEXT NOT NULL,
        phones TEXT NOT NULL,
        name_key TEXT NOT NULL,
        email_key TEXT NOT NULL,
        phone_key TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX client_search_book ON client_search (book);
      CREATE TABLE client_search_books (book TEXT PRIMARY KEY, projected_at TEXT NOT NULL) STRICT;
      CREATE VIRTUAL TABLE client_search_fts USING fts5(
        name_key, email_key, phone_key,
        tokenize = 'unicode61 remove_diacritics 2'
      );
    `),
  },
  {
    // Custom orders and repairs (WORK-*, REPAIR-*, LINK-*, MAIL-*): each order's stage, due date
    // and claim check; every stage move with who and when; the client status links and their
    // revocation; the mail sent and the consent withdrawn from an unsubscribe link.
    id: 'validator-012-work',
    up: (db) =>
      db.exec(`
      ALTER TABLE orders ADD COLUMN stage TEXT;
      ALTER TABLE orders ADD COLUMN due_date TEXT;
      ALTER TABLE orders ADD COLUMN claim_check TEXT;
      ALTER TABLE orders ADD COLUMN opened_by TEXT;
      ALTER TABLE orders ADD COLUMN opened_at TEXT;
      CREATE INDEX orders_claim_check ON orders (store, claim_check);
      CREATE INDEX orders_store ON orders (store);
      CREATE TABLE order_stages (
        command_id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders(id),
        from_stage TEXT NOT NULL,
        to_stage TEXT NOT NULL,
        place TEXT,
        total_minor INTEGER,
        override_by TEXT,
        owed_minor INTEGER,
        note TEXT,
        user_id TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX order_stages_order ON order_stages (order_id, at);
      CREATE TABLE status_links (
        id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders(id),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_by TEXT,
        revoked_at TEXT
      ) STRICT;
      CREATE INDEX status_links_order ON status_links (order_id);
      CREATE TABLE work_mail (
        id TEXT PRIMARY KEY,
        store TEXT NOT NULL,
        order_id TEXT,
        client_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        recipient TEXT NOT NULL,
        transport TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        error TEXT
      ) STRICT;
      CREATE UNIQUE INDEX work_mail_once ON work_mail (order_id, kind) WHERE order_id IS NOT NULL AND kind = 'ready' AND error IS NULL;
      CREATE TABLE consent_changes (
        id TEXT PRIMARY KEY,
        store TEXT NOT NULL,
        client_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        granted INTEGER NOT NULL,
        source TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
    `),
  },
  {
    // Money held for clients (MONEY-*, INSTAL-*, LAYAWAY-*, GIFT-*, CREDIT-*, TRADEIN-*): an order's
    // status and plan, layaways, gift cards and store credit with every move, trade-ins. CHECKs keep
    // a card's balance at or above zero whatever decided it (VAL-3).
    id: 'validator-013-money-held',
    up: (db) =>
      db.exec(`
      ALTER TABLE orders ADD COLUMN status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','completed','cancelled'));
      -- JSON {instalments: [{due, amountMinor}], paidBeforeMinor}: the latest plan (INSTAL-1).
      ALTER TABLE orders ADD COLUMN plan TEXT;
      ALTER TABLE order_payments ADD COLUMN reference TEXT;
      ALTER TABLE order_payments ADD COLUMN command_id TEXT;
      ALTER TABLE order_payments ADD COLUMN user_id TEXT;
      CREATE INDEX order_payments_order ON order_payments (order_id, at);
      CREATE TABLE layaways (
        order_id TEXT PRIMARY KEY REFERENCES orders(id),
        serial TEXT NOT NULL,
        sale_id TEXT NOT NULL,
        net_minor INTEGER NOT NULL CHECK (net_minor >= 0),
        tax_minor INTEGER NOT NULL CHECK (tax_minor >= 0),
        open INTEGER NOT NULL DEFAULT 1 CHECK (open IN (0, 1))
      ) STRICT;
      -- LAYAWAY-5 at the storage level: one open layaway per piece.
      CREATE UNIQUE INDEX one_open_layaway_per_piece ON layaways (serial) WHERE open = 1;
      CREATE TABLE cards (
        number TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('gift-card','store-credit')),
        store TEXT NOT NULL,
        client_id TEXT,
        currency TEXT NOT NULL,
        issued_minor INTEGER NOT NULL CHECK (issued_minor > 0),
        -- GIFT-4: a card never holds less than nothing.
        balance_minor INTEGER NOT NULL CHECK (balance_minor >= 0),
        how TEXT NOT NULL CHECK (how IN ('sold','given','refund')),
        issued_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE card_moves (
        seq INTEGER PRIMARY KEY,
        number TEXT NOT NULL REFERENCES cards(number),
        command_id TEXT NOT NULL,
        store TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('issue','redeem','credit')),
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        balance_minor INTEGER NOT NULL CHECK (balance_minor >= 0),
        source TEXT,
        user_id TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX card_moves_number ON card_moves (number, seq);
      CREATE TABLE trade_ins (
        command_id TEXT NOT NULL,
        sale_id TEXT NOT NULL,
        store TEXT NOT NULL,
        description TEXT NOT NULL,
        currency TEXT NOT NULL,
        value_minor INTEGER NOT NULL CHECK (value_minor > 0),
        disposition TEXT NOT NULL CHECK (disposition IN ('stock','scrap')),
        serial TEXT,
        at TEXT NOT NULL
      ) STRICT;
    `),
  },
  {
    // Receiving and the back office (ATTACH-*, IMPORT-*, LOCATION-*, COUNT-*): attachments stored
    // once by their SHA-256 with the stores that uploaded them (who may read them), the bulk imports
    // a relay has decided (a re-import of the same file is recognised by its digest), and the
    // counters' parts of a shared count. Plain types and tables, so the SQL moves to PostgreSQL as is.
    id: 'validator-014-receive',
    up: (db) =>
      db.exec(`
      CREATE TABLE attachments (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size > 0),
        bytes BLOB NOT NULL,
        thumbnail BLOB,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE attachment_stores (
        sha256 TEXT NOT NULL REFERENCES attachments(sha256),
        store TEXT NOT NULL,
        uploaded_by TEXT NOT NULL,
        uploaded_at TEXT NOT NULL,
        PRIMARY KEY (sha256, store)
      ) STRICT;
      -- IMPORT-2: an import's parts are held here until its last part makes them stock at once.
      CREATE TABLE piece_imports (
        id TEXT PRIMARY KEY,
        store TEXT NOT NULL,
        user_id TEXT NOT NULL,
        source TEXT NOT NULL,
        parts INTEGER NOT NULL CHECK (parts > 0),
        staged INTEGER NOT NULL CHECK (staged BETWEEN 0 AND parts),
        skipped INTEGER NOT NULL DEFAULT 0 CHECK (skipped >= 0),
        received INTEGER,
        started_at TEXT NOT NULL,
        done_at TEXT
      ) STRICT;
      CREATE TABLE piece_import_rows (
        import_id TEXT NOT NULL REFERENCES piece_imports(id),
        serial TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (import_id, serial)
      ) STRICT;
      CREATE TABLE stock_count_parts (
        command_id TEXT PRIMARY KEY,
        count_id TEXT NOT NULL,
        store TEXT NOT NULL,
        user_id TEXT NOT NULL,
        found TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX stock_count_parts_count ON stock_count_parts (count_id);
      -- COUNT-4, COUNT-5: a count of one place, what was found there but belongs elsewhere, and
      -- how many counters' parts it holds.
      ALTER TABLE stock_counts ADD COLUMN location TEXT;
      ALTER TABLE stock_counts ADD COLUMN wrong_location TEXT;
      ALTER TABLE stock_counts ADD COLUMN parts INTEGER NOT NULL DEFAULT 1 CHECK (parts >= 1);
    `),
  },
  // Report rollups (ROLLUP-*), kept beside the decisions: sync/server/reports/rollups.ts.
  ...reportMigrations,
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
  {
    // Instalment reminders (DUEMAIL-*): one row per order, instalment day and kind, claimed by the
    // primary key BEFORE the mail is sent, so a restart or a second relay never mails twice.
    id: 'validator-019-instalment-reminders',
    up: (db) =>
      db.exec(`
      CREATE TABLE instalment_reminders (
        order_id TEXT NOT NULL REFERENCES orders(id),
        due TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('upcoming','overdue')),
        store TEXT NOT NULL,
        client_id TEXT NOT NULL,
        owed_minor INTEGER NOT NULL CHECK (owed_minor > 0),
        currency TEXT NOT NULL,
        -- claimed → sent | skipped-no-consent | skipped-no-email | unknown-client | failed
        status TEXT NOT NULL DEFAULT 'claimed',
        attempts INTEGER NOT NULL DEFAULT 1 CHECK (attempts BETWEEN 1 AND 3),
        claimed_by TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        finished_at TEXT,
        recipient TEXT,
        detail TEXT,
        PRIMARY KEY (order_id, due, kind)
      ) STRICT;
      CREATE INDEX instalment_reminders_store ON instalment_reminders (store, claimed_at);
    `),
  },
  {
    // TAXCAT-1, FOOTER-1: a store's category tax rates ([{category, basisPoints}], in the owner's
    // order; [] for one rate) and its receipt footer lines ([] for none), both JSON lists.
    // TRANSIT-1: each transfer sent, open until the destination receives the piece, so the
    // sender's stock and catalog keep showing it as in transit to that store.
    id: 'validator-020-store-tax-footer-transits',
    up: (db) =>
      db.exec(`
      ALTER TABLE stores ADD COLUMN tax_categories TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tax_categories));
      ALTER TABLE stores ADD COLUMN receipt_footer TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(receipt_footer));
      CREATE TABLE transits (
        id INTEGER PRIMARY KEY,
        serial TEXT NOT NULL,
        from_store TEXT NOT NULL,
        to_store TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        received_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX transits_open ON transits (serial) WHERE received_at IS NULL;
      CREATE INDEX transits_from ON transits (from_store) WHERE received_at IS NULL;
    `),
  },
  {
    // TAXCAT-7: what each rate of a sale charged, as decided ({inclusive, rates: [{basisPoints,
    // netMinor, taxMinor, serials}]}); NULL for sales decided before, which keep TAXCAT-6.
    id: 'validator-021-sale-tax-rates',
    up: (db) =>
      db.exec(`
      ALTER TABLE sales ADD COLUMN tax_rates TEXT CHECK (tax_rates IS NULL OR json_valid(tax_rates));
    `),
  },
  {
    // DUEMAIL-5: how many days ahead of an instalment a store's clients are reminded; NULL for a
    // store that never set it (LOUPE_INSTALMENT_REMINDER_DAYS, default 3, applies).
    id: 'validator-022-store-reminder-days',
    up: (db) =>
      db.exec(`
      ALTER TABLE stores ADD COLUMN reminder_lead_days INTEGER
        CHECK (reminder_lead_days IS NULL OR reminder_lead_days BETWEEN 0 AND 30);
    `),
  },
];
