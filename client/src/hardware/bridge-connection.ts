/**
 * One websocket to the paired hardware bridge (hardware-bridge/README.md, "Protocol"): `hello`
 * first, replies paired with requests by `id`, device list and status as a Solid store, scans
 * and RFID batches as events, and reconnection with backoff. Every frame from the bridge is
 * parsed with the bridge's own parsers; a malformed one is logged and ignored.
 */
import { createStore, produce } from 'solid-js/store';
import { err, ok, type Result } from '../../../domain/result.ts';
import {
  type BridgeMessage,
  closeCodes,
  type DeviceInfo,
  type ErrorCode,
  PROTOCOL_VERSIONS,
  parseBridgeMessage,
} from '../../../hardware-bridge/protocol.ts';

/** `unauthorized`, `forbidden-origin` and `unsupported-version` end the connection for good. */
export type LinkState =
  | 'connecting'
  | 'ready'
  | 'retrying'
  | 'unauthorized'
  | 'forbidden-origin'
  | 'unsupported-version'
  | 'closed';

export type BridgeView = {
  link: LinkState;
  devices: DeviceInfo[];
  simulate: boolean;
  bridgeVersion?: string;
  /** Consecutive failed attempts since the last welcome. */
  attempt: number;
};

export type RequestFailure = {
  readonly code: ErrorCode | 'not-connected' | 'timeout';
  readonly message: string;
};

/** The part of the browser's WebSocket the connection uses (a fake one in tests). */
export type SocketLike = {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((e: Event) => void) | null;
  onmessage: ((e: MessageEvent) => void) | null;
  onclose: ((e: CloseEvent) => void) | null;
  onerror: ((e: Event) => void) | null;
};

export type ConnectionOptions = {
  readonly port: number;
  readonly token: string;
  readonly openSocket?: (url: string) => SocketLike;
  readonly backoffMs?: (attempt: number) => number;
  readonly requestTimeoutMs?: number;
  readonly log?: (message: string, detail?: unknown) => void;
  /** The bridge no longer knows the token (close 4401): the app forgets it. */
  readonly onUnauthorized?: () => void;
};

type Request = { type: string } & Record<string, unknown>;
type Pending = {
  resolve: (r: Result<BridgeMessage, RequestFailure>) => void;
  timer: ReturnType<typeof setTimeout>;
};
type Listener<T> = (event: T) => void;
export type ScanEvent = Extract<BridgeMessage, { type: 'scan' }>;
export type RfidBatchEvent = Extract<BridgeMessage, { type: 'rfid.batch' }>;

export const bridgeUrl = (port: number, token: string): string =>
  `ws://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`;
/** 0.5 s, 1 s, 2 s … capped at 15 s. */
export const defaultBackoff = (attempt: number): number => Math.min(15_000, 500 * 2 ** attempt);
const OPEN = 1;

