/** The till's attachment cache (ATTACH-4): a piece's photos open with no network once seen. */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../../sync/shared/attachment-types.ts';
import { AttachmentCache, checkAttachment } from './attachment-cache.ts';

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
const SHA = 'a'.repeat(64);

function relayStub() {
  let online = true;
  const calls: string[] = [];
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${String(input)}`);
    if (!online) throw new TypeError('Failed to fetch');
    if (init?.method === 'POST')
      return new Response(
        JSON.stringify({ sha256: SHA, contentType: 'image/jpeg', size: 8, thumbnail: true, created: true }),
        {
          status: 201,
        },
      );
    return new Response(JPEG, { status: 200, headers: { 'content-type': 'image/jpeg' } });
  }) as typeof fetch;
  return { fetcher, calls, setOnline: (v: boolean) => (online = v) };
}

describe('attachment cache', () => {
  it('ATTACH-4: a photo read once online opens again offline from IndexedDB', async () => {
    const relay = relayStub();
    const cache = new AttachmentCache({ fetch: relay.fetcher, dbName: `t-${Math.random()}` });
    expect(await cache.get(SHA, 'token')).toBeInstanceOf(Blob);
    relay.setOnline(false);
    const again = await cache.get(SHA, 'token');
    expect(new Uint8Array(await (again as Blob).arrayBuffer())).toEqual(JPEG);
    expect(relay.calls).toHaveLength(1);
    // Never seen and offline: nothing, not an error.
    expect(await cache.get('b'.repeat(64), 'token')).toBeUndefined();
    await cache.close();
  });

  it('ATTACH-4: an uploaded photo is on the device at once; a wrong file is refused before sending', async () => {
    const relay = relayStub();
    const cache = new AttachmentCache({ fetch: relay.fetcher, dbName: `t-${Math.random()}` });
    const sent = await cache.upload(new Blob([JPEG], { type: 'image/jpeg' }), 'store-1', 'token');
    expect(sent).toMatchObject({ ok: true, info: { sha256: SHA } });
    relay.setOnline(false);
    expect(await cache.get(SHA, 'token')).toBeInstanceOf(Blob);
    const text = await cache.upload(new Blob(['hello'], { type: 'image/jpeg' }), 'store-1', 'token');
    expect(text).toEqual({ ok: false, error: expect.stringMatching(/JPEG, PNG or WebP/) });
    expect(relay.calls.filter((c) => c.startsWith('POST'))).toHaveLength(1);
    await cache.close();
  });

  it('ATTACH-1: the till refuses an empty or over-limit file in words', async () => {
    expect(await checkAttachment(new Blob([]))).toMatch(/empty/);
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(JPEG);
    expect(await checkAttachment(new Blob([big]))).toMatch(/10 MB/);
    expect(await checkAttachment(new Blob([new TextEncoder().encode('%PDF-1.4\n')]))).toBeUndefined();
  });
});
