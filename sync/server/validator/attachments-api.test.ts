/** The relay's attachment store over HTTP (ATTACH-*), on a real relay with the demo stores. */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../domain/ids.ts';
import { MAX_ATTACHMENT_BYTES } from '../../shared/attachment-types.ts';
import { connectDevice } from '../../shared/device-client.ts';
import { names } from '../../shared/doc-names.ts';
import { addToWorkList, createWork, readWork } from '../../shared/docs/work.ts';
import { demoUser, login, type SessionBody, startValidatingRelay, type TestRelay } from '../test-utils.ts';

let relay: TestRelay;
let parisManager: SessionBody;
let parisAssociate: SessionBody;
let nyAssociate: SessionBody;
let owner: SessionBody;
let paris: string;
let ny: string;
let photo: Buffer;

const upload = (session: SessionBody | undefined, store: string, body: Buffer, type = 'image/jpeg') =>
  fetch(`${relay.url}/api/attachments?store=${store}`, {
    method: 'POST',
    headers: { 'Content-Type': type, ...(session ? { Authorization: `Bearer ${session.token}` } : {}) },
    body: new Uint8Array(body),
  });
const read = (session: SessionBody, sha: string, suffix = '') =>
  fetch(`${relay.url}/api/attachments/${sha}${suffix}`, {
    headers: { Authorization: `Bearer ${session.token}` },
  });

beforeAll(async () => {
  relay = await startValidatingRelay();
  paris = demoUser(relay, 'manager', 0).store;
  ny = demoUser(relay, 'associate', 1).store;
  parisManager = await login(relay, demoUser(relay, 'manager', 0).login);
  parisAssociate = await login(relay, demoUser(relay, 'associate', 0).login);
  nyAssociate = await login(relay, demoUser(relay, 'associate', 1).login);
  owner = await login(relay, demoUser(relay, 'owner').login);
  photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#c9a' } })
    .jpeg()
    .toBuffer();
});
afterAll(() => relay.cleanup());

