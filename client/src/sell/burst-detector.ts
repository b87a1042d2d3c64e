/**
 * Keyboard-wedge scanners "type" a code as a burst of keystrokes a few milliseconds
 * apart, then press Enter. People type slower than ~50 ms a key except for the odd
 * rollover, so a run of at least `minLength` characters, each within `maxGapMs` of the
 * previous one and ended by Enter, is a scan. Pure: the DOM glue is `scanner-listener.ts`.
 */
export type BurstOptions = { readonly maxGapMs?: number; readonly minLength?: number };

export type KeyDecision =
  /** An ordinary keystroke; `startsBurst` tells the glue to remember the field's value now. */
  | { readonly kind: 'key'; readonly startsBurst: boolean }
  /** Enter that ended a scan: swallow it and undo what the burst typed into a field. */
  | { readonly kind: 'scan'; readonly code: string };

export type BurstDetector = {
  readonly onKey: (key: string, at: number) => KeyDecision;
  readonly reset: () => void;
};

export function createBurstDetector(options: BurstOptions = {}): BurstDetector {
  const maxGap = options.maxGapMs ?? 50;
  const minLength = options.minLength ?? 4;
  let buffer = '';
  let last = Number.NEGATIVE_INFINITY;

  const reset = () => {
    buffer = '';
    last = Number.NEGATIVE_INFINITY;
  };

  const onKey = (key: string, at: number): KeyDecision => {
    const fast = at - last <= maxGap;
    if (key === 'Enter') {
      const code = buffer;
      const isScan = fast && code.length >= minLength;
      reset();
      return isScan ? { kind: 'scan', code } : { kind: 'key', startsBurst: false };
    }
    // Only single printable characters belong to a code; Shift, arrows, Tab break the run.
    if (key.length !== 1) {
      if (key !== 'Shift') reset();
      return { kind: 'key', startsBurst: false };
    }
    const startsBurst = !fast || buffer.length === 0;
    buffer = startsBurst ? key : buffer + key;
    last = at;
    return { kind: 'key', startsBurst };
  };

  return { onKey, reset };
}
