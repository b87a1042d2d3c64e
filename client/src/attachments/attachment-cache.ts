/**
 * Attachments on the till (ATTACH-4): the relay's photos and certificates, kept in IndexedDB (via
 * `idb`) by their SHA-256 so a piece or an order opens with its pictures with no network. The
 * relay's copy is named by its content, so a cached copy is never stale; a miss online fetches it
 * with the signed-in person's token and keeps it; a miss offline is `undefined` (the page says so).
 * Uploads (a file, or a photo from the tablet's camera) are checked here first with the relay's
 * own rules (ATTACH-1), sent raw, and kept in the cache at once.
 *
 * Offline (ORDERATT-3): `attach` names the file itself (SHA-256 of its bytes, the relay's own name
 * for it), keeps it in the cache and in a `pending` queue, and `flush` sends the queue when the
 * relay answers again. A file the relay then refuses stays in the queue with the refusal in words.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import {
  type AttachmentInfo,
  MAX_ATTACHMENT_BYTES,
  SHA256_PATTERN,
  sniffAttachmentType,
} from '../../../sync/shared/attachment-types.ts';

export type CachedAttachment = {
  readonly bytes: ArrayBuffer;
  readonly type: string;
  readonly storedAt: string;
};
export type Variant = 'original' | 'thumbnail';

/** A file attached with no network, waiting to go up (ORDERATT-3). */
export type PendingUpload = {
  readonly sha: string;
  readonly store: string;
  readonly type: string;
  readonly name: string;
  readonly queuedAt: string;
  /** The relay refused it (in words): it stays here, shown, and is not sent again. */
  readonly error?: string;
};

interface AttachmentDb extends DBSchema {
  blobs: { key: string; value: CachedAttachment };
  pending: { key: string; value: PendingUpload };
}

export const ATTACHMENT_DB = 'loupe-attachments';
const keyOf = (sha: string, variant: Variant) => (variant === 'thumbnail' ? `${sha}/thumbnail` : sha);

export type AttachmentCacheOptions = {
  /** Where the relay is ('' in the browser: same origin). */
  readonly base?: string;
  readonly fetch?: typeof fetch;
  readonly dbName?: string;
  /** Another IndexedDB (fake-indexeddb in Node tests and benchmarks). */
  readonly indexedDB?: IDBFactory;
};

export type UploadResult = { ok: true; info: AttachmentInfo } | { ok: false; error: string };
/** What `attach` did: sent now, or kept to send when online (`queued`); or refused in words. */
export type AttachResult =
  | { ok: true; sha: string; contentType: string; queued: boolean }
  | { ok: false; error: string };

