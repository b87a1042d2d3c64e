/**
 * Writers for relay-owned documents (stock, ledger, finance, audit). Only relay code
 * imports this; the device client never does (see guard.ts).
 */

import { YKeyValue } from 'y-utility/y-keyvalue';
import type * as Y from 'yjs';
import type { Outcome, StockEntry } from './local-types.ts';
import { type AuditEntry, auditEntries, outcomes, type StockItem, stockArray } from './records.ts';

// YKeyValue observes its array; one instance per document avoids stacking observers.
const kvCache = new WeakMap<Y.Doc, YKeyValue<StockEntry>>();

/** Stock through YKeyValue: rewriting a status replaces the entry instead of growing the document. */
export function stockKeyValue(doc: Y.Doc): YKeyValue<StockEntry> {
  let kv = kvCache.get(doc);
  if (!kv) {
    kv = new YKeyValue<StockEntry>(stockArray(doc));
    kvCache.set(doc, kv);
  }
  return kv;
}

export function writeStock(doc: Y.Doc, entries: Iterable<[string, StockEntry]>): void {
  const kv = stockKeyValue(doc);
  doc.transact(() => {
    for (const [serial, entry] of entries) kv.set(serial, entry);
  });
}

export const writeOutcome = (ledger: Y.Doc, commandId: string, outcome: Outcome): void => {
  outcomes(ledger).set(commandId, outcome);
};

export const appendAudit = (audit: Y.Doc, entries: AuditEntry[]): void => {
  auditEntries(audit).push(entries);
};

export type { StockItem };
