/**
 * The signed-in till: session (with token refresh), the device's documents for the
 * active store, and the sync state the badge shows. One instance per tab, shared through
 * context (`useApp`). A quick switch to another user keeps the documents open when the
 * new user works in the same store, so the counter never waits for a re-download.
 */
import {
  type Accessor,
  createContext,
  createMemo,
  createRoot,
  createSignal,
  onCleanup,
  useContext,
} from 'solid-js';
import { must } from '../../domain/assert.ts';
import { openConflicts } from './conflicts/conflicts.ts';
import { createDevice, type Device, relayUrl } from './local/device.ts';
import { deviceId as loadDeviceId } from './local/device-id.ts';
import { type Actor, pendingCount } from './local/outbox.ts';
import {
  clearSession,
  loadSession,
  refresh,
  refreshDelay,
  type Session,
  saveSession,
} from './local/session.ts';
import { openStoreData, type StoreData } from './local/store-data.ts';
import { describeSync, type SyncView } from './local/sync-state.ts';

export type AppState = {
  readonly deviceId: string;
  readonly session: Accessor<Session | undefined>;
  readonly data: Accessor<StoreData | undefined>;
  readonly sync: Accessor<SyncView>;
  readonly signIn: (s: Session) => void;
  readonly signOut: () => void;
  readonly actor: () => Actor;
  /** Users of several stores (owners) work in one at a time; the choice is kept per device. */
  readonly setStore: (store: string) => void;
  /** The relay refused this session (expired or revoked): the till works on, but must sign in again to sync. */
  readonly authFailed: Accessor<string | undefined>;
  /** The signed-in device (documents beyond the active store's: the owner's reports). */
  readonly device: Accessor<Device | undefined>;
};

const STORE_KEY = 'loupe.activeStore';
/** Per store: a till that already holds a store's data needs no download progress for it. */
const firstSyncKey = (store: string) => `loupe.firstSync.${store}`;

export function createAppState(): AppState {
  const deviceId = loadDeviceId();
  const [session, setSession] = createSignal<Session | undefined>(loadSession());
  const [online, setOnline] = createSignal(navigator.onLine);
  const [syncedStores, setSyncedStores] = createSignal<ReadonlySet<string>>(new Set());
  const hadFirstSync = (store: string | undefined) =>
    !!store && (syncedStores().has(store) || localStorage.getItem(firstSyncKey(store)) !== null);
  const onNet = () => setOnline(navigator.onLine);
  addEventListener('online', onNet);
  addEventListener('offline', onNet);

  const [device_, setDevice] = createSignal<Device>();
  let device: Device | undefined;
  let deviceKey = '';
  let disposeData: (() => void) | undefined;
  const [data, setData] = createSignal<StoreData>();

  const close = () => {
    disposeData?.();
    disposeData = undefined;
    device?.destroy();
    device = undefined;
    setDevice(undefined);
    deviceKey = '';
    setData(undefined);
  };

  const storeFor = (s: Session): string | undefined => {
    const chosen = localStorage.getItem(STORE_KEY);
    return chosen && s.user.stores.includes(chosen) ? chosen : s.user.stores[0];
  };

  const open = (s: Session, previousUser?: string) => {
    const store = storeFor(s);
    const key = `${store}|${s.user.stores.join(',')}`;
    if (device && key === deviceKey) {
      if (previousUser !== s.user.id) device.reauthenticate();
      return;
    }
    close();
    if (!store) return;
    const d = createDevice({
      url: relayUrl(),
      token: () => session()?.token ?? '',
      deviceId,
      subject: () => {
        const now = session();
        return now && { id: now.user.id, role: now.user.role, stores: now.user.stores, device: deviceId };
      },
    });
    device = d;
    setDevice(d);
    deviceKey = key;
    // The store's bindings and memos live in their own root, disposed with the device.
    createRoot((dispose) => {
      disposeData = dispose;
      setData(
        openStoreData(d, {
          store,
          deviceId,
          me: () => {
            const u = session()?.user;
            return u && { user: u.id, name: u.name };
          },
        }),
      );
    });
  };

  const setStore = (store: string) => {
    localStorage.setItem(STORE_KEY, store);
    const s = session();
    if (s) open(s, s.user.id);
  };

  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleRefresh = (s: Session) => {
    clearTimeout(refreshTimer);
    if (!s.refreshToken) return;
    refreshTimer = setTimeout(async () => {
      const r = await refresh(s.refreshToken, deviceId);
      const now = session();
      // Offline or refused: keep the old token; the device keeps working from IndexedDB.
      if (r.ok && now?.user.id === r.value.user.id) signIn(r.value);
      // After an offline PIN switch the token is the earlier person's: renew it, keep who acts.
      else if (r.ok && now?.tokenUser === r.value.user.id)
        signIn({
          ...now,
          token: r.value.token,
          refreshToken: r.value.refreshToken,
          expiresAt: r.value.expiresAt,
        });
      else if (!r.ok) scheduleRefresh({ ...s, expiresAt: new Date(Date.now() + 120_000).toISOString() });
    }, refreshDelay(s.expiresAt));
  };

  const signIn = (s: Session) => {
    const previousUser = session()?.user.id;
    saveSession(s);
    setSession(s);
    open(s, previousUser);
    scheduleRefresh(s);
  };
  const signOut = () => {
    clearTimeout(refreshTimer);
    clearSession();
    setSession(undefined);
    close();
  };

  const initial = session();
  if (initial) {
    open(initial);
    scheduleRefresh(initial);
  }

  const conflicts = createMemo(() => {
    const d = data();
    return d ? openConflicts(d).length : 0;
  });
  const sync = createMemo((): SyncView => {
    const d = data();
    const docs = d?.docs ?? [];
    const docsSynced = docs.filter((x) => x.synced()).length;
    const store = d?.store;
    if (store && !hadFirstSync(store) && docs.length > 0 && docsSynced === docs.length) {
      localStorage.setItem(firstSyncKey(store), new Date().toISOString());
      setSyncedStores((s) => new Set([...s, store]));
    }
    return describeSync({
      network: online(),
      socket: device?.socket() ?? 'disconnected',
      pending: d ? pendingCount(d.commands.items, d.outcomes()) : 0,
      conflicts: conflicts(),
      docsTotal: docs.length,
      docsSynced,
      hadFirstSync: hadFirstSync(store),
    });
  });

  onCleanup(() => {
    removeEventListener('online', onNet);
    removeEventListener('offline', onNet);
    clearTimeout(refreshTimer);
    close();
  });

  const actor = (): Actor => {
    const s = must(session(), 'no session');
    return {
      store: must(data(), 'no store').store,
      device: deviceId,
      user: s.user.id,
      ...(s.signingKey ? { signingKey: s.signingKey } : {}),
    };
  };

  const authFailed = () => device_()?.authFailed();

  return { deviceId, session, data, sync, signIn, signOut, actor, setStore, authFailed, device: device_ };
}

export const AppContext = createContext<AppState>();
export const useApp = (): AppState => must(useContext(AppContext), 'useApp outside AppContext');
