/**
 * The bridge's wire protocol, version 1 (see README.md, "Protocol").
 * Browser-safe: no Node imports, so the client imports this file for its types and parsers.
 * Every message is one JSON object `{ type, id?, ... }`; `id` is chosen by the app and echoed
 * on the reply so requests and answers can be paired.
 */

import { parseCurrency } from '../domain/money.ts';
import {
  array,
  boolean,
  decimal,
  fail,
  integer,
  isoInstant,
  literal,
  object,
  optional,
  type Parsed,
  type ParseError,
  type Parser,
  record,
  refine,
  string,
  withDefault,
} from '../domain/parse.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { closeCodes } from './close-codes.ts';

export const PROTOCOL_VERSIONS = [1] as const;
export type ProtocolVersion = (typeof PROTOCOL_VERSIONS)[number];
export { closeCodes };

const requestId = string({ min: 1, max: 64 });
/** Money travels as integer minor units plus an ISO 4217 code; never as a float. */
const minor = integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 });
const currency = parseCurrency;
const text = (max: number) => string({ max });

export const parseReceipt = object({
  saleId: string({ min: 1, max: 64 }),
  at: isoInstant,
  currency,
  locale: withDefault(string({ min: 2, max: 35 }), 'en-US'),
  timeZone: withDefault(string({ min: 1, max: 64 }), 'UTC'),
  store: object({ name: string({ min: 1, max: 64 }), address: withDefault(array(text(64), { max: 6 }), []) }),
  associate: optional(text(64)),
  lines: array(
    object({
      description: string({ min: 1, max: 120 }),
      serial: optional(text(40)),
      quantity: integer({ min: 1, max: 10_000 }),
      total: minor,
    }),
    { min: 1, max: 200 },
  ),
  subtotal: minor,
  taxes: withDefault(array(object({ label: string({ min: 1, max: 40 }), amount: minor }), { max: 10 }), []),
  total: minor,
  tenders: array(object({ label: string({ min: 1, max: 40 }), amount: minor }), { max: 20 }),
  change: withDefault(minor, 0),
  footer: withDefault(array(text(64), { max: 10 }), []),
});
export type Receipt = Parsed<typeof parseReceipt>;

export const TAG_SIZES = ['barbell', 'butterfly'] as const;
export type TagSize = (typeof TAG_SIZES)[number];

export const parseTag = object({
  serial: string({ min: 3, max: 40, pattern: /^[A-Za-z0-9-]+$/ }),
  price: integer({ min: 0, max: 1_000_000_000_000 }),
  currency,
  locale: withDefault(string({ min: 2, max: 35 }), 'en-US'),
  metal: string({ min: 1, max: 24 }),
  description: string({ min: 1, max: 40 }),
  size: literal(...TAG_SIZES),
});
export type Tag = Parsed<typeof parseTag>;

export const DEVICE_KINDS = ['scanner', 'rfid', 'receipt-printer', 'tag-printer'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
export type DeviceStatus = 'ready' | 'offline' | 'error';
export type DeviceInfo = {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly name: string;
  readonly simulated: boolean;
  readonly status: DeviceStatus;
  readonly detail?: string;
};

/** An RFID read after SGTIN-96 decoding; `gtin`/`serial` are absent for non-SGTIN tags. */
export type RfidRead = {
  readonly epc: string;
  readonly gtin?: string;
  readonly serial?: string;
  readonly rssi: number;
  readonly antenna: number;
};
export type RfidSummary = {
  readonly session: string;
  readonly uniqueTags: number;
  readonly totalReads: number;
  readonly byGtin: Readonly<Record<string, number>>;
  readonly unknownEpcs: readonly string[];
};

/** What the twins printed, as a person would read it (simulation only). */
export type PrintedReceipt = {
  readonly lines: string[];
  readonly qrcodes: string[];
  readonly barcodes: { symbology: string; data: string }[];
  readonly cuts: number;
  readonly drawerKicks: number;
};
export type PrintedTag = { readonly texts: string[]; readonly barcodes: string[] };

export type ErrorCode =
  | 'invalid-message'
  | 'unsupported-version'
  | 'hello-first'
  | 'no-device'
  | 'device-error'
  | 'simulation-off'
  | 'no-session';

const parsers = {
  hello: object({
    type: literal('hello'),
    id: optional(requestId),
    versions: array(integer({ min: 1 }), { min: 1 }),
  }),
  'devices.list': object({ type: literal('devices.list'), id: optional(requestId) }),
  'print.receipt': object({
    type: literal('print.receipt'),
    id: requestId,
    device: optional(text(64)),
    receipt: parseReceipt,
    openDrawer: withDefault(boolean, false),
  }),
  'print.tags': object({
    type: literal('print.tags'),
    id: requestId,
    device: optional(text(64)),
    tags: array(parseTag, { min: 1, max: 500 }),
  }),
  'drawer.open': object({ type: literal('drawer.open'), id: requestId, device: optional(text(64)) }),
  'rfid.start': object({ type: literal('rfid.start'), id: requestId, device: optional(text(64)) }),
  'rfid.stop': object({ type: literal('rfid.stop'), id: requestId }),
  'sim.scan': object({
    type: literal('sim.scan'),
    id: requestId,
    symbology: string({ pattern: /^\][A-Za-z0-9][0-9A-Za-z]$/ }),
    data: string({ min: 1, max: 4096, trim: false }),
  }),
  'sim.printouts': object({ type: literal('sim.printouts'), id: requestId }),
  // Tags for the RFID twin to read: raw EPCs, or Loupe serials the bridge encodes (RFID-5) —
  // what the app's "simulate an RFID sweep" sends for the store's stock.
  'sim.rfid': refine(
    object({
      type: literal('sim.rfid'),
      id: requestId,
      epcs: withDefault(array(string({ pattern: /^[0-9A-Fa-f]{24,64}$/ }), { max: 2_000 }), []),
      serials: withDefault(array(string({ min: 1, max: 64 }), { max: 2_000 }), []),
    }),
    (m) => (m.epcs.length + m.serials.length === 0 ? 'needs at least one EPC or serial' : undefined),
  ),
} satisfies Record<string, Parser<unknown>>;

