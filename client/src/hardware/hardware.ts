/**
 * The till's hardware, app-wide: the pairing kept in localStorage, the connection it opens,
 * scans and RFID batches forwarded to whichever screen listens, and plain-words reasons when a
 * device cannot be used ("no bridge paired", "the receipt printer is offline") so no control is
 * ever a silent no-op.
 */
import { createContext, createSignal, useContext } from 'solid-js';
import { must } from '../../../domain/assert.ts';
import { err, ok, type Result } from '../../../domain/result.ts';
import type { DeviceInfo, DeviceKind, Receipt, Tag } from '../../../hardware-bridge/protocol.ts';
import {
  type BridgeConnection,
  type ConnectionOptions,
  connectBridge,
  type RfidBatchEvent,
  type ScanEvent,
} from './bridge-connection.ts';
import { forgetPairing, loadPairing, type Pairing, pairWithCode, savePairing } from './pairing.ts';
import { H } from './strings.ts';

export const KIND_LABEL: Record<DeviceKind, string> = H.kind as Record<DeviceKind, string>;

/** The app's "simulate an RFID sweep" sends at most this many serials per message (protocol cap). */
const SWEEP_CHUNK = 2_000;

export type HardwareOptions = {
  readonly storage?: Storage;
  readonly connect?: (o: ConnectionOptions) => BridgeConnection;
  readonly fetch?: typeof fetch;
};

export function createHardware(opts: HardwareOptions = {}) {
  const storage = opts.storage ?? localStorage;
  const connect = opts.connect ?? connectBridge;
  const [pairing, setPairing] = createSignal<Pairing | undefined>(loadPairing(storage));
  const [connection, setConnection] = createSignal<BridgeConnection>();
  const [problem, setProblem] = createSignal<string>();
  const scanListeners = new Set<(s: ScanEvent) => void>();
  const rfidListeners = new Set<(b: RfidBatchEvent) => void>();

  const open = (p: Pairing | undefined) => {
    connection()?.close();
    if (!p) return setConnection(undefined);
    const c = connect({
      port: p.port,
      token: p.token,
      onUnauthorized: () => {
        forgetPairing(storage);
        setPairing(undefined);
        setProblem(H.tokenRemoved);
      },
    });
    c.onScan((s) => {
      for (const l of scanListeners) l(s);
    });
    c.onRfidBatch((b) => {
      for (const l of rfidListeners) l(b);
    });
    setConnection(c);
  };
  open(pairing());

  const link = () => connection()?.view.link;
  const devices = (): readonly DeviceInfo[] => connection()?.view.devices ?? [];
  const device = (kind: DeviceKind): DeviceInfo | undefined => {
    const all = devices().filter((d) => d.kind === kind);
    return all.find((d) => d.status === 'ready') ?? all[0];
  };

  /** Why `kind` cannot be used right now, in words for the counter; undefined when it can. */
  const unavailable = (kind: DeviceKind): string | undefined => {
    if (!pairing()) return H.notPaired;
    switch (link()) {
      case 'ready':
        break;
      case 'forbidden-origin':
        return H.forbiddenOrigin(typeof location === 'undefined' ? '' : location.origin);
      case 'unsupported-version':
        return H.unsupportedVersion;
      case 'unauthorized':
        return H.unauthorized;
      default:
        return H.notConnected;
    }
    const d = device(kind);
    if (!d) return H.noDevice(KIND_LABEL[kind]);
    if (d.status !== 'ready') return H.deviceStatus(KIND_LABEL[kind], d.status, d.detail ?? '');
    return undefined;
  };

  const run = async (
    kind: DeviceKind,
    message: { type: string } & Record<string, unknown>,
  ): Promise<Result<void, string>> => {
    const why = unavailable(kind);
    const c = connection();
    if (why || !c) return err(why ?? H.notPaired);
    const r = await c.request({ ...message, device: device(kind)?.id });
    return r.ok ? ok(undefined) : err(H.deviceFailed(KIND_LABEL[kind], r.error.message));
  };

  /** Whether the bridge runs twin devices (LOUPE_BRIDGE_SIMULATE=1) the app may drive. */
  const simulated = (): boolean =>
    link() === 'ready' && (connection()?.view.simulate ?? false) && devices().some((d) => d.simulated);

  const simulate = async (
    message: { type: string } & Record<string, unknown>,
  ): Promise<Result<void, string>> => {
    const c = connection();
    if (!c || !simulated()) return err(H.notConnected);
    const r = await c.request(message);
    return r.ok ? ok(undefined) : err(r.error.message);
  };

  return {
    pairing,
    problem,
    link,
    devices,
    device,
    unavailable,
    connection,
    async pair(port: number, code: string, label?: string): Promise<Result<Pairing, string>> {
      const r = await pairWithCode(port, code, {
        ...(label ? { label } : {}),
        ...(opts.fetch ? { fetch: opts.fetch } : {}),
      });
      if (!r.ok) return err(r.error.message);
      savePairing(r.value, storage);
      setProblem(undefined);
      setPairing(r.value);
      open(r.value);
      return r;
    },
    unpair() {
      forgetPairing(storage);
      setPairing(undefined);
      open(undefined);
    },
    printReceipt: (receipt: Receipt, openDrawer: boolean) =>
      run('receipt-printer', { type: 'print.receipt', receipt, openDrawer }),
    openDrawer: () => run('receipt-printer', { type: 'drawer.open' }),
    printTags: (tags: Tag[]) => run('tag-printer', { type: 'print.tags', tags }),
    simulated,
    /** The twin scanner reads `data` (Code 128 by default): it arrives like any scan. */
    simulateScan: (data: string, symbology = ']C0') => simulate({ type: 'sim.scan', symbology, data }),
    /** The twin RFID reader reads the tags of these Loupe serials (RFID-5), in chunks. */
    async simulateRfidSweep(serials: readonly string[]): Promise<Result<void, string>> {
      for (let i = 0; i < serials.length; i += SWEEP_CHUNK) {
        const r = await simulate({ type: 'sim.rfid', serials: serials.slice(i, i + SWEEP_CHUNK) });
        if (!r.ok) return r;
      }
      return ok(undefined);
    },
    async startCount(): Promise<Result<string, string>> {
      const why = unavailable('rfid');
      const c = connection();
      if (why || !c) return err(why ?? H.notPaired);
      const r = await c.request({ type: 'rfid.start', device: device('rfid')?.id });
      return r.ok && r.value.type === 'rfid.started'
        ? ok(r.value.session)
        : err(H.deviceFailed(KIND_LABEL.rfid, r.ok ? 'unexpected reply' : r.error.message));
    },
    async stopCount(): Promise<void> {
      await connection()?.request({ type: 'rfid.stop' });
    },
    onScan(l: (s: ScanEvent) => void): () => void {
      scanListeners.add(l);
      return () => scanListeners.delete(l);
    },
    onRfidBatch(l: (b: RfidBatchEvent) => void): () => void {
      rfidListeners.add(l);
      return () => rfidListeners.delete(l);
    },
    dispose: () => connection()?.close(),
  };
}

export type Hardware = ReturnType<typeof createHardware>;
export const HardwareContext = createContext<Hardware>();
export const useHardware = (): Hardware =>
  must(useContext(HardwareContext), 'useHardware outside HardwareContext');
