import { createSignal, For, Show } from 'solid-js';
import { TAG_SIZES, type TagSize } from '../../../hardware-bridge/protocol.ts';
import type { PieceView } from '../local/records.ts';
import { DeviceUnavailable } from './DeviceUnavailable.tsx';
import { useHardware } from './hardware.ts';
import { tagJob } from './tag-job.ts';

const SIZE_LABEL: Record<TagSize, string> = {
  barbell: 'Barbell (rings)',
  butterfly: 'Butterfly (necklaces)',
};

/** Prints the piece's jewelry tag on the bridge's tag printer. */
export function TagPrintPanel(props: { piece: PieceView }) {
  const hardware = useHardware();
  const [size, setSize] = createSignal<TagSize>('barbell');
  const [busy, setBusy] = createSignal(false);
  const [result, setResult] = createSignal<{ ok: boolean; text: string }>();

  const print = async () => {
    setResult(undefined);
    const job = tagJob(props.piece, size(), navigator.language || 'en-US');
    if (!job.ok) return setResult({ ok: false, text: job.error });
    setBusy(true);
    const r = await hardware.printTags([job.value]);
    setBusy(false);
    setResult(
      r.ok ? { ok: true, text: `Tag printed for ${props.piece.serial}.` } : { ok: false, text: r.error },
    );
  };

  return (
    <section class="tag-print" aria-label="Tag" data-testid="tag-print">
      <h2>Tag</h2>
      <fieldset class="tag-sizes">
        <legend class="sr-only">Tag size</legend>
        <For each={TAG_SIZES}>
          {(s) => (
            <label>
              <input
                type="radio"
                name="tag-size"
                value={s}
                checked={size() === s}
                onChange={() => setSize(s)}
              />
              {SIZE_LABEL[s]}
            </label>
          )}
        </For>
      </fieldset>
      <DeviceUnavailable kind="tag-printer" />
      <button
        type="button"
        data-testid="print-tag"
        disabled={busy() || !!hardware.unavailable('tag-printer')}
        onClick={() => void print()}
      >
        Print tag
      </button>
      <Show when={result()}>
        {(r) => (
          <p class={r().ok ? '' : 'error'} role={r().ok ? 'status' : 'alert'} data-testid="tag-result">
            {r().text}
          </p>
        )}
      </Show>
    </section>
  );
}