export type ClientMessageType = keyof typeof parsers;
export type ClientMessage = { [K in ClientMessageType]: Parsed<(typeof parsers)[K]> }[ClientMessageType];

/** Bridge → app. */
export type BridgeMessage =
  | { type: 'welcome'; id?: string; version: ProtocolVersion; bridge: string; simulate: boolean }
  | { type: 'devices'; id?: string; devices: DeviceInfo[] }
  | { type: 'device.status'; device: DeviceInfo }
  | { type: 'scan'; device: string; symbology: string; data: string; at: string }
  | { type: 'rfid.started'; id: string; session: string }
  | { type: 'rfid.batch'; session: string; device: string; reads: RfidRead[]; newTags: number }
  | { type: 'rfid.summary'; id: string; summary: RfidSummary }
  | { type: 'print.result'; id: string; device: string; ok: true }
  | { type: 'done'; id: string }
  | { type: 'printouts'; id: string; receipts: PrintedReceipt[]; tags: PrintedTag[] }
  | { type: 'error'; id?: string; code: ErrorCode; message: string; path?: string };

const typeOnly = object({ type: string({ min: 1, max: 64 }), id: optional(requestId) });

/** A frame's JSON and its `{type, id}` head: the first step of parsing either direction. */
function readFrame(
  raw: string,
): Result<{ json: unknown; type: string; id?: string | undefined }, ParseError> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return err({ code: 'invalid-input', path: '(root)', message: 'not JSON' });
  }
  const head = typeOnly(json);
  return head.ok ? ok({ json, type: head.value.type, id: head.value.id }) : head;
}

/** Parses one raw websocket frame. The error carries the request id when it could be read. */
export function parseClientMessage(raw: string): Result<ClientMessage, ParseError & { id?: string }> {
  const frame = readFrame(raw);
  if (!frame.ok) return frame;
  const { json, type, id } = frame.value;
  const parser = Object.hasOwn(parsers, type)
    ? (parsers[type as ClientMessageType] as Parser<ClientMessage>)
    : undefined;
  if (!parser) return err({ code: 'invalid-input', path: 'type', message: `unknown type "${type}"`, id });
  const r = parser(json);
  return r.ok ? ok(r.value) : err({ ...r.error, id });
}

