/**
 * Identifiers. Every id except a piece's serial is a UUIDv7 generated on the device
 * (sortable by creation time, no coordination needed offline). Brands keep a ClientId
 * from being passed where a StoreId is expected.
 */
import { fail, type Parser } from './parse.ts';
import { ok } from './result.ts';

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ClientId = Brand<string, 'ClientId'>;
export type StoreId = Brand<string, 'StoreId'>;
export type DeviceId = Brand<string, 'DeviceId'>;
export type UserId = Brand<string, 'UserId'>;
export type CommandId = Brand<string, 'CommandId'>;
export type PieceId = Brand<string, 'PieceId'>;
export type OrderId = Brand<string, 'OrderId'>;
export type SaleId = Brand<string, 'SaleId'>;
export type DepositId = Brand<string, 'DepositId'>;
export type ReturnId = Brand<string, 'ReturnId'>;
export type RefundId = Brand<string, 'RefundId'>;
export type CountId = Brand<string, 'CountId'>;
/** One bulk import of pieces (IMPORT-*), sent in parts. */
export type ImportId = Brand<string, 'ImportId'>;
/** The number engraved or tagged on a piece, e.g. `LP-24-000187`. Not a UUID: humans read it. */
export type SerialNumber = Brand<string, 'SerialNumber'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SERIAL = /^[A-Z0-9][A-Z0-9-]{2,39}$/;

export type RandomSource = (bytes: Uint8Array) => Uint8Array;
const defaultRandom: RandomSource = (bytes) => globalThis.crypto.getRandomValues(bytes);

/**
 * RFC 9562 UUIDv7: 48-bit Unix milliseconds, version 7, 74 random bits.
 * Time and randomness are parameters so tests and replays are deterministic.
 */
export function uuidv7(now: number = Date.now(), random: RandomSource = defaultRandom): string {
  const b = random(new Uint8Array(16));
  const ms = Math.max(0, Math.floor(now));
  b[0] = Math.floor(ms / 2 ** 40) & 0xff;
  b[1] = Math.floor(ms / 2 ** 32) & 0xff;
  b[2] = (ms >>> 24) & 0xff;
  b[3] = (ms >>> 16) & 0xff;
  b[4] = (ms >>> 8) & 0xff;
  b[5] = ms & 0xff;
  b[6] = 0x70 | ((b[6] ?? 0) & 0x0f);
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f);
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The creation time (Unix ms) encoded in a UUIDv7. */
export function uuidv7Time(id: string): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

export const isUuid = (s: string): boolean => UUID.test(s);
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const isUuidV7 = (s: string): boolean => UUID_V7.test(s);

/** Ids born on devices for facts (commands, sales, deposits…) must be v7: sortable by creation. */
const uuidv7Parser =
  <T extends string>(kind: string): Parser<T> =>
  (input, path = '') =>
    typeof input === 'string' && UUID_V7.test(input)
      ? ok(input as T)
      : fail(path, `expected a ${kind} (UUIDv7)`);

const uuidParser =
  <T extends string>(kind: string): Parser<T> =>
  (input, path = '') =>
    typeof input === 'string' && UUID.test(input) ? ok(input as T) : fail(path, `expected a ${kind} (UUID)`);

export const parseClientId = uuidParser<ClientId>('client id');
export const parseStoreId = uuidParser<StoreId>('store id');
export const parseDeviceId = uuidParser<DeviceId>('device id');
export const parseUserId = uuidParser<UserId>('user id');
export const parseCommandId = uuidv7Parser<CommandId>('command id');
export const parsePieceId = uuidParser<PieceId>('piece id');
export const parseOrderId = uuidParser<OrderId>('order id');
export const parseSaleId = uuidv7Parser<SaleId>('sale id');
export const parseDepositId = uuidv7Parser<DepositId>('deposit id');
export const parseReturnId = uuidv7Parser<ReturnId>('return id');
export const parseRefundId = uuidv7Parser<RefundId>('refund id');
export const parseCountId = uuidv7Parser<CountId>('count id');
export const parseImportId = uuidv7Parser<ImportId>('import id');

export const parseSerial: Parser<SerialNumber> = (input, path = '') => {
  if (typeof input !== 'string') return fail(path, 'expected a serial number');
  const s = input.trim().toUpperCase();
  return SERIAL.test(s) ? ok(s as SerialNumber) : fail(path, `"${input}" is not a valid serial number`);
};

export const newClientId = (now?: number): ClientId => uuidv7(now) as ClientId;
export const newStoreId = (now?: number): StoreId => uuidv7(now) as StoreId;
export const newDeviceId = (now?: number): DeviceId => uuidv7(now) as DeviceId;
export const newUserId = (now?: number): UserId => uuidv7(now) as UserId;
export const newCommandId = (now?: number): CommandId => uuidv7(now) as CommandId;
export const newPieceId = (now?: number): PieceId => uuidv7(now) as PieceId;
export const newOrderId = (now?: number): OrderId => uuidv7(now) as OrderId;
export const newSaleId = (now?: number): SaleId => uuidv7(now) as SaleId;
export const newDepositId = (now?: number): DepositId => uuidv7(now) as DepositId;
export const newReturnId = (now?: number): ReturnId => uuidv7(now) as ReturnId;
export const newRefundId = (now?: number): RefundId => uuidv7(now) as RefundId;
export const newCountId = (now?: number): CountId => uuidv7(now) as CountId;
export const newImportId = (now?: number): ImportId => uuidv7(now) as ImportId;
