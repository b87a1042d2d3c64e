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
import { mergeProfiles } from '../../../domain/client-merge.ts';
import type { DomainEvent } from '../../../domain/decision-types.ts';
import { parseStoredSaleTax } from '../../../domain/sale-tax-record.ts';
import { names } from '../../shared/doc-names.ts';
import { type AuditEntry, appendAudit, auditEntries } from '../../shared/docs/audit.ts';
import { catalogConsignments, consignmentValue } from '../../shared/docs/catalog.ts';
import {
  clientBook,
  clientTombstone,
  dismissedPairs,
  markClientErased,
  markClientMerged,
  readClient,
  writeClient,
} from '../../shared/docs/clients.ts';
import { type FinanceSale, financeSales } from '../../shared/docs/finance.ts';
import { type LedgerEntry, ledgerEntries, outcomes, stockCounts } from '../../shared/docs/ledger.ts';
import { moneyCards, moneyOrders } from '../../shared/docs/money.ts';
import {
  ORG_DOC,
  removeOrgRecord,
  writeRate,
  writeRoleSettings,
  writeStaffMember,
  writeStore,
  writeTiers,
} from '../../shared/docs/org.ts';
import { stockJobs, stockKeyValue } from '../../shared/docs/stock.ts';
import { liveConsignment, roleSettingsOf } from '../backoffice-source.ts';
import { CatalogSource, putCatalogPiece, removeCatalogPiece } from '../catalog-projection.ts';
import { MoneySource } from '../money-projection.ts';
import { OrgSource } from '../org-projection.ts';
import { writeRelayDoc } from '../relay-writes.ts';
import { putStock, type StockRow, stockEntry, stockFrom } from '../stock-projection.ts';
import { WorkSource } from '../work-projection.ts';
import type { Decision } from './decider.ts';

type Write = (doc: Y.Doc) => void;
/** A piece's row as the projector reads it: what its stock entry and its cost are made of. */
type PieceRow = StockRow;

