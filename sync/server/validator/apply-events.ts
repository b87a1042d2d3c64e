/**
 * Writes a decision's events into the SQL read model, inside the deciding transaction. The
 * statements re-check what decide assumed (a piece's current status, one live line per
 * serial, balances within CHECKs), so a second relay instance racing on the same file cannot
 * make both decisions stick (VAL-3): the loser's transaction fails and is decided again.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { unreachable } from '../../../domain/assert.ts';
import type { DomainEvent } from '../../../domain/decision-types.ts';

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
        `INSERT INTO sales (id, command_id, store, client_id, user_id, currency, tax_minor, total_minor, paid_minor, tenders, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      insertPayment: p(
        'INSERT INTO order_payments (id, order_id, kind, amount_minor, tender, at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      payOrder: p('UPDATE orders SET paid_minor = paid_minor + ? WHERE id = ?'),
      refundOrder: p('UPDATE orders SET refunded_minor = refunded_minor + ? WHERE id = ?'),
      insertCount: p(
        `INSERT INTO stock_counts (id, command_id, store, user_id, scope, whole_store, found, missing, unexpected, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
        return;
      case 'return.recorded':
        for (const serial of e.serials)
          this.#expectOne(this.#run('returnLine', e.saleId, serial), `line ${serial} already returned`);
        this.#run('refundSale', e.refunded.minor, e.saleId);
        this.#run('insertReturn', e.returnId, e.saleId, JSON.stringify(e.serials), e.refunded.minor, o.at);
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
        return;
      case 'deposit.recorded':
        this.#run('insertPayment', e.depositId, e.orderId, 'deposit', e.amount.minor, e.tender, o.at);
        this.#run('payOrder', e.amount.minor, e.orderId);
        return;
      case 'deposit.refunded':
        this.#run('insertPayment', e.refundId, e.orderId, 'refund', e.amount.minor, null, o.at);
        this.#run('refundOrder', e.amount.minor, e.orderId);
        return;
      case 'count.recorded':
        this.#run(
          'insertCount',
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
