/**
 * Pairing this till with the hardware bridge (hardware-bridge/README.md, "Pairing"): the
 * associate types the code the bridge printed, the bridge answers with a token, and the token
 * is kept in this browser's localStorage — one pairing per till, whoever is signed in.
 */
import { isPlainObject } from '../../../domain/parse.ts';
import { err, ok, type Result } from '../../../domain/result.ts';
import { H } from './strings.ts';

export const DEFAULT_BRIDGE_PORT = 4330;
const KEY = 'loupe.bridge';

export type Pairing = { readonly port: number; readonly token: string; readonly pairedAt: string };

export type PairFailure = {
  readonly code: 'invalid-code' | 'expired-code' | 'forbidden-origin' | 'unreachable' | 'refused';
  readonly message: string;
};

export const validPort = (port: number): boolean => Number.isInteger(port) && port > 0 && port < 65536;

export function loadPairing(storage: Storage = localStorage): Pairing | undefined {
  try {
    const v: unknown = JSON.parse(storage.getItem(KEY) ?? 'null');
    if (!isPlainObject(v) || typeof v.token !== 'string' || typeof v.port !== 'number' || !validPort(v.port))
      return undefined;
    return { port: v.port, token: v.token, pairedAt: typeof v.pairedAt === 'string' ? v.pairedAt : '' };
  } catch {
    return undefined;
  }
}

export const savePairing = (p: Pairing, storage: Storage = localStorage): void =>
  storage.setItem(KEY, JSON.stringify(p));
export const forgetPairing = (storage: Storage = localStorage): void => storage.removeItem(KEY);

const appOrigin = (): string => (typeof location === 'undefined' ? 'this site' : location.origin);
const MESSAGES: Record<PairFailure['code'], () => string> = {
  'invalid-code': () => H.invalidCode,
  'expired-code': () => H.expiredCode,
  'forbidden-origin': () => H.refusedOrigin(appOrigin()),
  unreachable: () => H.unreachable,
  refused: () => H.refused,
};

/**
 * A failed `fetch` is either nothing listening or a CORS refusal of this Origin; an opaque
 * (`no-cors`) request to `/health` tells them apart: it succeeds whenever a bridge answers.
 */
async function bridgeAnswers(port: number, f: typeof fetch): Promise<boolean> {
  try {
    await f(`http://127.0.0.1:${port}/health`, { mode: 'no-cors' });
    return true;
  } catch {
    return false;
  }
}

/** Trades a pairing code for a token: `POST http://127.0.0.1:<port>/pair`. */
export async function pairWithCode(
  port: number,
  code: string,
  opts: { label?: string; fetch?: typeof fetch; now?: () => Date } = {},
): Promise<Result<Pairing, PairFailure>> {
  const digits = code.replace(/\s+/g, '');
  if (!/^\d{6,16}$/.test(digits)) return err({ code: 'invalid-code', message: H.codeIs8Digits });
  const f = opts.fetch ?? fetch;
  let res: Response;
  try {
    res = await f(`http://127.0.0.1:${port}/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: digits, ...(opts.label ? { label: opts.label.slice(0, 64) } : {}) }),
    });
  } catch {
    const code_ = (await bridgeAnswers(port, f)) ? 'forbidden-origin' : 'unreachable';
    return err({ code: code_, message: MESSAGES[code_]() });
  }
  const body: unknown = await res.json().catch(() => undefined);
  const error = isPlainObject(body) && typeof body.error === 'string' ? body.error : undefined;
  if (res.ok && isPlainObject(body) && typeof body.token === 'string' && body.token.length > 0)
    return ok({ port, token: body.token, pairedAt: (opts.now?.() ?? new Date()).toISOString() });
  const code_: PairFailure['code'] =
    error === 'invalid-code' || error === 'expired-code' || error === 'forbidden-origin' ? error : 'refused';
  return err({ code: code_, message: MESSAGES[code_]() });
}