export function connectBridge(o: ConnectionOptions) {
  const openSocket = o.openSocket ?? ((url: string) => new WebSocket(url) as SocketLike);
  const backoff = o.backoffMs ?? defaultBackoff;
  const log = o.log ?? ((m: string, d?: unknown) => console.warn(`[bridge] ${m}`, d ?? ''));
  const [view, setView] = createStore<BridgeView>({
    link: 'connecting',
    devices: [],
    simulate: false,
    attempt: 0,
  });
  const pending = new Map<string, Pending>();
  const scanListeners = new Set<Listener<ScanEvent>>();
  const rfidListeners = new Set<Listener<RfidBatchEvent>>();
  let socket: SocketLike | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 0;
  let stopped = false;

  const settle = (id: string, r: Result<BridgeMessage, RequestFailure>) => {
    const p = pending.get(id);
    if (!p) return false;
    pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(r);
    return true;
  };
  const failAll = (message: string) => {
    for (const id of [...pending.keys()]) settle(id, err({ code: 'not-connected', message }));
  };

  const send = (
    message: Request,
    opts: { timeoutMs?: number } = {},
  ): Promise<Result<BridgeMessage, RequestFailure>> => {
    const s = socket;
    if (!s || s.readyState !== OPEN || (message.type !== 'hello' && view.link !== 'ready'))
      return Promise.resolve(err({ code: 'not-connected', message: 'the hardware bridge is not connected' }));
    nextId += 1;
    const id = `r${nextId}`;
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => settle(id, err({ code: 'timeout', message: 'the hardware bridge did not answer' })),
        opts.timeoutMs ?? o.requestTimeoutMs ?? 20_000,
      );
      pending.set(id, { resolve, timer });
      s.send(JSON.stringify({ ...message, id }));
    });
  };

  const refreshDevices = async () => {
    const r = await send({ type: 'devices.list' });
    if (r.ok && r.value.type === 'devices') setView('devices', r.value.devices);
  };

  const receive = (raw: unknown) => {
    const parsed = typeof raw === 'string' ? parseBridgeMessage(raw) : undefined;
    if (!parsed?.ok) return log('ignored a malformed message', parsed?.error ?? 'binary frame');
    const m = parsed.value;
    switch (m.type) {
      case 'scan':
        for (const l of scanListeners) l(m);
        return;
      case 'rfid.batch':
        for (const l of rfidListeners) l(m);
        return;
      case 'device.status':
        return setView(
          'devices',
          produce((ds) => {
            const i = ds.findIndex((d) => d.id === m.device.id);
            if (i >= 0) ds[i] = m.device;
            else ds.push(m.device);
          }),
        );
      case 'error':
        if (m.id && settle(m.id, err({ code: m.code, message: m.message }))) return;
        return log(`error from the bridge: ${m.code}`, m.message);
      default:
        if (m.id && settle(m.id, ok(m))) return;
        return log(`unexpected ${m.type}`);
    }
  };

  const hello = async () => {
    const r = await send({ type: 'hello', versions: [...PROTOCOL_VERSIONS] });
    if (!r.ok || r.value.type !== 'welcome') return; // 4406 follows an unsupported version
    setView({ link: 'ready', simulate: r.value.simulate, bridgeVersion: r.value.bridge, attempt: 0 });
    await refreshDevices();
  };

  const connect = () => {
    if (stopped) return;
    setView('link', view.attempt === 0 ? 'connecting' : 'retrying');
    let s: SocketLike;
    try {
      s = openSocket(bridgeUrl(o.port, o.token));
    } catch (e) {
      log('could not open the socket', e);
      return scheduleRetry();
    }
    socket = s;
    s.onopen = () => void hello();
    s.onmessage = (e) => receive(e.data);
    s.onerror = () => undefined; // a close event always follows
    s.onclose = (e) => {
      if (socket !== s) return;
      socket = undefined;
      failAll('the connection to the hardware bridge closed');
      if (stopped) return;
      if (e.code === closeCodes.unauthorized) {
        setView({ link: 'unauthorized', devices: [] });
        return o.onUnauthorized?.();
      }
      if (e.code === closeCodes.forbiddenOrigin) return setView({ link: 'forbidden-origin', devices: [] });
      if (e.code === closeCodes.unsupportedVersion)
        return setView({ link: 'unsupported-version', devices: [] });
      scheduleRetry();
    };
  };

  const scheduleRetry = () => {
    if (stopped) return;
    const attempt = view.attempt;
    setView({ link: 'retrying', attempt: attempt + 1 });
    retryTimer = setTimeout(connect, backoff(attempt));
  };

  connect();

  return {
    view,
    request: send,
    refreshDevices,
    onScan(l: Listener<ScanEvent>): () => void {
      scanListeners.add(l);
      return () => scanListeners.delete(l);
    },
    onRfidBatch(l: Listener<RfidBatchEvent>): () => void {
      rfidListeners.add(l);
      return () => rfidListeners.delete(l);
    },
    close() {
      stopped = true;
      clearTimeout(retryTimer);
      failAll('disconnected');
      const s = socket;
      socket = undefined;
      s?.close(1000, 'app closed the connection');
      setView({ link: 'closed', devices: [] });
    },
  };
}

export type BridgeConnection = ReturnType<typeof connectBridge>;
