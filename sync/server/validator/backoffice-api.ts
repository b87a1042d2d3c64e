/**
 * The back office over the relay's SQL (HTTP, Bearer token, role and store checked):
 *
 * - `GET /api/devices` and `POST /api/devices/<id>/revoke` (ORGUI-2): the tills staff signed in
 *   on; revoking one ends its refresh tokens and signing keys and closes its live connections.
 * - `GET /api/pieces/<serial>/prices` (PRICE-1): a piece's price history, newest first.
 * - `GET /api/lookup?style=<style>` (LOOKUP-1): where the style is in stock across the chain.
 * - `GET /api/consignments?store=<id>[&owner=<id>][&format=csv]` (CONSIGN-6, CONSIGN-7): the
 *   consigned pieces held with their aging, and the payouts owed per owner (a statement).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DatabaseSync } from 'node:sqlite';
import type { Extension, Hocuspocus } from '@hocuspocus/server';
import { capable } from '../../../domain/capabilities.ts';
import { AGING_BUCKETS, agingBucket, daysHeld } from '../../../domain/consignment.ts';
import { type Currency, toDecimalString } from '../../../domain/money.ts';
import type { Capability, Role } from '../../../domain/roles.ts';
import { REFRESH_TOKEN_DAYS } from '../accounts.ts';
import { capabilitySettingsOf, consignmentRow, stmt } from '../backoffice-source.ts';
import { CloseCodes, RelayError } from '../close-codes.ts';
import { apiRoute, json, keyRingOf, requireCaller } from '../http-io.ts';
import type { TokenClaims } from '../tokens.ts';

type Row = Record<string, string | number | null>;
const DEVICE_REVOKE = /^\/api\/devices\/([^/]+)\/revoke$/;
const PRICES = /^\/api\/pieces\/([^/]+)\/prices$/;
const PATHS = /^\/api\/(devices(\/[^/]+\/revoke)?|pieces\/[^/]+\/prices|lookup|consignments)$/;

export type DeviceView = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  revokedAt: string | null;
  /** Who signed in on it, most recent first (names from the staff list). */
  users: { id: string; name: string; role: string; lastSignIn: string }[];
  /** ORGUI-4: whether the caller may revoke it (an owner always; a manager when they manage everyone who used it). */
  revocable: boolean;
};

export type PriceChange = {
  commandId: string;
  at: string;
  user: string;
  userName: string;
  currency: string;
  fromMinor: number;
  toMinor: number;
  reason: string;
};

export type StyleHolding = {
  serial: string;
  store: string;
  storeName: string;
  status: string;
  title: string;
  listPrice: { minor: number; currency: string };
};

export type ConsignedPiece = {
  serial: string;
  store: string;
  title: string;
  basis: string;
  owner: { kind: string; id: string; name: string };
  terms: unknown;
  receivedAt: string;
  days: number;
  bucket: string;
  status: string;
  listPrice: { minor: number; currency: string } | null;
  returnedAt: string | null;
};

export type Payout = {
  saleId: string;
  serial: string;
  ownerId: string;
  ownerName: string;
  store: string;
  currency: string;
  soldMinor: number;
  payoutMinor: number;
  at: string;
  cancelledAt: string | null;
};