export class Projector {
  readonly #db: DatabaseSync;
  readonly #piece: StatementSync;
  /** TRANSIT-2: the last transfer of a piece (validator-020's `transits`). */
  readonly #lastTransit: StatementSync;
  readonly #userName: StatementSync;
  readonly #since: StatementSync;
  readonly #advance: StatementSync;
  readonly #recent: StatementSync;
  readonly #recentOf: StatementSync;
  readonly #saleRefunds: StatementSync;
  readonly #saleTax: StatementSync;
  readonly #catalog: CatalogSource;
  readonly #client: StatementSync;
  readonly #naming: StatementSync;
  readonly #reservedFor: StatementSync;
  readonly #org: OrgSource;
  readonly #work: WorkSource;
  readonly #money: MoneySource;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#money = new MoneySource(db);
    this.#catalog = new CatalogSource(db);
    this.#org = new OrgSource(db);
    this.#work = new WorkSource(db);
    // TRANSIT-4: with the store an in-transit piece comes from, as a rebuild reads it.
    this.#piece = db.prepare(`SELECT ${stockFrom(db)} WHERE p.serial = ?`);
    this.#lastTransit = db.prepare(
      'SELECT from_store, to_store, received_at FROM transits WHERE serial = ? ORDER BY id DESC LIMIT 1',
    );
    this.#userName = db.prepare('SELECT name FROM users WHERE id = ?');
    this.#since = db.prepare(
      'SELECT * FROM commands WHERE seq > (SELECT projected_seq FROM projection WHERE id = 1) ORDER BY seq LIMIT ?',
    );
    this.#advance = db.prepare('UPDATE projection SET projected_seq = max(projected_seq, ?) WHERE id = 1');
    this.#saleRefunds = db.prepare('SELECT refunded_minor, voided FROM sales WHERE id = ?');
    this.#saleTax = db.prepare('SELECT tax_rates FROM sales WHERE id = ? AND command_id = ?');
    this.#client = db.prepare('SELECT status, merged_into FROM client_directory WHERE id = ?');
    // A merge or erasure is rare: finding the commands that name a client may read them all.
    this.#naming = db.prepare(
      `SELECT * FROM commands WHERE status = 'accepted'
       AND type IN ('sale.complete', 'order.open', 'reservation.place')
       AND json_extract(envelope, '$.payload.clientId') = ? ORDER BY seq`,
    );
    this.#reservedFor = db.prepare('SELECT serial FROM pieces WHERE reserved_for = ?');
    this.#recent = db.prepare(
      `SELECT * FROM commands WHERE seq > (SELECT coalesce(max(seq), 0) FROM commands) - ?
       AND decided_at >= ? ORDER BY seq`,
    );
    // A range of the rowid, then the device: no index on device needed (XINST-5).
    this.#recentOf = db.prepare(
      `SELECT * FROM commands WHERE seq > (SELECT coalesce(max(seq), 0) FROM commands) - ?
       AND decided_at >= ? AND device = ? ORDER BY seq`,
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

  /**
   * XINST-5: one device's decisions of the last minutes (within the newest `window` commands).
   * When a till's outbox is opened on an instance, these are published again: another instance
   * that decided them may have died before publishing their outcomes, and the till would wait.
   */
  recentOf(device: string, since: Date, window = 20_000): Decision[] {
    return (
      this.#recentOf.all(window, since.toISOString(), device) as Record<string, string | number | null>[]
    ).map(rowToDecision);
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
    // Records read whole from SQL when written (money/<store>): one write per record per batch.
    const once = new Set<string>();
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
      for (const e of d.events) this.#eventWrites(d, e, (name, w) => add(writes, name, w), once);
    }
    // Client books first (MERGE-6, PRIVACY-3): a till that sees the ledger re-pointed finds the
    // survivor (or the erasure) already in its book.
    for (const d of decisions)
      for (const e of d.events)
        if (e.type === 'client.merged' || e.type === 'client.erased')
          await this.#publishClient(hocuspocus, d, e);
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

  #eventWrites(
    d: Decision,
    e: DomainEvent,
    add: (name: string, w: Write) => void,
    once: Set<string> = new Set(),
  ): void {
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
    const job = (orderId: string) => {
      const found = this.#work.job(orderId);
      if (found) add(names.stock(found.store), (doc) => setIfChanged(stockJobs(doc), orderId, found.job));
    };
    // MONEY-13: an order's or a card's whole record as SQL holds it now, in `money/<store>`.
    const order = (id: string) => {
      if (once.has(`order:${id}`)) return;
      once.add(`order:${id}`);
      const found = this.#money.order(id);
      if (!found) return;
      const { store: at, ...record } = found;
      add(names.money(at), (doc) => setIfChanged(moneyOrders(doc), id, record));
    };
    const card = (number: string) => {
      if (once.has(`card:${number}`)) return;
      once.add(`card:${number}`);
      const found = this.#money.card(number);
      if (!found) return;
      for (const at of this.#money.cardStores(found))
        add(names.money(at), (doc) => setIfChanged(moneyCards(doc), number, found));
    };
    switch (e.type) {
      case 'plan.set':
      case 'layaway.opened':
      case 'layaway.completed':
      case 'layaway.cancelled':
        order(e.orderId);
        return;
      case 'card.issued':
      case 'card.redeemed':
      case 'card.credited':
        card(e.number);
        return;
      case 'trade-in.recorded':
        return; // in SQL (trade_ins) and the ledger entry; a kept piece arrives by piece.received
      case 'piece.status-changed': {
        stock(e.serial);
        // TRANSIT-2: received (or otherwise out of transit) at the destination: the sender's
        // in-transit entry and record go, unless the piece is back at the sender.
        if (e.from !== 'in-transit') return;
        const t = this.#lastTransit.get(e.serial) as
          | { from_store: string; received_at: string | null }
          | undefined;
        if (!t?.received_at || this.#catalog.piece(e.serial)?.store === t.from_store) return;
        add(names.stock(t.from_store), (doc) => stockKeyValue(doc).delete(e.serial));
        add(names.catalog(t.from_store), (doc) => removeCatalogPiece(doc, e.serial));
        return;
      }
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
      case 'piece.moved': {
        // TRANSIT-2: while the destination has not received it, the sender keeps the piece in its
        // catalog and stock as in transit to that store; published again later (a restart) after
        // it arrived, it leaves the sender as before — never the store that holds it now.
        const row = this.#piece.get(e.serial) as PieceRow | undefined;
        const found = this.#catalog.piece(e.serial);
        if (row && found && row.status === 'in-transit' && row.store === e.toStore) {
          const entry = stockEntry(
            { ...row, store: e.fromStore, transit_to: e.toStore, transit_from: null },
            d.decidedAt,
          );
          add(names.stock(e.fromStore), (doc) => putStock(doc, e.serial, entry));
          add(names.catalog(e.fromStore), (doc) => putCatalogPiece(doc, found.record));
        } else {
          add(names.stock(e.fromStore), (doc) => stockKeyValue(doc).delete(e.serial));
          if (found?.store !== e.fromStore)
            add(names.catalog(e.fromStore), (doc) => removeCatalogPiece(doc, e.serial));
        }
        catalog(e.serial);
        stock(e.serial);
        return;
      }
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
      case 'work.staged':
        // WORK-7: the job's stage, moves and balance as SQL holds them now, for every device.
        // MONEY-13: the balance devices show; WORK-7: the job's stage and moves.
        order(e.orderId);
        job(e.orderId);
        if (e.type === 'work.staged' && e.override)
          add(names.audit(e.store), (doc) =>
            appendAuditOnce(doc, [
              {
                id: `override:${d.id}`,
                at: d.decidedAt,
                user: e.override?.by ?? '',
                userName: this.#name(e.override?.by ?? null),
                device: d.device,
                document: names.stock(e.store),
                changes: { 'work.collected-with-balance': [e.orderId, String(e.override?.owedMinor ?? 0)] },
              },
            ]),
          );
        return;
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
          ...(e.location ? { location: { ...e.location }, wrongLocation: [...(e.wrongLocation ?? [])] } : {}),
          ...(e.parts ? { parts: e.parts } : {}),
        };
        add(names.ledger(e.store, d.at ?? d.decidedAt), (doc) => stockCounts(doc).set(e.countId, record));
        return;
      }
      case 'tiers.set': {
        // TIER-5: the currency's thresholds as SQL holds them now.
        const record = this.#org.tier(e.loyal.currency);
        const currency = e.loyal.currency;
        add(ORG_DOC, (doc) => (record ? writeTiers(doc, record) : removeOrgRecord(doc, 'tiers', currency)));
        return;
      }
      case 'import.part-staged':
        return; // held by the relay until the import's last part (IMPORT-2)
      case 'pieces.imported': {
        // Every staged piece became stock at once: each shows in the catalog and stock (DOC-5).
        const rows = this.#db
          .prepare('SELECT serial FROM piece_import_rows WHERE import_id = ?')
          .all(e.importId) as {
          serial: string;
        }[];
        for (const r of rows) {
          catalog(r.serial);
          stock(r.serial);
        }
        return;
      }
      case 'pieces.relocated':
        for (const serial of e.serials) {
          catalog(serial);
          stock(serial);
        }
        return;
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
      case 'capabilities.set': {
        const settings = roleSettingsOf(this.#db, e.role);
        add(ORG_DOC, (doc) => writeRoleSettings(doc, e.role, settings));
        return;
      }
      case 'exchange-rate.set': {
        const rate = e.rate;
        add(ORG_DOC, (doc) => writeRate(doc, rate));
        return;
      }
      case 'consignment.recorded': {
        // As SQL holds it now: a consignment returned since is not published again.
        const row = liveConsignment(this.#db, e.serial);
        if (!row) return;
        add(names.catalog(row.store), (doc) =>
          setIfChanged(
            catalogConsignments(doc),
            e.serial,
            consignmentValue({ ...row.consignment, receivedAt: row.receivedAt }),
          ),
        );
        return;
      }
      case 'consignment.sold':
        return; // the payout lives in SQL, for the statement (GET /api/consignments)
      case 'consignment.returned':
        if (this.#piece.get(e.serial)) return; // received again since: that decision publishes it
        add(names.stock(e.store), (doc) => stockKeyValue(doc).delete(e.serial));
        add(names.catalog(e.store), (doc) => {
          removeCatalogPiece(doc, e.serial);
          catalogConsignments(doc).delete(e.serial);
        });
        return;
      case 'client.merged': {
        // MERGE-6: reservations now held for the survivor; every ledger entry naming the merged
        // client is published again, naming the survivor (#entry resolves it).
        for (const r of this.#reservedFor.all(e.survivorId) as { serial: string }[]) stock(r.serial);
        this.#republishNaming(e.mergedId, add);
        return;
      }
      case 'client.erased':
        // PRIVACY-3: the client's sales are published again without their client.
        this.#republishNaming(e.clientId, add);
        return;
      case 'day.closed':
        // The close is the decided command's ledger entry (its events carry the figures); the
        // printable report is read from SQL (GET /api/end-of-day).
        return;
      default:
        unreachable(e);
    }
  }

  /** Every accepted sale, order and reservation naming `clientId`, its ledger entry rebuilt. */
  #republishNaming(clientId: string, add: (name: string, w: Write) => void): void {
    for (const row of this.#naming.all(clientId) as Record<string, string | number | null>[]) {
      const d = rowToDecision(row);
      if (!d.store || !d.at) continue;
      const entry = this.#entry(d);
      add(names.ledger(d.store, d.at), (doc) => setIfChanged(ledgerEntries(doc), d.id, entry));
    }
  }

  /** A merge or erasure as the client book, its audit and SQL's record of it show it. */
  async #publishClient(
    hocuspocus: Hocuspocus,
    d: Decision,
    e: Extract<DomainEvent, { type: 'client.merged' | 'client.erased' }>,
  ): Promise<void> {
    const at = d.at ?? d.decidedAt;
    if (e.type === 'client.merged') {
      let profiles: { survivor: unknown; merged: unknown } | undefined;
      await writeRelayDoc(hocuspocus, names.clients(e.store), 'client-merge', (doc) => {
        if (clientTombstone(clientBook(doc).get(e.mergedId))) return; // published already
        const survivor = readClient(doc, e.survivorId);
        const merged = readClient(doc, e.mergedId);
        profiles = { survivor: survivor ?? null, merged: merged ?? null };
        if (survivor && merged) {
          const result = mergeProfiles(survivor, merged, e.picks);
          if (result.ok) writeClient(doc, result.value);
        }
        markClientMerged(doc, e.mergedId, e.survivorId, at);
        dropDismissals(doc, e.mergedId);
      });
      if (!profiles) return;
      const snapshot = profiles;
      this.#db
        .prepare(
          'UPDATE client_merges SET survivor_before = ?, merged_before = ? WHERE command_id = ? AND survivor_before IS NULL',
        )
        .run(JSON.stringify(snapshot.survivor), JSON.stringify(snapshot.merged), d.id);
      await writeRelayDoc(hocuspocus, names.audit(e.store), 'client-merge', (doc) =>
        appendAuditOnce(doc, [
          {
            id: `merge:${d.id}`,
            at: d.decidedAt,
            user: d.user ?? '',
            userName: this.#name(d.user),
            device: d.device,
            document: names.clients(e.store),
            changes: { clients: [e.survivorId, e.mergedId] },
            profiles: snapshot,
          },
        ]),
      );
      return;
    }
    await writeRelayDoc(hocuspocus, names.clients(e.store), 'client-erase', (doc) => {
      if (clientTombstone(clientBook(doc).get(e.clientId))?.format !== 'erased')
        markClientErased(doc, e.clientId, at);
      dropDismissals(doc, e.clientId);
    });
    this.#db.prepare('UPDATE client_merges SET survivor_before = NULL WHERE survivor_id = ?').run(e.clientId);
    this.#db.prepare('UPDATE client_merges SET merged_before = NULL WHERE merged_id = ?').run(e.clientId);
    await writeRelayDoc(hocuspocus, names.audit(e.store), 'client-erase', (doc) =>
      scrubAudit(doc, e.clientId),
    );
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
    const saleTax =
      d.type === 'sale.complete' && d.status === 'accepted' ? this.#recordedTax(d, envelope) : {};
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
      // A merged client reads as its survivor, an erased one is detached from a sale (MERGE-6, PRIVACY-3).
      payload: this.#clientResolved(d.type, ledgerPayload(d.type, envelope.payload ?? null)),
      status: d.status,
      ...(d.code ? { code: d.code } : {}),
      ...(d.reason ? { reason: d.reason } : {}),
      ...(d.context ? { context: { ...d.context } } : {}),
      decidedAt: d.decidedAt,
      ...saleTax,
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

  /** TAXCAT-7: what the sale charged per rate, as SQL recorded it (none for an older sale). */
  #recordedTax(d: Decision, envelope: { payload?: unknown }): Pick<LedgerEntry, 'saleTax'> {
    const p = envelope.payload as { saleId?: unknown } | null | undefined;
    if (typeof p?.saleId !== 'string') return {};
    const row = this.#saleTax.get(p.saleId, d.id) as { tax_rates: string | null } | undefined;
    if (!row?.tax_rates) return {};
    // Stored by the validator from the domain's record: read back through the same parser.
    const parsed = parseStoredSaleTax(row.tax_rates);
    return parsed ? { saleTax: parsed } : {};
  }

  #clientResolved(type: string | null, payload: unknown): unknown {
    if (typeof payload !== 'object' || payload === null) return payload;
    const p = payload as Record<string, unknown>;
    if (typeof p.clientId !== 'string') return payload;
    const row = this.#client.get(p.clientId) as { status: string; merged_into: string | null } | undefined;
    if (row?.status === 'merged' && row.merged_into) return { ...p, clientId: row.merged_into };
    if (row?.status === 'erased' && type === 'sale.complete') {
      const { clientId: _gone, ...rest } = p;
      return rest;
    }
    return payload;
  }

  #name(user: string | null): string {
    if (!user) return '';
    const row = this.#userName.get(user) as { name: string } | undefined;
    return row?.name ?? '';
  }
}

