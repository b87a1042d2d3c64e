/**
 * The HTTP API beside the websocket (AUTH-*, HTTP-*): health, login, refresh. Everything
 * else falls through to the web app.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isUuid } from '../../domain/ids.ts';
import { object, optional, type Parser, string } from '../../domain/parse.ts';
import type { Accounts, Session } from './accounts.ts';
import { serveStatic } from './static-files.ts';

export const MAX_BODY_BYTES = 16 * 1024;
/** An oversize body is read and thrown away up to this, so its sender gets the 413 (HTTP-5). */
export const MAX_DRAINED_BYTES = 16 * 1024 * 1024;
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 15 * 60_000;

const secret = string({ min: 1, max: 256, trim: false });
const parseLogin: Parser<{ user: string; password?: string; pin?: string; device?: string }> = object({
  user: string({ min: 1, max: 200 }),
  password: optional(secret),
  pin: optional(string({ min: 4, max: 12, pattern: /^\d+$/ })),
  device: optional(string({ max: 64 })),
});
const parseRefresh = object({
  refreshToken: string({ min: 1, max: 512 }),
  device: string({ min: 1, max: 64 }),
});

export type ApiDeps = { accounts: Accounts; version: string; staticDir: string };

export class HttpApi {
  private readonly deps: ApiDeps;
  /** Failed logins per login name, to slow down guessing 4-digit PINs. */
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(deps: ApiDeps) {
    this.deps = deps;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://relay');
    const route = `${req.method} ${url.pathname}`;
    try {
      switch (route) {
        case 'GET /api/health':
          return json(res, 200, { ok: true, version: this.deps.version });
        case 'POST /api/login':
          return await this.login(req, res);
        case 'POST /api/refresh':
          return await this.refresh(req, res);
      }
      if (url.pathname.startsWith('/api/')) return json(res, 404, { error: 'not-found', message: route });
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return json(res, 405, { error: 'method-not-allowed' });
      serveStatic(this.deps.staticDir, url.pathname, res);
    } catch (e) {
      if (e instanceof BodyError) return json(res, e.status, { error: e.code, message: e.message }, e.close);
      console.error(`http: ${route} failed`, e);
      if (!res.headersSent) json(res, 500, { error: 'internal-error' });
    }
  }

  private async login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = parseLogin(await readJson(req));
    if (!parsed.ok)
      return json(res, 400, {
        error: 'invalid-request',
        message: `${parsed.error.path}: ${parsed.error.message}`,
      });
    const { user, password, pin, device } = parsed.value;
    if (device !== undefined && !isUuid(device))
      return json(res, 400, { error: 'invalid-request', message: 'device: expected a UUID' });
    if ((password === undefined) === (pin === undefined))
      return json(res, 400, { error: 'invalid-request', message: 'send either password or pin' });
    if (pin !== undefined && device === undefined)
      return json(res, 400, { error: 'invalid-request', message: 'a PIN login needs the device id' });
    const key = user.toLowerCase();
    if (this.throttled(key))
      return json(res, 429, { error: 'too-many-attempts', message: 'try again in a few minutes' });
    const result =
      password !== undefined
        ? await this.deps.accounts.login({ user, password, ...(device ? { device } : {}) })
        : await this.deps.accounts.login({ user, pin: pin as string, device: device as string });
    if (!result.ok) {
      this.fail(key);
      // One answer for unknown user and wrong secret: never reveal which logins exist.
      return json(res, 401, { error: result.error.code, message: 'wrong user or secret' });
    }
    this.failures.delete(key);
    return json(res, 200, sessionBody(result.value));
  }

  private async refresh(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = parseRefresh(await readJson(req));
    if (!parsed.ok)
      return json(res, 400, {
        error: 'invalid-request',
        message: `${parsed.error.path}: ${parsed.error.message}`,
      });
    const result = await this.deps.accounts.refresh(parsed.value.refreshToken, parsed.value.device);
    if (!result.ok) return json(res, 401, { error: result.error.code, message: 'log in again' });
    return json(res, 200, sessionBody(result.value));
  }

  private throttled(key: string): boolean {
    const f = this.failures.get(key);
    if (!f) return false;
    if (Date.now() - f.since > FAILURE_WINDOW_MS) {
      this.failures.delete(key);
      return false;
    }
    return f.count >= MAX_FAILURES;
  }

  private fail(key: string): void {
    const f = this.failures.get(key);
    if (f) f.count++;
    else this.failures.set(key, { count: 1, since: Date.now() });
  }
}

const sessionBody = (s: Session) => ({
  token: s.token,
  refreshToken: s.refreshToken,
  expiresAt: s.expiresAt,
  device: s.device,
  user: s.user,
});

class BodyError extends Error {
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

const tooLarge = (close: boolean) =>
  new BodyError(413, 'body-too-large', `at most ${MAX_BODY_BYTES} bytes`, close);

/**
 * The body as JSON, at most MAX_BODY_BYTES kept (HTTP-5). An oversize body is drained and
 * thrown away up to MAX_DRAINED_BYTES, so the client has finished sending and reads its 413
 * instead of a reset; beyond that (or a Content-Length announcing it) the 413 goes out at once
 * with `Connection: close`.
 */
function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
    };
    if (Number(req.headers['content-length']) > MAX_DRAINED_BYTES) {
      req.resume();
      return settle(() => reject(tooLarge(true)));
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > MAX_DRAINED_BYTES) settle(() => reject(tooLarge(true)));
    });
    req.on('error', (e) => settle(() => reject(e)));
    req.on('end', () =>
      settle(() => {
        if (size > MAX_BODY_BYTES) return reject(tooLarge(false));
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new BodyError(400, 'invalid-json', 'the body is not valid JSON'));
        }
      }),
    );
  });
}

function json(res: ServerResponse, status: number, body: unknown, close = false): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    ...(close ? { Connection: 'close' } : {}),
  });
  res.end(JSON.stringify(body));
}
