/**
 * Attachments on the till (ATTACH-4): the relay's photos and certificates, kept in IndexedDB (via
 * `idb`) by their SHA-256 so a piece or an order opens with its pictures with no network. The
 * relay's copy is named by its content, so a cached copy is never stale; a miss online fetches it
 * with the signed-in person's token and keeps it; a miss offline is `undefined` (the page says so).
 * Uploads (a file, or a photo from the tablet's camera) are checked here first with the relay's
 * own rules (ATTACH-1), sent raw, and kept in the cache at once.
 */
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

interface AttachmentDb extends DBSchema {
  blobs: { key: string; value: CachedAttachment };
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

export class AttachmentCache {
  readonly #db: Promise<IDBPDatabase<AttachmentDb>>;
  readonly #base: string;
  readonly #fetch: typeof fetch;

  constructor(options: AttachmentCacheOptions = {}) {
    this.#base = options.base ?? '';
    this.#fetch = options.fetch ?? ((...a) => fetch(...a));
    const factory = options.indexedDB;
    const open = () =>
      openDB<AttachmentDb>(options.dbName ?? ATTACHMENT_DB, 1, {
        upgrade(db) {
          db.createObjectStore('blobs');
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
      return {
        ok: false,
        error: 'The store server cannot be reached; attach the file when the till is online.',
      };
    }
    const body = (await res.json().catch(() => ({}))) as Partial<AttachmentInfo> & { message?: string };
    if (!res.ok || typeof body.sha256 !== 'string' || typeof body.contentType !== 'string')
      return { ok: false, error: body.message ?? `The store server refused the file (${res.status}).` };
    await this.put(body.sha256, 'original', bytes, body.contentType);
    return { ok: true, info: body as AttachmentInfo };
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
