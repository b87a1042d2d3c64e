// @vitest-environment jsdom
/**
 * The one upload component (UPLOAD-1) over the till's real attachment cache (IndexedDB through
 * fake-indexeddb); the relay is a fetch function that answers as it does, or fails as offline.
 */
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { AttachmentUpload, type SendOutcome } from './AttachmentUpload.tsx';
import { AttachmentCache } from './attachment-cache.ts';
import { A } from './strings.ts';

afterEach(cleanup);

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
const SHA = 'c'.repeat(64);

function relay() {
  let online = true;
  const posts: string[] = [];
  const fetcher = (async (input: RequestInfo | URL) => {
    if (!online) throw new TypeError('Failed to fetch');
    posts.push(String(input));
    return new Response(JSON.stringify({ sha256: SHA, contentType: 'image/jpeg', size: 8 }), { status: 201 });
  }) as typeof fetch;
  const cache = new AttachmentCache({ fetch: fetcher, dbName: `upload-${Math.random()}` });
  const send = async (file: File): Promise<SendOutcome> => {
    const r = await cache.attach(file, 'par', 'token', file.name);
    return r.ok ? { ok: true, queued: r.queued } : r;
  };
  return { cache, send, posts, setOnline: (v: boolean) => (online = v) };
}

const choose = (input: HTMLElement, ...files: File[]) => fireEvent.change(input, { target: { files } });

describe('AttachmentUpload', () => {
  it('UPLOAD-1: a file picker for photos and PDFs, and "Take a photo" on the rear camera, by their names', () => {
    render(() => <AttachmentUpload send={relay().send} />);
    const file = screen.getByLabelText(A.addFile) as HTMLInputElement;
    expect(file.accept).toBe('image/jpeg,image/png,image/webp,application/pdf');
    expect(file.multiple).toBe(true);
    expect(file.dataset.testid).toBe('attach-file');
    const camera = screen.getByLabelText(A.takePhoto) as HTMLInputElement;
    expect(camera.getAttribute('capture')).toBe('environment');
    expect(camera.accept).toBe('image/*');
  });

  it('UPLOAD-1: a file sent says so; offline it is kept on the till and said to go up later (ORDERATT-3)', async () => {
    const r = relay();
    let settled = 0;
    render(() => <AttachmentUpload send={r.send} onSettled={() => settled++} testid="work-attach" />);
    choose(screen.getByTestId('work-attach-file'), new File([JPEG], 'ring.jpg', { type: 'image/jpeg' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(A.added('ring.jpg')));
    expect(r.posts).toHaveLength(1);

    r.setOnline(false);
    const photo = new File([new Uint8Array([...JPEG, 9])], '', { type: 'image/jpeg' });
    choose(screen.getByTestId('work-attach-camera'), photo);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe(A.queued(A.unnamed)));
    expect((await r.cache.pending()).map((p) => p.store)).toEqual(['par']);
    expect(settled).toBe(2);
    await r.cache.close();
  });

  it('UPLOAD-1: a refusal names the file in words, and the files chosen after it are not sent', async () => {
    const r = relay();
    render(() => <AttachmentUpload send={r.send} />);
    choose(
      screen.getByTestId('attach-file'),
      new File(['not a photo'], 'notes.txt', { type: 'text/plain' }),
      new File([JPEG], 'ring.jpg', { type: 'image/jpeg' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'notes.txt: Only JPEG, PNG or WebP photos and PDF certificates can be attached.',
    );
    expect(screen.getByTestId('attach-message')).toBe(alert);
    expect(r.posts).toHaveLength(0);
    await r.cache.close();
  });

  it('UPLOAD-1: a device whose storage fails says so in words instead of staying on "Sending…"', async () => {
    render(() => (
      <AttachmentUpload
        send={() => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))}
      />
    ));
    choose(screen.getByTestId('attach-file'), new File([JPEG], 'ring.jpg', { type: 'image/jpeg' }));
    expect((await screen.findByRole('alert')).textContent).toBe(A.failed('The quota has been exceeded.'));
  });
});
