import { describe, expect, it, vi } from 'vitest';
import { forgetPairing, loadPairing, pairWithCode, savePairing } from './pairing.ts';

const reply = (status: number, body: unknown) =>
  vi.fn(
    async () =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );

describe('pairing with the bridge', () => {
  it('posts the typed code without spaces and keeps the token per till', async () => {
    const fetch = reply(200, { token: 'abc' });
    const r = await pairWithCode(4392, ' 1234 5678 ', { fetch, label: 'Till 1' });
    expect(r).toMatchObject({ ok: true, value: { port: 4392, token: 'abc' } });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://127.0.0.1:4392/pair');
    expect(JSON.parse(String(init.body))).toEqual({ code: '12345678', label: 'Till 1' });
    if (r.ok) savePairing(r.value, localStorage);
    expect(loadPairing(localStorage)).toMatchObject({ port: 4392, token: 'abc' });
    forgetPairing(localStorage);
    expect(loadPairing(localStorage)).toBeUndefined();
  });

  it('says why pairing failed: wrong code, expired code, no bridge', async () => {
    expect(
      await pairWithCode(4392, '12345678', { fetch: reply(401, { error: 'invalid-code' }) }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-code' },
    });
    expect(
      await pairWithCode(4392, '12345678', { fetch: reply(401, { error: 'expired-code' }) }),
    ).toMatchObject({
      ok: false,
      error: { code: 'expired-code' },
    });
    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await pairWithCode(4392, '12345678', { fetch: down })).toMatchObject({
      ok: false,
      error: { code: 'unreachable' },
    });
    expect(await pairWithCode(4392, 'abcd', { fetch: down })).toMatchObject({
      ok: false,
      error: { code: 'invalid-code' },
    });
    // The failed pair, then the opaque probe of /health that tells "nobody there" apart.
    expect(down).toHaveBeenCalledTimes(2);
  });

  it('BRIDGE-12: a bridge that answers but refuses this site is named, with what to do', async () => {
    const corsRefused = vi.fn(async (url: string) => {
      if (url.endsWith('/pair')) throw new TypeError('Failed to fetch');
      return new Response(null, { status: 200 });
    });
    const r = await pairWithCode(4392, '12345678', { fetch: corsRefused as unknown as typeof fetch });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden-origin' } });
    expect(r.ok ? '' : r.error.message).toMatch(/LOUPE_APP_ORIGIN=/);
    expect(corsRefused.mock.calls[1]).toEqual(['http://127.0.0.1:4392/health', { mode: 'no-cors' }]);
  });

  it('a stored pairing that is not ours (tampered or from an old version) is ignored', () => {
    localStorage.setItem('loupe.bridge', '{"port":"x","token":1}');
    expect(loadPairing(localStorage)).toBeUndefined();
    localStorage.setItem('loupe.bridge', 'not json');
    expect(loadPairing(localStorage)).toBeUndefined();
  });
});