/** The highest version both sides speak, if any. */
export function negotiateVersion(offered: readonly number[]): ProtocolVersion | undefined {
  const common = PROTOCOL_VERSIONS.filter((v) => offered.includes(v));
  return common.length > 0 ? (Math.max(...common) as ProtocolVersion) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Bridge → app parsing: the app treats the bridge's frames as untrusted input too (a newer or
// broken bridge must not crash a till), so every frame goes through `parseBridgeMessage`.

/** A number or boolean constant on the wire (`literal` is for strings). */
const exactly =
  <const T extends number | boolean>(...values: readonly T[]): Parser<T> =>
  (input, path = '') =>
    values.includes(input as T) ? ok(input as T) : fail(path, `expected one of ${values.join(', ')}`);

const deviceInfo = object({
  id: string({ min: 1, max: 64 }),
  kind: literal(...DEVICE_KINDS),
  name: string({ max: 120 }),
  simulated: boolean,
  status: literal('ready', 'offline', 'error'),
  detail: optional(text(500)),
});
const rfidRead = object({
  epc: string({ pattern: /^[0-9A-Fa-f]{8,64}$/ }),
  gtin: optional(string({ pattern: /^\d{14}$/ })),
  serial: optional(string({ pattern: /^\d{1,20}$/ })),
  rssi: decimal({ min: -200, max: 50 }),
  antenna: integer({ min: 0, max: 1_000 }),
});
const lines = array(text(500), { max: 2_000 });

const bridgeParsers = {
  welcome: object({
    type: literal('welcome'),
    id: optional(requestId),
    version: exactly(...PROTOCOL_VERSIONS),
    bridge: text(64),
    simulate: boolean,
  }),
  devices: object({
    type: literal('devices'),
    id: optional(requestId),
    devices: array(deviceInfo, { max: 100 }),
  }),
  'device.status': object({ type: literal('device.status'), device: deviceInfo }),
  scan: object({
    type: literal('scan'),
    device: text(64),
    symbology: text(8),
    data: string({ min: 1, max: 4096, trim: false }),
    at: isoInstant,
  }),
  'rfid.started': object({
    type: literal('rfid.started'),
    id: requestId,
    session: string({ min: 1, max: 64 }),
  }),
  'rfid.batch': object({
    type: literal('rfid.batch'),
    session: string({ min: 1, max: 64 }),
    device: text(64),
    reads: array(rfidRead, { max: 10_000 }),
    newTags: integer({ min: 0 }),
  }),
  'rfid.summary': object({
    type: literal('rfid.summary'),
    id: requestId,
    summary: object({
      session: string({ min: 1, max: 64 }),
      uniqueTags: integer({ min: 0 }),
      totalReads: integer({ min: 0 }),
      byGtin: record(integer({ min: 0 }), { max: 100_000 }),
      unknownEpcs: array(string({ max: 64 }), { max: 100_000 }),
    }),
  }),
  'print.result': object({
    type: literal('print.result'),
    id: requestId,
    device: text(64),
    ok: exactly(true),
  }),
  done: object({ type: literal('done'), id: requestId }),
  printouts: object({
    type: literal('printouts'),
    id: requestId,
    receipts: array(
      object({
        lines,
        qrcodes: lines,
        barcodes: array(object({ symbology: text(32), data: text(500) }), { max: 100 }),
        cuts: integer({ min: 0 }),
        drawerKicks: integer({ min: 0 }),
      }),
      { max: 10_000 },
    ),
    tags: array(object({ texts: lines, barcodes: lines }), { max: 10_000 }),
  }),
  error: object({
    type: literal('error'),
    id: optional(requestId),
    code: literal(
      'invalid-message',
      'unsupported-version',
      'hello-first',
      'no-device',
      'device-error',
      'simulation-off',
      'no-session',
    ),
    message: text(2_000),
    path: optional(text(500)),
  }),
} satisfies Record<BridgeMessage['type'], Parser<unknown>>;

/** Parses one frame from the bridge; a malformed frame is an error value, never an exception. */
export function parseBridgeMessage(raw: string): Result<BridgeMessage, ParseError> {
  const frame = readFrame(raw);
  if (!frame.ok) return frame;
  const { json, type } = frame.value;
  const parser = Object.hasOwn(bridgeParsers, type)
    ? (bridgeParsers[type as BridgeMessage['type']] as Parser<Record<string, unknown>>)
    : undefined;
  if (!parser) return err({ code: 'invalid-input', path: 'type', message: `unknown type "${type}"` });
  const r = parser(json);
  return r.ok ? ok(r.value as BridgeMessage) : r;
}

// ---------------------------------------------------------------------------------------------
// Loupe serials on RFID tags. SGTIN-96 carries a GTIN and a *numeric* serial (38 bits), so an
// alphanumeric serial such as `LP-001-000123` cannot be written as is. Loupe's own serials
// (`LP-<3 digits>-<6 digits>`) are written losslessly as the number `<3 digits><6 digits>` under
// one GTIN, `LOUPE_GTIN` (GS1's documentation company prefix 0614141, item reference 00001);
// tags with any other GTIN are somebody else's and are reported as unknown. A shop with
// serials in another format needs an EPC → serial lookup table (see README, "RFID tags").

export const LOUPE_GTIN = '00614141000012';
const LOUPE_SERIAL = /^LP-(\d{3})-(\d{6})$/;

/** The SGTIN serial number for a Loupe serial, or undefined when the format cannot be encoded. */
export function sgtinSerialOf(serial: string): number | undefined {
  const m = LOUPE_SERIAL.exec(serial.trim().toUpperCase());
  return m ? Number(`${m[1]}${m[2]}`) : undefined;
}

/** The Loupe serial an RFID read stands for, when it is one of ours. */
export function serialOfSgtin(gtin: string | undefined, sgtinSerial: string | undefined): string | undefined {
  if (gtin !== LOUPE_GTIN || !sgtinSerial || !/^\d{1,9}$/.test(sgtinSerial)) return undefined;
  const digits = sgtinSerial.padStart(9, '0');
  return `LP-${digits.slice(0, 3)}-${digits.slice(3)}`;
}
