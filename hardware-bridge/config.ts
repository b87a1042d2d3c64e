/**
 * Bridge configuration: environment for the essentials, an optional JSON file for printers.
 *   BRIDGE_PORT            default 4330 (0 picks a free port, for tests)
 *   LOUPE_BRIDGE_STATE     state dir (tokens, config.json), default ./data/bridge
 *   LOUPE_BRIDGE_CONFIG    JSON config file, default <state>/config.json when it exists
 *   LOUPE_BRIDGE_SIMULATE  1 = expose twin devices and accept sim.* messages
 *   LOUPE_APP_ORIGIN       more app origins to allow, comma-separated (an app served on the
 *                          store network, e.g. http://192.168.1.10:4321); loopback origins
 *                          serving the Loupe app need nothing (BRIDGE-12)
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  array,
  boolean,
  integer,
  object,
  optional,
  type Parsed,
  type ParseError,
  string,
  withDefault,
} from '../domain/parse.ts';
import { err, ok, type Result } from '../domain/result.ts';

export const DEFAULT_ORIGINS = ['http://localhost:4321', 'http://127.0.0.1:4321'];
export const DEFAULT_PORT = 4330;

const deviceId = string({ min: 1, max: 64, pattern: /^[a-z0-9][a-z0-9-]*$/ });
const printer = object({
  id: deviceId,
  name: optional(string({ max: 64 })),
  tcp: optional(
    object({ host: string({ min: 1, max: 255 }), port: withDefault(integer({ min: 1, max: 65535 }), 9100) }),
  ),
  usb: optional(object({ path: string({ min: 1, max: 255 }) })),
  columns: optional(integer({ min: 24, max: 64 })),
});
export type PrinterConfig = Parsed<typeof printer>;

const fileConfig = object({
  allowedOrigins: optional(array(string({ pattern: /^https?:\/\/[^/\s]+$/ }), { min: 1, max: 20 })),
  receiptPrinters: withDefault(array(printer, { max: 10 }), []),
  tagPrinters: withDefault(array(printer, { max: 10 }), []),
  hid: withDefault(boolean, true),
});

export type BridgeConfig = {
  readonly port: number;
  readonly stateDir: string;
  readonly allowedOrigins: readonly string[];
  readonly simulate: boolean;
  readonly hid: boolean;
  readonly receiptPrinters: readonly PrinterConfig[];
  readonly tagPrinters: readonly PrinterConfig[];
};

const ORIGIN = /^https?:\/\/[^/\s@]+$/;

/** `LOUPE_APP_ORIGIN`: comma-separated origins (scheme, host, port; no path). */
function appOrigins(text: string): Result<string[], ParseError> {
  const list = text
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  const bad = list.find((o) => !ORIGIN.test(o));
  return bad
    ? err({
        code: 'invalid-input',
        path: 'LOUPE_APP_ORIGIN',
        message: `"${bad}" is not an origin like http://host:port`,
      })
    : ok(list);
}

export type ConfigError = ParseError | { code: 'config-unreadable'; path: string; message: string };

export async function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
): Promise<Result<BridgeConfig, ConfigError>> {
  const port = integer({ min: 0, max: 65535 })(Number(env.BRIDGE_PORT ?? DEFAULT_PORT), 'BRIDGE_PORT');
  if (!port.ok) return port;
  const stateDir = resolve(env.LOUPE_BRIDGE_STATE ?? join('data', 'bridge'));
  const file = env.LOUPE_BRIDGE_CONFIG ?? join(stateDir, 'config.json');
  let raw: unknown = {};
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    if (!missing || env.LOUPE_BRIDGE_CONFIG)
      return err({ code: 'config-unreadable', path: file, message: (e as Error).message });
  }
  const parsed = fileConfig(raw, file);
  if (!parsed.ok) return parsed;
  const extra = appOrigins(env.LOUPE_APP_ORIGIN ?? '');
  if (!extra.ok) return extra;
  for (const p of [...parsed.value.receiptPrinters, ...parsed.value.tagPrinters])
    if (!p.tcp === !p.usb)
      return err({
        code: 'invalid-input',
        path: `${file}: ${p.id}`,
        message: 'a printer needs exactly one of tcp, usb',
      });
  return ok({
    port: port.value,
    stateDir,
    allowedOrigins: [...new Set([...(parsed.value.allowedOrigins ?? DEFAULT_ORIGINS), ...extra.value])],
    simulate: env.LOUPE_BRIDGE_SIMULATE === '1',
    hid: parsed.value.hid,
    receiptPrinters: parsed.value.receiptPrinters,
    tagPrinters: parsed.value.tagPrinters,
  });
}
