/**
 * What every relay HTTP endpoint shares: JSON answers, bounded JSON bodies (HTTP-5), the caller's
 * claims from a Bearer token, and `apiRoute`, which turns a handler into a Hocuspocus extension
 * (the pattern each API module follows: `validator/conflicts-api.ts`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DatabaseSync } from 'node:sqlite';
import type { Extension, onRequestPayload } from '@hocuspocus/server';
import { type Capability, can } from '../../domain/roles.ts';
import { KeyRing, type TokenClaims } from './tokens.ts';

export const MAX_BODY_BYTES = 16 * 1024;
/** An oversize body is read and thrown away up to this, so its sender gets the 413 (HTTP-5). */
export const MAX_DRAINED_BYTES = 16 * 1024 * 1024;

export class BodyError extends Error {
  readonly status: number;
  readonly code: string;
  /** Answer, then close the connection: the rest of the body is not worth reading. */
  readonly close: boolean;
  constructor(status: number, code: string, message: string, close = false) {
    super(message);
    this.status = status;
    this.code = code;
    this.close = close;
  }
}

/**
 * The raw body, at most `limit` bytes kept. An oversize body is drained and thrown away up to
 * MAX_DRAINED_BYTES (or `limit`, if larger), so the client has finished sending and reads its 413
 * instead of a reset; beyond that (or a Content-Length announcing it) the 413 goes out at once
 * with `Connection: close`.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const drainLimit = Math.max(limit, MAX_DRAINED_BYTES);
  const tooLarge = (close: boolean) => new BodyError(413, 'body-too-large', `at most ${limit} bytes`, close);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
    };
    if (Number(req.headers['content-length']) > drainLimit) {
      req.resume();
      return settle(() => reject(tooLarge(true)));
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > drainLimit) settle(() => reject(tooLarge(true)));
    });
    req.on('error', (e) => settle(() => reject(e)));
    req.on('end', () =>
      settle(() => (size > limit ? reject(tooLarge(false)) : resolve(Buffer.concat(chunks)))),
    );
  });
}

/** The body as JSON, at most `limit` bytes (HTTP-5); a 400 `invalid-json` when it does not parse. */
export async function readJson(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const body = await readBody(req, limit);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new BodyError(400, 'invalid-json', 'the body is not valid JSON');
  }
}

export function json(res: ServerResponse, status: number, body: unknown, close = false): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(JSON.stringify(body));
}

/** The claims of the request's Bearer token, or null when there is none or it does not verify. */
export async function bearerClaims(req: IncomingMessage, keys: KeyRing): Promise<TokenClaims | null> {
  const auth = req.headers.authorization ?? '';
  const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
  return token ? keys.verify(token) : null;
}

/**
 * The caller's claims when the token verifies, the role has `capability` and (when `store` is
 * given) the store is one of theirs (owners: every store); otherwise the 401/403 answer is sent
 * and the result is null.
 */
export async function requireCaller(
  req: IncomingMessage,
  res: ServerResponse,
  keys: KeyRing,
  need: { capability?: Capability; store?: string; forbidden?: string } = {},
): Promise<TokenClaims | null> {
  const claims = await bearerClaims(req, keys);
  if (!claims) {
    json(res, 401, { error: 'unauthorized', message: 'send a valid Bearer token' });
    return null;
  }
  if (need.capability && !can(claims.role, need.capability)) {
    json(res, 403, { error: 'forbidden', message: need.forbidden ?? 'your role may not do this' });
    return null;
  }
  if (need.store !== undefined && claims.role !== 'owner' && !claims.stores.includes(need.store)) {
    json(res, 403, { error: 'forbidden', message: 'not a store of yours' });
    return null;
  }
  return claims;
}

export type ApiHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

/**
 * A Hocuspocus extension answering the requests whose path `matches`; every other request passes
 * on. A fresh `KeyRing` per request sees keys rotated since start. Body errors become their answer;
 * anything else a 500 (logged), never an unanswered request.
 */
export function apiRoute(name: string, matches: (url: URL) => boolean, handle: ApiHandler): Extension {
  return {
    extensionName: name,
    async onRequest({ request, response }: onRequestPayload): Promise<void> {
      const url = new URL(request.url ?? '/', 'http://relay');
      if (!matches(url)) return;
      try {
        await handle(request, response, url);
      } catch (e) {
        if (e instanceof BodyError) json(response, e.status, { error: e.code, message: e.message }, e.close);
        else {
          console.error(`http: ${request.method} ${url.pathname} failed`, e);
          if (!response.headersSent) json(response, 500, { error: 'internal-error' });
        }
      }
      // An empty rejection tells Hocuspocus the request is answered.
      return Promise.reject();
    },
  };
}

/** A key ring over the relay's database, for `requireCaller` in an API module. */
export const keyRingOf = (db: DatabaseSync): KeyRing => new KeyRing(db);
