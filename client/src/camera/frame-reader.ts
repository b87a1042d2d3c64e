/**
 * Reads the camera's video frame after frame (CAMCOUNT-5): one frame at a time, at most
 * `intervalMs` apart, decoded in a worker (decode-worker.ts) so the screen never waits on it.
 * If the worker cannot start (a browser without module workers, or a till offline whose service
 * worker never cached the worker's file), frames are decoded on the page with the same decoder.
 */
import { createDecoder, type Decoder } from './barcode-decoder.ts';

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
  /** Where frames are decoded. */
  readonly mode: 'worker' | 'page';
  /** Time to decode one frame's pixels, in ms (the worker's own measure, or the page's). */
  readonly decodeMs: number;
  /**
   * Time to get the frame's pixels, in ms: on the page, drawing the video on a canvas and reading
   * it back (the page is busy all along); with a worker, the page waiting for the bitmap (the page
   * is free meanwhile) plus the worker reading its pixels.
   */
  readonly captureMs: number;
  readonly width: number;
  readonly height: number;
};

/** The first frame waits for the worker's file to load and compile; later ones take tens of ms. */
const WORKER_TIMEOUT_MS = 5000;
/** Frames in a row the worker could not be given or could not read before the page takes over. */
const MAX_FAILURES = 5;

export type FrameReader = { readonly stop: () => void };

export type FrameReaderOptions = {
  readonly intervalMs?: number;
  /** Frames wider than this are scaled down before decoding (a tag fills a good part of the view). */
  readonly maxWidth?: number;
  /** Decode on the page, never in a worker (tests; measuring what the worker saves). */
  readonly noWorker?: boolean;
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
  let pageDecoder: Decoder | undefined;
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

  const decodeOnPage = (width: number, height: number) => {
    const t0 = performance.now();
    const pixels = pixelsOnPage(width, height);
    const t1 = performance.now();
    pageDecoder ??= createDecoder();
    const text = pixels ? pageDecoder(pixels) : undefined;
    const t2 = performance.now();
    onFrame(text, { mode: 'page', decodeMs: t2 - t1, captureMs: t1 - t0, width, height });
    schedule(intervalMs - (t2 - t0));
  };

  const fallBackToPage = () => {
    clearTimeout(watchdog);
    worker?.terminate();
    worker = undefined;
    pending = undefined;
    schedule(0);
  };

  if (!options.noWorker && typeof Worker === 'function') {
    try {
      worker = new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (event: MessageEvent<DecodeReply>) => {
        const reply = event.data;
        const p = pending;
        if (stopped || !p || reply.id !== p.id) return;
        pending = undefined;
        clearTimeout(watchdog);
        // A worker that cannot read frames here (an older engine) gives way to the page.
        failures = reply.error ? failures + 1 : 0;
        if (failures >= MAX_FAILURES) return fallBackToPage();
        onFrame(reply.error ? undefined : reply.text, {
          mode: 'worker',
          decodeMs: reply.ms,
          captureMs: p.captureMs + reply.readMs,
          width: p.width,
          height: p.height,
        });
        schedule(intervalMs - (performance.now() - p.started));
      };
      worker.onerror = (event) => {
        event.preventDefault();
        if (!stopped) fallBackToPage();
      };
    } catch {
      worker = undefined;
    }
  }

  /** A worker that never answers (stuck, or killed by the browser) gives way to the page. */
  const watch = (id: number) => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      if (!stopped && pending?.id === id) fallBackToPage();
    }, WORKER_TIMEOUT_MS);
  };

  async function tick(): Promise<void> {
    timer = undefined;
    if (stopped) return;
    if (video.readyState < 2 || video.videoWidth === 0) return schedule(intervalMs);
    const { width, height } = size();
    if (!worker) return decodeOnPage(width, height);
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
      // that can never hand frames over decodes on the page.
      failures += 1;
      if (failures >= MAX_FAILURES) return fallBackToPage();
      schedule(intervalMs);
    }
  }

  schedule(0);
  return {
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      clearTimeout(watchdog);
      worker?.terminate();
      worker = undefined;
    },
  };
}
