import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../domain/ids.ts';
import { demoUser, login, post, startTestRelay, type TestRelay } from './test-utils.ts';

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

describe('login throttling', () => {
  it('AUTH-11: ten failed logins for one name lock it for a while with 429', async () => {
    const name = `ghost.${Date.now()}`;
    for (let i = 0; i < 10; i++)
      expect((await post(relay, '/api/login', { user: name, password: 'x' })).status).toBe(401);
    const locked = await post(relay, '/api/login', { user: name, password: 'x' });
    expect(locked).toEqual({
      status: 429,
      body: { error: 'too-many-attempts', message: expect.any(String) },
    });
  });
});
