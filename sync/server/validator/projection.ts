/**
 * Publishes decisions into the relay-owned documents (VAL-6): `ledger/<store>/<yyyy-mm>`
 * (the public `outcomes` map and the full entries), `catalog/<store>` (a piece's record, never
 * its cost, whenever a decision changes it), `stock/<store>`, `finance/<store>` and
 * `audit/<store>`. SQL is the truth; documents are its projection. The projected position is
 * advanced only after the documents are stored, so a crash in between re-projects on start
 * (writes are idempotent: keyed by command id, serial or sale id).
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { unreachable } from '../../../domain/assert.ts';
import type { DomainEvent } from '../../../domain/decision-types.ts';
import { names } from '../../shared/doc-names.ts';
import { type AuditEntry, appendAudit, auditEntries } from '../../shared/docs/audit.ts';
import { type FinanceSale, financeSales } from '../../shared/docs/finance.ts';
import { type LedgerEntry, ledgerEntries, outcomes, stockCounts } from '../../shared/docs/ledger.ts';
import { ORG_DOC, removeOrgRecord, writeStaffMember, writeStore } from '../../shared/docs/org.ts';
import { stockKeyValue } from '../../shared/docs/stock.ts';
import { CatalogSource, putCatalogPiece, removeCatalogPiece } from '../catalog-projection.ts';
import { OrgSource } from '../org-projection.ts';
import { writeRelayDoc } from '../relay-writes.ts';
import { putStock, type StockRow, stockEntry } from '../stock-projection.ts';
import type { Decision } from './decider.ts';

type Write = (doc: Y.Doc) => void;
/** A piece's row as the projector reads it: what its stock entry and its cost are made of. */
type PieceRow = StockRow;

