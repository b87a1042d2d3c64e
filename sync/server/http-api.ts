/**
 * The HTTP API beside the websocket (AUTH-*, HTTP-*): health, login, refresh, and the
 * managers' view of login throttling (unlock, attempts). Everything else falls through to the
 * web app.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { capable } from '../../domain/capabilities.ts';
import { isUuid } from '../../domain/ids.ts';
import { integer, object, optional, type Parser, string } from '../../domain/parse.ts';
import type { LoginAnswer } from '../shared/api.ts';
import { type Accounts, loginSource, type Session } from './accounts.ts';
import { BodyError, json, readJson } from './http-io.ts';
import { serveStatic } from './static-files.ts';

export { MAX_BODY_BYTES, MAX_DRAINED_BYTES } from './http-io.ts';

const secret = string({ min: 1, max: 256, trim: false });
const parseLogin: Parser<{ user: string; password?: string; pin?: string; device?: string }> = object({
  user: string({ min: 1, max: 200 }),
  password: optional(secret),
  pin: optional(string({ min: 4, max: 12, pattern: /^\d+$/ })),
  device: optional(string({ max: 64 })),
});
const parseUnlock = object({ user: string({ min: 1, max: 200 }), source: optional(string({ max: 64 })) });
const parseLimit = integer({ min: 1, max: 500 });
/** ORG-9: a new password (8 characters at least) and/or PIN; neither asks for a one-time initial password. */
const parseCredentials = object({
  password: optional(string({ min: 8, max: 256, trim: false })),
  pin: optional(string({ min: 4, max: 12, pattern: /^\d+$/ })),
});
const CREDENTIALS_PATH = /^\/api\/staff\/([^/]+)\/credentials$/;
/** Roles a manager manages (domain ORG-4): the same rule as the staff commands. */
const MANAGED_BY_MANAGERS: ReadonlySet<string> = new Set(['associate', 'designer']);
const parseRefresh = object({
  refreshToken: string({ min: 1, max: 512 }),
  device: string({ min: 1, max: 64 }),
});

export type ApiDeps = { accounts: Accounts; version: string; staticDir: string };

