/**
 * `audit/<store>` — who changed what in the store's collaborative documents (AUDIT-*). Written by
 * the relay only, from the connection that sent each change.
 */
import type * as Y from 'yjs';
import { names } from '../doc-names.ts';

export const auditDoc = {
  kind: 'audit',
  name: names.audit,
  writer: 'relay',
  roots: { entries: 'entries' },
} as const;

/** One attribution (AUDIT-*). */
export type AuditEntry = {
  id: string;
  at: string;
  user: string;
  userName: string;
  device: string;
  document: string;
  /** Root collection and top-level keys touched, e.g. `clients: [clientId]`. */
  changes: Record<string, string[]>;
};

export const auditEntries = (doc: Y.Doc): Y.Array<AuditEntry> =>
  doc.getArray<AuditEntry>(auditDoc.roots.entries);

/** Relay only. */
export const appendAudit = (audit: Y.Doc, entries: AuditEntry[]): void => {
  auditEntries(audit).push(entries);
};