/** Dismissed pairs naming a client that is gone (merged or erased) are no longer needed. */
function dropDismissals(doc: Y.Doc, clientId: string): void {
  const map = dismissedPairs(doc);
  for (const key of [...map.keys()]) if (key.split('|').includes(clientId)) map.delete(key);
}

/**
 * PRIVACY-3: the client's values leave the audit: field values recorded for them and a merge's
 * copy of their profile. What was done, by whom and when stays (paths only).
 */
export function scrubAudit(doc: Y.Doc, clientId: string): number {
  const entries = auditEntries(doc);
  const list = entries.toArray();
  let scrubbed = 0;
  doc.transact(() => {
    for (let i = list.length - 1; i >= 0; i--) {
      const e = list[i];
      if (!e) continue;
      const values = e.values
        ? Object.fromEntries(Object.entries(e.values).filter(([k]) => !k.startsWith(`${clientId}.`)))
        : undefined;
      const profiles = e.profiles
        ? {
            survivor: profileIdOf(e.profiles.survivor) === clientId ? null : e.profiles.survivor,
            merged: profileIdOf(e.profiles.merged) === clientId ? null : e.profiles.merged,
          }
        : undefined;
      const changedValues = values && Object.keys(values).length !== Object.keys(e.values ?? {}).length;
      const changedProfiles =
        profiles && (profiles.survivor !== e.profiles?.survivor || profiles.merged !== e.profiles?.merged);
      if (!changedValues && !changedProfiles) continue;
      const { values: _v, profiles: _p, ...rest } = e;
      const next = {
        ...rest,
        ...(values && Object.keys(values).length > 0 ? { values } : {}),
        ...(profiles ? { profiles } : {}),
      };
      entries.delete(i, 1);
      entries.insert(i, [next]);
      scrubbed++;
    }
  });
  return scrubbed;
}

const profileIdOf = (p: unknown): unknown =>
  typeof p === 'object' && p !== null ? (p as { id?: unknown }).id : undefined;

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

/**
 * What a ledger entry shows of a command's payload: never a cost (DOC-5); for a bulk import, a
 * summary (its pieces are in the catalog once received: IMPORT-2), so a month's ledger stays small.
 */
export function ledgerPayload(type: string | null, payload: unknown): unknown {
  if (type === 'piece.import' && typeof payload === 'object' && payload !== null) {
    const p = payload as {
      importId?: unknown;
      source?: unknown;
      part?: unknown;
      parts?: unknown;
      pieces?: unknown;
    };
    return {
      importId: p.importId,
      source: p.source,
      part: p.part,
      parts: p.parts,
      pieces: Array.isArray(p.pieces) ? p.pieces.length : 0,
    };
  }
  return withoutCost(payload);
}
