/**
 * The device client (DEVICE-*): the one path a browser tab, a Node script or a connector uses
 * to talk to the relay. One websocket for all documents, authenticated in batches so a device
 * never exceeds the relay's limit of pending authentications; each document loaded from the
 * device's storage before it syncs; documents the access table makes read-only handed out as
 * one-way mirrors with a provider that only listens. No UI framework here: the web app binds
 * `subscribe` to Solid signals (client/src/local/device.ts).
 */
import { type HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { type AccessSubject, accessFor } from './access.ts';
import { commandSignature } from './command-proof.ts';
import { type DeviceStorage, memoryStorage, type StoredCopy } from './device-storage.ts';
import { isRelayOwned, names, parseDocName } from './doc-names.ts';
import type { Outcome } from './docs/ledger.ts';
import { outcomes } from './docs/ledger.ts';
import type { CommandEnvelope } from './docs/outbox.ts';
import { appendCommand } from './docs/outbox.ts';
import { readOnlyMirror, type ViolationHandler } from './guard.ts';
import { ListeningProvider } from './listening-provider.ts';

export type { DeviceStorage, StoredCopy } from './device-storage.ts';
export { memoryStorage } from './device-storage.ts';

/** Relay refuses more than 100 documents pending authentication on one socket. */
export const MAX_PENDING_AUTH = 64;

export type TokenSource = string | (() => string | Promise<string>);

export type SocketStatus = 'connected' | 'connecting' | 'disconnected';

/** Where online/offline events come from: the browser's window by default. */
export type NetworkEvents = {
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
  readonly navigator?: { readonly onLine?: boolean };
};

export type DeviceOptions = {
  url: string;
  token: TokenSource;
  deviceId: string;
  /** Where local copies live (DEVICE-3); default `memoryStorage()`. Browser: `indexeddbStorage()`. */
  storage?: DeviceStorage;
  /**
   * Who is signed in, when known: documents `accessFor` them calls read-only are mirrored too
   * (e.g. `org` for everyone but the owner). Relay-owned documents always are.
   */
  subject?: () => AccessSubject | undefined;
  /** Documents to use instead of fresh Y.Docs for writable documents (tests that prepare a copy). */
  docFor?: (name: string) => Y.Doc;
  onGuardViolation?: ViolationHandler;
  /** Upper bound of the reconnect backoff, ms (the provider's default is 30 s). */
  maxDelay?: number;
  /** Online/offline events; default `globalThis` when it has `addEventListener` (browsers); `false` for none. */
  network?: NetworkEvents | false;
  /** Passed through for Node < 22 or tests; Node 24 and browsers have a global WebSocket. */
  WebSocketPolyfill?: unknown;
};

export class DocumentRefused extends Error {
  readonly document: string;
  readonly reason: string;
  constructor(document: string, reason: string) {
    super(`${document}: ${reason}`);
    this.name = 'DocumentRefused';
    this.document = document;
    this.reason = reason;
  }
}

export type OpenDocument = {
  name: string;
  /** For read-only documents, a read-only mirror (see guard.ts): local writes never leave it. */
  doc: Y.Doc;
  /** Resolves once the local copy is loaded from the device's storage (usable offline). */
  loaded: Promise<void>;
  /** Resolves after the first sync with the relay; rejects with DocumentRefused if the relay refuses. */
  synced: Promise<void>;
  /** Whether the first sync with the relay happened (in this session). */
  isSynced(): boolean;
  /** Why the relay refused this document, if it did. */
  refused(): DocumentRefused | undefined;
  /** Mirrored by the access table, or granted read-only by the relay. */
  readOnly(): boolean;
  provider: HocuspocusProvider;
};

export type DeviceEvent =
  | { type: 'status'; status: SocketStatus }
  | { type: 'opened'; document: OpenDocument }
  | { type: 'synced'; document: OpenDocument }
  | { type: 'refused'; document: OpenDocument; reason: string };

export type Device = {
  /** The shared websocket (tests and diagnostics; prefer `status`/`subscribe`). */
  socket: HocuspocusProviderWebsocket;
  status(): SocketStatus;
  /** Every change of socket status, opened, synced or refused document; returns the unsubscribe. */
  subscribe(listener: (event: DeviceEvent) => void): () => void;
  open(name: string): OpenDocument;
  documents(): readonly OpenDocument[];
  /** The last refusal's reason (e.g. `unauthorized`: sign in again), cleared by `reauthenticate`. */
  authFailed(): string | undefined;
  /** Authenticates every document again (e.g. after a PIN switch, so the relay's attribution follows). */
  reauthenticate(): void;
  /**
   * Appends a command to this device's outbox (works offline; syncs when online). With the
   * signing key of the command's `user` on this device (the login answer's `signingKey`), the
   * command carries its writer's proof, so it stays theirs whoever holds the connection (USER-2).
   */
  append(command: CommandEnvelope, proof?: { signingKey?: string }): CommandEnvelope;
  /**
   * Resolves when the relay has decided the command: from `ledger/<store>/<month>`, or from this
   * device's own outbox, where every rejection is answered too (VAL-12) — so a command whose
   * store or time could not be read still gets its outcome.
   */
  outcome(commandId: string, where?: { store: string; at: string }): Promise<Outcome>;
  /** Stops syncing and releases every document; the storage keeps the local copies. */
  close(): Promise<void>;
};

/** Authenticates (on every open of the socket) only when the device admits it (DEVICE-1). */
class DeviceProvider extends ListeningProvider {
  admit: (authenticate: () => void) => void = (authenticate) => authenticate();

  override async onOpen(event: Event): Promise<void> {
    this.admit(() => void super.onOpen(event));
  }
}

/** The ledger month a command's outcome lands in, when its store and time can be read. */
function ledgerName(store: unknown, at: unknown): string | undefined {
  if (typeof store !== 'string' || typeof at !== 'string' || Number.isNaN(Date.parse(at))) return undefined;
  const name = names.ledger(store, at);
  return parseDocName(name).ok ? name : undefined;
}

const defaultNetwork = (): NetworkEvents | undefined => {
  const g = globalThis as unknown as Partial<NetworkEvents>;
  return typeof g.addEventListener === 'function' && typeof g.removeEventListener === 'function'
    ? (g as NetworkEvents)
    : undefined;
};

export function connectDevice(options: DeviceOptions): Device {
  const storage = options.storage ?? memoryStorage();
  const network = options.network === false ? undefined : (options.network ?? defaultNetwork());
  const online = () => network?.navigator?.onLine !== false;
  const socket = new HocuspocusProviderWebsocket({
    url: options.url,
    ...(options.maxDelay !== undefined ? { maxDelay: options.maxDelay } : {}),
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
  });
  const listeners = new Set<(event: DeviceEvent) => void>();
  const emit = (event: DeviceEvent) => {
    for (const l of [...listeners]) l(event);
  };
  const opened = new Map<string, OpenDocument & { release: () => Promise<void> | void }>();
  const appended = new Map<string, { store: string; at: string }>();
  let status: SocketStatus = socket.status as SocketStatus;
  let authFailed: string | undefined;
  let closed = false;

  const setStatus = (s: SocketStatus) => {
    if (s === status) return;
    status = s;
    emit({ type: 'status', status: s });
  };

  // DEVICE-1: at most MAX_PENDING_AUTH documents wait for their authentication at a time, on
  // the first connection and on every reconnection (where each attached provider would
  // otherwise authenticate at once, and the relay would reset the socket again and again).
  // A closed socket voids every pending authentication: the next one starts a new round.
  const waiting: Array<() => void> = [];
  let pending = 0;
  let round = 0;
  const admit = (start: () => void) => {
    if (pending < MAX_PENDING_AUTH) {
      pending++;
      start();
    } else waiting.push(start);
  };
  const settle = () => {
    pending--;
    const next = waiting.shift();
    if (next) {
      pending++;
      next();
    }
  };
  socket.on('status', ({ status: s }: { status: SocketStatus }) => {
    if (s !== 'disconnected') return;
    round++;
    pending = 0;
    waiting.length = 0;
  });

  // DEVICE-6. A close we asked for (network lost, re-authentication) is followed by a connect
  // once the socket has really closed: `connect()` is a no-op while the old socket still reads
  // as connected, and a close that lands after it would otherwise leave the till offline for
  // good. Only such closes reconnect here: the provider retries the others with its backoff.
  let reconnectWhenClosed = false;
  socket.on('status', ({ status: s }: { status: SocketStatus }) => {
    setStatus(s);
    if (s === 'disconnected' && reconnectWhenClosed && online() && !closed) {
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
  network?.addEventListener('offline', onOffline);
  network?.addEventListener('online', onOnline);

  const readOnlyByTable = (name: string): boolean => {
    if (isRelayOwned(name)) return true;
    const subject = options.subject?.();
    return subject !== undefined && accessFor(subject, name) === 'read-only';
  };

  const open = (name: string): OpenDocument => {
    const existing = opened.get(name);
    if (existing) return existing;
    const mirrored = readOnlyByTable(name);
    const synced = mirrored ? new Y.Doc() : (options.docFor?.(name) ?? new Y.Doc());
    const doc = mirrored ? readOnlyMirror(name, synced, options.onGuardViolation) : synced;
    let resolveSynced: () => void = () => {};
    let rejectSynced: (e: Error) => void = () => {};
    const syncedPromise = new Promise<void>((resolve, reject) => {
      resolveSynced = resolve;
      rejectSynced = reject;
    });
    // A refusal with no listener yet must not crash a Node process.
    syncedPromise.catch(() => {});
    let hasSynced = false;
    let refusal: DocumentRefused | undefined;
    let authRound: number | undefined;
    const done = () => {
      if (authRound === round) settle();
      authRound = undefined;
    };
    // DEVICE-5: read-only documents get a provider that never pushes local content; one the
    // relay grants read-only listens from its authentication on.
    const provider = new DeviceProvider(
      {
        websocketProvider: socket,
        name,
        document: synced,
        token: options.token as string | (() => Promise<string>),
        onAuthenticated: done,
        onAuthenticationFailed: ({ reason }) => {
          done();
          refusal ??= new DocumentRefused(name, reason);
          authFailed = reason;
          rejectSynced(refusal);
          emit({ type: 'refused', document: handle, reason });
        },
        onSynced: ({ state }) => {
          if (!state || hasSynced) return;
          hasSynced = true;
          resolveSynced();
          emit({ type: 'synced', document: handle });
        },
      },
      (p) => mirrored || p.authorizedScope === 'readonly',
    );
    let released = false;
    provider.admit = (authenticate) =>
      admit(() => {
        if (released) return settle();
        authRound = round;
        authenticate();
      });
    // DEVICE-3: the provider starts only once the local copy is loaded; otherwise every update
    // read back from storage would be re-sent to the relay, which refuses them on relay-owned
    // documents. A provider not yet attached sends nothing.
    let copy: StoredCopy | undefined;
    let loaded: Promise<void>;
    try {
      copy = storage.open(name, synced);
      loaded = copy.loaded;
    } catch (e) {
      loaded = Promise.reject(e);
    }
    const attach = () => {
      if (!released) provider.attach();
    };
    // A storage that fails to load read nothing back: the document still syncs from the relay.
    loaded = loaded.then(attach, (e: unknown) => {
      attach();
      throw e;
    });
    loaded.catch(() => {});
    const handle: OpenDocument & { release: () => Promise<void> | void } = {
      name,
      doc,
      loaded,
      synced: syncedPromise,
      isSynced: () => hasSynced,
      refused: () => refusal,
      readOnly: () => mirrored || provider.authorizedScope === 'readonly',
      provider,
      // Stops syncing at once; resolves when the storage has let go of the copy.
      release: () => {
        released = true;
        done();
        provider.destroy();
        const stored = Promise.resolve(copy?.destroy());
        if (!mirrored) return stored;
        return stored.then(() => {
          doc.destroy();
          synced.destroy();
        });
      },
    };
    opened.set(name, handle);
    emit({ type: 'opened', document: handle });
    return handle;
  };

  const outbox = () => open(names.outbox(options.deviceId));

  return {
    socket,
    status: () => status,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    open,
    documents: () => [...opened.values()],
    authFailed: () => authFailed,
    reauthenticate() {
      authFailed = undefined;
      if (!online() || socket.status !== 'connected') return;
      reconnectWhenClosed = true;
      socket.disconnect();
    },
    append(command, proof) {
      const { signature: _unsigned, ...rest } = command;
      const final =
        proof?.signingKey !== undefined
          ? { ...rest, signature: commandSignature(command, proof.signingKey) }
          : command;
      appended.set(command.id, { store: command.store, at: command.at });
      appendCommand(outbox().doc, final);
      return final;
    },
    outcome(commandId, where) {
      const place = where ?? appended.get(commandId);
      const maps = [outcomes(outbox().doc)];
      const ledger = place && ledgerName(place.store, place.at);
      if (ledger) maps.push(outcomes(open(ledger).doc));
      return new Promise<Outcome>((resolve) => {
        let observing = false;
        const check = () => {
          const found = maps.map((m) => m.get(commandId)).find((o) => o !== undefined);
          if (!found) return false;
          if (observing) for (const m of maps) m.unobserve(check);
          resolve(found);
          return true;
        };
        if (!check()) {
          observing = true;
          for (const m of maps) m.observe(check);
        }
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      network?.removeEventListener('offline', onOffline);
      network?.removeEventListener('online', onOnline);
      const docs = [...opened.values()];
      opened.clear();
      listeners.clear();
      const released = docs.map((d) => d.release());
      socket.destroy();
      await Promise.all(released);
    },
  };
}
