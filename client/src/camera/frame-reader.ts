/**
 * Reads the camera's video frame after frame (CAMCOUNT-5): one frame at a time, at most
 * `intervalMs` apart, decoded in a worker (decode-worker.ts) so the screen never waits on it.
 * The worker's file is cached by the service worker with the app (CAMCOUNT-8), so a till that
 * opened the app once has it offline. If the worker cannot start, never answers or cannot read
 * frames, reading stops and `onFailure` says so: the decoder is not on the page (docs/decisions/0028).
 */

export type DecodeRequest =
  | { readonly id: number; readonly video: VideoFrame; readonly width: number; readonly height: number }
  | { readonly id: number; readonly bitmap: ImageBitmap }
  | { readonly id: number; readonly frame: { data: ArrayBuffer; width: number; height: number } };
export type DecodeReply = {
  readonly id: number;
  /** Decoding the pixels. */
  readonly ms: number;
  /** Reading the bitmap's pixels in the worker (OffscreenCanvas). */
  readonly readMs: number;
  readonly text?: string;
  readonly error?: string;
};

export type FrameStats = {
  /** Time to decode one frame's pixels in the worker, in ms. */
  readonly decodeMs: number;
  /**
   * Time to get the frame's pixels, in ms: the page handing the frame over (the page is free
   * meanwhile) plus the worker reading its pixels.
   */
  readonly captureMs: number;
  readonly width: number;
  readonly height: number;
};

/** The first frame waits for the worker's file to load and compile; later ones take tens of ms. */
const WORKER_TIMEOUT_MS = 5000;
/** Frames in a row the worker could not be given or could not read before reading stops. */
const MAX_FAILURES = 5;

export type FrameReader = { readonly stop: () => void };

/** Why frames cannot be read: the worker did not start, did not answer, or cannot take frames. */
export type ReaderFailure = 'no-worker' | 'no-answer' | 'unreadable';

export type FrameReaderOptions = {
  readonly intervalMs?: number;
  /** Frames wider than this are scaled down before decoding (a tag fills a good part of the view). */
  readonly maxWidth?: number;
  /** Called once when reading stops for good; the reader is stopped by then. */
  readonly onFailure?: (why: ReaderFailure) => void;
};

export function startFrameReader(
  video: HTMLVideoElement,
  onFrame: (text: string | undefined, stats: FrameStats) => void,
  options: FrameReaderOptions = {},
): FrameReader {
  const intervalMs = options.intervalMs ?? 100;
  const maxWidth = options.maxWidth ?? 1280;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;
  let failures = 0;
  let pending: { id: number; started: number; captureMs: number; width: number; height: number } | undefined;
  let worker: Worker | undefined;
  let canvas: HTMLCanvasElement | undefined;
  let canvasContext: CanvasRenderingContext2D | null = null;
  const offscreen = typeof OffscreenCanvas === 'function';
  const videoFrames = offscreen && typeof VideoFrame === 'function';
  const bitmaps = offscreen && typeof createImageBitmap === 'function';

  const schedule = (delay: number) => {
    if (!stopped) timer = setTimeout(tick, Math.max(0, delay));
  };

  const size = () => {
    const w = video.videoWidth;
    const h = video.videoHeight;
    if (w <= maxWidth) return { width: w, height: h };
    return { width: maxWidth, height: Math.round((h * maxWidth) / w) };
  };

  const pixelsOnPage = (width: number, height: number): ImageData | undefined => {
    if (!canvas) {
      canvas = document.createElement('canvas');
      canvasContext = canvas.getContext('2d', { willReadFrequently: true });
    }
    if (!canvasContext) return undefined;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    canvasContext.drawImage(video, 0, 0, width, height);
    return canvasContext.getImageData(0, 0, width, height);
  };

  const stop = () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    clearTimeout(watchdog);
    worker?.terminate();
    worker = undefined;
  };
  const fail = (why: ReaderFailure) => {
    if (stopped) return;
    stop();
    options.onFailure?.(why);
  };

  if (typeof Worker === 'function') {
    try {
      worker = new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (event: MessageEvent<DecodeReply>) => {
        const reply = event.data;
        const p = pending;
        if (stopped || !p || reply.id !== p.id) return;
        pending = undefined;
        clearTimeout(watchdog);
        // A worker that cannot read frames here (an older engine) stops the reading.
        failures = reply.error ? failures + 1 : 0;
        if (failures >= MAX_FAILURES) return fail('unreadable');
        onFrame(reply.error ? undefined : reply.text, {
          decodeMs: reply.ms,
          captureMs: p.captureMs + reply.readMs,
          width: p.width,
          height: p.height,
        });
        schedule(intervalMs - (performance.now() - p.started));
      };
      // The file could not be loaded (not cached, no network) or failed to run.
      worker.onerror = (event) => {
        event.preventDefault();
        fail('no-worker');
      };
    } catch {
      worker = undefined;
    }
  }

  /** A worker that never answers (stuck, or killed by the browser) stops the reading. */
  const watch = (id: number) => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      if (pending?.id === id) fail('no-answer');
    }, WORKER_TIMEOUT_MS);
  };

  async function tick(): Promise<void> {
    timer = undefined;
    if (stopped) return;
    if (video.readyState < 2 || video.videoWidth === 0) return schedule(intervalMs);
    const { width, height } = size();
    if (!worker) return;
    const started = performance.now();
    const id = nextId++;
    try {
      if (videoFrames) {
        // The frame the video shows, by reference: turning it into pixels is the worker's work.
        const shown = new VideoFrame(video);
        pending = { id, started, captureMs: performance.now() - started, width, height };
        worker.postMessage({ id, video: shown, width, height } satisfies DecodeRequest, [shown]);
        watch(id);
      } else if (bitmaps) {
        // Resizing only when the frame is wider than needed: a resize is one more pass over it.
        const bitmap = await (width === video.videoWidth
          ? createImageBitmap(video)
          : createImageBitmap(video, { resizeWidth: width, resizeHeight: height, resizeQuality: 'low' }));
        if (stopped || !worker) return bitmap.close();
        pending = { id, started, captureMs: performance.now() - started, width, height };
        worker.postMessage({ id, bitmap } satisfies DecodeRequest, [bitmap]);
        watch(id);
      } else {
        const pixels = pixelsOnPage(width, height);
        if (!pixels) return schedule(intervalMs);
        const data = pixels.data.buffer as ArrayBuffer;
        pending = { id, started, captureMs: performance.now() - started, width, height };
        worker.postMessage({ id, frame: { data, width, height } } satisfies DecodeRequest, [data]);
        watch(id);
      }
    } catch {
      // A frame that could not be taken (the video between sizes): try the next one; a browser
      // that can never hand frames over stops.
      failures += 1;
      if (failures >= MAX_FAILURES) return fail('unreadable');
      schedule(intervalMs);
    }
  }

  if (!worker) {
    // Reported after the caller has the reader in hand, as a late failure would be.
    queueMicrotask(() => fail('no-worker'));
    return { stop };
  }
  schedule(0);
  return { stop };
}
