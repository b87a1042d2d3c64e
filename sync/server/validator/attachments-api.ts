/**
 * The relay's attachment store (ATTACH-*): piece photos and certificates now, custom-order
 * sketches later. `POST /api/attachments?store=<id>` takes the raw bytes (JPEG, PNG, WebP or PDF,
 * told by their signature, at most 10 MB), stores them once by SHA-256 in SQL and makes an image's
 * thumbnail with sharp; `GET /api/attachments/<sha256>[/thumbnail]` answers staff of a store that
 * uploaded those bytes, and owners.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DatabaseSync } from 'node:sqlite';
import type { Extension } from '@hocuspocus/server';
import sharp from 'sharp';
import {
  type AttachmentInfo,
  isImageType,
  MAX_ATTACHMENT_BYTES,
  SHA256_PATTERN,
  sniffAttachmentType,
} from '../../shared/attachment-types.ts';
import { transaction } from '../db.ts';
import { apiRoute, BodyError, json, keyRingOf, readBody, requireCaller } from '../http-io.ts';

/** The longest side of a thumbnail, in pixels: a piece card or a list row. */
export const THUMBNAIL_SIZE = 320;
/** A photo larger than this many pixels is refused rather than decoded (a decompression bomb). */
const MAX_INPUT_PIXELS = 80_000_000;

const PATH = /^\/api\/attachments(?:\/([^/]+)(\/thumbnail)?)?\/?$/;

type Stored = { content_type: string; size: number; bytes: Uint8Array; thumbnail: Uint8Array | null };

export class AttachmentsApi {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  extension(): Extension {
    return apiRoute(
      'loupe-attachments-api',
      (url) => PATH.test(url.pathname),
      (req, res, url) => this.#handle(req, res, url),
    );
  }

  async #handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const [, sha, thumb] = PATH.exec(url.pathname) ?? [];
    if (sha === undefined) {
      if (req.method !== 'POST') return json(res, 405, { error: 'method-not-allowed' });
      return this.#upload(req, res, url);
    }
    if (req.method !== 'GET') return json(res, 405, { error: 'method-not-allowed' });
    return this.#read(req, res, sha, thumb !== undefined);
  }

  async #upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const store = url.searchParams.get('store') ?? '';
    if (!store)
      return json(res, 400, {
        error: 'store-required',
        message: 'say which store the file is for (?store=)',
      });
    const claims = await requireCaller(req, res, keyRingOf(this.#db), { store });
    if (!claims) return;
    if (!this.#db.prepare('SELECT 1 FROM stores WHERE id = ?').get(store))
      return json(res, 404, { error: 'store-unknown', message: 'there is no such store' });
    let bytes: Buffer;
    try {
      bytes = await readBody(req, MAX_ATTACHMENT_BYTES);
    } catch (e) {
      if (!(e instanceof BodyError) || e.status !== 413) throw e;
      return json(
        res,
        413,
        {
          error: 'attachment-too-large',
          message: `The file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB; send a smaller photo or scan.`,
        },
        e.close,
      );
    }
    if (bytes.length === 0)
      return json(res, 400, { error: 'attachment-empty', message: 'The file is empty; choose it again.' });
    const contentType = sniffAttachmentType(bytes);
    if (!contentType)
      return json(res, 415, {
        error: 'attachment-type',
        message: 'Only JPEG, PNG or WebP photos and PDF certificates can be attached.',
      });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const existing = this.#db
      .prepare('SELECT content_type, thumbnail FROM attachments WHERE sha256 = ?')
      .get(sha256) as { content_type: string; thumbnail: Uint8Array | null } | undefined;
    let thumbnail: Buffer | null = existing?.thumbnail ? Buffer.from(existing.thumbnail) : null;
    if (!existing && isImageType(contentType)) {
      try {
        thumbnail = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
          .rotate()
          .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 72 })
          .toBuffer();
      } catch {
        return json(res, 422, {
          error: 'attachment-unreadable',
          message: 'This photo could not be read (damaged, or too many pixels); take or export it again.',
        });
      }
    }
    const now = new Date().toISOString();
    const created = transaction(this.#db, () => {
      const inserted = this.#db
        .prepare(
          `INSERT INTO attachments (sha256, content_type, size, bytes, thumbnail, created_at)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
        )
        .run(sha256, contentType, bytes.length, bytes, thumbnail, now);
      this.#db
        .prepare(
          `INSERT INTO attachment_stores (sha256, store, uploaded_by, uploaded_at)
           VALUES (?, ?, ?, ?) ON CONFLICT (sha256, store) DO NOTHING`,
        )
        .run(sha256, store, claims.sub, now);
      return Number(inserted.changes) === 1;
    });
    const info: AttachmentInfo = {
      sha256,
      contentType,
      size: bytes.length,
      thumbnail: thumbnail !== null,
      created,
    };
    json(res, created ? 201 : 200, info);
  }

  async #read(req: IncomingMessage, res: ServerResponse, sha: string, thumbnail: boolean): Promise<void> {
    const claims = await requireCaller(req, res, keyRingOf(this.#db));
    if (!claims) return;
    if (!SHA256_PATTERN.test(sha))
      return json(res, 400, {
        error: 'attachment-name',
        message: 'an attachment is named by its SHA-256 in hex',
      });
    const stores = (
      this.#db.prepare('SELECT store FROM attachment_stores WHERE sha256 = ?').all(sha) as { store: string }[]
    ).map((r) => r.store);
    // Unknown and not-yours answer alike, so nobody learns which files another store holds.
    const mayRead =
      claims.role === 'owner' ? stores.length > 0 : stores.some((s) => claims.stores.includes(s));
    if (!mayRead)
      return json(res, 404, { error: 'attachment-unknown', message: 'no such attachment for you' });
    const row = this.#db
      .prepare('SELECT content_type, size, bytes, thumbnail FROM attachments WHERE sha256 = ?')
      .get(sha) as Stored | undefined;
    if (!row) return json(res, 404, { error: 'attachment-unknown', message: 'no such attachment for you' });
    if (thumbnail && !row.thumbnail)
      return json(res, 404, { error: 'no-thumbnail', message: 'only photos have a thumbnail' });
    const body = thumbnail && row.thumbnail ? row.thumbnail : row.bytes;
    res.writeHead(200, {
      'Content-Type': thumbnail ? 'image/webp' : row.content_type,
      'Content-Length': String(body.byteLength),
      // Named by their content: they never change, but they are private to the store's staff.
      'Cache-Control': 'private, max-age=31536000, immutable',
      ETag: `"${sha}${thumbnail ? '-t' : ''}"`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    res.end(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  }
}
