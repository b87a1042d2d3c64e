/**
 * Opening a piece's photos with no network (ATTACH-4): ten photos read through the till's
 * attachment cache (`client/src/attachments/attachment-cache.ts`, idb over IndexedDB, the relay
 * unreachable) against the same ten blobs read raw from the same IndexedDB with the bare API, in the
 * same run. IndexedDB is fake-indexeddb in Node: the ratio is the cache's own overhead.
 */
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { AttachmentCache } from '../client/src/attachments/attachment-cache.ts';
import { type Bench, type BenchOutput, fmt, goal, median, metric, sizeFromEnv } from './stats.ts';

const PHOTOS = 10;
const rounds = () => sizeFromEnv('BENCH_ATTACH_ROUNDS', { small: 10, default: 50 });
const photoBytes = () => sizeFromEnv('BENCH_ATTACH_BYTES', { small: 100_000, default: 400_000 });

function rawGet(db: IDBDatabase, key: string): Promise<{ bytes: ArrayBuffer; type: string }> {
  return new Promise((resolve, reject) => {
    const req = db.transaction('blobs').objectStore('blobs').get(key);
    req.onsuccess = () => resolve(req.result as { bytes: ArrayBuffer; type: string });
    req.onerror = () => reject(req.error);
  });
}
function rawOpen(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    // No version: the cache's own, whatever it is now (raw reads need no upgrade).
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export const attachmentsBench: Bench = {
  name: 'attachments',
  async run(): Promise<BenchOutput> {
    const dbName = `bench-attachments-${Date.now()}`;
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const cache = new AttachmentCache({ dbName, fetch: offline });
    const shas: string[] = [];
    for (let i = 0; i < PHOTOS; i++) {
      const bytes = randomBytes(photoBytes());
      bytes.set([0xff, 0xd8, 0xff, 0xe0]);
      const sha = randomBytes(32).toString('hex');
      shas.push(sha);
      await cache.put(
        sha,
        'original',
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
        'image/jpeg',
      );
    }
    const raw = await rawOpen(dbName);
    const viaCache: number[] = [];
    const viaRaw: number[] = [];
    for (let r = 0; r < rounds(); r++) {
      let t = performance.now();
      const blobs = await Promise.all(shas.map((sha) => cache.get(sha, 'token')));
      if (blobs.some((b) => !b || b.size !== photoBytes())) throw new Error('a photo did not open offline');
      viaCache.push(performance.now() - t);
      t = performance.now();
      const rows = await Promise.all(shas.map((sha) => rawGet(raw, sha)));
      const rawBlobs = rows.map((row) => new Blob([row.bytes], { type: row.type }));
      if (rawBlobs.some((b) => b.size !== photoBytes())) throw new Error('a raw read came back short');
      viaRaw.push(performance.now() - t);
    }
    raw.close();
    await cache.close();
    const c = median(viaCache);
    const b = median(viaRaw);
    return {
      title: 'Attachments: ten photos opened offline from the device cache vs raw IndexedDB reads',
      sizes: { photos: PHOTOS, bytesPerPhoto: photoBytes(), rounds: rounds() },
      metrics: [
        metric('ten photos via the attachment cache (median)', c, 'ms', b),
        metric('ten photos read raw from IndexedDB (median)', b, 'ms'),
      ],
      goals: [
        goal('a piece opens with its photos offline', 'all ten, no network', `${PHOTOS}/${PHOTOS}`, true),
        goal('cache overhead over raw IndexedDB', '≤ 1.5×', `${fmt(c / b)}×`, c / b <= 1.5),
      ],
      notes: [
        'fake-indexeddb in Node (structured clone of each ArrayBuffer); a browser’s IndexedDB is faster in absolute terms, the ratio is the cache’s cost.',
        'The fetch is made to fail: every read must come from the device.',
      ],
    };
  },
};
