/**
 * The one way a file is added to a piece or a job (UPLOAD-1): "Add a photo or PDF" (several at a
 * time) and "Take a photo" (the tablet's rear camera, `capture="environment"`), then one line that
 * says what happened — sending, attached, kept to go up when online, or refused in words. What
 * sending means is the caller's: the receive form sends at once (`upload`), a job queues offline
 * (`attach`, ORDERATT-3) and records each file with its kind. Fields shown before the buttons (a
 * job's kind of file) come as children.
 */
import { createSignal, type JSX, Show } from 'solid-js';
import { A } from './strings.ts';

/** What became of one file: attached now, kept on the till to go up later, or refused in words. */
export type SendOutcome = { ok: true; queued: boolean } | { ok: false; error: string };

/** The kinds of file the relay takes (ATTACH-1); the camera input takes whatever photo it makes. */
const FILE_TYPES = 'image/jpeg,image/png,image/webp,application/pdf';

export function AttachmentUpload(props: {
  /** Sends one file; a refusal stops the rest of the files chosen with it. */
  send: (file: File) => Promise<SendOutcome>;
  /** After each choice of files, whatever became of them (a job re-reads its queue). */
  onSettled?: () => void;
  /** How a file with no name (a photo from some cameras) is called in the message. */
  unnamed?: string;
  /** Test ids: `<testid>-file`, `<testid>-camera`, `<testid>-message`. */
  testid?: string;
  children?: JSX.Element;
}) {
  const id = () => props.testid ?? 'attach';
  const [message, setMessage] = createSignal<{ ok: boolean; text: string }>();
  let busy = false;

  const sendAll = async (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (busy || files.length === 0) return;
    busy = true;
    setMessage({ ok: true, text: A.uploading });
    try {
      for (const file of files) {
        const r = await props.send(file);
        if (!r.ok) {
          setMessage({ ok: false, text: `${file.name}: ${r.error}` });
          return;
        }
        setMessage({
          ok: true,
          text: r.queued ? A.queued(file.name || props.unnamed || A.unnamed) : A.added(file.name),
        });
      }
    } catch (e) {
      // The device's storage failed (IndexedDB full or closed): said, not swallowed.
      const why = (e as { message?: unknown } | null)?.message;
      setMessage({ ok: false, text: A.failed(typeof why === 'string' && why ? why : String(e)) });
    } finally {
      busy = false;
      props.onSettled?.();
    }
  };

  return (
    <>
      <div class="attachment-picker">
        {props.children}
        <label class="button">
          {A.addFile}
          <input
            type="file"
            class="sr-only"
            data-testid={`${id()}-file`}
            accept={FILE_TYPES}
            multiple
            onChange={(e) => void sendAll(e.currentTarget)}
          />
        </label>
        <label class="button">
          {A.takePhoto}
          <input
            type="file"
            class="sr-only"
            data-testid={`${id()}-camera`}
            accept="image/*"
            capture="environment"
            onChange={(e) => void sendAll(e.currentTarget)}
          />
        </label>
      </div>
      <Show when={message()}>
        {(m) => (
          <p
            class={m().ok ? 'muted' : 'error'}
            role={m().ok ? 'status' : 'alert'}
            data-testid={`${id()}-message`}
          >
            {m().text}
          </p>
        )}
      </Show>
    </>
  );
}
