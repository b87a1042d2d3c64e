/**
 * The validator as a Hocuspocus extension: every change to an `outbox/<device>` document
 * schedules that outbox; one drain loop decides new commands (CommandDecider) and projects
 * the outcomes (Projector). Decisions are serialised in this process; across processes the
 * SQLite write lock and the schema's constraints keep them exactly-once (VAL-1..3).
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Extension, Hocuspocus, onChangePayload, onConfigurePayload } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { parseDocName } from '../../shared/doc-names.ts';
import { commands } from '../../shared/docs/outbox.ts';
import type { DocumentStore } from '../document-store.ts';
import type { ReminderOptions } from '../instalment-reminders.ts';
import { ReportPublisher } from '../reports/publisher.ts';
import type { MailOptions } from '../work-mail.ts';
import { CommandDecider, type Decision } from './decider.ts';
import { Projector } from './projection.ts';

export type ValidatorOptions = {
  now?: () => Date;
  onDecided?: (decisions: readonly Decision[]) => void;
  /** Mail to clients about their orders and repairs (MAIL-*); defaults from the environment. */
  mail?: MailOptions;
  /** Keep the report rollups (ROLLUP-2); default on unless LOUPE_ROLLUPS=off. */
  rollups?: boolean;
  /** At most this long from a decision to its figures in the report documents (REPORT-9, default 250 ms). */
  reportDelayMs?: number;
  /** Instalment reminders (DUEMAIL-*): clock, lead days, interval; defaults from the environment. */
  reminders?: ReminderOptions;
};

/** How far back decisions are re-published on start (see Projector.recent). */
const RECENT_WINDOW_MS = 5 * 60_000;

export class ValidatorExtension implements Extension {
  extensionName = 'loupe-validator';
  readonly decider: CommandDecider;
  readonly projector: Projector;
  /** Writes the rollups into `report/<store>` and `report/chain` after decisions (REPORT-9). */
  readonly reports: ReportPublisher;
  /** Where outboxes are stored (SQLite or PostgreSQL): listed at start to catch up. */
  readonly #documents: DocumentStore;
  readonly #onDecided: ValidatorOptions['onDecided'];
  readonly #pending = new Map<string, Y.Doc>();
  /** Outboxes opened on this instance since their last drain: their recent outcomes are published again (XINST-5). */
  readonly #opened = new Set<string>();
  #instance: Hocuspocus | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;

  constructor(db: DatabaseSync, documents: DocumentStore, options: ValidatorOptions = {}) {
    this.#documents = documents;
    this.decider = new CommandDecider(db, {
      ...(options.now ? { now: options.now } : {}),
      ...(options.rollups === undefined ? {} : { rollups: options.rollups }),
    });
    this.projector = new Projector(db);
    this.reports = new ReportPublisher(db, () => this.#hocuspocus(), {
      ...(options.reportDelayMs === undefined ? {} : { delayMs: options.reportDelayMs }),
      ...(options.now ? { now: options.now } : {}),
    });
    this.#onDecided = options.onDecided;
  }

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.#instance = instance;
  }

  /** After a crash: publish what SQL decided but the documents may have missed, then catch up
   *  with every stored outbox (commands that arrived but were not decided). */
  async onListen(): Promise<void> {
    const instance = this.#hocuspocus();
    // Rollups that lag their tables (seeded pieces, a run with rollups off) are rebuilt first (ROLLUP-6).
    if (this.decider.rollups.enabled) {
      this.decider.rollups.ensureFresh();
      await this.reports.publishAll();
    }
    // The store's debounce is at most 10 s; a few minutes covers any instance's unstored writes.
    const recent = this.projector.recent(new Date(Date.now() - RECENT_WINDOW_MS));
    for (let i = 0; i < recent.length; i += 2_000)
      await this.projector.project(instance, recent.slice(i, i + 2_000));
    for (let batch = this.projector.pending(); batch.length > 0; batch = this.projector.pending())
      await this.projector.project(instance, batch);
    for (const name of await this.#documents.list('outbox/')) {
      const connection = await instance.openDirectConnection(name, {
        relay: true,
        purpose: 'validator-recovery',
      });
      if (connection.document) this.#schedule(name, connection.document);
      await this.idle();
      await connection.disconnect();
    }
  }

  async afterLoadDocument({
    documentName,
    document,
  }: {
    documentName: string;
    document: Y.Doc;
  }): Promise<void> {
    const parsed = parseDocName(documentName);
    if (parsed.ok && parsed.value.kind === 'outbox') this.#opened.add(parsed.value.device);
    this.#schedule(documentName, document);
  }

  async onChange({ documentName, document }: onChangePayload): Promise<void> {
    this.#schedule(documentName, document);
  }

  /** Resolves when every scheduled outbox has been decided and projected. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
    await this.reports.idle();
  }

  /** Stop taking work and finish what was started (before the relay shuts down). */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.idle();
    await this.reports.stop();
  }

  #schedule(documentName: string, document: Y.Doc): void {
    if (this.#stopped) return;
    const parsed = parseDocName(documentName);
    if (!parsed.ok || parsed.value.kind !== 'outbox') return;
    this.#pending.set(parsed.value.device, document);
    this.#kick();
  }

  #kick(): void {
    if (this.#running) return;
    this.#running = this.#drain().finally(() => {
      this.#running = undefined;
      // An outbox scheduled between the drain's last check and here would otherwise wait for
      // its next change: the command would never be answered.
      if (this.#pending.size > 0 && !this.#stopped) this.#kick();
    });
  }

  async #drain(): Promise<void> {
    // Yield once so a burst of updates to the same outbox coalesces into one pass.
    await Promise.resolve();
    while (this.#pending.size > 0) {
      const batch = [...this.#pending];
      this.#pending.clear();
      const decisions: Decision[] = [];
      // XINST-5: outcomes another instance decided for a till that just opened its outbox here,
      // published again (idempotent) in case that instance died before publishing them.
      const again: Decision[] = [];
      for (const [device, doc] of batch) {
        if (this.#opened.delete(device))
          again.push(...this.projector.recentOf(device, new Date(Date.now() - RECENT_WINDOW_MS)));
        try {
          decisions.push(...this.decider.decideOutbox(device, commands(doc).toArray()));
        } catch (e) {
          // A storage failure (disk full, locked too long): nothing was recorded for the failed
          // command, the position did not move; it is retried on the outbox's next change.
          console.error(`validator: outbox ${device} not processed`, e);
        }
      }
      if (again.length > 0) await this.projector.project(this.#hocuspocus(), again);
      if (decisions.length === 0) continue;
      await this.projector.project(this.#hocuspocus(), decisions);
      this.reports.touched(this.decider.rollups.drainTouched());
      this.#onDecided?.(decisions);
    }
  }

  #hocuspocus(): Hocuspocus {
    if (!this.#instance) throw new Error('validator used before Hocuspocus configured it');
    return this.#instance;
  }
}