export class Projector {
  readonly #db: DatabaseSync;
  readonly #piece: StatementSync;
  readonly #userName: StatementSync;
  readonly #since: StatementSync;
  readonly #advance: StatementSync;
  readonly #recent: StatementSync;
  readonly #saleRefunds: StatementSync;
  readonly #catalog: CatalogSource;
  readonly #org: OrgSource;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#catalog = new CatalogSource(db);
    this.#org = new OrgSource(db);
    this.#piece = db.prepare(
      'SELECT serial, store, status, reserved_for, reserved_until, record FROM pieces WHERE serial = ?',
    );
    this.#userName = db.prepare('SELECT name FROM users WHERE id = ?');
    this.#since = db.prepare(
      'SELECT * FROM commands WHERE seq > (SELECT projected_seq FROM projection WHERE id = 1) ORDER BY seq LIMIT ?',
    );
    this.#advance = db.prepare('UPDATE projection SET projected_seq = max(projected_seq, ?) WHERE id = 1');
    this.#saleRefunds = db.prepare('SELECT refunded_minor, voided FROM sales WHERE id = ?');
    this.#recent = db.prepare(
      `SELECT * FROM commands WHERE seq > (SELECT coalesce(max(seq), 0) FROM commands) - ?
       AND decided_at >= ? ORDER BY seq`,
    );
  }

  /** Decisions recorded in SQL but not yet known to be in the documents (after a crash). */
  /**
   * Decisions of the last minutes (at most `limit` of the newest). With several relay instances
   * the shared marker may have moved past a decision that a crashed instance never published;
   * re-publishing a recent window on start covers it (projection is idempotent).
   */
  recent(since: Date, limit = 20_000): Decision[] {
    return (this.#recent.all(limit, since.toISOString()) as Record<string, string | number | null>[]).map(
      rowToDecision,
    );
  }

  pending(limit = 5_000): Decision[] {
    return (this.#since.all(limit) as Record<string, string | number | null>[]).map(rowToDecision);
  }

  async project(hocuspocus: Hocuspocus, decisions: readonly Decision[]): Promise<void> {
    if (decisions.length === 0) return;
    const writes = new Map<string, Write[]>();
    const ledgerWrites = new Map<string, Write[]>();
    const add = (target: Map<string, Write[]>, name: string, w: Write) => {
      const list = target.get(name);
      if (list) list.push(w);
      else target.set(name, [w]);
    };
    for (const d of decisions) {
      const outcome = {
        status: d.status,
        ...(d.code ? { code: d.code } : {}),
        ...(d.reason ? { reason: d.reason } : {}),
        decidedAt: d.decidedAt,
      };
      // VAL-12: a rejection is also answered in the sender's own outbox, which it can always
      // read, whatever was wrong with the envelope (no store, another store, garbage).
      if (d.status === 'rejected')
        add(ledgerWrites, names.outbox(d.device), (doc) => setIfChanged(outcomes(doc), d.id, outcome));
      if (!d.store || !d.at) continue; // unreadable envelope: no ledger to publish in
      const store = d.store;
      const entry = this.#entry(d);
      add(ledgerWrites, names.ledger(store, d.at), (doc) => {
        setIfChanged(outcomes(doc), d.id, outcome);
        setIfChanged(ledgerEntries(doc), d.id, entry);
      });
      add(writes, names.audit(store), (doc) =>
        appendAuditOnce(doc, [
          {
            id: `cmd:${d.id}`,
            at: d.decidedAt,
            user: d.user ?? '',
            userName: this.#name(d.user),
            device: d.device,
            document: names.ledger(store, d.at ?? d.decidedAt),
            changes: { [d.type ?? 'command']: [d.id, d.code ?? d.status] },
          },
        ]),
      );
      for (const e of d.events) this.#eventWrites(d, e, (name, w) => add(writes, name, w));
    }
    // Stock and finance first: a till that sees the outcome also sees the piece as sold.
    // Documents of one group are written side by side (with Redis each store waits for its lock).
    for (const target of [writes, ledgerWrites])
      await Promise.all(
        [...target].map(([name, list]) =>
          // Kept warm (stored on the debounce, at most 10 s later): loading and unloading a
          // document per batch raced with other writers of it; a crash before the store is
          // covered by re-publishing the recent window on start (VAL-9).
          writeRelayDoc(
            hocuspocus,
            name,
            'validator',
            (doc) => {
              for (const w of list) w(doc);
            },
            { keepWarm: true },
          ),
        ),
      );
    const last = decisions[decisions.length - 1];
    if (last) this.#advance.run(last.seq);
  }

  #eventWrites(d: Decision, e: DomainEvent, add: (name: string, w: Write) => void): void {
    const stock = (serial: string) => {
      const row = this.#piece.get(serial) as PieceRow | undefined;
      if (!row) return;
      // The same entry a rebuild from SQL writes (stock-projection.ts, DOC-9).
      const entry = stockEntry(row, d.decidedAt);
      add(names.stock(row.store), (doc) => putStock(doc, serial, entry));
    };
    // The piece's record as SQL holds it now, in the catalog of the store that has it (DOC-5).
    const catalog = (serial: string) => {
      const found = this.#catalog.piece(serial);
      if (found) add(names.catalog(found.store), (doc) => putCatalogPiece(doc, found.record));
    };
    // A store or member of staff as SQL holds them now, in `org` (DOC-7): values, never increments.
    const store = (id: string) => {
      const record = this.#org.store(id);
      add(ORG_DOC, (doc) => (record ? writeStore(doc, record) : removeOrgRecord(doc, 'stores', id)));
    };
    const member = (id: string) => {
      const record = this.#org.member(id);
      add(ORG_DOC, (doc) => (record ? writeStaffMember(doc, record) : removeOrgRecord(doc, 'staff', id)));
    };
    switch (e.type) {
      case 'piece.status-changed':
        stock(e.serial);
        return;
      case 'store.opened':
        store(e.store.id);
        return;
      case 'store.updated':
        store(e.storeId);
        return;
      case 'staff.added':
        member(e.member.id);
        return;
      case 'staff.updated':
      case 'staff.deactivated':
      case 'staff.reactivated':
        member(e.userId);
        return;
      case 'piece.received':
        catalog(e.piece.serial);
        stock(e.piece.serial);
        return;
      case 'piece.updated':
      case 'price.changed':
        catalog(e.serial);
        return;
      case 'piece.moved':
        add(names.stock(e.fromStore), (doc) => stockKeyValue(doc).delete(e.serial));
        // Published again later (a restart) the piece may have moved on: never remove it from
        // the store that holds it now.
        if (this.#catalog.piece(e.serial)?.store !== e.fromStore)
          add(names.catalog(e.fromStore), (doc) => removeCatalogPiece(doc, e.serial));
        catalog(e.serial);
        stock(e.serial);
        return;
      case 'sale.recorded': {
        const cost = e.lines.reduce(
          (sum, l) => sum + costOf(this.#piece.get(l.serial) as PieceRow | undefined),
          0,
        );
        const net = e.total.minor - e.tax.minor;
        const now = this.#saleRefunds.get(e.saleId) as { refunded_minor: number; voided: number } | undefined;
        const sale: FinanceSale = {
          saleId: e.saleId,
          commandId: d.id,
          at: d.at ?? d.decidedAt,
          user: d.user ?? '',
          currency: e.total.currency,
          totalMinor: e.total.minor,
          taxMinor: e.tax.minor,
          costMinor: cost,
          marginMinor: net - cost,
          refundedMinor: Number(now?.refunded_minor ?? 0),
          voided: Number(now?.voided ?? 0) === 1,
        };
        add(names.finance(e.store), (doc) => setIfChanged(financeSales(doc), e.saleId, sale));
        return;
      }
      case 'sale.voided':
      case 'return.recorded': {
        // Absolute values from SQL, never increments: projecting twice must give the same document.
        const row = this.#saleRefunds.get(e.saleId) as { refunded_minor: number; voided: number } | undefined;
        if (!row) return;
        add(names.finance(e.store), (doc) => {
          const sales = financeSales(doc);
          const prev = sales.get(e.saleId);
          if (prev)
            setIfChanged(sales, e.saleId, {
              ...prev,
              refundedMinor: Number(row.refunded_minor),
              voided: Number(row.voided) === 1,
            });
        });
        return;
      }
      case 'order.opened':
      case 'deposit.recorded':
      case 'deposit.refunded':
        return; // balances live in SQL and in the ledger entries
      case 'count.recorded': {
        const record = {
          countId: e.countId,
          commandId: d.id,
          store: e.store,
          scope: e.scope,
          wholeStore: e.wholeStore,
          found: e.found,
          missing: [...e.missing],
          unexpected: [...e.unexpected],
          user: d.user ?? '',
          at: d.at ?? d.decidedAt,
        };
        add(names.ledger(e.store, d.at ?? d.decidedAt), (doc) => stockCounts(doc).set(e.countId, record));
        return;
      }
      case 'conflict.resolved': {
        // The resolution shows on the rejected entry, in that command's own ledger month; the entry
        // is rebuilt from SQL, so projecting the two in any order gives the same document.
        const row = this.#db.prepare('SELECT * FROM commands WHERE id = ?').get(e.commandId) as
          | Record<string, string | number | null>
          | undefined;
        if (!row) return;
        const rejected = rowToDecision(row);
        const entry = this.#entry(rejected);
        add(names.ledger(e.store, rejected.at ?? rejected.decidedAt), (doc) =>
          ledgerEntries(doc).set(e.commandId, entry),
        );
        return;
      }
      case 'day.closed':
        // The close is the decided command's ledger entry (its events carry the figures); the
        // printable report is read from SQL (GET /api/end-of-day).
        return;
      default:
        unreachable(e);
    }
  }

  #entry(d: Decision): LedgerEntry {
    const row = this.#db
      .prepare('SELECT envelope, resolved_by, resolved_at, resolution FROM commands WHERE id = ?')
      .get(d.id) as
      | {
          envelope: string;
          resolved_by: string | null;
          resolved_at: string | null;
          resolution: string | null;
        }
      | undefined;
    const envelope = row ? (JSON.parse(row.envelope) as { payload?: unknown }) : {};
    const resolved = row?.resolution
      ? (JSON.parse(row.resolution) as { resolution: string; note: string; by: string })
      : undefined;
    return {
      id: d.id,
      type: d.type ?? '',
      store: d.store ?? '',
      user: d.user ?? '',
      device: d.device,
      at: d.at ?? d.decidedAt,
      // The ledger reaches every till of the store: a received piece's cost stays in SQL (DOC-5).
      payload: withoutCost(envelope.payload ?? null),
      status: d.status,
      ...(d.code ? { code: d.code } : {}),
      ...(d.reason ? { reason: d.reason } : {}),
      ...(d.context ? { context: { ...d.context } } : {}),
      decidedAt: d.decidedAt,
      ...(resolved && row?.resolved_by && row.resolved_at
        ? {
            resolution: {
              resolution: resolved.resolution,
              note: resolved.note,
              by: row.resolved_by,
              at: row.resolved_at,
              commandId: resolved.by,
            },
          }
        : {}),
    };
  }

  #name(user: string | null): string {
    if (!user) return '';
    const row = this.#userName.get(user) as { name: string } | undefined;
    return row?.name ?? '';
  }
}