export const OFFLINE_UPLOAD_ERROR =
  'The store server cannot be reached; attach the file when the till is online.';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export class AttachmentCache {
  readonly #db: Promise<IDBPDatabase<AttachmentDb>>;
  readonly #base: string;
  readonly #fetch: typeof fetch;

  constructor(options: AttachmentCacheOptions = {}) {
    this.#base = options.base ?? '';
    this.#fetch = options.fetch ?? ((...a) => fetch(...a));
    const factory = options.indexedDB;
    const open = () =>
      openDB<AttachmentDb>(options.dbName ?? ATTACHMENT_DB, 2, {
        upgrade(db, oldVersion) {
          if (oldVersion < 1) db.createObjectStore('blobs');
          if (oldVersion < 2) db.createObjectStore('pending');
        },
      });
    if (!factory) this.#db = open();
    else {
      // idb opens through the global factory; hand it the given one for this call only.
      const g = globalThis as { indexedDB?: IDBFactory };
      const previous = g.indexedDB;
      g.indexedDB = factory;
      try {
        this.#db = open();
      } finally {
        g.indexedDB = previous;
      }
    }
  }

  /** The cached copy, or undefined: never touches the network. */
  async cached(sha: string, variant: Variant = 'original'): Promise<CachedAttachment | undefined> {
    return (await this.#db).get('blobs', keyOf(sha, variant));
  }

  /**
   * The attachment as a Blob: from the device when it has it, else from the relay (then kept).
   * Undefined when it is neither here nor reachable (offline, or not one of this store's files).
   */
  async get(sha: string, token: string, variant: Variant = 'original'): Promise<Blob | undefined> {
    if (!SHA256_PATTERN.test(sha)) return undefined;
    const hit = await this.cached(sha, variant);
    if (hit) return new Blob([hit.bytes], { type: hit.type });
    let res: Response;
    try {
      res = await this.#fetch(
        `${this.#base}/api/attachments/${sha}${variant === 'thumbnail' ? '/thumbnail' : ''}`,
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
    } catch {
      return undefined;
    }
    if (!res.ok) return undefined;
    const bytes = await res.arrayBuffer();
    const type = res.headers.get('content-type') ?? 'application/octet-stream';
    await this.put(sha, variant, bytes, type);
    return new Blob([bytes], { type });
  }

  async put(sha: string, variant: Variant, bytes: ArrayBuffer, type: string): Promise<void> {
    await (await this.#db).put(
      'blobs',
      { bytes, type, storedAt: new Date().toISOString() },
      keyOf(sha, variant),
    );
  }

  /** Fetches whatever of these is not on the device yet (a piece's pictures, before going offline). */
  async prefetch(shas: readonly string[], token: string, variant: Variant = 'thumbnail'): Promise<number> {
    let fetched = 0;
    for (const sha of shas) {
      if (await this.cached(sha, variant)) continue;
      if (await this.get(sha, token, variant)) fetched++;
    }
    return fetched;
  }

  /**
   * Sends a file to the relay for `store`. Refused here, in words, when the relay would refuse it
   * anyway (too large, not a photo or PDF); the relay's refusal otherwise; offline says so.
   */
  async upload(file: Blob, store: string, token: string): Promise<UploadResult> {
    const problem = await checkAttachment(file);
    if (problem) return { ok: false, error: problem };
    const bytes = await file.arrayBuffer();
    let res: Response;
    try {
      res = await this.#fetch(`${this.#base}/api/attachments?store=${encodeURIComponent(store)}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': file.type || 'application/octet-stream',
        },
        body: bytes,
      });
    } catch {
      return { ok: false, error: OFFLINE_UPLOAD_ERROR };
    }
    const body = (await res.json().catch(() => ({}))) as Partial<AttachmentInfo> & { message?: string };
    if (!res.ok || typeof body.sha256 !== 'string' || typeof body.contentType !== 'string')
      return { ok: false, error: body.message ?? `The store server refused the file (${res.status}).` };
    await this.put(body.sha256, 'original', bytes, body.contentType);
    return { ok: true, info: body as AttachmentInfo };
  }

  /**
   * ORDERATT-3: attaches a file for `store`: sent at once when the relay answers, otherwise named
   * here (SHA-256 of its bytes, as the relay names it), kept on the device and queued for `flush`.
   * Refused in words when the relay would refuse it anyway, or refuses it now.
   */
  async attach(file: Blob, store: string, token: string, name = ''): Promise<AttachResult> {
    const sent = await this.upload(file, store, token);
    if (sent.ok)
      return { ok: true, sha: sent.info.sha256, contentType: sent.info.contentType, queued: false };
    if (sent.error !== OFFLINE_UPLOAD_ERROR) return { ok: false, error: sent.error };
    const bytes = new Uint8Array(await file.arrayBuffer());
    const type = sniffAttachmentType(bytes.subarray(0, 16));
    if (!type)
      return { ok: false, error: 'Only JPEG, PNG or WebP photos and PDF certificates can be attached.' };
    const sha = hex(sha256(bytes));
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const db = await this.#db;
    await db.put(
      'blobs',
      { bytes: buffer, type, storedAt: new Date().toISOString() },
      keyOf(sha, 'original'),
    );
    await db.put(
      'pending',
      { sha, store, type, name: name.slice(0, 120), queuedAt: new Date().toISOString() },
      sha,
    );
    return { ok: true, sha, contentType: type, queued: true };
  }

  /** Files waiting to go up (and those the relay refused, with its words). */
  async pending(): Promise<PendingUpload[]> {
    return (await this.#db).getAll('pending');
  }

  /**
   * Sends what waits, oldest first; stops at the first network failure (still offline). A file
   * the relay refuses keeps its refusal; a sent one leaves the queue. Returns how many went up.
   */
  async flush(token: string): Promise<{ sent: number; refused: number; offline: boolean }> {
    const db = await this.#db;
    const waiting = (await db.getAll('pending'))
      .filter((p) => !p.error)
      .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
    let sent = 0;
    let refused = 0;
    for (const p of waiting) {
      const blob = await this.cached(p.sha);
      if (!blob) {
        await db.put(
          'pending',
          { ...p, error: 'The file is no longer on this till; attach it again.' },
          p.sha,
        );
        refused++;
        continue;
      }
      const r = await this.upload(new Blob([blob.bytes], { type: blob.type }), p.store, token);
      if (r.ok && r.info.sha256 === p.sha) {
        await db.delete('pending', p.sha);
        sent++;
      } else if (!r.ok && r.error === OFFLINE_UPLOAD_ERROR) {
        return { sent, refused, offline: true };
      } else if (!r.ok && /\(401\)/.test(r.error)) {
        // Not signed in any more: keep it for the next session.
        return { sent, refused, offline: false };
      } else {
        await db.put(
          'pending',
          { ...p, error: r.ok ? 'The store server named the file differently.' : r.error },
          p.sha,
        );
        refused++;
      }
    }
    return { sent, refused, offline: false };
  }

  /** Forgets a queued file (someone removed it from the job). */
  async dropPending(sha: string): Promise<void> {
    await (await this.#db).delete('pending', sha);
  }

  async close(): Promise<void> {
    (await this.#db).close();
  }
}

/** Why the relay would refuse this file (ATTACH-1), in words, or undefined when it is fine. */
export async function checkAttachment(file: Blob): Promise<string | undefined> {
  if (file.size === 0) return 'The file is empty; choose it again.';
  if (file.size > MAX_ATTACHMENT_BYTES)
    return `The file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB; send a smaller photo or scan.`;
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  if (!sniffAttachmentType(head))
    return 'Only JPEG, PNG or WebP photos and PDF certificates can be attached.';
  return undefined;
}

let shared: AttachmentCache | undefined;
/** The till's one cache (browser). */
export const attachmentCache = (): AttachmentCache => {
  shared ??= new AttachmentCache();
  return shared;
};

const queueListeners = new Set<() => void>();
let queueStarted = false;
/** Called after each flush that sent or refused something (screens re-read the queue). */
export const onUploadQueue = (listener: () => void): (() => void) => {
  queueListeners.add(listener);
  return () => queueListeners.delete(listener);
};
/**
 * ORDERATT-3: sends the queue when the browser says it is online again, and every 15 s while
 * anything waits (the relay may come back without the browser noticing). Started once per page.
 */
export function startUploadQueue(token: () => string | undefined): () => Promise<void> {
  let busy: Promise<void> | undefined;
  const run = (): Promise<void> => {
    const t = token();
    if (!t) return Promise.resolve();
    busy ??= attachmentCache()
      .flush(t)
      .then((r) => {
        if (r.sent > 0 || r.refused > 0) for (const l of queueListeners) l();
      })
      .catch(() => undefined)
      .finally(() => {
        busy = undefined;
      });
    return busy;
  };
  if (!queueStarted && typeof window !== 'undefined') {
    queueStarted = true;
    window.addEventListener('online', () => void run());
    setInterval(() => void run(), 15_000);
    void run();
  }
  return run;
}
