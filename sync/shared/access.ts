/**
 * Who may open which document, and how (ACCESS-*). The relay applies this per connection;
 * the client uses it to know which documents to open and which to treat as read-only.
 */

import { atLeast, type Role } from '../../domain/roles.ts';
import { COLLABORATIVE, type DocName, parseDocName, RELAY_OWNED } from './doc-names.ts';

export type Access = 'read-write' | 'read-only' | 'refused';

export type AccessSubject = {
  readonly id: string;
  readonly role: Role;
  readonly stores: readonly string[];
  readonly device: string;
};

export function accessFor(user: AccessSubject, documentName: string): Access {
  const parsed = parseDocName(documentName);
  if (!parsed.ok) return 'refused';
  return accessForDoc(user, parsed.value);
}

export function accessForDoc(user: AccessSubject, doc: DocName): Access {
  if ('store' in doc && user.role !== 'owner' && !user.stores.includes(doc.store)) return 'refused';
  switch (doc.kind) {
    case 'clients':
    case 'work':
      return 'read-write';
    case 'finance':
    case 'report':
      return atLeast(user.role, 'manager') ? 'read-only' : 'refused';
    // REPORT-8: every store's figures together are the owners' alone.
    case 'chain-report':
      return user.role === 'owner' ? 'read-only' : 'refused';
    case 'org':
    case 'catalog':
    case 'stock':
    case 'ledger':
    case 'audit':
    case 'money':
      return 'read-only';
    case 'outbox':
      return doc.device === user.device ? 'read-write' : 'refused';
  }
}

export { COLLABORATIVE, RELAY_OWNED };
