/**
 * Presence comes from the connection, not from what a device claims (PRESENCE-3): every
 * awareness state a device sends is stamped with the user, name and device of the session that
 * authenticated the connection, so nobody can appear as someone else. A state that is not an
 * object, or larger than a presence needs, is dropped (awareness is never stored).
 */
import type { beforeHandleAwarenessPayload, Extension } from '@hocuspocus/server';
import { isClientContext } from '../context.ts';

/** A presence (`sync/shared/presence.ts`) is well under this once serialised. */
export const MAX_PRESENCE_BYTES = 1024;

export class PresenceExtension implements Extension {
  extensionName = 'loupe-presence';
  priority = 800;

  async beforeHandleAwareness({ states, context }: beforeHandleAwarenessPayload): Promise<void> {
    if (!isClientContext(context)) return;
    for (const [clientId, state] of states) {
      if (state === null) continue;
      if (
        typeof state !== 'object' ||
        Array.isArray(state) ||
        JSON.stringify(state).length > MAX_PRESENCE_BYTES
      ) {
        states.delete(clientId);
        continue;
      }
      // An empty state (a provider's default) stays empty: it says nothing about anyone.
      if (Object.keys(state).length === 0) continue;
      const s = state as Record<string, unknown>;
      s.user = context.user.sub;
      s.name = context.user.name;
      s.device = context.user.device;
    }
  }
}
