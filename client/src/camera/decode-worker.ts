/**
 * The barcode decoder off the screen's thread (CAMCOUNT-5, docs/decisions/0021): the page sends
 * a video frame (an ImageBitmap, read here through an OffscreenCanvas, or RGBA pixels), this
 * worker answers with the code read, if any, and how long reading took.
 */
import { createDecoder } from './barcode-decoder.ts';
import type { DecodeReply, DecodeRequest } from './frame-reader.ts';

const decode = createDecoder();
let canvas: OffscreenCanvas | undefined;
let context: OffscreenCanvasRenderingContext2D | null = null;

function pixelsOf(bitmap: ImageBitmap): ImageData | undefined {
  if (!canvas || canvas.width !== bitmap.width || canvas.height !== bitmap.height) {
    canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    context = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!context) return undefined;
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, bitmap.width, bitmap.height);
}

self.onmessage = (event: MessageEvent<DecodeRequest>) => {
  const request = event.data;
  const started = performance.now();
  let readMs = 0;
  let reply: DecodeReply;
  try {
    let text: string | undefined;
    if ('bitmap' in request) {
      const pixels = pixelsOf(request.bitmap);
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