export class HttpApi {
  private readonly deps: ApiDeps;

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
        case 'POST /api/login-locks/unlock':
          return await this.unlock(req, res);
        case 'GET /api/login-attempts':
          return await this.attempts(req, res, url);
      }
      const credentials = CREDENTIALS_PATH.exec(url.pathname);
      if (credentials && req.method === 'POST')
        return await this.credentials(req, res, decodeURIComponent(credentials[1] ?? ''));
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
    // Throttled per name *and* source: hammering a name from one place never locks out its
    // owner elsewhere (AUTH-11, AUTH-12).
    const { throttle } = this.deps.accounts;
    const source = loginSource(req.socket.remoteAddress);
    const gate = throttle.begin(user, source);
    if (!gate.allowed) {
      const retryAfter = Math.ceil(gate.retryAfterMs / 1000);
      res.setHeader('Retry-After', String(retryAfter));
      return json(res, 429, {
        error: 'too-many-attempts',
        message: gate.locked
          ? `too many failed attempts from here; try again in ${Math.ceil(retryAfter / 60)} minute(s) or ask a manager to unlock`
          : `wait ${retryAfter} second(s) before trying again`,
        retryAfter,
      });
    }
    const result =
      password !== undefined
        ? await this.deps.accounts.login({ user, password, ...(device ? { device } : {}) })
        : await this.deps.accounts.login({ user, pin: pin as string, device: device as string });
    if (!result.ok) {
      // One answer for unknown user and wrong secret: never reveal which logins exist.
      return json(res, 401, { error: result.error.code, message: 'wrong user or secret' });
    }
    if (gate.seq) throttle.succeeded(gate.seq);
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

  /** The caller's claims when it is a manager or owner (`manage-staff`); else the answer is sent. */
  private async manager(req: IncomingMessage, res: ServerResponse) {
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const claims = token ? await this.deps.accounts.verifyToken(token) : null;
    if (!claims) {
      json(res, 401, { error: 'unauthorized', message: 'send a valid Bearer token' });
      return undefined;
    }
    // CAP-3: whoever the owner lets manage staff, by default managers and owners.
    if (!capable(this.deps.accounts.capabilitySettings(), claims.role, 'manage-staff')) {
      json(res, 403, { error: 'forbidden', message: 'only managers and owners see login locks' });
      return undefined;
    }
    return claims;
  }

  /** A manager acts on the staff of their stores (not the owner); the owner on any login (AUTH-13). */
  private mayManage(claims: { role: string; stores: string[] }, login: string): boolean {
    if (claims.role === 'owner') return true;
    const target = this.deps.accounts.throttle.staff(login);
    return (
      target !== undefined && target.role !== 'owner' && target.stores.some((s) => claims.stores.includes(s))
    );
  }

  private async unlock(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const claims = await this.manager(req, res);
    if (!claims) return;
    const parsed = parseUnlock(await readJson(req));
    if (!parsed.ok)
      return json(res, 400, {
        error: 'invalid-request',
        message: `${parsed.error.path}: ${parsed.error.message}`,
      });
    const { user, source } = parsed.value;
    if (!this.mayManage(claims, user))
      return json(res, 403, { error: 'forbidden', message: 'not a member of your stores' });
    this.deps.accounts.throttle.unlock(user, claims.sub, source);
    return json(res, 200, { user: user.toLowerCase(), source: source ?? null, unlocked: true });
  }

  /**
   * `POST /api/staff/<id>/credentials` (ORG-9): sets a PIN and/or password, or makes a one-time
   * initial password. The owner for anyone; a manager for the associates and designers whose stores
   * are all among the manager's (ORG-4); 401 without a valid token, 403 otherwise, 404 for an
   * unknown id. The caller is read from SQL, so a deactivated manager's token grants nothing.
   */
  private async credentials(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const claims = await this.manager(req, res);
    if (!claims) return;
    const parsed = parseCredentials(await readJson(req));
    if (!parsed.ok)
      return json(res, 400, {
        error: 'invalid-request',
        message: `${parsed.error.path}: ${parsed.error.message}`,
      });
    const { accounts } = this.deps;
    const caller = accounts.staffById(claims.sub);
    if (!caller?.active || !capable(accounts.capabilitySettings(), caller.role, 'manage-staff'))
      return json(res, 403, {
        error: 'forbidden',
        message: 'only active managers and owners set credentials',
      });
    const target = isUuid(id) ? accounts.staffById(id) : undefined;
    if (!target) return json(res, 404, { error: 'not-found', message: 'no member of staff with this id' });
    const mine = new Set(caller.stores);
    const allowed =
      caller.role === 'owner' ||
      (MANAGED_BY_MANAGERS.has(target.role) &&
        target.stores.length > 0 &&
        target.stores.every((s) => mine.has(s)));
    if (!allowed)
      return json(res, 403, {
        error: 'forbidden',
        message: 'a manager sets credentials of their own stores’ associates and designers',
      });
    const { password, pin } = parsed.value;
    const result = await accounts.setCredentials(id, {
      ...(password !== undefined ? { password } : {}),
      ...(pin !== undefined ? { pin } : {}),
    });
    if (!result) return json(res, 404, { error: 'not-found', message: 'no member of staff with this id' });
    return json(res, 200, {
      user: id,
      password: password !== undefined || result.initialPassword !== undefined,
      pin: pin !== undefined,
      ...(result.initialPassword ? { initialPassword: result.initialPassword } : {}),
    });
  }

  private async attempts(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const claims = await this.manager(req, res);
    if (!claims) return;
    const user = url.searchParams.get('user') ?? undefined;
    const limitText = url.searchParams.get('limit');
    const limit =
      limitText === null ? { ok: true as const, value: 100 } : parseLimit(Number(limitText), 'limit');
    if (!limit.ok)
      return json(res, 400, { error: 'invalid-request', message: `limit: ${limit.error.message}` });
    if (user === undefined && claims.role !== 'owner')
      return json(res, 400, { error: 'invalid-request', message: 'user: required' });
    if (user !== undefined && !this.mayManage(claims, user))
      return json(res, 403, { error: 'forbidden', message: 'not a member of your stores' });
    const { throttle } = this.deps.accounts;
    return json(res, 200, {
      user: user?.toLowerCase() ?? null,
      locks: user === undefined ? [] : throttle.locks(user),
      attempts: throttle.list(user, limit.value),
    });
  }
}

const sessionBody = (s: Session): LoginAnswer => ({
  token: s.token,
  refreshToken: s.refreshToken,
  expiresAt: s.expiresAt,
  device: s.device,
  user: s.user,
  signingKey: s.signingKey,
});