describe('attachments', () => {
  it('ATTACH-1: a photo is stored by its SHA-256 with a thumbnail, whatever Content-Type was declared', async () => {
    const res = await upload(parisManager, paris, photo, 'application/octet-stream');
    expect(res.status).toBe(201);
    const info = (await res.json()) as {
      sha256: string;
      contentType: string;
      thumbnail: boolean;
      size: number;
    };
    expect(info).toMatchObject({ contentType: 'image/jpeg', thumbnail: true, size: photo.length });
    const back = await read(parisAssociate, info.sha256);
    expect(back.status).toBe(200);
    expect(back.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await back.arrayBuffer()).equals(photo)).toBe(true);
    const thumb = await read(parisAssociate, info.sha256, '/thumbnail');
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(320);
  });

  it('ATTACH-1: a file over the limit or of another type is refused in words, and nothing is stored', async () => {
    const before = relay.db.prepare('SELECT count(*) AS n FROM attachments').get() as { n: number };
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0);
    photo.copy(big);
    const tooBig = await upload(parisManager, paris, big);
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({
      error: 'attachment-too-large',
      message: expect.stringMatching(/10 MB/),
    });
    // An HTML page declared as a JPEG is still an HTML page.
    const html = await upload(
      parisManager,
      paris,
      Buffer.from('<html><script>alert(1)</script>'),
      'image/jpeg',
    );
    expect(html.status).toBe(415);
    expect(await html.json()).toMatchObject({
      error: 'attachment-type',
      message: expect.stringMatching(/JPEG, PNG or WebP/),
    });
    const broken = await upload(parisManager, paris, Buffer.from([0xff, 0xd8, 0xff, 0, 1, 2, 3]));
    expect(broken.status).toBe(422);
    expect((relay.db.prepare('SELECT count(*) AS n FROM attachments').get() as { n: number }).n).toBe(
      before.n,
    );
  });

  it('ATTACH-2: staff of another store cannot read it, nor upload for a store not theirs; owners read everything', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const info = (await (await upload(parisManager, paris, pdf, 'application/pdf')).json()) as {
      sha256: string;
      thumbnail: boolean;
    };
    expect(info.thumbnail).toBe(false);
    const other = await read(nyAssociate, info.sha256);
    expect(other.status).toBe(404);
    expect((await read(nyAssociate, info.sha256, '/thumbnail')).status).toBe(404);
    expect((await read(owner, info.sha256)).status).toBe(200);
    expect((await read(parisAssociate, info.sha256, '/thumbnail')).status).toBe(404);
    expect((await upload(nyAssociate, paris, photo)).status).toBe(403);
    expect((await upload(undefined, paris, photo)).status).toBe(401);
    const forged = await fetch(`${relay.url}/api/attachments/${info.sha256}`, {
      headers: { Authorization: `Bearer ${parisManager.token.slice(0, -4)}AAAA` },
    });
    expect(forged.status).toBe(401);
  });

  it('ATTACH-3: the same bytes uploaded twice are stored once; a second store uploading them may read them too', async () => {
    const png = await sharp({ create: { width: 40, height: 40, channels: 4, background: '#fff' } })
      .png()
      .toBuffer();
    const first = await upload(parisManager, paris, png);
    const second = await upload(parisAssociate, paris, png);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    const { sha256 } = (await second.json()) as { sha256: string; created: boolean };
    expect(
      (
        relay.db.prepare('SELECT count(*) AS n FROM attachments WHERE sha256 = ?').get(sha256) as {
          n: number;
        }
      ).n,
    ).toBe(1);
    expect((await read(nyAssociate, sha256)).status).toBe(404);
    expect((await upload(nyAssociate, ny, png)).status).toBe(200);
    expect((await read(nyAssociate, sha256)).status).toBe(200);
    expect((relay.db.prepare('SELECT count(*) AS n FROM attachments').get() as { n: number }).n).toBe(3);
  });

  it('ORDERATT-4: a photo attached to an order of one store is read by that store’s staff; another store’s associate is refused', async () => {
    const ring = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#d4af37' } })
      .jpeg()
      .toBuffer();
    const sent = await upload(parisAssociate, paris, ring);
    expect(sent.status).toBe(201);
    const { sha256 } = (await sent.json()) as { sha256: string };
    // The designer's till puts it on a custom order in work/<paris>, as the order page does.
    const device = connectDevice({
      url: relay.wsUrl,
      token: parisAssociate.token,
      deviceId: parisAssociate.device,
    });
    try {
      const work = device.open(names.work(paris));
      await work.synced;
      const orderId = uuidv7();
      const clientId = relay.demo.clientIds[paris]?.[0] ?? '';
      expect(
        createWork(work.doc, {
          id: orderId,
          kind: 'custom',
          clientId,
          title: 'Signet ring',
          createdAt: new Date().toISOString(),
          notes: '',
          attachments: [],
          sizes: [],
          stones: [],
          quote: [],
          work: [],
        } as never).ok,
      ).toBe(true);
      expect(
        addToWorkList(work.doc, orderId as never, 'attachments', { id: sha256, kind: 'sketch' }).ok,
      ).toBe(true);
      await expect
        .poll(() => {
          const doc = relay.hocuspocus.documents.get(names.work(paris));
          return doc ? readWork(doc, orderId)?.attachments.map((a) => a.id) : undefined;
        })
        .toEqual([sha256]);
    } finally {
      await device.close();
    }
    // Staff of the store (not the uploader) read it and its thumbnail; the owner too.
    expect((await read(parisManager, sha256)).status).toBe(200);
    expect((await read(parisManager, sha256, '/thumbnail')).status).toBe(200);
    expect((await read(owner, sha256)).status).toBe(200);
    // Another store's associate, knowing the name from the order, gets the 404 of an unknown name.
    const refused = await read(nyAssociate, sha256);
    expect(refused.status).toBe(404);
    expect((await read(nyAssociate, sha256, '/thumbnail')).status).toBe(404);
  });
});
