/**
 * DOM glue for the burst detector: listens on the window in the capture phase so a scan
 * reaches the cart whatever has focus, and puts back the value of the field the burst
 * typed into, so a client-search box never ends up holding a serial.
 */
import { type BurstOptions, createBurstDetector } from './burst-detector.ts';

type Field = HTMLInputElement | HTMLTextAreaElement;
type Snapshot = { field: Field; value: string; start: number | null; end: number | null };

const editable = (el: Element | null): Field | undefined =>
  el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el : undefined;

export function listenForScans(
  onScan: (code: string) => void,
  options: BurstOptions & { target?: Window; now?: () => number } = {},
): () => void {
  const target = options.target ?? window;
  const now = options.now ?? (() => performance.now());
  const detector = createBurstDetector(options);
  let snapshot: Snapshot | undefined;

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return detector.reset();
    const decision = detector.onKey(event.key, now());
    if (decision.kind === 'key') {
      if (decision.startsBurst) {
        const field = editable(target.document.activeElement);
        snapshot = field && {
          field,
          value: field.value,
          start: field.selectionStart,
          end: field.selectionEnd,
        };
      }
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    const s = snapshot;
    snapshot = undefined;
    if (s && s.field.value !== s.value) {
      s.field.value = s.value;
      s.field.setSelectionRange(s.start, s.end);
      // Frameworks listen for `input`, not for value assignments.
      s.field.dispatchEvent(new Event('input', { bubbles: true }));
    }
    onScan(decision.code);
  };

  target.addEventListener('keydown', onKeyDown, true);
  return () => target.removeEventListener('keydown', onKeyDown, true);
}
