/**
 * A "camera" for Chromium's fake capture device (--use-file-for-fake-video-capture): a Y4M video
 * (YUV 4:2:0, the simplest format it plays, looped) showing the Code 128 tag barcodes of pieces in
 * turn, drawn by bwip-js as the tag printer draws them (one module = 2 px, the serial as data),
 * each on a white tag over a grey counter, with empty frames between tags.
 */
import { writeFileSync } from 'node:fs';
import bwipjs from 'bwip-js/node';
import sharp from 'sharp';

export const WIDTH = 640;
export const HEIGHT = 480;
const FPS = 10;

/** The luminance (Y) plane of one frame: the serial's barcode on a tag, or nothing on the counter. */
async function lumaFrame(serial: string | undefined): Promise<Buffer> {
  let img = sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: '#8c8c8c' } });
  if (serial) {
    const tag = await bwipjs.toBuffer({
      bcid: 'code128',
      text: serial,
      scale: 2,
      height: 12,
      includetext: true,
      textxalign: 'center',
      paddingwidth: 14,
      paddingheight: 10,
      backgroundcolor: 'FFFFFF',
    });
    const meta = await sharp(tag).metadata();
    const left = Math.round((WIDTH - (meta.width ?? 0)) / 2);
    const top = Math.round((HEIGHT - (meta.height ?? 0)) / 2);
    img = sharp(
      await img
        .composite([{ input: tag, left, top }])
        .png()
        .toBuffer(),
    );
  }
  const { data } = await img.greyscale().raw().toBuffer({ resolveWithObject: true });
  return data.subarray(0, WIDTH * HEIGHT);
}

/**
 * Writes the video to `path`: each serial's tag for `holdFrames` frames, then `gapFrames` empty
 * ones. Grey only, so both chroma planes are flat (128).
 */
export async function writeTagVideo(
  path: string,
  serials: readonly string[],
  opts: { holdFrames?: number; gapFrames?: number } = {},
): Promise<void> {
  const hold = opts.holdFrames ?? 15;
  const gap = opts.gapFrames ?? 10;
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const empty = await lumaFrame(undefined);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F${FPS}:1 Ip A1:1 C420jpeg\n`)];
  const frame = (y: Buffer) => parts.push(Buffer.from('FRAME\n'), y, chroma);
  for (const serial of serials) {
    const y = await lumaFrame(serial);
    for (let i = 0; i < hold; i++) frame(y);
    for (let i = 0; i < gap; i++) frame(empty);
  }
  writeFileSync(path, Buffer.concat(parts));
}
