/**
 * A piece's photos and certificates (ATTACH-4): thumbnails from the till's IndexedDB cache, or
 * from the relay (then kept) when online; a PDF certificate opens in a new tab. With no network and
 * nothing cached, the place says so instead of a broken image.
 */
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { isImageType } from '../../../sync/shared/attachment-types.ts';
import { useApp } from '../app-state.ts';
import { attachmentCache } from './attachment-cache.ts';
import { A } from './strings.ts';

type Shown = { sha: string; url?: string; type?: string };

export function AttachmentGallery(props: { refs: readonly string[]; onRemove?: (sha: string) => void }) {
  const app = useApp();
  const urls: string[] = [];
  onCleanup(() => {
    for (const u of urls) URL.revokeObjectURL(u);
  });
  const [items] = createResource(
    () => [...props.refs],
    async (refs): Promise<Shown[]> => {
      const token = app.session()?.token ?? '';
      const cache = attachmentCache();
      return Promise.all(
        refs.map(async (sha) => {
          const original = await cache.cached(sha);
          const type = original?.type;
          if (type && !isImageType(type)) return { sha, type };
          const blob = (await cache.get(sha, token, 'thumbnail')) ?? (await cache.get(sha, token));
          if (!blob) return { sha };
          if (!isImageType(blob.type)) return { sha, type: blob.type };
          const url = URL.createObjectURL(blob);
          urls.push(url);
          return { sha, url, type: blob.type };
        }),
      );
    },
  );
  const openOriginal = async (sha: string) => {
    const blob = await attachmentCache().get(sha, app.session()?.token ?? '');
    if (blob) window.open(URL.createObjectURL(blob), '_blank', 'noopener');
  };
  const name = (s: Shown, i: number) =>
    s.type === 'application/pdf' ? A.certificate(i + 1) : A.photo(i + 1);
  return (
    <div class="attachments" data-testid="attachments">
      <Show when={props.refs.length > 0} fallback={<p class="muted">{A.none}</p>}>
        <ul class="attachment-list">
          <For each={items() ?? []}>
            {(s, i) => {
              const label = name(s, i());
              return (
                <li data-sha={s.sha} data-testid="attachment">
                  <Show
                    when={s.url}
                    fallback={
                      <Show when={s.type} fallback={<span class="muted">{A.offline}</span>}>
                        <button type="button" class="link" onClick={() => void openOriginal(s.sha)}>
                          {label}
                        </button>
                      </Show>
                    }
                  >
                    <button type="button" class="thumb" onClick={() => void openOriginal(s.sha)}>
                      <img src={s.url} alt={label} />
                    </button>
                  </Show>
                  <Show when={props.onRemove}>
                    <button
                      type="button"
                      class="link"
                      onClick={() => props.onRemove?.(s.sha)}
                      aria-label={A.remove(label)}
                    >
                      ×
                    </button>
                  </Show>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </div>
  );
}

/** Choose a file, or take a photo with the tablet's camera; each is sent to the relay at once. */
export function AttachmentPicker(props: { store: string; onAdded: (sha: string) => void }) {
  const app = useApp();
  let busy = false;
  const send = async (input: HTMLInputElement, setMessage: (m: { ok: boolean; text: string }) => void) => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (busy || files.length === 0) return;
    busy = true;
    setMessage({ ok: true, text: A.uploading });
    for (const file of files) {
      const r = await attachmentCache().upload(file, props.store, app.session()?.token ?? '');
      if (!r.ok) {
        setMessage({ ok: false, text: `${file.name}: ${r.error}` });
        busy = false;
        return;
      }
      props.onAdded(r.info.sha256);
      setMessage({ ok: true, text: A.added(file.name) });
    }
    busy = false;
  };
  const [message, setMessage] = createSignal<{ ok: boolean; text: string }>();
  return (
    <div class="attachment-picker">
      <label class="button">
        {A.addFile}
        <input
          type="file"
          class="sr-only"
          data-testid="attach-file"
          accept="image/jpeg,image/png,image/webp,application/pdf"
          multiple
          onChange={(e) => void send(e.currentTarget, setMessage)}
        />
      </label>
      <label class="button">
        {A.takePhoto}
        <input
          type="file"
          class="sr-only"
          accept="image/*"
          capture="environment"
          onChange={(e) => void send(e.currentTarget, setMessage)}
        />
      </label>
      <Show when={message()}>
        {(m) => (
          <p
            class={m().ok ? 'muted' : 'error'}
            role={m().ok ? 'status' : 'alert'}
            data-testid="attach-message"
          >
            {m().text}
          </p>
        )}
      </Show>
    </div>
  );
}
