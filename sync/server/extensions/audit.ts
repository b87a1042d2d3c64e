/**
 * Attribution (AUDIT-*): Yjs records no author, but the relay knows which connection sent
 * each change. Every change to a collaborative document (org, clients/*, work/*)
 * becomes an entry in `audit/<store>`: user, device, time, document, keys changed.
 * `org` is chain-wide; its changes are recorded in the audit of every store in the editor's
 * token. `catalog/<store>` is relay-owned: its changes come from commands, audited as decisions.
 */
import type { afterLoadDocumentPayload, Extension, Hocuspocus } from '@hocuspocus/server';
import type * as Y from 'yjs';
import { uuidv7 } from '../../../domain/ids.ts';
import { COLLABORATIVE, names, parseDocName, storeOf } from '../../shared/doc-names.ts';
import type { AuditEntry } from '../../shared/docs/audit.ts';
import { appendAudit } from '../../shared/docs/audit.ts';
import type { AuditLog, LoggedEntry } from '../audit-log.ts';
import { isClientContext } from '../context.ts';
import { writeRelayDoc } from '../relay-writes.ts';
import { clientFieldValues } from './field-values.ts';

/** How long attributions gather before one write per audit document. */
const AUDIT_FLUSH_MS = 50;

export class AuditExtension implements Extension {
  extensionName = 'loupe-audit';
  private instance: Hocuspocus | undefined;
  private queue = new Map<string, AuditEntry[]>();
  /** Entries for SQL (AUDIT-4), each once whatever the number of stores it is audited in. */
  private logged: LoggedEntry[] = [];
  private readonly log: AuditLog | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private scheduled = false;
  /** Set at shutdown: later writes are stored at once instead of on the debounce. */
  closing = false;

  constructor(log?: AuditLog) {
    this.log = log;
  }

  async afterLoadDocument({ document, documentName, instance }: afterLoadDocumentPayload): Promise<void> {
    this.instance = instance;
    const parsed = parseDocName(documentName);
    if (!parsed.ok || !COLLABORATIVE.has(parsed.value.kind)) return;
    const home = storeOf(parsed.value);
    document.on('afterTransaction', (tr: Y.Transaction) => {
      const origin = tr.origin as { source?: string; connection?: { context?: unknown } } | null;
      if (origin?.source !== 'connection') return;
      const context = origin.connection?.context;
      if (!isClientContext(context)) return;
      const changes = changedKeys(document, tr);
      if (Object.keys(changes).length === 0) return;
      const { user } = context;
      const values = parsed.value.kind === 'clients' ? clientFieldValues(document, tr) : {};
      const entry: AuditEntry = {
        id: uuidv7(),
        at: new Date().toISOString(),
        user: user.sub,
        userName: user.name,
        device: user.device,
        document: documentName,
        changes,
        ...(Object.keys(values).length > 0 ? { values } : {}),
      };
      const stores = home ? [home] : user.stores;
      if (this.log) this.logged.push({ entry, stores });
      for (const store of stores) this.enqueue(names.audit(store), entry);
    });
  }

  /** Resolves once every queued entry is written (tests and shutdown wait on it). */
  async idle(): Promise<void> {
    while (this.scheduled || this.queue.size > 0) {
      await this.flushing;
      await new Promise((r) => setImmediate(r));
    }
    await this.flushing;
  }

  private enqueue(auditDoc: string, entry: AuditEntry): void {
    const list = this.queue.get(auditDoc) ?? [];
    list.push(entry);
    this.queue.set(auditDoc, list);
    if (this.scheduled) return;
    this.scheduled = true;
    // One write per audit document per burst, not one per keystroke, and off the path of the
    // edit itself: the change is broadcast first, its attribution follows a moment later.
    setTimeout(() => {
      this.scheduled = false;
      this.flushing = this.flushing.then(() => this.flush());
    }, AUDIT_FLUSH_MS);
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = new Map();
    const logged = this.logged;
    this.logged = [];
    if (this.log && logged.length > 0) {
      try {
        this.log.record(logged);
      } catch (e) {
        console.error(`audit: could not record ${logged.length} entries in SQL`, e);
      }
    }
    const instance = this.instance;
    if (!instance) return;
    for (const [name, entries] of batch) {
      try {
        await writeRelayDoc(instance, name, 'audit', (doc) => appendAudit(doc, entries), {
          keepWarm: !this.closing,
        });
      } catch (e) {
        console.error(`audit: could not write ${entries.length} entries to ${name}`, e);
      }
    }
  }
}

type YType = Y.Transaction['changed'] extends Map<infer K, Set<string | null>> ? K : never;

/** How deep a change is named: `<client id>.<field>` in the client book, a record's key elsewhere. */
const AUDIT_DEPTH = 2;

/**
 * Root collection → paths touched in this transaction, at most two keys deep: a record's key
 * (`<id>`) when the record itself was set or deleted, `<id>.<field>` when a field of a record
 * stored field by field changed (the client book, AUDIT-3: a list entry or a notes edit is named
 * by its field). Plain JSON records are named by their key, as before.
 */
export function changedKeys(doc: Y.Doc, tr: Y.Transaction): Record<string, string[]> {
  const roots = new Map<YType, string>();
  for (const [name, type] of doc.share) roots.set(type, name);
  const out: Record<string, Set<string>> = {};
  for (const [type, keys] of tr.changed) {
    // The keys from the root down to this type; a type inside an array has no key: cut there.
    let path: string[] = [];
    let t: YType = type;
    while (t._item !== null) {
      const key = t._item.parentSub;
      path = key === null ? [] : [key, ...path];
      t = t._item.parent as YType;
    }
    const root = roots.get(t);
    if (root === undefined) continue;
    const set = out[root] ?? new Set<string>();
    out[root] = set;
    const add = (p: string[]) => {
      if (p.length > 0) set.add(p.slice(0, AUDIT_DEPTH).join('.'));
    };
    if (path.length >= AUDIT_DEPTH || (t !== type && path.length === 0)) add(path);
    else for (const k of keys) add(k === null ? path : [...path, k]);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v].sort()]));
}
