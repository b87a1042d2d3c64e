/**
 * Helpers for tests that need a real relay (port 0 on 127.0.0.1, SQLite in a temp dir) and
 * real devices over websockets. Reused by the validator's tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { uuidv7 } from '../../domain/ids.ts';
import { currency, money } from '../../domain/money.ts';
import { NO_TAX, type TaxRule, taxOn } from '../../domain/tax.ts';
import type { LoginAnswer } from '../shared/api.ts';
import { command } from '../shared/command-builder.ts';
import { connectDevice, type Device } from '../shared/device-client.ts';
import type { CommandEnvelope } from '../shared/docs/outbox.ts';
import { createRelay, type Relay, type RelayOptions } from './relay.ts';
import type { DemoSummary } from './seed/demo.ts';
import { validatorExtensions, validatorMigrations } from './validator/index.ts';

export const TEST_PASSWORD = 'test-secret';

export type TestRelay = Relay & {
  dir: string;
  dbPath: string;
  demo: DemoSummary;
  /** Whether this start created the demo (false after a restart on a seeded file). */
  seededThisStart: boolean;
  /** Restart on the same database file (persistence tests). */
  restart(): Promise<TestRelay>;
  /** Destroys the relay and removes its temp dir. */
  cleanup(): Promise<void>;
};

export async function startTestRelay(options: RelayOptions & { dir?: string } = {}): Promise<TestRelay> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'loupe-relay-'));
  const dbPath = options.dbPath ?? join(dir, 'loupe.db');
  const relay = await createRelay({
    port: 0,
    host: '127.0.0.1',
    staticDir: join(dir, 'no-client-build'),
    seedDemo: { password: TEST_PASSWORD, piecesPerStore: 20, clientsPerStore: 20 },
    debounce: 50,
    ...options,
    dbPath,
  });
  const demo =
    relay.demo ??
    ({ password: TEST_PASSWORD, stores: [], users: [], pieces: 0, clients: 0, clientIds: {} } as DemoSummary);
  const self: TestRelay = {
    ...relay,
    dir,
    dbPath,
    demo,
    seededThisStart: relay.demo !== undefined,
    async restart() {
      await relay.destroy();
      const next = await startTestRelay({ ...options, dir, dbPath });
      // The seed ran only the first time; keep the first run's summary for logins.
      return { ...next, demo };
    },
    async cleanup() {
      await relay.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return self;
}

/** A demo user by role and store index (0 = Paris, 1 = New York); the owner spans both. */
/** A test relay with the command validator, as `npm start` runs it. */
export const startValidatingRelay = (options: RelayOptions & { dir?: string } = {}): Promise<TestRelay> =>
  startTestRelay({
    migrations: validatorMigrations,
    extensions: (db, documents) => validatorExtensions(db, documents),
    ...options,
  });

export function demoUser(relay: TestRelay, role: string, storeIndex = 0) {
  const store = relay.demo.stores[storeIndex];
  const user = relay.demo.users.find(
    (u) => u.role === role && (role === 'owner' || u.stores[0] === store?.id),
  );
  if (!user || !store) throw new Error(`no demo ${role} in store ${storeIndex}`);
  return { ...user, store: store.id };
}

export type LoginBody = { user: string; password?: string; pin?: string; device?: string };
/** The login answer as a test reads it (`sync/shared/api.ts`). */
export type SessionBody = LoginAnswer;

/**
 * A command as a signed-in session's device sends it: a fresh id, stamped now, by the session's
 * user unless another is named (to forge one in a test).
 */
export function sessionEnvelope<P = unknown>(
  session: SessionBody,
  store: string,
  type: string,
  payload: P,
  user: string = session.user.id,
): CommandEnvelope & { payload: P } {
  return { id: uuidv7(), type, store, device: session.device, user, at: new Date().toISOString(), payload };
}

export async function post(
  relay: { url: string },
  path: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${relay.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Logs in with the demo password (or the given body) and returns the session; throws if refused. */
export async function login(
  relay: TestRelay,
  login: string,
  extra: Partial<LoginBody> = {},
): Promise<SessionBody> {
  const device = extra.device ?? uuidv7();
  const body = extra.pin
    ? { user: login, pin: extra.pin, device }
    : { user: login, password: TEST_PASSWORD, device, ...extra };
  const res = await post(relay, '/api/login', body);
  if (res.status !== 200) throw new Error(`login ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as unknown as SessionBody;
}

/** A device connected as this session (token may be overridden, e.g. a forged one). */
export function connectAs(relay: { wsUrl: string }, session: Pick<SessionBody, 'token' | 'device'>): Device {
  return connectDevice({ url: relay.wsUrl, token: session.token, deviceId: session.device });
}

/** The store's tax rule as the relay holds it (domain/tax.ts, TAX-*). */
export function storeTax(relay: { db: Relay['db'] }, store: string): TaxRule {
  const row = relay.db.prepare('SELECT tax_rate_bp, tax_inclusive FROM stores WHERE id = ?').get(store) as
    | { tax_rate_bp: number; tax_inclusive: number }
    | undefined;
  return row ? { basisPoints: Number(row.tax_rate_bp), inclusive: Number(row.tax_inclusive) === 1 } : NO_TAX;
}

/** A one-line card sale of `piece` at list price, taxed by the store's rule, as a till appends it. */
export function saleEnvelope(
  session: { device: string; user: { id: string } },
  store: string,
  piece: { serial: string; minor: number; currency: string },
  at = new Date().toISOString(),
  rule: TaxRule = NO_TAX,
): CommandEnvelope {
  const net = { minor: piece.minor, currency: piece.currency };
  const { tax, total: amount } = Number.isSafeInteger(piece.minor)
    ? taxOn(money(piece.minor, currency(piece.currency)), rule)
    : { tax: { minor: 0, currency: piece.currency }, total: net };
  return command(
    { store, device: session.device, user: session.user.id },
    'sale.complete',
    {
      saleId: uuidv7(),
      lines: [{ serial: piece.serial, price: net }],
      tax,
      total: amount,
      tenders: [{ kind: 'card', amount, reference: 'T-1' }],
    },
    { now: new Date(at) },
  );
}

/** A provider on the device's socket writing straight into its Y.Doc: what a buggy client would do. */
export function rawProvider(device: Device, name: string, token: string) {
  const closed: string[] = [];
  let synced = false;
  const provider = new HocuspocusProvider({
    websocketProvider: device.socket,
    name,
    token,
    onSynced: () => {
      synced = true;
    },
    onClose: ({ event }) => closed.push(event.reason),
  });
  provider.attach();
  return { provider, doc: provider.document, closed, isSynced: () => synced };
}
