import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../domain/ids.ts';
import { LOGIN_THROTTLE } from './accounts.ts';
import { demoUser, login, post, startTestRelay, TEST_PASSWORD, type TestRelay } from './test-utils.ts';

let relay: TestRelay;
beforeAll(async () => {
  relay = await startTestRelay();
});
afterAll(async () => relay.cleanup());

describe('HTTP API', () => {
  it('HTTP-1: health answers ok with the version', async () => {
    const res = await fetch(`${relay.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version: expect.any(String) });
  });

  it('AUTH-1: a password login returns a token, a refresh token, the expiry and the user', async () => {
    const manager = demoUser(relay, 'manager');
    const session = await login(relay, manager.login);
    expect(session.token.split('.')).toHaveLength(3);
    expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.now());
    expect(session.user).toEqual({
      id: manager.id,
      name: manager.name,
      role: 'manager',
      stores: [manager.store],
    });
    expect(await relay.keys.verify(session.token)).toMatchObject({
      sub: manager.id,
      role: 'manager',
      device: session.device,
    });
  });

  it('AUTH-2: a PIN login on a device returns a token bound to that device', async () => {
    const associate = demoUser(relay, 'associate');
    const device = uuidv7();
    const session = await login(relay, associate.login, { pin: associate.pin, device });
    expect(session.user.role).toBe('associate');
    expect((await relay.keys.verify(session.token))?.device).toBe(device);
  });

  it('AUTH-3: a wrong password, a wrong PIN and an unknown user get the same 401', async () => {
    const associate = demoUser(relay, 'associate');
    const wrongPin = String((Number(associate.pin) + 1) % 10_000).padStart(4, '0');
    const answers = await Promise.all([
      post(relay, '/api/login', { user: associate.login, password: 'not-it' }),
      post(relay, '/api/login', { user: associate.login, pin: wrongPin, device: uuidv7() }),
      post(relay, '/api/login', { user: 'nobody.here', password: 'not-it' }),
    ]);
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect(a.body).toEqual({ error: 'invalid-credentials', message: 'wrong user or secret' });
    }
  });

  it('AUTH-4: bad JSON is a 400 and an oversized body a 413, both as JSON errors', async () => {
    const bad = await post(relay, '/api/login', '{"user": ');
    expect(bad).toEqual({ status: 400, body: { error: 'invalid-json', message: expect.any(String) } });
    const huge = await post(relay, '/api/login', { user: 'x', password: 'y'.repeat(100_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toBe('body-too-large');
    const neither = await post(relay, '/api/login', { user: 'x' });
    expect(neither.status).toBe(400);
  });

  it('AUTH-5: a refresh token gives a new session once, and only on its own device', async () => {
    const designer = demoUser(relay, 'designer');
    const first = await login(relay, designer.login);
    const stolen = await post(relay, '/api/refresh', { refreshToken: first.refreshToken, device: uuidv7() });
    expect(stolen.status).toBe(401);
    const next = await post(relay, '/api/refresh', {
      refreshToken: first.refreshToken,
      device: first.device,
    });
    expect(next.status).toBe(200);
    expect(next.body.refreshToken).not.toBe(first.refreshToken);
    expect((await relay.keys.verify(next.body.token as string))?.sub).toBe(designer.id);
    const replay = await post(relay, '/api/refresh', {
      refreshToken: first.refreshToken,
      device: first.device,
    });
    expect(replay.status).toBe(401);
    const again = await post(relay, '/api/refresh', {
      refreshToken: next.body.refreshToken,
      device: first.device,
    });
    expect(again.status).toBe(200);
  });

  it('AUTH-6: a revoked device can no longer refresh', async () => {
    const associate = demoUser(relay, 'associate', 1);
    const session = await login(relay, associate.login);
    relay.accounts.revokeDevice(session.device);
    const res = await post(relay, '/api/refresh', {
      refreshToken: session.refreshToken,
      device: session.device,
    });
    expect(res.status).toBe(401);
  });

  it('AUTH-7: after a key rotation old tokens still verify until their key is retired', async () => {
    const manager = demoUser(relay, 'manager', 1);
    const before = await login(relay, manager.login);
    const oldKid = JSON.parse(Buffer.from(before.token.split('.')[0] as string, 'base64url').toString()).kid;
    await relay.keys.rotate();
    const after = await login(relay, manager.login);
    expect(await relay.keys.verify(before.token)).not.toBeNull();
    expect(await relay.keys.verify(after.token)).not.toBeNull();
    relay.keys.retire(oldKid);
    expect(await relay.keys.verify(before.token)).toBeNull();
    expect(await relay.keys.verify(after.token)).not.toBeNull();
  });

  it('HTTP-2: without a web build, / answers a helpful page and unknown API paths a JSON 404', async () => {
    const page = await fetch(`${relay.url}/clients/anything`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('npm run build');
    const missing = await fetch(`${relay.url}/api/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not-found' });
  });
});

type Answer = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
};

