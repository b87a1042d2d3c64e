/**
 * The device's documents: each one persisted in IndexedDB (so the till opens with no
 * network) and synced with the relay through one shared websocket. Relay-owned documents
 * are handed to the app as one-way mirrors (sync/shared/guard.ts): a read-only connection
 * protects only the relay's copy, so a stray local write must never reach the synced copy.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { type Accessor, createSignal } from 'solid-js';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { readOnlyMirror } from '../../../sync/shared/guard.ts';
import { ListeningProvider } from './read-only-provider.ts';

export type SocketStatus = 'connected' | 'connecting' | 'disconnected';

export type OpenDoc = {
  readonly name: string;
  readonly doc: Y.Doc;
  /** Loaded from IndexedDB (usable offline). */
  readonly loaded: Promise<void>;
  /** Completed at least one sync with the relay in this session. */
  readonly synced: Accessor<boolean>;
};

export type Device = {
  readonly open: (name: string, opts?: { readOnly?: boolean }) => OpenDoc;
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

export function createDevice(opts: { url: string; token: () => string }): Device {
  const socket = new HocuspocusProviderWebsocket({ url: opts.url, maxDelay: 5_000 });
  const [status, setStatus] = createSignal<SocketStatus>('connecting');
  const [authFailed, setAuthFailed] = createSignal<string>();
  const [docs, setDocs] = createSignal<readonly OpenDoc[]>([]);
  const open = new Map<string, OpenDoc & { close: () => void }>();

  // A close we asked for (network lost, re-authentication) is followed by a connect once the
  // socket has really closed: `connect()` is a no-op while the old socket still reads as
  // connected, and a close that lands after it would otherwise leave the till offline for good.
  let reconnectWhenClosed = false;
  socket.on('status', ({ status: s }: { status: SocketStatus }) => {
    setStatus(s);
    if (s === 'disconnected' && reconnectWhenClosed && navigator.onLine) {
      reconnectWhenClosed = false;
      void socket.connect();
    }
  });
  // The browser knows about a lost network before the socket times out; a half-dead socket
  // would otherwise keep "sending" into the void. Back online, sync resumes by itself.
  const onOffline = () => {
    reconnectWhenClosed = false;
    socket.disconnect();
    setStatus('disconnected');
  };
  const onOnline = () => {
    if (socket.status === 'disconnected') void socket.connect();
    else reconnectWhenClosed = true;
  };
  addEventListener('offline', onOffline);
  addEventListener('online', onOnline);

  const openDoc = (name: string, o: { readOnly?: boolean } = {}): OpenDoc => {
    const existing = open.get(name);
    if (existing) return existing;
    const synced = new Y.Doc();
    const doc = o.readOnly ? readOnlyMirror(name, synced) : synced;
    const local = new IndexeddbPersistence(`loupe:${name}`, synced);
    const [hasSynced, setSynced] = createSignal(false);
    // The provider starts once the local copy is loaded: otherwise every update read back
    // from IndexedDB is re-sent to the relay, which refuses them on relay-owned documents.
    let provider: HocuspocusProvider | undefined;
    let closed = false;
    const loaded = local.whenSynced.then(() => {
      if (closed) return;
      const Provider = o.readOnly ? ListeningProvider : HocuspocusProvider;
      provider = new Provider({
        websocketProvider: socket,
        name,
        document: synced,
        token: opts.token,
        onSynced: ({ state }) => {
          if (state) setSynced(true);
        },
        onAuthenticationFailed: ({ reason }) => setAuthFailed(reason),
      });
      provider.attach();
    });
    const entry = {
      name,
      doc,
      loaded,
      synced: hasSynced,
      close: () => {
        closed = true;
        provider?.destroy();
        void local.destroy();
        doc.destroy();
        if (doc !== synced) synced.destroy();
      },
    };
    open.set(name, entry);
    setDocs([...open.values()]);
    return entry;
  };

  const destroy = () => {
    removeEventListener('offline', onOffline);
    removeEventListener('online', onOnline);
    for (const d of open.values()) d.close();
    open.clear();
    setDocs([]);
    socket.destroy();
  };

  const reauthenticate = () => {
    if (!navigator.onLine || status() !== 'connected') return;
    reconnectWhenClosed = true;
    socket.disconnect();
  };

  return { open: openDoc, docs, socket: status, authFailed, reauthenticate, destroy };
}
