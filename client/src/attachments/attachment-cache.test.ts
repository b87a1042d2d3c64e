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

  it('ORDERATT-3: a photo attached offline is named on the till, shown from the device, and goes up on reconnect, once', async () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7, 6, 5]);
    const sha = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join('');
    const posted: Uint8Array[] = [];
    let online = false;
    const fetcher = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      if (!online) throw new TypeError('Failed to fetch');
      posted.push(new Uint8Array(init?.body as ArrayBuffer));
      return new Response(
        JSON.stringify({ sha256: sha, contentType: 'image/jpeg', size: 9, thumbnail: true, created: true }),
        { status: 201 },
      );
    }) as typeof fetch;
    const cache = new AttachmentCache({ fetch: fetcher, dbName: `t-${Math.random()}` });
    const r = await cache.attach(new Blob([bytes]), 'store-1', 'token', 'ring.jpg');
    expect(r).toEqual({ ok: true, sha, contentType: 'image/jpeg', queued: true });
    expect(await cache.get(sha, 'token')).toBeInstanceOf(Blob);
    expect((await cache.pending()).map((p) => [p.sha, p.store, p.name])).toEqual([
      [sha, 'store-1', 'ring.jpg'],
    ]);
    // Still offline: nothing lost, nothing sent.
    expect(await cache.flush('token')).toEqual({ sent: 0, refused: 0, offline: true });
    online = true;
    expect(await cache.flush('token')).toEqual({ sent: 1, refused: 0, offline: false });
    expect(posted).toHaveLength(1);
    expect(posted[0]).toEqual(bytes);
    expect(await cache.pending()).toEqual([]);
    expect(await cache.flush('token')).toEqual({ sent: 0, refused: 0, offline: false });
    await cache.close();
  });

  it('ORDERATT-3: a queued file the relay refuses on reconnect stays listed with its refusal in words; a wrong file is refused at once', async () => {
    let online = false;
    const fetcher = (async () => {
      if (!online) throw new TypeError('Failed to fetch');
      return new Response(
        JSON.stringify({ error: 'attachment-unreadable', message: 'The photo cannot be read.' }),
        { status: 422 },
      );
    }) as typeof fetch;
    const cache = new AttachmentCache({ fetch: fetcher, dbName: `t-${Math.random()}` });
    expect(await cache.attach(new Blob(['not a photo']), 'store-1', 'token')).toEqual({
      ok: false,
      error: expect.stringMatching(/JPEG, PNG or WebP/),
    });
    const r = await cache.attach(new Blob([JPEG]), 'store-1', 'token');
    expect(r).toMatchObject({ ok: true, queued: true });
    online = true;
    expect(await cache.flush('token')).toEqual({ sent: 0, refused: 1, offline: false });
    expect((await cache.pending())[0]?.error).toBe('The photo cannot be read.');
    await cache.close();
  });
});
