/**
 * Renders ZPL to pixels offline (zpl-renderer-js: Zebrash compiled to wasm) and reads the
 * Code 128 back with ZXing, so a test proves the printed barcode scans as the serial (ZPL-2).
 * Loaded lazily: the renderer is ~9 MB and only the twin and tests need it.
 */
import type { DecodeHintType } from '@zxing/library';
import { err, ok, type Result } from '../../domain/result.ts';
import { loadZplRenderer } from '../zpl-renderer.ts';

export type RenderedLabel = { readonly png: Uint8Array; readonly width: number; readonly height: number };

const DOTS_PER_MM = 8;

export async function renderZpl(zpl: string, widthDots: number, heightDots: number): Promise<RenderedLabel> {
  const { ready } = loadZplRenderer();
  const { api } = await ready;
  const base64 = await api.zplToBase64Async(
    zpl,
    widthDots / DOTS_PER_MM,
    heightDots / DOTS_PER_MM,
    DOTS_PER_MM,
  );
  const png = new Uint8Array(Buffer.from(base64, 'base64'));
  return { png, width: widthDots, height: heightDots };
}

/** Reads the one Code 128 barcode in a rendered label. */
export async function readCode128(label: RenderedLabel): Promise<Result<string, string>> {
  const { PNG } = await import('pngjs');
  const zx = await import('@zxing/library');
  const image = PNG.sync.read(Buffer.from(label.png));
  // Luminance from RGBA; transparent pixels count as paper (white).
  const lum = new Uint8ClampedArray(image.width * image.height);
  for (let i = 0; i < lum.length; i++) {
    const alpha = image.data[i * 4 + 3] ?? 255;
    lum[i] = alpha === 0 ? 255 : (image.data[i * 4] ?? 255);
  }
  const hints = new Map<DecodeHintType, unknown>([
    [zx.DecodeHintType.POSSIBLE_FORMATS, [zx.BarcodeFormat.CODE_128]],
    [zx.DecodeHintType.TRY_HARDER, true],
  ]);
  const reader = new zx.MultiFormatReader();
  reader.setHints(hints);
  try {
    const source = new zx.RGBLuminanceSource(lum, image.width, image.height);
    return ok(reader.decode(new zx.BinaryBitmap(new zx.HybridBinarizer(source))).getText());
  } catch (e) {
    return err(`no Code 128 found: ${(e as Error).name}`);
  }
}