/** Re-projection after a restart writes what is already there: skip it so the document does not grow. */
function setIfChanged<T>(map: Y.Map<T>, key: string, value: T): void {
  const prev = map.get(key);
  if (prev === undefined || JSON.stringify(prev) !== JSON.stringify(value)) map.set(key, value);
}

/** Audit entries are appended once per id, even when a decision is published again. */
function appendAuditOnce(doc: Y.Doc, entries: AuditEntry[]): void {
  const fresh = entries.filter((e) => !auditIds(doc).has(e.id));
  if (fresh.length === 0) return;
  appendAudit(doc, fresh);
  for (const e of fresh) auditIds(doc).add(e.id);
}
const auditIdCache = new WeakMap<Y.Doc, Set<string>>();
function auditIds(doc: Y.Doc): Set<string> {
  let ids = auditIdCache.get(doc);
  if (!ids) {
    ids = new Set(
      auditEntries(doc)
        .toArray()
        .map((e) => e.id),
    );
    auditIdCache.set(doc, ids);
  }
  return ids;
}

/** The value with every `cost` key removed, at any depth: what a role without `view-cost` may read. */
export function withoutCost(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCost);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => key !== 'cost')
      .map(([key, v]) => [key, withoutCost(v)]),
  );
}

function parseRecord(json: string): Record<string, unknown> {
  try {
    const v = JSON.parse(json) as unknown;
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function costOf(row: PieceRow | undefined): number {
  const cost = row ? (parseRecord(row.record).cost as { minor?: unknown } | undefined) : undefined;
  return typeof cost?.minor === 'number' ? cost.minor : 0;
}

function rowToDecision(r: Record<string, string | number | null>): Decision {
  const s = (k: string) => (r[k] === null || r[k] === undefined ? null : String(r[k]));
  const code = s('code');
  const reason = s('reason');
  const context = s('context');
  return {
    seq: Number(r.seq),
    id: String(r.id),
    device: String(r.device),
    store: s('store'),
    user: s('user_id'),
    type: s('type'),
    at: s('at'),
    status: r.status === 'accepted' ? 'accepted' : 'rejected',
    ...(code ? { code: code as Decision['code'] & string } : {}),
    ...(reason ? { reason } : {}),
    ...(context ? { context: JSON.parse(context) } : {}),
    events: JSON.parse(String(r.events ?? '[]')),
    decidedAt: String(r.decided_at),
  };
}
