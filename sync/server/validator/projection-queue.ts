/**
 * PERF-1: projections of a staff-edited book (the client directory, the client search rows) are
 * written off the path of the edit. Each Yjs transaction only notes the client ids it touched;
 * one projection pass per book runs once the edits pause (`delayMs` without a new one), and at
 * the latest `maxDelayMs` after the first pending edit, so a steady stream of edits is still
 * projected. The relay forwards an edit before any of this SQL runs, and a burst of edits costs
 * one transaction (one disk sync) instead of one each (docs/decisions/0022).
 *
 * Decisions read the directory (a merge of a client just created): `flushProjections(db)` runs
 * every pending pass on that database at once, and the decider calls it before deciding.
 * Unloading a book and stopping the relay flush it too, so nothing noted is left unwritten.
 */
import type { DatabaseSync } from 'node:sqlite';
import type * as Y from 'yjs';

/** Quiet time after an edit before its book is projected (ms). */
export const PROJECTION_DELAY_MS = 30;
/** Longest an edit waits for its projection while edits keep coming (ms). */
export const PROJECTION_MAX_DELAY_MS = 300;

export type ProjectionPass = (store: string, doc: Y.Doc, ids: ReadonlySet<string>) => void;

type Pending = { store: string; doc: Y.Doc; ids: Set<string>; since: number; last: number };

const MAX_FAILURES = 3;

const queuesOf = new WeakMap<DatabaseSync, Set<ProjectionQueue>>();

/** Runs every pending projection pass on `db` now (before a decision reads what they write). */
export function flushProjections(db: DatabaseSync): void {
  const queues = queuesOf.get(db);
  if (queues) for (const q of queues) q.flush();
}

export class ProjectionQueue {
  readonly #db: DatabaseSync;
  readonly #name: string;
  readonly #pass: ProjectionPass;
  readonly #delay: number;
  readonly #maxDelay: number;
  readonly #pending = new Map<string, Pending>();
  readonly #failures = new Map<string, number>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** How many passes ran (tests: a burst of edits is projected once). */
  passes = 0;

  constructor(
    db: DatabaseSync,
    name: string,
    pass: ProjectionPass,
    options: { delayMs?: number; maxDelayMs?: number } = {},
  ) {
    this.#db = db;
    this.#name = name;
    this.#pass = pass;
    this.#delay = options.delayMs ?? PROJECTION_DELAY_MS;
    this.#maxDelay = Math.max(this.#delay, options.maxDelayMs ?? PROJECTION_MAX_DELAY_MS);
    let queues = queuesOf.get(db);
    if (!queues) {
      queues = new Set();
      queuesOf.set(db, queues);
    }
    queues.add(this);
  }

  /** Notes that `ids` of `documentName` (the book of `store`) changed; projected a moment later. */
  add(documentName: string, store: string, doc: Y.Doc, ids: Iterable<string>): void {
    const now = performance.now();
    let p = this.#pending.get(documentName);
    if (!p || p.doc !== doc) {
      if (p) this.flush(documentName); // the book was reloaded: finish the old copy's pass first
      p = { store, doc, ids: new Set(), since: now, last: now };
      this.#pending.set(documentName, p);
    }
    for (const id of ids) p.ids.add(id);
    p.last = now;
    if (this.#timer === undefined) this.#arm(this.#delay);
  }

  /** Ids waiting for their pass, all books together. */
  get size(): number {
    let n = 0;
    for (const p of this.#pending.values()) n += p.ids.size;
    return n;
  }

  /** Runs the pending pass of one book, or of every book, now. */
  flush(documentName?: string): void {
    const names = documentName === undefined ? [...this.#pending.keys()] : [documentName];
    for (const name of names) this.#run(name);
    if (this.#pending.size === 0 && this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    } else if (this.#pending.size > 0 && this.#timer === undefined) this.#arm(this.#delay);
  }

  #run(name: string): void {
    const p = this.#pending.get(name);
    if (!p) return;
    this.#pending.delete(name);
    if (p.ids.size === 0) return;
    try {
      this.#pass(p.store, p.doc, p.ids);
      this.passes++;
      this.#failures.delete(name);
    } catch (e) {
      if (!this.#db.isOpen) return;
      // A busy database (another writer held the lock past its timeout): tried again a moment
      // later with what was noted meanwhile. After a few failures the ids are let go: loading the
      // book again projects it whole (both projections do), so nothing stays wrong for good.
      const failures = (this.#failures.get(name) ?? 0) + 1;
      console.error(`${this.#name}: projection of ${name} failed (${failures})`, e);
      if (failures >= MAX_FAILURES) {
        this.#failures.delete(name);
        return;
      }
      this.#failures.set(name, failures);
      const now = performance.now();
      const again = this.#pending.get(name);
      if (again && again.doc === p.doc) for (const id of p.ids) again.ids.add(id);
      else this.#pending.set(name, { ...p, since: now, last: now });
    }
  }

  /** Flushes and stops (the relay is shutting down). */
  close(): void {
    if (this.#db.isOpen) this.flush();
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending.clear();
    queuesOf.get(this.#db)?.delete(this);
  }

  #arm(ms: number): void {
    this.#timer = setTimeout(() => this.#due(), Math.max(1, ms));
  }

  /** The timer: books quiet for `delay` (or pending for `maxDelay`) are projected; the rest wait on. */
  #due(): void {
    this.#timer = undefined;
    if (!this.#db.isOpen) {
      this.#pending.clear();
      return;
    }
    const dueAt = (p: Pending) => Math.min(p.last + this.#delay, p.since + this.#maxDelay);
    const now = performance.now();
    for (const [name, p] of [...this.#pending]) if (dueAt(p) <= now + 0.5) this.#run(name);
    // The books still editing, and a failed pass put back (due a full delay from now).
    let next = Number.POSITIVE_INFINITY;
    for (const p of this.#pending.values()) next = Math.min(next, dueAt(p) - performance.now());
    if (this.#pending.size > 0) this.#arm(next);
  }
}
