/**
 * A piece's photos and certificates (ATTACH-4): thumbnails from the till's IndexedDB cache, or
 * from the relay (then kept) when online; a PDF certificate opens in a new tab. With no network and
 * nothing cached, the place says so instead of a broken image.
 */
import { createResource, For, onCleanup, Show } from 'solid-js';
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
