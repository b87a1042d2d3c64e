/**
 * Reads the serial off a camera frame (CAMCOUNT-1): the piece tags' barcode is Code 128 of the
 * serial (hardware-bridge/tag/tag-zpl.ts), so only that reader runs. A frame is RGBA pixels (a
 * canvas's ImageData); it is turned into luminance once, read along rows across the frame, and,
 * if nothing is found, read again turned a quarter (a tag held upright). Pure and synchronous:
 * the decode worker and the main-thread fallback call the same function.
 */
import type * as ZX from '@zxing/library';
// Deep imports: the package's index pulls in every reader and writer (~450 kB minified) for want of
// a "sideEffects" flag; these few modules are all a Code 128 read needs. The package is not typed
// as ES modules at these paths, so each is given the type of its export from the index.
import BinaryBitmapModule from '@zxing/library/esm/core/BinaryBitmap.js';
import ChecksumExceptionModule from '@zxing/library/esm/core/ChecksumException.js';
import HybridBinarizerModule from '@zxing/library/esm/core/common/HybridBinarizer.js';
import DecodeHintTypeModule from '@zxing/library/esm/core/DecodeHintType.js';
import FormatExceptionModule from '@zxing/library/esm/core/FormatException.js';
import NotFoundExceptionModule from '@zxing/library/esm/core/NotFoundException.js';
import Code128ReaderModule from '@zxing/library/esm/core/oned/Code128Reader.js';
import RGBLuminanceSourceModule from '@zxing/library/esm/core/RGBLuminanceSource.js';

const BinaryBitmap = BinaryBitmapModule as unknown as typeof ZX.BinaryBitmap;
const ChecksumException = ChecksumExceptionModule as unknown as typeof ZX.ChecksumException;
const HybridBinarizer = HybridBinarizerModule as unknown as typeof ZX.HybridBinarizer;
const DecodeHintType = DecodeHintTypeModule as unknown as typeof ZX.DecodeHintType;
const FormatException = FormatExceptionModule as unknown as typeof ZX.FormatException;
const NotFoundException = NotFoundExceptionModule as unknown as typeof ZX.NotFoundException;
const Code128Reader = Code128ReaderModule as unknown as typeof ZX.Code128Reader;
const RGBLuminanceSource = RGBLuminanceSourceModule as unknown as typeof ZX.RGBLuminanceSource;

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
  const hints = new Map<ZX.DecodeHintType, unknown>();
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
  return (frame) => withoutStackTraces(() => decodeFrame(frame));
  function decodeFrame(frame: Frame): string | undefined {
    if (frame.width < 8 || frame.height < 8 || frame.data.length < frame.width * frame.height * 4)
      return undefined;
    const lum = luminanceOf(frame);
    const across = read(lum, frame.width, frame.height);
    if (across !== undefined || options.upright === false) return across;
    return read(quarterTurn(lum, frame.width, frame.height), frame.height, frame.width);
  }
}

/**
 * ZXing says "not here" by throwing, dozens of times a frame (each row, each direction); in V8 each
 * exception takes a stack trace, about a third of a frame's work (640×480 with no tag: 4.5 ms of
 * CPU with traces, 3.2 ms without, Node 24, docs/decisions/0021). Nothing reads them, so none is
 * taken while a frame is decoded; the limit is put back before returning (JS runs one thing at
 * a time, so nothing else sees it). Engines without `Error.stackTraceLimit` are left alone.
 */
function withoutStackTraces<T>(f: () => T): T {
  const E = Error as { stackTraceLimit?: number };
  if (typeof E.stackTraceLimit !== 'number') return f();
  const before = E.stackTraceLimit;
  E.stackTraceLimit = 0;
  try {
    return f();
  } finally {
    E.stackTraceLimit = before;
  }
}
