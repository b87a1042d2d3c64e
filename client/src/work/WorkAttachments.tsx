/**
 * Sketches, photos, certificates and signed quotes of an order or repair (ORDERATT-*): each file
 * goes to the relay's attachment store (ATTACH-*) and its SHA-256 onto the job, with its kind.
 * Thumbnails come from the till's IndexedDB cache first (an order opens with its pictures offline),
 * else from the relay (then kept). A file attached offline is kept on the till and goes up when the
 * relay answers again (`startUploadQueue`); until then the job shows it as waiting, and a refusal
 * in words if the relay refuses it. "Take a photo" opens a tablet's rear camera.
 */
import { createResource, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { ATTACHMENT_KINDS, type AttachmentKind, type WorkAttachment } from '../../../domain/work-order.ts';
import { isImageType } from '../../../sync/shared/attachment-types.ts';
import { useApp } from '../app-state.ts';
import { AttachmentUpload, type SendOutcome } from '../attachments/AttachmentUpload.tsx';
import {
  attachmentCache,
  onUploadQueue,
  type PendingUpload,
  startUploadQueue,
} from '../attachments/attachment-cache.ts';
import { W } from './strings.ts';

const RETRY_MS = 5_000;

/** One attachment's thumbnail (or PDF label), from the device first; tried again while missing. */
function Thumb(props: { item: WorkAttachment; tick: number; onOpen: () => void; label: string }) {
  const app = useApp();
  let url: string | undefined;
  let shownSha: string | undefined;
  onCleanup(() => url && URL.revokeObjectURL(url));
  const [shown] = createResource(
    () => [props.item.id, props.tick] as const,
    async ([sha]) => {
      // Shown already: a later look (for another picture still missing) changes nothing here.
      if (url && shownSha === sha) return { type: props.item.contentType ?? 'image/*', url };
      const token = app.session()?.token ?? '';
      const cache = attachmentCache();
      const original = await cache.cached(sha);
      const type = original?.type ?? props.item.contentType;
      if (type && !isImageType(type)) return { type };
      const blob = (await cache.get(sha, token, 'thumbnail')) ?? (await cache.get(sha, token));
      if (!blob) return undefined;
      if (!isImageType(blob.type)) return { type: blob.type };
      if (url) URL.revokeObjectURL(url);
      url = URL.createObjectURL(blob);
      shownSha = sha;
      return { type: blob.type, url };
    },
  );
  return (
    <Show
      when={shown()?.url}
      fallback={
        <Show
          when={shown()?.type}
          fallback={
            <span class="muted attachment-missing" data-testid="work-attachment-missing">
              {W.attachmentNotHere}
            </span>
          }
        >
          <button type="button" class="link" onClick={() => props.onOpen()}>
            {W.attachmentPdf(props.label)}
          </button>
        </Show>
      }
    >
      {(src) => (
        <button
          type="button"
          class="thumb"
          onClick={() => props.onOpen()}
          aria-label={W.attachmentOpen(props.label)}
        >
          <img src={src()} alt={props.label} data-testid="work-attachment-thumb" />
        </button>
      )}
    </Show>
  );
}

export function WorkAttachments(props: {
  items: readonly WorkAttachment[];
  /** The kind a new file gets unless chosen otherwise (`intake` at a repair's intake). */
  defaultKind: AttachmentKind;
  onAdd: (a: WorkAttachment) => string | undefined;
  onRemove?: (sha: string) => void;
  onKind?: (a: WorkAttachment, kind: AttachmentKind) => void;
  /** The intake form lists its photos before the job exists: no kind change there. */
  compact?: boolean;
}) {
  const app = useApp();
  const [kind, setKind] = createSignal<AttachmentKind>(props.defaultKind);
  /** An attachment that could not be opened (not on this till, and no network). */
  const [openProblem, setOpenProblem] = createSignal<string>();
  const [tick, setTick] = createSignal(0);
  const [pending, setPending] = createSignal<Record<string, PendingUpload>>({});
  const [viewing, setViewing] = createSignal<{ url: string; label: string }>();
  let dialog: HTMLDialogElement | undefined;

  const readPending = async () => {
    const all = await attachmentCache().pending();
    setPending(Object.fromEntries(all.map((p) => [p.sha, p])));
  };
  onMount(() => {
    startUploadQueue(() => app.session()?.token);
    void readPending();
    const off = onUploadQueue(() => {
      void readPending();
      setTick((t) => t + 1);
    });
    // Pictures another till attached (or this one queued) show as soon as the relay has them.
    const timer = setInterval(() => {
      void readPending();
      if (document.querySelector('[data-testid="work-attachment-missing"]')) setTick((t) => t + 1);
    }, RETRY_MS);
    const online = () => setTick((t) => t + 1);
    window.addEventListener('online', online);
    onCleanup(() => {
      off();
      clearInterval(timer);
      window.removeEventListener('online', online);
    });
  });

  const label = (a: WorkAttachment, i: number) => `${W.attachmentKinds[a.kind] ?? a.kind} ${i + 1}`;

  /** ORDERATT-2/3: sent now, or kept here and queued; either way on the job at once with its kind. */
  const send = async (file: File): Promise<SendOutcome> => {
    const r = await attachmentCache().attach(
      file,
      app.data()?.store ?? '',
      app.session()?.token ?? '',
      file.name,
    );
    if (!r.ok) return r;
    const problem = props.onAdd({
      id: r.sha,
      kind: kind(),
      contentType: r.contentType,
      ...(file.name ? { name: file.name.slice(0, 120) } : {}),
      addedAt: new Date().toISOString(),
    });
    return problem ? { ok: false, error: problem } : { ok: true, queued: r.queued };
  };

  const open = async (a: WorkAttachment, name: string) => {
    const blob = await attachmentCache().get(a.id, app.session()?.token ?? '');
    setOpenProblem(blob ? undefined : W.attachmentNotHere);
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    if (!isImageType(blob.type)) {
      window.open(url, '_blank', 'noopener');
      return;
    }
    const prev = viewing();
    if (prev) URL.revokeObjectURL(prev.url);
    setViewing({ url, label: name });
    dialog?.showModal();
  };
  const closeViewer = () => {
    dialog?.close();
    const v = viewing();
    if (v) URL.revokeObjectURL(v.url);
    setViewing(undefined);
  };

  return (
    <div class="work-attachments">
      <Show when={props.items.length > 0} fallback={<p class="muted">{W.attachmentsNone}</p>}>
        <ul class="attachment-list" data-testid="work-attachments">
          <For each={props.items}>
            {(a, i) => {
              const name = () => label(a, i());
              const waiting = () => pending()[a.id];
              return (
                <li data-testid="work-attachment" data-sha={a.id} data-kind={a.kind}>
                  <Thumb item={a} tick={tick()} label={name()} onOpen={() => void open(a, name())} />
                  <span class="attachment-caption">
                    <Show when={!props.compact && props.onKind} fallback={<span>{name()}</span>}>
                      <select
                        aria-label={W.attachmentKindOf(name())}
                        data-testid="work-attachment-kind"
                        value={a.kind}
                        onChange={(e) => props.onKind?.(a, e.currentTarget.value as AttachmentKind)}
                      >
                        <For each={ATTACHMENT_KINDS}>
                          {(k) => <option value={k}>{W.attachmentKinds[k]}</option>}
                        </For>
                      </select>
                    </Show>
                    <Show when={waiting()}>
                      {(p) => (
                        <Show
                          when={p().error}
                          fallback={
                            <span class="muted" data-testid="work-attachment-waiting">
                              {W.attachmentWaiting}
                            </span>
                          }
                        >
                          {(e) => (
                            <span class="error" role="alert" data-testid="work-attachment-refused">
                              {W.attachmentRefused(e())}
                            </span>
                          )}
                        </Show>
                      )}
                    </Show>
                  </span>
                  <Show when={props.onRemove}>
                    <button
                      type="button"
                      class="link"
                      aria-label={W.attachmentRemove(name())}
                      onClick={() => {
                        props.onRemove?.(a.id);
                        void attachmentCache()
                          .dropPending(a.id)
                          .then(() => readPending());
                      }}
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
      <Show when={openProblem()}>
        <p class="error" role="alert" data-testid="work-attachment-open-problem">
          {openProblem()}
        </p>
      </Show>
      <AttachmentUpload
        send={send}
        onSettled={() => {
          void readPending();
          setTick((t) => t + 1);
        }}
        unnamed={W.attachmentKinds[kind()] ?? kind()}
        testid="work-attach"
      >
        <Show when={!props.compact}>
          <label class="field">
            {W.attachmentKind}
            <select
              data-testid="work-attach-kind"
              value={kind()}
              onChange={(e) => setKind(e.currentTarget.value as AttachmentKind)}
            >
              <For each={ATTACHMENT_KINDS}>{(k) => <option value={k}>{W.attachmentKinds[k]}</option>}</For>
            </select>
          </label>
        </Show>
      </AttachmentUpload>
      <dialog
        ref={(el) => {
          dialog = el;
        }}
        class="attachment-viewer"
        aria-label={viewing()?.label ?? W.attachments}
        onClose={() => closeViewer()}
        data-testid="work-attachment-viewer"
      >
        <Show when={viewing()}>
          {(v) => (
            <figure>
              <img src={v().url} alt={v().label} />
              <figcaption>{v().label}</figcaption>
            </figure>
          )}
        </Show>
        <button type="button" onClick={() => closeViewer()} autofocus>
          {W.attachmentClose}
        </button>
      </dialog>
    </div>
  );
}
