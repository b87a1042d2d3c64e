/**
 * `clients/<store>` — the store's client book, edited live by its staff (DOC-*, ACCESS-*); every
 * change is attributed in `audit/<store>`. A record is the domain `ClientProfile`, parsed with the
 * domain's parser at the edge.
 */
import type * as Y from 'yjs';
import { type ClientProfile, parseClient } from '../../../domain/client.ts';
import { names } from '../doc-names.ts';

export type ClientRecord = ClientProfile;

export const clientsDoc = {
  kind: 'clients',
  name: names.clients,
  writer: 'staff',
  roots: { clients: 'clients' },
} as const;

export const clientBook = (doc: Y.Doc): Y.Map<ClientRecord> =>
  doc.getMap<ClientRecord>(clientsDoc.roots.clients);

export function parseClientRecord(value: unknown): ClientRecord | undefined {
  const r = parseClient(value);
  return r.ok ? r.value : undefined;
}

export const readClient = (clients: Y.Doc, id: string): ClientRecord | undefined =>
  parseClientRecord(clientBook(clients).get(id));

export const writeClient = (clients: Y.Doc, client: ClientRecord): void => {
  clientBook(clients).set(client.id, client);
};