export class BackofficeApi {
  readonly #db: DatabaseSync;
  #hocuspocus: Hocuspocus | undefined;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  extension(): Extension {
    const route = apiRoute(
      'loupe-backoffice-api',
      (url) => PATHS.test(url.pathname),
      (req, res, url) => this.#handle(req, res, url),
    );
    return {
      ...route,
      onConfigure: async ({ instance }) => {
        this.#hocuspocus = instance;
      },
      // ORGUI-2, ORG-8: a revoked till, or a deactivated person, cannot reopen a document with an
      // access token that has not expired yet: the websocket is refused like an expired token.
      onAuthenticate: async ({ token, context }) => {
        const known = (context as { user?: TokenClaims } | undefined)?.user;
        const claims = known ?? (token ? await keyRingOf(this.#db).verify(token) : null);
        if (claims && !this.#live(claims)) throw new RelayError(CloseCodes.Unauthorized, 'session ended');
      },
    };
  }

  /**
   * The caller, when the token verifies and they are still active staff: a token outlives a
   * deactivation by up to 15 minutes, SQL does not (ORG-8). `capability` is read with the owner's
   * settings (CAP-3).
   */
  async #caller(
    req: IncomingMessage,
    res: ServerResponse,
    capability: Capability,
    forbidden: string,
    store?: string,
  ): Promise<TokenClaims | null> {
    const claims = await requireCaller(req, res, keyRingOf(this.#db), store === undefined ? {} : { store });
    if (!claims) return null;
    const row = stmt(this.#db, 'SELECT role, stores, disabled FROM users WHERE id = ?').get(claims.sub) as
      | Row
      | undefined;
    if (!row || !this.#live(claims)) {
      json(res, 401, { error: 'unauthorized', message: 'this session was ended; sign in again' });
      return null;
    }
    const role = String(row.role) as Role;
    if (!capable(capabilitySettingsOf(this.#db), role, capability)) {
      json(res, 403, { error: 'forbidden', message: forbidden });
      return null;
    }
    const stores = JSON.parse(String(row.stores)) as string[];
    return { ...claims, role, stores };
  }

  /** The person is active and the device not revoked (SQL, not the token, decides). */
  #live(claims: TokenClaims): boolean {
    const user = stmt(this.#db, 'SELECT disabled FROM users WHERE id = ?').get(claims.sub) as Row | undefined;
    const device = stmt(this.#db, 'SELECT revoked_at FROM devices WHERE id = ?').get(claims.device) as
      | Row
      | undefined;
    return !!user && Number(user.disabled) === 0 && (device?.revoked_at ?? null) === null;
  }

  async #handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const revoke = DEVICE_REVOKE.exec(url.pathname);
    if (revoke) {
      if (req.method !== 'POST') return json(res, 405, { error: 'method-not-allowed' });
      return this.#revoke(req, res, decodeURIComponent(revoke[1] ?? ''));
    }
    if (req.method !== 'GET') return json(res, 405, { error: 'method-not-allowed' });
    if (url.pathname === '/api/devices') return this.#devices(req, res);
    const prices = PRICES.exec(url.pathname);
    if (prices) return this.#prices(req, res, decodeURIComponent(prices[1] ?? ''));
    if (url.pathname === '/api/lookup') return this.#lookup(req, res, url);
    return this.#consignments(req, res, url);
  }

  /** Devices whose users the caller manages: owners all; others, devices used by their stores' staff. */
  #visibleDevices(caller: TokenClaims): DeviceView[] {
    const rows = stmt(
      this.#db,
      `SELECT d.id, d.created_at, d.last_seen_at, d.revoked_at, u.id AS user_id, u.name, u.role, u.stores,
              max(r.expires_at) AS last_expiry
       FROM devices d
       JOIN refresh_tokens r ON r.device_id = d.id
       JOIN users u ON u.id = r.user_id
       GROUP BY d.id, u.id
       ORDER BY d.last_seen_at DESC, last_expiry DESC`,
    ).all() as Row[];
    const mine = new Set(caller.stores);
    const out = new Map<string, DeviceView & { visible: boolean }>();
    for (const r of rows) {
      const id = String(r.id);
      let d = out.get(id);
      if (!d) {
        d = {
          id,
          createdAt: String(r.created_at),
          lastSeenAt: String(r.last_seen_at),
          revokedAt: r.revoked_at === null ? null : String(r.revoked_at),
          users: [],
          revocable: true,
          visible: caller.role === 'owner',
        };
        out.set(id, d);
      }
      const stores = JSON.parse(String(r.stores)) as string[];
      if (stores.some((s) => mine.has(s))) d.visible = true;
      // ORGUI-4: a manager may revoke a till only when everyone who used it is someone they
      // manage (no owner, nobody from a store outside theirs): one store's manager cannot lock
      // the owner, or another store's staff, out of a device.
      if (caller.role !== 'owner' && (r.role === 'owner' || !stores.every((s) => mine.has(s))))
        d.revocable = false;
      // A refresh token lives REFRESH_TOKEN_DAYS from its sign-in (or refresh): the latest one
      // gives when this person last signed in on this device.
      const signedIn = Date.parse(String(r.last_expiry)) - REFRESH_TOKEN_DAYS * 86_400_000;
      d.users.push({
        id: String(r.user_id),
        name: String(r.name),
        role: String(r.role),
        lastSignIn: Number.isFinite(signedIn) ? new Date(signedIn).toISOString() : String(r.last_seen_at),
      });
    }
    return [...out.values()].filter((d) => d.visible).map(({ visible: _v, ...d }) => d);
  }

  async #devices(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const caller = await this.#caller(req, res, 'manage-staff', 'only those who manage staff see devices');
    if (!caller) return;
    json(res, 200, { devices: this.#visibleDevices(caller) });
  }

  /** ORGUI-2: a lost or stolen till stops syncing at once; its people sign in again elsewhere. */
  async #revoke(req: IncomingMessage, res: ServerResponse, device: string): Promise<void> {
    const caller = await this.#caller(req, res, 'manage-staff', 'only those who manage staff revoke devices');
    if (!caller) return;
    const found = this.#visibleDevices(caller).find((d) => d.id === device);
    if (!found)
      return json(res, 404, { error: 'device-unknown', message: 'no such device among your stores' });
    if (device === caller.device)
      return json(res, 409, { error: 'own-device', message: 'revoke this till from another one' });
    if (found.revokedAt) return json(res, 200, { device: found.id, revokedAt: found.revokedAt });
    if (!found.revocable)
      return json(res, 403, {
        error: 'device-above-you',
        message:
          'someone you do not manage (the owner, or staff of another store) used this till: ask the owner',
      });
    const now = Date.now();
    revokeDeviceRows(this.#db, device, now);
    const closed = this.#closeConnections(device);
    json(res, 200, { device, revokedAt: new Date(now).toISOString(), closedConnections: closed });
  }

  /**
   * Closes the device's websockets (every document on them): the till reconnects, its token is
   * refused by `onAuthenticate` above, and it asks its user to sign in again.
   */
  #closeConnections(device: string): number {
    const sockets = new Set<{ close(code?: number, reason?: string): void }>();
    for (const doc of this.#hocuspocus?.documents.values() ?? [])
      for (const conn of doc.getConnections()) {
        const ctx = (conn as unknown as { context?: { user?: { device?: string } } }).context;
        if (ctx?.user?.device === device) sockets.add(conn.webSocket);
      }
    for (const socket of sockets) socket.close(CloseCodes.Unauthorized.code, CloseCodes.Unauthorized.reason);
    return sockets.size;
  }

  async #prices(req: IncomingMessage, res: ServerResponse, serial: string): Promise<void> {
    const piece = stmt(this.#db, 'SELECT store FROM pieces WHERE serial = ?').get(serial) as Row | undefined;
    const caller = await this.#caller(
      req,
      res,
      'sell',
      'your role may not see price history',
      piece ? String(piece.store) : undefined,
    );
    if (!caller) return;
    if (!piece) return json(res, 404, { error: 'piece-unknown', message: `no piece ${serial}` });
    const rows = stmt(
      this.#db,
      `SELECT h.command_id, h.at, h.user_id, coalesce(u.name, h.user_id) AS user_name, h.currency, h.from_minor,
              h.to_minor, h.reason
       FROM price_history h LEFT JOIN users u ON u.id = h.user_id
       WHERE h.serial = ? ORDER BY h.at DESC, h.command_id DESC`,
    ).all(serial) as Row[];
    const history: PriceChange[] = rows.map((r) => ({
      commandId: String(r.command_id),
      at: String(r.at),
      user: String(r.user_id),
      userName: String(r.user_name),
      currency: String(r.currency),
      fromMinor: Number(r.from_minor),
      toMinor: Number(r.to_minor),
      reason: String(r.reason),
    }));
    json(res, 200, { serial, history });
  }

  /** LOOKUP-1: every piece of the style on a shelf somewhere (in stock or reserved), any store. */
  async #lookup(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const caller = await this.#caller(req, res, 'sell', 'your role may not look up stock');
    if (!caller) return;
    const style = (url.searchParams.get('style') ?? '').trim();
    if (!style || style.length > 60)
      return json(res, 400, { error: 'invalid-style', message: 'give a style of 1 to 60 characters' });
    const rows = stmt(
      this.#db,
      `SELECT p.serial, p.store, coalesce(s.name, p.store) AS store_name, p.status, p.list_price_minor, p.currency,
              json_extract(p.record, '$.title') AS title
       FROM pieces p LEFT JOIN stores s ON s.id = p.store
       WHERE json_extract(p.record, '$.style') = ? AND p.status IN ('in-stock', 'reserved')
       ORDER BY s.name, p.serial LIMIT 500`,
    ).all(style) as Row[];
    const holdings: StyleHolding[] = rows.map((r) => ({
      serial: String(r.serial),
      store: String(r.store),
      storeName: String(r.store_name),
      status: String(r.status),
      title: String(r.title ?? ''),
      listPrice: { minor: Number(r.list_price_minor), currency: String(r.currency) },
    }));
    json(res, 200, { style, holdings });
  }

  async #consignments(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const store = url.searchParams.get('store') ?? '';
    const caller = await this.#caller(
      req,
      res,
      'view-finance',
      'only managers and owners see consignment statements',
      store,
    );
    if (!caller) return;
    const owner = url.searchParams.get('owner') ?? undefined;
    const report = this.consignmentReport(store, owner, new Date().toISOString());
    if (url.searchParams.get('format') === 'csv') {
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="consignment-${owner ?? 'all'}.csv"`,
        'Cache-Control': 'no-store',
      });
      res.end(statementCsv(report));
      return;
    }
    json(res, 200, report);
  }

  /** CONSIGN-6, CONSIGN-7: what is held for owners at the store, and what is owed to them. */
  consignmentReport(store: string, owner: string | undefined, now: string) {
    const rows = stmt(
      this.#db,
      `SELECT c.*, p.status, p.list_price_minor, p.currency
       FROM consignments c LEFT JOIN pieces p ON p.serial = c.serial AND c.returned_at IS NULL
       WHERE c.store = ? AND (? IS NULL OR c.owner_id = ?) ORDER BY c.received_at, c.serial`,
    ).all(store, owner ?? null, owner ?? null) as Row[];
    const pieces: ConsignedPiece[] = [];
    for (const r of rows) {
      const c = consignmentRow(r);
      if (!c) continue;
      const days = daysHeld(c.receivedAt, c.returnedAt ?? now);
      const record = (c.record ?? {}) as { title?: unknown };
      pieces.push({
        serial: c.serial,
        store: c.store,
        title: typeof record.title === 'string' ? record.title : '',
        basis: c.consignment.basis,
        owner: { ...c.consignment.owner },
        terms: c.consignment.terms,
        receivedAt: c.receivedAt,
        days,
        bucket: agingBucket(days),
        status: c.returnedAt ? 'returned-to-owner' : String(r.status ?? 'unknown'),
        listPrice:
          r.list_price_minor === null
            ? null
            : { minor: Number(r.list_price_minor), currency: String(r.currency) },
        returnedAt: c.returnedAt,
      });
    }
    const payoutRows = stmt(
      this.#db,
      `SELECT p.*, c.owner_name FROM consignment_payouts p JOIN consignments c ON c.id = p.consignment_id
       WHERE p.store = ? AND (? IS NULL OR p.owner_id = ?) ORDER BY p.at, p.serial`,
    ).all(store, owner ?? null, owner ?? null) as Row[];
    const payouts: Payout[] = payoutRows.map((r) => ({
      saleId: String(r.sale_id),
      serial: String(r.serial),
      ownerId: String(r.owner_id),
      ownerName: String(r.owner_name),
      store: String(r.store),
      currency: String(r.currency),
      soldMinor: Number(r.sold_minor),
      payoutMinor: Number(r.payout_minor),
      at: String(r.at),
      cancelledAt: r.cancelled_at === null ? null : String(r.cancelled_at),
    }));
    // The store's own stock value leaves consigned pieces out (CONSIGN-3).
    const value = stmt(
      this.#db,
      `SELECT p.currency, sum(p.list_price_minor) AS own, count(*) AS n FROM pieces p
       WHERE p.store = ? AND p.status IN ('in-stock','reserved','on-memo','in-repair','in-transit','returned')
         AND NOT EXISTS (SELECT 1 FROM consignments c WHERE c.serial = p.serial AND c.returned_at IS NULL)
       GROUP BY p.currency`,
    ).all(store) as Row[];
    const held = pieces.filter((p) => !p.returnedAt && p.status !== 'sold');
    const aging = Object.fromEntries(
      AGING_BUCKETS.map((b) => [b, held.filter((p) => p.bucket === b).length]),
    );
    const owed = new Map<string, number>();
    for (const p of payouts)
      if (!p.cancelledAt) owed.set(p.currency, (owed.get(p.currency) ?? 0) + p.payoutMinor);
    return {
      store,
      owner: owner ?? null,
      at: now,
      pieces,
      payouts,
      aging,
      owed: [...owed].map(([currency, minor]) => ({ currency, minor })),
      ownStockValue: value.map((v) => ({
        currency: String(v.currency),
        minor: Number(v.own),
        pieces: Number(v.n),
      })),
    };
  }
}

/** The rows `Accounts.revokeDevice` ends: the device, its refresh tokens and its signing keys, at once. */
function revokeDeviceRows(db: DatabaseSync, device: string, now: number): void {
  const at = new Date(now).toISOString();
  db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, device);
  db.prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL').run(
    at,
    device,
  );
  db.prepare('UPDATE device_keys SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL').run(
    at,
    device,
  );
}

const csvCell = (v: string | number | null): string => {
  const s = v === null ? '' : String(v);
  // A leading = + - @ would run as a formula in a spreadsheet: quote it away.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
const decimal = (minor: number, currency: string): string =>
  toDecimalString({ minor, currency: currency as Currency });

/** CONSIGN-7: the statement as CSV: one row per piece held or sold, with the payout owed. */
export function statementCsv(report: ReturnType<BackofficeApi['consignmentReport']>): string {
  const header = [
    'owner',
    'owner_id',
    'serial',
    'title',
    'basis',
    'received',
    'days',
    'aging',
    'status',
    'sold_before_tax',
    'payout',
    'currency',
    'sale',
    'sold_at',
    'note',
  ];
  const lines = [header.join(',')];
  for (const p of report.pieces) {
    const pay = report.payouts.filter((x) => x.serial === p.serial);
    const base = [
      p.owner.name,
      p.owner.id,
      p.serial,
      p.title,
      p.basis,
      p.receivedAt.slice(0, 10),
      p.days,
      p.bucket,
      p.status,
    ];
    if (pay.length === 0)
      lines.push([...base, '', '', p.listPrice?.currency ?? '', '', '', ''].map(csvCell).join(','));
    for (const x of pay)
      lines.push(
        [
          ...base,
          decimal(x.soldMinor, x.currency),
          decimal(x.payoutMinor, x.currency),
          x.currency,
          x.saleId,
          x.at.slice(0, 10),
          x.cancelledAt ? 'sale returned: nothing owed' : '',
        ]
          .map(csvCell)
          .join(','),
      );
  }
  return `${lines.join('\r\n')}\r\n`;
}
