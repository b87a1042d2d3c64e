/**
 * The relay's back-office endpoints (docs/api.md): devices and their revocation, staff secrets,
 * price history, the cross-store style lookup and consignment statements. Each answer is checked
 * before a screen trusts it; `undefined` means the relay could not be asked (offline) or refused.
 */
import { isPlainObject } from '../../../domain/parse.ts';

export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

async function call<T>(
  token: string,
  path: string,
  init: RequestInit = {},
  read: (body: unknown) => T | undefined = (b) => b as T,
): Promise<ApiResult<T>> {
  try {
    const res = await fetch(path, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });
    const body: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const message = isPlainObject(body) && typeof body.message === 'string' ? body.message : res.statusText;
      return { ok: false, status: res.status, message };
    }
    const value = read(body);
    return value === undefined
      ? { ok: false, status: 502, message: 'unexpected answer' }
      : { ok: true, value };
  } catch {
    return { ok: false, status: 0, message: 'offline' };
  }
}

export type DeviceRow = {
  id: string;
  lastSeenAt: string;
  revokedAt: string | null;
  users: { id: string; name: string; role: string; lastSignIn: string }[];
  /** ORGUI-4: false when someone the caller does not manage used it (only the owner may revoke it). */
  revocable: boolean;
};
export const fetchDevices = (token: string) =>
  call<DeviceRow[]>(token, '/api/devices', {}, (b) =>
    isPlainObject(b) && Array.isArray(b.devices) ? (b.devices as DeviceRow[]) : undefined,
  );
export const revokeDevice = (token: string, id: string) =>
  call<{ revokedAt: string }>(token, `/api/devices/${encodeURIComponent(id)}/revoke`, { method: 'POST' });

/** ORG-9: a PIN and/or a password for someone (never through a command). */
export const setCredentials = (token: string, userId: string, secrets: { pin?: string; password?: string }) =>
  call<unknown>(token, `/api/staff/${encodeURIComponent(userId)}/credentials`, {
    method: 'POST',
    body: JSON.stringify(secrets),
  });

export type PriceChangeRow = {
  at: string;
  userName: string;
  currency: string;
  fromMinor: number;
  toMinor: number;
  reason: string;
};
export const fetchPriceHistory = (token: string, serial: string) =>
  call<PriceChangeRow[]>(token, `/api/pieces/${encodeURIComponent(serial)}/prices`, {}, (b) =>
    isPlainObject(b) && Array.isArray(b.history) ? (b.history as PriceChangeRow[]) : undefined,
  );

export type Holding = {
  serial: string;
  store: string;
  storeName: string;
  status: string;
  title: string;
  listPrice: { minor: number; currency: string };
};
export const lookupStyle = (token: string, style: string) =>
  call<Holding[]>(token, `/api/lookup?style=${encodeURIComponent(style)}`, {}, (b) =>
    isPlainObject(b) && Array.isArray(b.holdings) ? (b.holdings as Holding[]) : undefined,
  );

export type ConsignmentReport = {
  pieces: {
    serial: string;
    title: string;
    basis: string;
    owner: { kind: string; id: string; name: string };
    terms:
      | { kind: 'split'; ownerShareBp: number }
      | { kind: 'fixed'; payout: { minor: number; currency: string } };
    receivedAt: string;
    days: number;
    bucket: string;
    status: string;
    listPrice: { minor: number; currency: string } | null;
  }[];
  payouts: {
    saleId: string;
    serial: string;
    ownerId: string;
    ownerName: string;
    currency: string;
    soldMinor: number;
    payoutMinor: number;
    at: string;
    cancelledAt: string | null;
  }[];
  aging: Record<string, number>;
  owed: { currency: string; minor: number }[];
  ownStockValue: { currency: string; minor: number; pieces: number }[];
};
export const consignmentsPath = (store: string, owner?: string, csv = false) =>
  `/api/consignments?store=${encodeURIComponent(store)}${owner ? `&owner=${encodeURIComponent(owner)}` : ''}${csv ? '&format=csv' : ''}`;
export const fetchConsignments = (token: string, store: string, owner?: string) =>
  call<ConsignmentReport>(token, consignmentsPath(store, owner), {}, (b) =>
    isPlainObject(b) && Array.isArray(b.pieces) && Array.isArray(b.payouts)
      ? (b as ConsignmentReport)
      : undefined,
  );
/** The CSV statement, as text (the screen saves it as a file). */
export async function fetchStatementCsv(
  token: string,
  store: string,
  owner?: string,
): Promise<string | undefined> {
  try {
    const res = await fetch(consignmentsPath(store, owner, true), {
      headers: { authorization: `Bearer ${token}` },
    });
    return res.ok ? await res.text() : undefined;
  } catch {
    return undefined;
  }
}
