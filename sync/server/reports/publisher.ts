/**
 * Publishes the rollups into `report/<store>` and `report/chain` (REPORT-9): after each batch of
 * decisions the days and stores they changed are written again from SQL, at most `delayMs`
 * (250 ms) after the first change, so an owner's screen moves within a second or two of a sale
 * in any store, pushed over the websocket. Values are absolute (read from SQL), never increments:
 * publishing twice gives the same document.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { addDays, localDay } from '../../../domain/report.ts';
import { CHAIN_REPORT_DOC, names } from '../../shared/doc-names.ts';
import {
  dayKey,
  REPORT_DAYS,
  type ReportDay,
  type ReportMeta,
  type ReportStock,
  type ReportStore,
  reportDays,
  reportMeta,
  reportStock,
} from '../../shared/docs/report.ts';
import { writeRelayDoc } from '../relay-writes.ts';
import { dayRows, reportStores, stockRows } from './queries.ts';
import { reportingRates } from './rates.ts';
import type { Touched } from './rollups.ts';

type Write = (doc: Y.Doc) => void;

export type PublisherOptions = { delayMs?: number; now?: () => Date };

export class ReportPublisher {
  readonly #db: DatabaseSync;
  readonly #hocuspocus: () => Hocuspocus;
  readonly #delayMs: number;
  readonly #now: () => Date;
  #pending: Touched = { days: new Set(), stockStores: new Set() };
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(db: DatabaseSync, hocuspocus: () => Hocuspocus, options: PublisherOptions = {}) {
    this.#db = db;
    this.#hocuspocus = hocuspocus;
    this.#delayMs = options.delayMs ?? 250;
    this.#now = options.now ?? (() => new Date());
  }

  /** Days and stores a decision changed: published within `delayMs` (a burst shares one write). */
  touched(t: Touched): void {
    if (this.#stopped || (t.days.size === 0 && t.stockStores.size === 0)) return;
    for (const d of t.days) this.#pending.days.add(d);
    for (const s of t.stockStores) this.#pending.stockStores.add(s);
    // Throttled, not re-armed: a steady stream of sales still publishes every `delayMs`.
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      void this.#chain(() => this.#flush());
    }, this.#delayMs);
  }

  /** Every store's last REPORT_DAYS days and stock (on start, and to prune days that fell out). */
  async publishAll(): Promise<void> {
    await this.#chain(async () => {
      const stores = reportStores(this.#db);
      const today = this.#chainToday(stores);
      const from = addDays(today, -REPORT_DAYS);
      const days = dayRows(this.#db, { from, to: addDays(today, 1) });
      const stock = stockRows(this.#db, today);
      const perStore = new Map<string, Write[]>();
      const add = (store: string, w: Write) => {
        const list = perStore.get(store);
        if (list) list.push(w);
        else perStore.set(store, [w]);
      };
      const chain: Write[] = [];
      const keep = new Set(days.map((d) => dayKey(d.store, d.day)));
      for (const d of days) {
        const w: Write = (doc) => setIfChanged(reportDays(doc), dayKey(d.store, d.day), d);
        add(d.store, w);
        chain.push(w);
      }
      for (const s of stock) {
        const w: Write = (doc) => setIfChanged(reportStock(doc), s.store, s);
        add(s.store, w);
        chain.push(w);
      }
      const prune: Write = (doc) => {
        for (const key of [...reportDays(doc).keys()]) if (!keep.has(key)) reportDays(doc).delete(key);
      };
      const meta = this.#meta(stores);
      for (const s of stores) add(s.id, prune);
      await this.#write(perStore, [...chain, prune], meta);
    });
  }

  /** Resolves when nothing is waiting to be published. */
  async idle(): Promise<void> {
    while (this.#timer || this.#running) {
      if (this.#timer) {
        clearTimeout(this.#timer);
        this.#timer = undefined;
        void this.#chain(() => this.#flush());
      }
      await this.#running;
    }
  }

  async stop(): Promise<void> {
    await this.idle();
    this.#stopped = true;
  }

  #chain(fn: () => Promise<void>): Promise<void> {
    const next = (this.#running ?? Promise.resolve())
      // A relay closed under a pending write (tests, shutdown): nothing left to publish to.
      .then(() => (this.#db.isOpen ? fn() : undefined))
      .catch((e) => {
        if (this.#db.isOpen) console.error('reports: publishing failed', e);
      });
    const mine = next.finally(() => {
      if (this.#running === mine) this.#running = undefined;
    });
    this.#running = mine;
    return mine;
  }

  async #flush(): Promise<void> {
    const pending = this.#pending;
    this.#pending = { days: new Set(), stockStores: new Set() };
    if (pending.days.size === 0 && pending.stockStores.size === 0) return;
    const stores = reportStores(this.#db);
    const perStore = new Map<string, Write[]>();
    const chain: Write[] = [];
    const add = (store: string, w: Write) => {
      const list = perStore.get(store);
      if (list) list.push(w);
      else perStore.set(store, [w]);
      chain.push(w);
    };
    const byStore = new Map<string, string[]>();
    for (const key of pending.days) {
      const [store, day] = key.split('|');
      if (!store || !day) continue;
      byStore.set(store, [...(byStore.get(store) ?? []), day]);
    }
    for (const [store, days] of byStore) {
      const sorted = days.sort();
      const rows = dayRows(this.#db, {
        from: sorted[0] ?? '',
        to: sorted[sorted.length - 1] ?? '',
        stores: [store],
      });
      const wanted = new Set(sorted);
      for (const d of rows)
        if (wanted.has(d.day)) add(store, (doc) => setIfChanged(reportDays(doc), dayKey(store, d.day), d));
    }
    if (pending.stockStores.size > 0) {
      const today = this.#chainToday(stores);
      for (const s of stockRows(this.#db, today, [...pending.stockStores]))
        add(s.store, (doc) => setIfChanged(reportStock(doc), s.store, s));
    }
    await this.#write(perStore, chain, this.#meta(stores));
  }

  async #write(perStore: Map<string, Write[]>, chain: Write[], meta: ReportMeta): Promise<void> {
    const hocuspocus = this.#hocuspocus();
    const metaWrite: Write = (doc) => reportMeta(doc).set('meta', meta);
    const storeMeta = (store: string): ReportMeta => ({
      ...meta,
      stores: meta.stores.filter((s) => s.id === store),
    });
    await Promise.all([
      writeRelayDoc(
        hocuspocus,
        CHAIN_REPORT_DOC,
        'reports',
        (doc) => {
          for (const w of chain) w(doc);
          metaWrite(doc);
        },
        { keepWarm: true },
      ),
      ...[...perStore].map(([store, writes]) =>
        writeRelayDoc(
          hocuspocus,
          names.report(store),
          'reports',
          (doc) => {
            for (const w of writes) w(doc);
            reportMeta(doc).set('meta', storeMeta(store));
          },
          { keepWarm: true },
        ),
      ),
    ]);
  }

  #meta(stores: readonly ReportStore[]): ReportMeta {
    const rates = reportingRates(this.#db);
    return {
      updatedAt: this.#now().toISOString(),
      reportingCurrency: rates.currency,
      rates: rates.rates,
      stores: [...stores],
    };
  }

  /** The latest local day among the stores (stock ages count from it). */
  #chainToday(stores: readonly ReportStore[]): string {
    const now = this.#now();
    return stores.reduce(
      (max, s) => {
        const d = localDay(now, s.timeZone);
        return d > max ? d : max;
      },
      localDay(now, 'UTC'),
    );
  }
}

function setIfChanged<T>(map: Y.Map<T>, key: string, value: T): void {
  const prev = map.get(key);
  if (prev === undefined || JSON.stringify(prev) !== JSON.stringify(value)) map.set(key, value);
}

export type { ReportDay, ReportStock };