/** An HTTP call from another local address (127.0.0.x): another source, as another browser would be. */
function from(source: string, method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
  const url = new URL(path, relay.url);
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method,
        localAddress: source,
        headers: {
          ...(data ? { 'Content-Type': 'application/json' } : {}),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: JSON.parse(text) as Answer['body'],
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

const ATTACKER = '127.0.0.1';
const COUNTER = '127.0.0.2';
const tryLogin = (source: string, user: string, password: string) =>
  from(source, 'POST', '/api/login', { user, password });

/** Moves this login's logged attempts back in time, as if `ms` had passed. */
function age(user: string, ms: number): void {
  relay.db
    .prepare("UPDATE login_attempts SET at = strftime('%Y-%m-%dT%H:%M:%fZ', at, ?) WHERE login = ?")
    .run(`-${ms / 1000} seconds`, user.toLowerCase());
}

const forget = (user: string) =>
  relay.db.prepare('DELETE FROM login_attempts WHERE login = ?').run(user.toLowerCase());

/** `n` wrong passwords from `source`, each after the previous one's delay has passed. */
async function hammer(source: string, user: string, n: number): Promise<void> {
  forget(user); // earlier tests' failures (AUTH-3) do not count here
  for (let i = 0; i < n; i++) {
    expect((await tryLogin(source, user, 'not-it')).status, `failure ${i + 1}`).toBe(401);
    age(user, LOGIN_THROTTLE.maxDelayMs + 1_000);
  }
}

describe('login throttling', () => {
  it('AUTH-11: failures from one source get growing delays; during a delay even the right password gets 429 unchecked', async () => {
    const user = relay.demo.users.find((u) => u.login.startsWith('associate2.'))?.login as string;
    for (let i = 0; i < LOGIN_THROTTLE.freeFailures; i++)
      expect((await tryLogin(ATTACKER, user, 'not-it')).status).toBe(401);
    // The fourth failure costs a second, the fifth two: 2^(n − 4) s.
    expect((await tryLogin(ATTACKER, user, 'not-it')).status).toBe(401);
    const waiting = await tryLogin(ATTACKER, user, TEST_PASSWORD);
    expect(waiting).toMatchObject({
      status: 429,
      body: { error: 'too-many-attempts', message: expect.any(String), retryAfter: 1 },
    });
    expect(waiting.headers['retry-after']).toBe('1');
    age(user, 1_000);
    expect((await tryLogin(ATTACKER, user, 'not-it')).status).toBe(401);
    expect((await tryLogin(ATTACKER, user, 'not-it')).body.retryAfter).toBe(2);
    age(user, 2_000);
    // A success clears this source's failures.
    expect((await tryLogin(ATTACKER, user, TEST_PASSWORD)).status).toBe(200);
    expect((await tryLogin(ATTACKER, user, 'not-it')).status).toBe(401);
    expect((await tryLogin(ATTACKER, user, 'not-it')).status).toBe(401);
    forget(user);
  });

  it('AUTH-11: guesses sent in parallel count before any is checked', async () => {
    const name = `ghost.${Date.now()}`;
    const answers = await Promise.all(Array.from({ length: 12 }, () => tryLogin(ATTACKER, name, 'x')));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_THROTTLE.freeFailures + 1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - LOGIN_THROTTLE.freeFailures - 1);
  });

  it('AUTH-12: ten failures lock that source out of the name; the owner still logs in from another source', async () => {
    const owner = demoUser(relay, 'owner').login;
    await hammer(ATTACKER, owner, LOGIN_THROTTLE.lockAfter);
    const locked = await tryLogin(ATTACKER, owner, TEST_PASSWORD);
    expect(locked).toMatchObject({ status: 429, body: { error: 'too-many-attempts' } });
    expect(locked.body.retryAfter).toBeGreaterThan(13 * 60);
    // The attacker keeps going; the owner at the counter is not affected.
    expect((await tryLogin(ATTACKER, owner, 'not-it')).status).toBe(429);
    const counter = await tryLogin(COUNTER, owner, TEST_PASSWORD);
    expect(counter.status).toBe(200);
    expect(counter.body.user).toMatchObject({ role: 'owner' });
    // The lock-out lasts 15 minutes from the last failure (aged a minute by hammer), then the
    // source may try again.
    age(owner, LOGIN_THROTTLE.lockMs - 2 * 60_000);
    expect((await tryLogin(ATTACKER, owner, TEST_PASSWORD)).status).toBe(429);
    age(owner, 61_000);
    expect((await tryLogin(ATTACKER, owner, TEST_PASSWORD)).status).toBe(200);
    forget(owner);
  });

  it('AUTH-13: a manager of the store unlocks a locked-out associate; other roles, stores and the owner’s name are refused', async () => {
    const associate = demoUser(relay, 'associate', 0).login;
    const manager = await login(relay, demoUser(relay, 'manager', 0).login, { device: uuidv7() });
    const otherManager = await login(relay, demoUser(relay, 'manager', 1).login);
    const designer = await login(relay, demoUser(relay, 'designer', 0).login);
    await hammer(ATTACKER, associate, LOGIN_THROTTLE.lockAfter);
    expect((await tryLogin(ATTACKER, associate, TEST_PASSWORD)).status).toBe(429);

    const unlock = (token: string | undefined, user: string) =>
      from(COUNTER, 'POST', '/api/login-locks/unlock', { user }, token);
    expect((await unlock(undefined, associate)).status).toBe(401);
    expect((await unlock('not.a.token', associate)).status).toBe(401);
    expect((await unlock(designer.token, associate)).status).toBe(403);
    expect((await unlock(otherManager.token, associate)).status).toBe(403);
    expect((await unlock(manager.token, demoUser(relay, 'owner').login)).status).toBe(403);
    expect((await unlock(manager.token, 'nobody.here')).status).toBe(403);
    expect((await tryLogin(ATTACKER, associate, TEST_PASSWORD)).status).toBe(429);

    const done = await unlock(manager.token, associate);
    expect(done).toMatchObject({ status: 200, body: { user: associate, source: null, unlocked: true } });
    expect((await tryLogin(ATTACKER, associate, TEST_PASSWORD)).status).toBe(200);
  });

  it('AUTH-14: failures, refusals and unlocks are logged; a manager lists them with the current locks', async () => {
    const associate = demoUser(relay, 'associate', 1).login;
    const manager = await login(relay, demoUser(relay, 'manager', 1).login);
    const otherManager = await login(relay, demoUser(relay, 'manager', 0).login);
    const associateSession = await login(relay, demoUser(relay, 'associate', 0).login);
    const owner = await login(relay, demoUser(relay, 'owner').login);
    await hammer(ATTACKER, associate, LOGIN_THROTTLE.lockAfter);
    for (let i = 0; i < 3; i++) expect((await tryLogin(ATTACKER, associate, 'x')).status).toBe(429);

    const list = (token: string | undefined, query: string) =>
      from(COUNTER, 'GET', `/api/login-attempts${query}`, undefined, token);
    const q = `?user=${associate}`;
    expect((await list(undefined, q)).status).toBe(401);
    expect((await list(associateSession.token, q)).status).toBe(403);
    expect((await list(otherManager.token, q)).status).toBe(403);
    expect((await list(manager.token, '')).status).toBe(400);

    const seen = await list(manager.token, q);
    expect(seen.status).toBe(200);
    expect(seen.body.locks).toEqual([
      { source: ATTACKER, failures: LOGIN_THROTTLE.lockAfter, until: expect.any(String), locked: true },
    ]);
    const attempts = seen.body.attempts as { outcome: string; source: string; count: number; user: string }[];
    expect(attempts[0]).toMatchObject({ outcome: 'locked', source: ATTACKER, count: 3 });
    expect(attempts.filter((a) => a.outcome === 'failed')).toHaveLength(LOGIN_THROTTLE.lockAfter);
    expect(attempts.every((a) => a.user === demoUser(relay, 'associate', 1).id)).toBe(true);

    await from(COUNTER, 'POST', '/api/login-locks/unlock', { user: associate }, manager.token);
    const after = await list(manager.token, `${q}&limit=2`);
    expect(after.body.locks).toEqual([]);
    expect(after.body.attempts).toEqual([
      expect.objectContaining({ outcome: 'unlocked', source: '*', by: manager.user.id }),
      expect.objectContaining({ outcome: 'locked' }),
    ]);
    // The owner may read every login's attempts, unknown names included.
    const all = await list(owner.token, '?limit=500');
    expect(all.status).toBe(200);
    expect((all.body.attempts as unknown[]).length).toBeGreaterThan(LOGIN_THROTTLE.lockAfter);
  });
});
