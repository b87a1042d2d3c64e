/**
 * What a business day took (EOD-3), from the decided commands in SQL: every accepted sale, return,
 * void and deposit whose till time falls in the store's day (its time zone), by tender kind, for
 * one till (the device that sent them) or the whole store. A sale made offline belongs to the day
 * it was made, not the day it was decided.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { dayBounds } from '../../../domain/business-day.ts';
import type { DayCloseState, DayTakings } from '../../../domain/decision-types.ts';
import type { UserId } from '../../../domain/ids.ts';
import type { Currency } from '../../../domain/money.ts';

type Row = { type: string; device: string; envelope: string };
type Tender = { kind?: unknown; amount?: { minor?: unknown } };

const MONEY_TYPES = ['sale.complete', 'sale.return', 'sale.void', 'deposit.take', 'deposit.refund'];

export class DayTakingsReader {
  readonly #store: StatementSync;
  readonly #commands: StatementSync;
  readonly #saleTenders: StatementSync;
  readonly #close: StatementSync;

  constructor(db: DatabaseSync) {
    this.#store = db.prepare('SELECT currency, time_zone FROM stores WHERE id = ?');
    this.#commands = db.prepare(
      `SELECT type, device, envelope FROM commands
       WHERE store = ? AND status = 'accepted' AND at >= ? AND at < ?
         AND type IN (${MONEY_TYPES.map(() => '?').join(', ')})
       ORDER BY seq`,
    );
    this.#saleTenders = db.prepare(
      "SELECT envelope FROM commands WHERE type = 'sale.complete' AND status = 'accepted' AND json_extract(envelope, '$.payload.saleId') = ?",
    );
    this.#close = db.prepare(
      `SELECT id, user_id, at FROM day_closes WHERE store = ? AND day = ? AND till = ?
       ORDER BY seq DESC LIMIT 1`,
    );
  }

  takings(store: string, day: string, till: string | undefined): DayTakings | undefined {
    const s = this.#store.get(store) as { currency: string; time_zone: string } | undefined;
    if (!s) return undefined;
    const { start, end } = dayBounds(day, s.time_zone);
    const byTender: Record<string, { in: number; out: number }> = {};
    const add = (kind: unknown, minor: unknown, way: 'in' | 'out') => {
      if (typeof kind !== 'string' || typeof minor !== 'number') return;
      const t = byTender[kind] ?? { in: 0, out: 0 };
      t[way] += minor;
      byTender[kind] = t;
    };
    let sales = 0;
    let returns = 0;
    let voids = 0;
    for (const raw of this.#commands.iterate(store, start, end, ...MONEY_TYPES)) {
      const row = raw as Row;
      if (till !== undefined && row.device !== till) continue;
      const payload = (JSON.parse(row.envelope) as { payload?: Record<string, unknown> }).payload ?? {};
      switch (row.type) {
        case 'sale.complete':
          sales++;
          for (const t of (payload.tenders as Tender[] | undefined) ?? []) add(t.kind, t.amount?.minor, 'in');
          break;
        case 'sale.return':
          returns++;
          for (const t of (payload.refunds as Tender[] | undefined) ?? [])
            add(t.kind, t.amount?.minor, 'out');
          break;
        case 'sale.void': {
          // A void gives back what the sale took, in the tenders it was paid with.
          voids++;
          const sale = this.#saleTenders.get(payload.saleId as string) as { envelope: string } | undefined;
          const paid = sale
            ? ((JSON.parse(sale.envelope) as { payload?: { tenders?: Tender[] } }).payload?.tenders ?? [])
            : [];
          for (const t of paid) add(t.kind, t.amount?.minor, 'out');
          break;
        }
        case 'deposit.take':
          add(payload.tender, (payload.amount as { minor?: unknown } | undefined)?.minor, 'in');
          break;
        case 'deposit.refund':
          add('cash', (payload.amount as { minor?: unknown } | undefined)?.minor, 'out');
          break;
      }
    }
    return { currency: s.currency as Currency, byTender, sales, returns, voids };
  }

  close(store: string, day: string, till: string | undefined): DayCloseState | undefined {
    const row = this.#close.get(store, day, till ?? '') as
      | { id: string; user_id: string; at: string }
      | undefined;
    return row ? { closeId: row.id, by: row.user_id as UserId, at: row.at } : undefined;
  }
}
