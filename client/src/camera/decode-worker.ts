/**
 * The barcode decoder off the screen's thread (CAMCOUNT-5, docs/decisions/0021): the page sends
 * a video frame (a WebCodecs VideoFrame or an ImageBitmap, read here through an OffscreenCanvas, or
 * RGBA pixels), this
 * worker answers with the code read, if any, and how long reading took.
 */
import { createDecoder } from './barcode-decoder.ts';
import type { DecodeReply, DecodeRequest } from './frame-reader.ts';

const decode = createDecoder();
let canvas: OffscreenCanvas | undefined;
let context: OffscreenCanvasRenderingContext2D | null = null;

/** The pixels of a video frame or bitmap at the given size (YUV → RGB and scaling happen here). */
function pixelsOf(image: VideoFrame | ImageBitmap, width: number, height: number): ImageData | undefined {
  if (!canvas || canvas.width !== width || canvas.height !== height) {
    canvas = new OffscreenCanvas(width, height);
    context = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!context) return undefined;
  context.drawImage(image, 0, 0, width, height);
  return context.getImageData(0, 0, width, height);
}

self.onmessage = (event: MessageEvent<DecodeRequest>) => {
  const request = event.data;
  const started = performance.now();
  let readMs = 0;
  let reply: DecodeReply;
  try {
    let text: string | undefined;
    if ('video' in request) {
      const pixels = pixelsOf(request.video, request.width, request.height);
      request.video.close();
      readMs = performance.now() - started;
      text = pixels ? decode(pixels) : undefined;
    } else if ('bitmap' in request) {
      const pixels = pixelsOf(request.bitmap, request.bitmap.width, request.bitmap.height);
      request.bitmap.close();
      readMs = performance.now() - started;
      text = pixels ? decode(pixels) : undefined;
    } else {
      const { data, width, height } = request.frame;
      text = decode({ data: new Uint8ClampedArray(data), width, height });
    }
    const ms = performance.now() - started - readMs;
    reply = { id: request.id, ms, readMs, ...(text !== undefined ? { text } : {}) };
  } catch (e) {
    reply = { id: request.id, ms: performance.now() - started - readMs, readMs, error: String(e) };
  }
  self.postMessage(reply);
};
