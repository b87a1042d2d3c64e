/**
 * Writes a decision's events into the SQL read model, inside the deciding transaction. The
 * statements re-check what decide assumed (a piece's current status, one live line per
 * serial, balances within CHECKs), so a second relay instance racing on the same file cannot
 * make both decisions stick (VAL-3): the loser's transaction fails and is decided again.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { unreachable } from '../../../domain/assert.ts';
import type { DomainEvent } from '../../../domain/decision-types.ts';
import { storeSaleTax } from '../../../domain/sale-tax-record.ts';
import { firstStage } from '../../../domain/work-order.ts';

export type EventOrigin = { commandId: string; userId: string; at: string };

/**
 * decide's view was stale: the row it relied on changed underneath (another instance), or a
 * constraint refused the write. `soldTwice` says the refusal was the one-live-line-per-serial
 * index, told by where it fired (a sale line's insert), never by the database's message text.
 */
export class StaleStateError extends Error {
  override name = 'StaleStateError';
  readonly soldTwice: boolean;
  constructor(message: string, options: { soldTwice?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.soldTwice = options.soldTwice ?? false;
  }
}

const errcode = (e: unknown): number | undefined => {
  const code = (e as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' ? code : undefined;
};

/** SQLite's extended result codes for constraints all have the primary code 19 (SQLITE_CONSTRAINT). */
export const isConstraintError = (e: unknown): boolean => ((errcode(e) ?? 0) & 0xff) === 19;

/** SQLITE_CONSTRAINT_UNIQUE (2067): a UNIQUE index refused the row, told by its code, never its text. */
export const isUniqueViolation = (e: unknown): boolean => errcode(e) === 2067;

export class EventWriter {
  readonly #s: Record<string, StatementSync>;

  constructor(db: DatabaseSync) {
    const p = (sql: string) => db.prepare(sql);
    this.#s = {
      setStatus: p(
        'UPDATE pieces SET status = ?, reserved_for = ?, reserved_until = ? WHERE serial = ? AND status = ?',
      ),
      insertPiece: p(
        `INSERT INTO pieces (serial, store, status, reserved_for, list_price_minor, currency, record)
         VALUES (?, ?, 'in-stock', NULL, ?, ?, ?)`,
      ),
      // The record's `store` follows the column, so SQL's record is the piece as it is now.
      movePiece: p(
        "UPDATE pieces SET store = ?, record = json_set(record, '$.store', ?) WHERE serial = ? AND store = ?",
      ),
      readRecord: p('SELECT record FROM pieces WHERE serial = ?'),
      setRecord: p('UPDATE pieces SET record = ? WHERE serial = ?'),
      setPrice: p(
        `UPDATE pieces SET list_price_minor = ?, currency = ?, record = json_set(record, '$.listPrice', json(?))
         WHERE serial = ? AND list_price_minor = ? AND currency = ?`,
      ),
      // AUDITV-3: what each catalog attribute was before an edit, for the audit viewer.
      insertAttributes: p(
        `INSERT INTO attribute_history (command_id, serial, store, before, after, user_id, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertClose: p(
        `INSERT INTO day_closes (id, command_id, store, day, till, currency, float_minor, counted_minor,
           expected_minor, over_short_minor, takings, note, corrects, chain_head, user_id, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
           coalesce((SELECT hash FROM audit_chain ORDER BY seq DESC LIMIT 1), '${'0'.repeat(64)}'), ?, ?)`,
      ),
      insertPrice: p(
        `INSERT INTO price_history (command_id, serial, store, currency, from_minor, to_minor, reason, user_id, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertSale: p(
        `INSERT INTO sales (id, command_id, store, client_id, user_id, currency, tax_minor, total_minor, paid_minor, tenders, at, tax_rates)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertLine: p(
        'INSERT INTO sale_lines (sale_id, serial, line, price_minor, discount_minor, net_minor) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      voidSale: p(
        'UPDATE sales SET voided = 1, refunded_minor = refunded_minor + ? WHERE id = ? AND voided = 0',
      ),
      freeLines: p('UPDATE sale_lines SET live = 0 WHERE sale_id = ?'),
      returnLine: p(
        'UPDATE sale_lines SET live = 0, returned = 1 WHERE sale_id = ? AND serial = ? AND live = 1',
      ),
      refundSale: p('UPDATE sales SET refunded_minor = refunded_minor + ? WHERE id = ?'),
      insertReturn: p('INSERT INTO returns (id, sale_id, serials, refund_minor, at) VALUES (?, ?, ?, ?, ?)'),
      insertOrder: p(
        `INSERT INTO orders (id, store, client_id, kind, description, currency, total_minor)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      openWork: p(
        `UPDATE orders SET stage = ?, due_date = ?, claim_check = ?, opened_by = ?, opened_at = ?
         WHERE id = ?`,
      ),
      // The stage decide saw must still be the one stored (VAL-3): a racing move loses.
      stageWork: p(
        `UPDATE orders SET stage = ?, total_minor = coalesce(?, total_minor)
         WHERE id = ? AND coalesce(stage, CASE kind WHEN 'repair' THEN 'received' ELSE 'consultation' END) = ?`,
      ),
      insertStage: p(
        `INSERT INTO order_stages (command_id, order_id, from_stage, to_stage, place, total_minor, override_by, owed_minor, note, user_id, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertPayment: p(
        `INSERT INTO order_payments (id, order_id, kind, amount_minor, tender, at, reference, command_id, user_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      setPlan: p(
        `UPDATE orders SET plan = json_object('instalments', json(?), 'paidBeforeMinor', paid_minor - refunded_minor)
         WHERE id = ? AND status = 'open'`,
      ),
      insertLayawayOrder: p(
        `INSERT INTO orders (id, store, client_id, kind, description, currency, total_minor)
         VALUES (?, ?, ?, 'layaway', ?, ?, ?)`,
      ),
      insertLayaway: p(
        'INSERT INTO layaways (order_id, serial, sale_id, net_minor, tax_minor) VALUES (?, ?, ?, ?, ?)',
      ),
      closeOrder: p("UPDATE orders SET status = ? WHERE id = ? AND status = 'open'"),
      closeLayaway: p('UPDATE layaways SET open = 0 WHERE order_id = ? AND open = 1'),
      insertCard: p(
        `INSERT INTO cards (number, kind, store, client_id, currency, issued_minor, balance_minor, how, issued_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      // The balance moves only while it stays at or above zero (and the CHECK says so again).
      moveCard: p(
        'UPDATE cards SET balance_minor = balance_minor + ? WHERE number = ? AND currency = ? AND balance_minor + ? >= 0',
      ),
      insertCardMove: p(
        `INSERT INTO card_moves (number, command_id, store, kind, amount_minor, balance_minor, source, user_id, at)
         VALUES (?, ?, ?, ?, ?, (SELECT balance_minor FROM cards WHERE number = ?), ?, ?, ?)`,
      ),
      insertTradeIn: p(
        `INSERT INTO trade_ins (command_id, sale_id, store, description, currency, value_minor, disposition, serial, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      payOrder: p('UPDATE orders SET paid_minor = paid_minor + ? WHERE id = ?'),
      refundOrder: p('UPDATE orders SET refunded_minor = refunded_minor + ? WHERE id = ?'),
      upsertCount: p(
        `INSERT INTO stock_counts (id, command_id, store, user_id, scope, whole_store, found, missing, unexpected, at, location, wrong_location, parts)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET command_id = excluded.command_id, found = excluded.found,
           missing = excluded.missing, unexpected = excluded.unexpected, wrong_location = excluded.wrong_location,
           parts = excluded.parts, at = excluded.at
         WHERE stock_counts.store = excluded.store`,
      ),
      insertCountPart: p(
        'INSERT INTO stock_count_parts (command_id, count_id, store, user_id, found, at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      startImport: p(
        `INSERT INTO piece_imports (id, store, user_id, source, parts, staged, skipped, started_at)
         VALUES (?, ?, ?, ?, ?, 1, ?, ?)`,
      ),
      stageImport: p(
        'UPDATE piece_imports SET staged = staged + 1, skipped = skipped + ? WHERE id = ? AND staged = ? AND done_at IS NULL',
      ),
      insertImportRow: p('INSERT INTO piece_import_rows (import_id, serial, record) VALUES (?, ?, ?)'),
      receiveImport: p(
        `INSERT INTO pieces (serial, store, status, reserved_for, list_price_minor, currency, record)
         SELECT serial, ?, 'in-stock', NULL, json_extract(record, '$.listPrice.minor'),
                json_extract(record, '$.listPrice.currency'), record
         FROM piece_import_rows WHERE import_id = ?`,
      ),
      finishImport: p(
        'UPDATE piece_imports SET done_at = ?, received = ? WHERE id = ? AND staged = parts AND done_at IS NULL',
      ),
      relocate: p(
        "UPDATE pieces SET record = json_set(record, '$.location', json(?)) WHERE serial = ? AND store = ?",
      ),
      insertStore: p(
        `INSERT INTO stores (id, name, currency, time_zone, tax_rate_bp, tax_inclusive, address, phone)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updateStore: p(
        `UPDATE stores SET name = coalesce(?, name), tax_rate_bp = coalesce(?, tax_rate_bp),
           tax_inclusive = coalesce(?, tax_inclusive), time_zone = coalesce(?, time_zone),
           address = coalesce(?, address), phone = CASE WHEN ? THEN ? ELSE phone END
         WHERE id = ?`,
      ),
      // TAXCAT-1, FOOTER-1 (validator-020): a store's category rates and receipt footer, JSON lists.
      setStoreTaxCategories: p('UPDATE stores SET tax_categories = ? WHERE id = ?'),
      setStoreFooter: p('UPDATE stores SET receipt_footer = ? WHERE id = ?'),
      // DUEMAIL-5 (validator-022): NULL goes back to the relay's default lead time.
      setStoreReminderDays: p('UPDATE stores SET reminder_lead_days = ? WHERE id = ?'),
      // TRANSIT-1: a transfer is open from its sending until the piece leaves in-transit.
      openTransit: p('INSERT INTO transits (serial, from_store, to_store, sent_at) VALUES (?, ?, ?, ?)'),
      closeTransit: p('UPDATE transits SET received_at = ? WHERE serial = ? AND received_at IS NULL'),
      // No secret yet: '!' is no scrypt hash, so nobody signs in until one is set (ORG-9).
      insertStaff: p(
        `INSERT INTO users (id, name, login, role, stores, password_hash, pin_hash, disabled)
         VALUES (?, ?, ?, ?, ?, '!', NULL, 0)`,
      ),
      updateStaff: p(
        'UPDATE users SET name = coalesce(?, name), role = coalesce(?, role), stores = coalesce(?, stores) WHERE id = ?',
      ),
      setDisabled: p('UPDATE users SET disabled = ? WHERE id = ? AND disabled = ?'),
      // ORG-8: a deactivated person's refresh tokens and signing keys stop working at once.
      revokeRefresh: p('UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL'),
      revokeKeys: p('UPDATE device_keys SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL'),
      setCapabilities: p(
        `INSERT INTO role_capabilities (role, settings, updated_by, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (role) DO UPDATE SET settings = excluded.settings, updated_by = excluded.updated_by,
           updated_at = excluded.updated_at`,
      ),
      setRate: p(
        `INSERT INTO exchange_rates (from_currency, to_currency, date, rate, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (from_currency, to_currency, date) DO UPDATE SET rate = excluded.rate,
           set_by = excluded.set_by, set_at = excluded.set_at`,
      ),
      insertConsignment: p(
        `INSERT INTO consignments (serial, store, basis, owner_kind, owner_id, owner_name, terms, received_at, record)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT record FROM pieces WHERE serial = ?))`,
      ),
      insertPayout: p(
        `INSERT INTO consignment_payouts (sale_id, serial, consignment_id, store, owner_id, currency, sold_minor, payout_minor, at)
         SELECT ?, ?, id, ?, ?, ?, ?, ?, ? FROM consignments WHERE serial = ? AND returned_at IS NULL`,
      ),
      // A returned or voided sale owes its consignors nothing any more (CONSIGN-4).
      cancelPayout: p(
        'UPDATE consignment_payouts SET cancelled_at = ? WHERE sale_id = ? AND serial = ? AND cancelled_at IS NULL',
      ),
      cancelSalePayouts: p(
        'UPDATE consignment_payouts SET cancelled_at = ? WHERE sale_id = ? AND cancelled_at IS NULL',
      ),
      returnConsignment: p(
        'UPDATE consignments SET returned_at = ?, returned_by = ? WHERE serial = ? AND returned_at IS NULL',
      ),
      // CONSIGN-5: the piece leaves the store's stock; its record stays with the consignment.
      removePiece: p('DELETE FROM pieces WHERE serial = ? AND status = ?'),
      clientsSalesOf: p('SELECT id FROM sales WHERE client_id = ? ORDER BY at, id'),
      clientsOrdersOf: p('SELECT id FROM orders WHERE client_id = ? ORDER BY id'),
      clientsReservedFor: p('SELECT serial FROM pieces WHERE reserved_for = ? ORDER BY serial'),
      moveSales: p('UPDATE sales SET client_id = ? WHERE client_id = ?'),
      moveOrders: p('UPDATE orders SET client_id = ? WHERE client_id = ?'),
      moveReservations: p('UPDATE pieces SET reserved_for = ? WHERE reserved_for = ?'),
      detachSales: p('UPDATE sales SET client_id = NULL WHERE client_id = ?'),
      setClientStatus: p(
        "UPDATE client_directory SET status = ?, merged_into = ? WHERE id = ? AND status = 'active'",
      ),
      // Clients merged earlier into the one now merged follow it to the new survivor.
      repointAliases: p(
        "UPDATE client_directory SET merged_into = ? WHERE merged_into = ? AND status = 'merged'",
      ),
      insertMerge: p(
        `INSERT INTO client_merges (command_id, store, survivor_id, merged_id, user_id, at, picks, moved)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertErasure: p(
        `INSERT INTO client_erasures (command_id, client_id, store, user_id, at, reason, detached_sales)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      setTiers: p(
        `INSERT INTO tier_thresholds (currency, loyal_minor, vip_minor, command_id, user_id, at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (currency) DO UPDATE SET loyal_minor = excluded.loyal_minor,
           vip_minor = excluded.vip_minor, command_id = excluded.command_id,
           user_id = excluded.user_id, at = excluded.at`,
      ),
      resolve: p(
        `UPDATE commands SET resolved_by = ?, resolved_at = ?, resolution = ?
         WHERE id = ? AND status = 'rejected' AND resolved_at IS NULL`,
      ),
    };
  }

  apply(events: readonly DomainEvent[], origin: EventOrigin): void {
    for (const e of events) this.#applyOne(e, origin);
  }

  #run(name: string, ...args: (string | number | null)[]): number {
    const stmt = this.#s[name];
    if (!stmt) throw new Error(`no statement ${name}`);
    return Number(stmt.run(...args).changes);
  }

  #ids(name: string, arg: string): string[] {
    const stmt = this.#s[name];
    if (!stmt) throw new Error(`no statement ${name}`);
    return (stmt.all(arg) as Record<string, string>[]).map((r) => String(Object.values(r)[0]));
  }

  #cardMove(
    number: string,
    kind: 'issue' | 'redeem' | 'credit',
    amount: number,
    store: string,
    source: string | null,
    o: EventOrigin,
  ): void {
    this.#run('insertCardMove', number, o.commandId, store, kind, amount, number, source, o.userId, o.at);
  }

  #expectOne(changes: number, what: string): void {
    if (changes !== 1) throw new StaleStateError(what);
  }

  #applyOne(e: DomainEvent, o: EventOrigin): void {
    switch (e.type) {
      case 'piece.status-changed': {
        const reserved = e.to === 'reserved';
        const n = this.#run(
          'setStatus',
          e.to,
          reserved ? (e.reservedFor ?? null) : null,
          reserved ? (e.reservedUntil ?? null) : null,
          e.serial,
          e.from,
        );
        this.#expectOne(n, `piece ${e.serial} is no longer ${e.from}`);
        if (e.from === 'in-transit') this.#run('closeTransit', o.at, e.serial);
        return;
      }
      case 'piece.received':
        this.#run(
          'insertPiece',
          e.piece.serial,
          e.piece.store,
          e.piece.listPrice.minor,
          e.piece.listPrice.currency,
          JSON.stringify(e.piece),
        );
        return;
      case 'piece.moved':
        this.#expectOne(
          this.#run('movePiece', e.toStore, e.toStore, e.serial, e.fromStore),
          `piece ${e.serial} moved`,
        );
        this.#run('openTransit', e.serial, e.fromStore, e.toStore, o.at);
        return;
      case 'piece.updated': {
        const row = this.#s.readRecord?.get(e.serial) as { record: string } | undefined;
        if (!row) throw new StaleStateError(`piece ${e.serial} is gone`);
        const record = JSON.parse(row.record) as Record<string, unknown>;
        const before = Object.fromEntries(Object.keys(e.changes).map((k) => [k, record[k] ?? null]));
        this.#run(
          'insertAttributes',
          o.commandId,
          e.serial,
          e.store,
          JSON.stringify(before),
          JSON.stringify(e.changes),
          o.userId,
          o.at,
        );
        for (const [key, value] of Object.entries(e.changes)) {
          if (value === null) delete record[key];
          else if (value !== undefined) record[key] = value;
        }
        this.#expectOne(
          this.#run('setRecord', JSON.stringify(record), e.serial),
          `piece ${e.serial} updated`,
        );
        return;
      }
      case 'price.changed':
        this.#expectOne(
          this.#run(
            'setPrice',
            e.to.minor,
            e.to.currency,
            JSON.stringify(e.to),
            e.serial,
            e.from.minor,
            e.from.currency,
          ),
          `piece ${e.serial} is no longer priced ${e.from.minor} ${e.from.currency}`,
        );
        this.#run(
          'insertPrice',
          o.commandId,
          e.serial,
          e.store,
          e.to.currency,
          e.from.minor,
          e.to.minor,
          e.reason,
          o.userId,
          o.at,
        );
        return;
      case 'sale.recorded': {
        const c = e.total.currency;
        this.#run(
          'insertSale',
          e.saleId,
          o.commandId,
          e.store,
          e.clientId ?? null,
          o.userId,
          c,
          e.tax.minor,
          e.total.minor,
          e.total.minor,
          JSON.stringify(
            e.tenders.map((t) => ({
              kind: t.kind,
              amountMinor: t.amount.minor,
              ...(t.reference ? { reference: t.reference } : {}),
            })),
          ),
          o.at,
          e.taxRates ? JSON.stringify(storeSaleTax(e.taxRates)) : null,
        );
        for (const [i, l] of e.lines.entries()) {
          try {
            this.#run('insertLine', e.saleId, l.serial, i, l.price.minor, l.discount.minor, l.net.minor);
          } catch (cause) {
            // The partial UNIQUE index on live lines is the final arbiter of one sale per serial;
            // the only UNIQUE index a line's insert can meet. Any other refusal (a CHECK) is not a
            // double sale and stays a plain constraint error (storage-refused).
            if (isUniqueViolation(cause))
              throw new StaleStateError(`piece ${l.serial} is held by another live sale`, {
                soldTwice: true,
                cause,
              });
            throw cause;
          }
        }
        return;
      }
      case 'sale.voided':
        this.#expectOne(this.#run('voidSale', e.refund.minor, e.saleId), `sale ${e.saleId} already voided`);
        this.#run('freeLines', e.saleId);
        this.#run('cancelSalePayouts', o.at, e.saleId);
        return;
      case 'return.recorded':
        for (const serial of e.serials)
          this.#expectOne(this.#run('returnLine', e.saleId, serial), `line ${serial} already returned`);
        this.#run('refundSale', e.refunded.minor, e.saleId);
        this.#run('insertReturn', e.returnId, e.saleId, JSON.stringify(e.serials), e.refunded.minor, o.at);
        for (const serial of e.serials) this.#run('cancelPayout', o.at, e.saleId, serial);
        return;
      case 'order.opened':
        this.#run(
          'insertOrder',
          e.orderId,
          e.store,
          e.clientId,
          e.kind,
          e.description,
          e.total.currency,
          e.total.minor,
        );
        this.#run(
          'openWork',
          firstStage(e.kind),
          e.dueDate ?? null,
          e.claimCheck ?? null,
          o.userId,
          o.at,
          e.orderId,
        );
        return;
      case 'work.staged':
        this.#expectOne(
          this.#run('stageWork', e.to, e.total?.minor ?? null, e.orderId, e.from),
          `order ${e.orderId} is no longer at ${e.from}`,
        );
        this.#run(
          'insertStage',
          o.commandId,
          e.orderId,
          e.from,
          e.to,
          e.place ? JSON.stringify(e.place) : null,
          e.total?.minor ?? null,
          e.override?.by ?? null,
          e.override?.owedMinor ?? null,
          e.note ?? null,
          o.userId,
          o.at,
        );
        return;
      case 'deposit.recorded':
        this.#run(
          'insertPayment',
          e.depositId,
          e.orderId,
          'deposit',
          e.amount.minor,
          e.tender,
          o.at,
          e.reference ?? null,
          o.commandId,
          o.userId,
        );
        this.#run('payOrder', e.amount.minor, e.orderId);
        return;
      case 'deposit.refunded':
        this.#run(
          'insertPayment',
          e.refundId,
          e.orderId,
          'refund',
          e.amount.minor,
          null,
          o.at,
          null,
          o.commandId,
          o.userId,
        );
        this.#run('refundOrder', e.amount.minor, e.orderId);
        return;
      case 'count.recorded':
        // COUNT-5: the count's row holds the variance over every part so far; each part is kept.
        this.#expectOne(
          this.#run(
            'upsertCount',
            e.countId,
            o.commandId,
            e.store,
            o.userId,
            e.scope,
            e.wholeStore ? 1 : 0,
            e.found,
            JSON.stringify(e.missing),
            JSON.stringify(e.unexpected),
            o.at,
            e.location ? JSON.stringify(e.location) : null,
            e.wrongLocation ? JSON.stringify(e.wrongLocation) : null,
            e.parts ?? 1,
          ),
          `count ${e.countId} belongs to another store`,
        );
        this.#run(
          'insertCountPart',
          o.commandId,
          e.countId,
          e.store,
          o.userId,
          JSON.stringify(e.partFound ?? []),
          o.at,
        );
        return;
      case 'import.part-staged':
        if (e.part === 0)
          this.#run('startImport', e.importId, e.store, o.userId, e.source, e.parts, e.skipped.length, o.at);
        else
          this.#expectOne(
            this.#run('stageImport', e.skipped.length, e.importId, e.part),
            `import ${e.importId} is not at part ${e.part}`,
          );
        for (const piece of e.pieces)
          this.#run('insertImportRow', e.importId, piece.serial, JSON.stringify(piece));
        return;
      case 'pieces.imported': {
        const received = this.#run('receiveImport', e.store, e.importId);
        this.#expectOne(
          this.#run('finishImport', o.at, received, e.importId),
          `import ${e.importId} incomplete`,
        );
        return;
      }
      case 'pieces.relocated':
        for (const serial of e.serials)
          this.#expectOne(
            this.#run('relocate', JSON.stringify(e.location), serial, e.store),
            `piece ${serial} left the store`,
          );
        return;
      case 'conflict.resolved': {
        const resolution = JSON.stringify({ resolution: e.resolution, note: e.note, by: o.commandId });
        this.#expectOne(
          this.#run('resolve', o.userId, o.at, resolution, e.commandId),
          `conflict ${e.commandId} resolved`,
        );
        return;
      }
      case 'store.opened': {
        const st = e.store;
        this.#run(
          'insertStore',
          st.id,
          st.name,
          st.currency,
          st.timeZone,
          st.tax.basisPoints,
          st.tax.inclusive ? 1 : 0,
          JSON.stringify(st.address),
          st.phone ?? null,
        );
        this.#run('setStoreTaxCategories', JSON.stringify(st.tax.byCategory ?? []), st.id);
        this.#run('setStoreFooter', JSON.stringify(st.receiptFooter ?? []), st.id);
        if (st.reminderLeadDays !== undefined) this.#run('setStoreReminderDays', st.reminderLeadDays, st.id);
        return;
      }
      case 'store.updated': {
        const c = e.changes;
        this.#expectOne(
          this.#run(
            'updateStore',
            c.name ?? null,
            c.tax ? c.tax.basisPoints : null,
            c.tax ? (c.tax.inclusive ? 1 : 0) : null,
            c.timeZone ?? null,
            c.address ? JSON.stringify(c.address) : null,
            c.phone !== undefined ? 1 : 0,
            c.phone ?? null,
            e.storeId,
          ),
          `store ${e.storeId} is gone`,
        );
        // A new tax rule replaces the category rates with its own (none when it lists none).
        if (c.tax) this.#run('setStoreTaxCategories', JSON.stringify(c.tax.byCategory ?? []), e.storeId);
        if (c.receiptFooter) this.#run('setStoreFooter', JSON.stringify(c.receiptFooter), e.storeId);
        if (c.reminderLeadDays !== undefined)
          this.#run('setStoreReminderDays', c.reminderLeadDays, e.storeId);
        return;
      }
      case 'staff.added': {
        const m = e.member;
        this.#run('insertStaff', m.id, m.name, m.login, m.role, JSON.stringify(m.stores));
        if (!m.active) this.#run('setDisabled', 1, m.id, 0);
        return;
      }
      case 'staff.updated': {
        const c = e.changes;
        this.#expectOne(
          this.#run(
            'updateStaff',
            c.name ?? null,
            c.role ?? null,
            c.stores ? JSON.stringify(c.stores) : null,
            e.userId,
          ),
          `staff ${e.userId} is gone`,
        );
        return;
      }
      case 'staff.deactivated':
        this.#expectOne(this.#run('setDisabled', 1, e.userId, 0), `staff ${e.userId} is not active`);
        this.#run('revokeRefresh', o.at, e.userId);
        this.#run('revokeKeys', o.at, e.userId);
        return;
      case 'staff.reactivated':
        this.#expectOne(this.#run('setDisabled', 0, e.userId, 1), `staff ${e.userId} is active`);
        return;
      case 'capabilities.set':
        this.#run('setCapabilities', e.role, JSON.stringify(e.settings), o.userId, o.at);
        return;
      case 'exchange-rate.set':
        this.#run('setRate', e.rate.from, e.rate.to, e.rate.date, e.rate.rate, o.userId, o.at);
        return;
      case 'consignment.recorded': {
        const c = e.consignment;
        this.#run(
          'insertConsignment',
          e.serial,
          e.store,
          c.basis,
          c.owner.kind,
          c.owner.id,
          c.owner.name,
          JSON.stringify(c.terms),
          o.at,
          e.serial,
        );
        return;
      }
      case 'consignment.sold':
        this.#expectOne(
          this.#run(
            'insertPayout',
            e.saleId,
            e.serial,
            e.store,
            e.ownerId,
            e.payout.currency,
            e.soldBeforeTax.minor,
            e.payout.minor,
            o.at,
            e.serial,
          ),
          `piece ${e.serial} is no longer consigned`,
        );
        return;
      case 'consignment.returned':
        this.#expectOne(
          this.#run('returnConsignment', o.at, o.userId, e.serial),
          `${e.serial} not consigned`,
        );
        this.#expectOne(
          this.#run('removePiece', e.serial, e.from),
          `piece ${e.serial} is no longer ${e.from}`,
        );
        return;
      case 'client.merged': {
        // MERGE-5: every history line of the merged client names the survivor from now on.
        const moved = {
          sales: this.#ids('clientsSalesOf', e.mergedId),
          orders: this.#ids('clientsOrdersOf', e.mergedId),
          reservations: this.#ids('clientsReservedFor', e.mergedId),
        };
        this.#run('moveSales', e.survivorId, e.mergedId);
        this.#run('moveOrders', e.survivorId, e.mergedId);
        this.#run('moveReservations', e.survivorId, e.mergedId);
        this.#expectOne(
          this.#run('setClientStatus', 'merged', e.survivorId, e.mergedId),
          `client ${e.mergedId} is no longer active`,
        );
        this.#run('repointAliases', e.survivorId, e.mergedId);
        this.#run(
          'insertMerge',
          o.commandId,
          e.store,
          e.survivorId,
          e.mergedId,
          o.userId,
          o.at,
          JSON.stringify(e.picks),
          JSON.stringify(moved),
        );
        return;
      }
      case 'client.erased': {
        // PRIVACY-2: the sales stay, without their client.
        const sales = this.#ids('clientsSalesOf', e.clientId);
        this.#run('detachSales', e.clientId);
        this.#expectOne(
          this.#run('setClientStatus', 'erased', null, e.clientId),
          `client ${e.clientId} is no longer active`,
        );
        this.#run(
          'insertErasure',
          o.commandId,
          e.clientId,
          e.store,
          o.userId,
          o.at,
          e.reason,
          JSON.stringify(sales),
        );
        return;
      }
      case 'tiers.set':
        this.#run('setTiers', e.loyal.currency, e.loyal.minor, e.vip.minor, o.commandId, o.userId, o.at);
        return;
      case 'plan.set':
        this.#expectOne(
          this.#run(
            'setPlan',
            JSON.stringify(e.instalments.map((i) => ({ due: i.due, amountMinor: i.amount.minor }))),
            e.orderId,
          ),
          `order ${e.orderId} is not open`,
        );
        return;
      case 'layaway.opened':
        this.#run(
          'insertLayawayOrder',
          e.orderId,
          e.store,
          e.clientId,
          `Layaway of ${e.serial}`,
          e.total.currency,
          e.total.minor,
        );
        this.#run('insertLayaway', e.orderId, e.serial, e.saleId, e.net.minor, e.tax.minor);
        return;
      case 'layaway.completed':
      case 'layaway.cancelled':
        this.#expectOne(
          this.#run('closeOrder', e.type === 'layaway.completed' ? 'completed' : 'cancelled', e.orderId),
          `layaway ${e.orderId} is not open`,
        );
        this.#run('closeLayaway', e.orderId);
        return;
      case 'card.issued':
        this.#run(
          'insertCard',
          e.number,
          e.kind,
          e.store,
          e.clientId ?? null,
          e.amount.currency,
          e.amount.minor,
          e.amount.minor,
          e.how,
          o.at,
        );
        this.#cardMove(e.number, 'issue', e.amount.minor, e.store, e.source ?? null, o);
        return;
      case 'card.redeemed':
      case 'card.credited': {
        const delta = e.type === 'card.redeemed' ? -e.amount.minor : e.amount.minor;
        this.#expectOne(
          this.#run('moveCard', delta, e.number, e.amount.currency, delta),
          `card ${e.number} cannot move by ${delta}`,
        );
        this.#cardMove(
          e.number,
          e.type === 'card.redeemed' ? 'redeem' : 'credit',
          e.amount.minor,
          e.store,
          e.source,
          o,
        );
        return;
      }
      case 'trade-in.recorded':
        this.#run(
          'insertTradeIn',
          o.commandId,
          e.saleId,
          e.store,
          e.description,
          e.value.currency,
          e.value.minor,
          e.disposition,
          e.serial ?? null,
          o.at,
        );
        return;
      case 'day.closed':
        this.#run(
          'insertClose',
          e.closeId,
          o.commandId,
          e.store,
          e.day,
          e.till ?? '',
          e.expected.currency,
          e.float.minor,
          e.counted.minor,
          e.expected.minor,
          e.overShort.minor,
          JSON.stringify(e.takings),
          e.note ?? null,
          e.corrects ?? null,
          o.userId,
          o.at,
        );
        return;
      default:
        unreachable(e);
    }
  }
}
