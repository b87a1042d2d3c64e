/**
 * Client book decisions the relay takes once (MERGE-*, PRIVACY-*): merging a duplicate into the
 * client who stays, erasing a client on their request. Managers (and owners) only; both clients
 * in the book of the store the command is made for.
 */
import type { CommandOf } from './commands.ts';
import { authorize, reject } from './decide-common.ts';
import type { ClientState, DecisionState, DomainEvent, Rejection } from './decision-types.ts';
import type { ClientId, StoreId } from './ids.ts';
import { ok, type Result } from './result.ts';

type Decision = Result<DomainEvent[], Rejection>;

/** The client, in this store's book, neither merged nor erased. */
function liveClientHere(
  state: DecisionState,
  store: StoreId,
  clientId: ClientId,
  role: 'survivor' | 'merged' | 'client',
): Result<ClientState, Rejection> {
  const client = state.client?.(clientId);
  if (!client)
    return reject('client-unknown', 'No such client is in the client book; it may not have synced yet.', {
      clientId,
      role,
    });
  if (client.store !== store)
    return reject(
      'client-at-other-store',
      "This client belongs to another store's client book; do this from that store.",
      { clientId, role, clientStore: client.store },
    );
  if (client.status !== 'active')
    return reject(
      'client-gone',
      client.status === 'merged'
        ? 'This client was already merged into another one; open the client they were merged into.'
        : 'This client was erased; there is nothing left to change.',
      { clientId, role, status: client.status, mergedInto: client.mergedInto ?? null },
    );
  return ok(client);
}

/** MERGE-3, MERGE-4: `mergedId`'s history moves to `survivorId`; its record becomes a pointer. */
export function decideClientMerge(state: DecisionState, c: CommandOf<'client.merge'>): Decision {
  const actor = authorize(state, c, 'manage-clients');
  if (!actor.ok) return actor;
  const p = c.payload;
  if (p.survivorId === p.mergedId)
    return reject('client-same', 'A client cannot be merged into itself; pick two different clients.', {
      clientId: p.survivorId,
    });
  const survivor = liveClientHere(state, c.store, p.survivorId, 'survivor');
  if (!survivor.ok) return survivor;
  const merged = liveClientHere(state, c.store, p.mergedId, 'merged');
  if (!merged.ok) return merged;
  return ok([
    { type: 'client.merged', store: c.store, survivorId: p.survivorId, mergedId: p.mergedId, picks: p.picks },
  ]);
}

/** PRIVACY-2: the client's personal data goes; their sales stay, detached. */
export function decideClientErase(state: DecisionState, c: CommandOf<'client.erase'>): Decision {
  const actor = authorize(state, c, 'manage-clients');
  if (!actor.ok) return actor;
  const client = liveClientHere(state, c.store, c.payload.clientId, 'client');
  if (!client.ok) return client;
  return ok([
    { type: 'client.erased', store: c.store, clientId: c.payload.clientId, reason: c.payload.reason },
  ]);
}
