/**
 * The till's device: Solid signals over the one device client (sync/shared/device-client.ts),
 * with its documents kept in IndexedDB so the till opens with no network. Loading before
 * syncing, read-only mirrors, the shared socket, online/offline and re-authentication all live
 * there, the same code the relay's tests and Node connectors run.
 */
import { type Accessor, createSignal } from 'solid-js';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { AccessSubject } from '../../../sync/shared/access.ts';
import {
  connectDevice,
  type DeviceStorage,
  type OpenDocument,
  type SocketStatus,
} from '../../../sync/shared/device-client.ts';
import { indexeddbStorage } from '../../../sync/shared/device-storage-indexeddb.ts';

export type { SocketStatus };

export type OpenDoc = {
  readonly name: string;
  readonly doc: Y.Doc;
  /** Loaded from IndexedDB (usable offline). */
  readonly loaded: Promise<void>;
  /** Completed at least one sync with the relay in this session. */
  readonly synced: Accessor<boolean>;
  /** The document's awareness on the shared socket (presence, PRESENCE-*). */
  readonly awareness: Awareness | null;
};

export type Device = {
  readonly open: (name: string) => OpenDoc;
  readonly docs: Accessor<readonly OpenDoc[]>;
  readonly socket: Accessor<SocketStatus>;
  readonly authFailed: Accessor<string | undefined>;
  /** Re-authenticates every document, e.g. after a quick switch, so the relay's attribution follows the user. */
  readonly reauthenticate: () => void;
  readonly destroy: () => void;
};

/** Where the relay is: same origin in production; the relay's own port under `vite dev`. */
export function relayUrl(loc: Location = location): string {
  const dev = (import.meta as { env?: { DEV?: boolean } }).env?.DEV === true;
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return dev ? `${scheme}://${loc.hostname}:4321/` : `${scheme}://${loc.host}/`;
}

export function createDevice(opts: {
  url: string;
  token: () => string;
  deviceId: string;
  /** Who is signed in: the access table makes their read-only documents mirrors. */
  subject?: () => AccessSubject | undefined;
  storage?: DeviceStorage;
}): Device {
  const device = connectDevice({
    url: opts.url,
    token: opts.token,
    deviceId: opts.deviceId,
    storage: opts.storage ?? indexeddbStorage(),
    maxDelay: 5_000,
    ...(opts.subject ? { subject: opts.subject } : {}),
  });
  const [status, setStatus] = createSignal<SocketStatus>(device.status());
  const [authFailed, setAuthFailed] = createSignal<string | undefined>(device.authFailed());
  const [docs, setDocs] = createSignal<readonly OpenDoc[]>([]);
  const bound = new Map<OpenDocument, OpenDoc & { setSynced: (v: boolean) => void }>();

  const bind = (d: OpenDocument) => {
    const existing = bound.get(d);
    if (existing) return existing;
    const [synced, setSynced] = createSignal(d.isSynced());
    const entry = {
      name: d.name,
      doc: d.doc,
      loaded: d.loaded,
      synced,
      setSynced,
      awareness: d.provider.awareness,
    };
    bound.set(d, entry);
    setDocs([...bound.values()]);
    return entry;
  };

  device.subscribe((e) => {
    if (e.type === 'status') setStatus(e.status);
    else if (e.type === 'opened') bind(e.document);
    else if (e.type === 'synced') bind(e.document).setSynced(true);
    else setAuthFailed(e.reason);
  });

  return {
    open: (name) => bind(device.open(name)),
    docs,
    socket: status,
    authFailed,
    reauthenticate: () => {
      device.reauthenticate();
      setAuthFailed(device.authFailed());
    },
    destroy: () => {
      void device.close();
      bound.clear();
      setDocs([]);
    },
  };
}
