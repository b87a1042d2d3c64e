/**
 * Why the camera did not open, in words (CAMCOUNT-4): getUserMedia rejects with DOMException
 * names; each becomes one sentence that also says the scan field still works.
 */
import type { ReaderFailure } from './frame-reader.ts';
import { K } from './strings.ts';

export type CameraProblem = 'no-media-devices' | 'denied' | 'no-camera' | 'busy' | 'failed';

export function problemOf(error: unknown): CameraProblem {
  const name = (error as { name?: unknown } | null)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-camera';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    default:
      return 'failed';
  }
}

export function problemText(problem: CameraProblem, error?: unknown, strings = K): string {
  switch (problem) {
    case 'no-media-devices':
      return strings.noMediaDevices;
    case 'denied':
      return strings.denied;
    case 'no-camera':
      return strings.noCamera;
    case 'busy':
      return strings.busy;
    case 'failed': {
      const name = (error as { name?: unknown } | null)?.name;
      return strings.failed(typeof name === 'string' && name ? name : String(error));
    }
  }
}

/** Why the barcode reader (the decoding worker) stopped, in words (CAMCOUNT-5). */
export function readerProblemText(why: ReaderFailure, strings = K): string {
  switch (why) {
    case 'no-worker':
      return strings.readerNoStart;
    case 'no-answer':
      return strings.readerNoAnswer;
    case 'unreadable':
      return strings.readerUnreadable;
  }
}
