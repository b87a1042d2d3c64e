/**
 * Reads the serial off a camera frame (CAMCOUNT-1): the piece tags' barcode is Code 128 of the
 * serial (hardware-bridge/tag/tag-zpl.ts), so only that reader runs. A frame is RGBA pixels (a
 * canvas's ImageData); it is turned into luminance once, read along rows across the frame, and,
 * if nothing is found, read again turned a quarter (a tag held upright). Pure and synchronous:
 * the decode worker and the main-thread fallback call the same function.
 */
import {
  BinaryBitmap,
  ChecksumException,
  Code128Reader,
  DecodeHintType,
  FormatException,
  HybridBinarizer,
  NotFoundException,
  RGBLuminanceSource,
} from '@zxing/library';

export type Frame = { readonly data: Uint8ClampedArray; readonly width: number; readonly height: number };

/** Luminance (ITU-R 601 weights, integer), transparent pixels counted as white paper. */
export function luminanceOf(frame: Frame): Uint8ClampedArray {
  const { data, width, height } = frame;
  const out = new Uint8ClampedArray(width * height);
  for (let i = 0, p = 0; i < out.length; i++, p += 4) {
    const a = data[p + 3] as number;
    out[i] =
      a === 0
        ? 255
        : ((data[p] as number) * 77 + (data[p + 1] as number) * 150 + (data[p + 2] as number) * 29) >> 8;
  }
  return out;
}

/** The luminance turned a quarter clockwise (rows become columns): an upright tag reads across. */
export function quarterTurn(lum: Uint8ClampedArray, width: number, height: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(lum.length);
  // Source (x, y) → target (height - 1 - y, x) in a frame `height` wide.
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const tx = height - 1 - y;
    for (let x = 0; x < width; x++) out[x * height + tx] = lum[row + x] as number;
  }
  return out;
}

export type DecoderOptions = {
  /** Also read the frame turned a quarter when nothing reads across (default true). */
  readonly upright?: boolean;
  /** ZXing's TRY_HARDER: every other row instead of ~15 around the middle; slower. */
  readonly tryHarder?: boolean;
};

export type Decoder = (frame: Frame) => string | undefined;

/** A decoder keeps its reader between frames (no allocation but the luminance per frame). */
export function createDecoder(options: DecoderOptions = {}): Decoder {
  const reader = new Code128Reader();
  const hints = new Map<DecodeHintType, unknown>();
  if (options.tryHarder) hints.set(DecodeHintType.TRY_HARDER, true);
  const read = (lum: Uint8ClampedArray, width: number, height: number): string | undefined => {
    try {
      const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(lum, width, height)));
      const text = reader.decode(bitmap, hints).getText();
      return text.length > 0 ? text : undefined;
    } catch (e) {
      // No barcode, a barcode whose check character fails, or one that is not Code 128: unreadable.
      if (e instanceof NotFoundException || e instanceof ChecksumException || e instanceof FormatException)
        return undefined;
      throw e;
    } finally {
      reader.reset();
    }
  };
  return (frame) => {
    if (frame.width < 8 || frame.height < 8 || frame.data.length < frame.width * frame.height * 4)
      return undefined;
    const lum = luminanceOf(frame);
    const across = read(lum, frame.width, frame.height);
    if (across !== undefined || options.upright === false) return across;
    return read(quarterTurn(lum, frame.width, frame.height), frame.height, frame.width);
  };
}
