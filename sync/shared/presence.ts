/**
 * Presence on the client book (PRESENCE-*): who else has a client open and which field they are
 * in, carried by Yjs awareness on the `clients/<store>` provider — the device's one shared socket,
 * no second connection. Awareness is not stored: nothing here reaches the document or SQL.
 *
 * The same presence serves orders and repairs (sync/SPEC.md ORDERPRES-*): on the `work/<store>`
 * provider's awareness a device publishes `job` (the order or repair open) instead of `client`.
 *
 * Each device publishes `{user, name, device, client?, job?, field?, beat}`; `beat` is bumped every few
 * seconds so a device that vanishes without saying goodbye (network cut, laptop shut) is dropped
 * by every other device after `STALE_MS` of silence, measured on the receiver's own clock (the
 * time the last update arrived) — no trust in the sender's clock. Leaving a profile clears
 * `client` at once; closing the page or the device removes the whole state.
 */
import type { Awareness } from 'y-protocols/awareness';

/** How often a device repeats its presence. */
export const HEARTBEAT_MS = 3_000;
/** Silence after which another device's presence is dropped. */
export const STALE_MS = 9_000;

/** What a device publishes. `user` is checked by the relay against the connection's session. */
export type PresenceState = {
  readonly user: string;
  readonly name: string;
  readonly device: string;
  /** The client whose profile is open, if any. */
  readonly client?: string;
  /** The order or repair open (ORDERPRES-1), if any. */
  readonly job?: string;
  /** The profile field focused (`names`, `phones`, `notes`…), if any. */
  readonly field?: string;
  readonly beat: number;
};

/** Another device's presence as screens show it. */
export type Peer = {
  readonly clientId: number;
  readonly user: string;
  readonly name: string;
  readonly device: string;
  readonly client?: string;
  readonly job?: string;
  readonly field?: string;
};

const str = (v: unknown, max = 200): string | undefined =>
  typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;

/** A state read from the wire (any peer may send anything): undefined when it is not a presence. */
export function readPresence(v: unknown): PresenceState | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const user = str(o.user, 64);
  const device = str(o.device, 64);
  if (!user || !device) return undefined;
  const client = str(o.client, 64);
  const job = str(o.job, 64);
  const field = str(o.field, 40);
  return {
    user,
    device,
    name: str(o.name, 120) ?? '',
    ...(client ? { client } : {}),
    ...(job ? { job } : {}),
    ...(field ? { field } : {}),
    beat: typeof o.beat === 'number' ? o.beat : 0,
  };
}

export type PresenceHandle = {
  /** Says which client (and field) this device has open; `undefined` leaves it. */
  focus(client: string | undefined, field?: string): void;
  /** Says which order or repair (and field) this device has open; `undefined` leaves it (ORDERPRES-1). */
  focusJob(job: string | undefined, field?: string): void;
  /** Other devices' presence, fresh ones only (PRESENCE-2), in a stable order. */
  peers(): readonly Peer[];
  /** Called whenever `peers()` may have changed (arrivals, moves, departures, staleness). */
  subscribe(listener: () => void): () => void;
  /** Removes this device's presence (others see it gone at once). */
  stop(): void;
};

export function startPresence(
  awareness: Awareness,
  me: { user: string; name: string; device: string },
  options: { heartbeatMs?: number; staleMs?: number; now?: () => number } = {},
): PresenceHandle {
  const heartbeat = options.heartbeatMs ?? HEARTBEAT_MS;
  const stale = options.staleMs ?? STALE_MS;
  const now = options.now ?? Date.now;
  let focus: { client?: string; job?: string; field?: string } = {};
  let beat = 0;
  const publish = () => {
    const state: PresenceState = { ...me, ...focus, beat: ++beat };
    awareness.setLocalState(state);
  };
  publish();

  const listeners = new Set<() => void>();
  let last = '';
  const notify = (force = false) => {
    const key = JSON.stringify(peers());
    if (!force && key === last) return;
    last = key;
    for (const l of listeners) l();
  };

  function peers(): Peer[] {
    const out: Peer[] = [];
    const t = now();
    for (const [clientId, raw] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue;
      const s = readPresence(raw);
      if (!s) continue;
      const seen = awareness.meta.get(clientId)?.lastUpdated ?? 0;
      if (t - seen > stale) continue;
      out.push({
        clientId,
        user: s.user,
        name: s.name,
        device: s.device,
        ...(s.client ? { client: s.client } : {}),
        ...(s.job ? { job: s.job } : {}),
        ...(s.field ? { field: s.field } : {}),
      });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
  }

  const onChange = () => notify();
  awareness.on('change', onChange);
  const timer = setInterval(() => {
    publish();
    notify();
  }, heartbeat);
  (timer as { unref?: () => void }).unref?.();

  return {
    focus(client, field) {
      const next: { client?: string; field?: string } = client ? { client, ...(field ? { field } : {}) } : {};
      if (next.client === focus.client && focus.job === undefined && next.field === focus.field) return;
      focus = next;
      publish();
    },
    focusJob(job, field) {
      const next: { job?: string; field?: string } = job ? { job, ...(field ? { field } : {}) } : {};
      if (next.job === focus.job && focus.client === undefined && next.field === focus.field) return;
      focus = next;
      publish();
    },
    peers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      clearInterval(timer);
      awareness.off('change', onChange);
      awareness.setLocalState(null);
      listeners.clear();
    },
  };
}
