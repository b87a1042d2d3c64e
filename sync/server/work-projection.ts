/**
 * A custom order or repair as SQL holds it (WORK-7): what the relay projects into the store's
 * `stock/<store>` document (root `jobs`) and what the client status page shows (LINK-*).
 * Absolute values read from SQL, never increments, so projecting twice gives the same document.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type * as Y from 'yjs';
import { type JobMove, type JobState, stockJobs } from '../shared/docs/stock.ts';

type Row = Record<string, string | number | null>;
const s = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export type JobPayment = {
  id: string;
  kind: 'deposit' | 'refund';
  amountMinor: number;
  tender: string | null;
  at: string;
};

export class WorkSource {
  readonly #order: StatementSync;
  readonly #moves: StatementSync;
  readonly #payments: StatementSync;

  constructor(db: DatabaseSync) {
    this.#order = db.prepare(
      `SELECT id, store, client_id, kind, description, currency, total_minor, paid_minor, refunded_minor,
              stage, due_date, claim_check, opened_at FROM orders WHERE id = ?`,
    );
    this.#moves = db.prepare(
      `SELECT s.*, u.name AS user_name FROM order_stages s LEFT JOIN users u ON u.id = s.user_id
       WHERE s.order_id = ? ORDER BY s.at, s.command_id`,
    );
    this.#payments = db.prepare(
      'SELECT id, kind, amount_minor, tender, at FROM order_payments WHERE order_id = ? ORDER BY at, id',
    );
  }

  /** The job and the store it belongs to, or undefined when there is no such order. */
  job(orderId: string): { store: string; job: JobState } | undefined {
    const r = this.#order.get(orderId) as Row | undefined;
    if (!r) return undefined;
    const kind = r.kind === 'repair' ? 'repair' : 'custom';
    const paid = Number(r.paid_minor) - Number(r.refunded_minor);
    const total = Number(r.total_minor);
    const moves: JobMove[] = (this.#moves.all(orderId) as Row[]).map((m) => ({
      stage: String(m.to_stage),
      from: String(m.from_stage),
      at: String(m.at),
      user: String(m.user_id),
      userName: s(m.user_name) ?? '',
      ...(m.place ? { place: JSON.parse(String(m.place)) as JobMove['place'] } : {}),
      ...(m.override_by ? { override: { by: String(m.override_by), owedMinor: Number(m.owed_minor) } } : {}),
      ...(m.note ? { note: String(m.note) } : {}),
    }));
    return {
      store: String(r.store),
      job: {
        orderId,
        kind,
        clientId: String(r.client_id),
        description: String(r.description),
        stage: s(r.stage) ?? (kind === 'repair' ? 'received' : 'consultation'),
        dueDate: s(r.due_date),
        claimCheck: s(r.claim_check),
        currency: String(r.currency),
        totalMinor: total,
        paidMinor: paid,
        balanceMinor: Math.max(0, total - paid),
        openedAt: s(r.opened_at),
        moves,
      },
    };
  }

  /** Every payment and refund on the order, oldest first (the statement, LINK-3). */
  payments(orderId: string): JobPayment[] {
    return (this.#payments.all(orderId) as Row[]).map((p) => ({
      id: String(p.id),
      kind: p.kind === 'refund' ? 'refund' : 'deposit',
      amountMinor: Number(p.amount_minor),
      tender: s(p.tender),
      at: String(p.at),
    }));
  }
}

/** Makes `stock/<store>`'s `jobs` say exactly what SQL says (rebuild, DOC-9); returns how many changed. */
export function syncJobs(db: DatabaseSync, doc: Y.Doc, store: string): number {
  const source = new WorkSource(db);
  const ids = (db.prepare('SELECT id FROM orders WHERE store = ?').all(store) as { id: string }[]).map(
    (r) => r.id,
  );
  const jobs = stockJobs(doc);
  let changes = 0;
  doc.transact(() => {
    const want = new Set(ids);
    for (const id of [...jobs.keys()])
      if (!want.has(id)) {
        jobs.delete(id);
        changes++;
      }
    for (const id of ids) {
      const found = source.job(id);
      if (!found) continue;
      if (JSON.stringify(jobs.get(id)) === JSON.stringify(found.job)) continue;
      jobs.set(id, found.job);
      changes++;
    }
  });
  return changes;
}
