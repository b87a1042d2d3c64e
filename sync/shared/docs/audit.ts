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
  /**
   * FIELDHIST-1: for a client's scalar field (`clients/<store>` only), path `<id>.<field>` → the
   * value before, the value this change wrote, and whether it is the one that stayed (`false`: a
   * concurrent edit of the same field won; the value is kept here so it can be restored).
   */
  values?: Record<string, { before: unknown; after: unknown; kept: boolean }>;
  /** MERGE-7: a merge's two profiles as the relay held them just before it (erased with them, PRIVACY-3). */
  profiles?: { survivor: unknown; merged: unknown };
};

export const auditEntries = (doc: Y.Doc): Y.Array<AuditEntry> =>
  doc.getArray<AuditEntry>(auditDoc.roots.entries);

/** Relay only. */
export const appendAudit = (audit: Y.Doc, entries: AuditEntry[]): void => {
  auditEntries(audit).push(entries);
};
