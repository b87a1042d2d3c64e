/**
 * Jewelry tags as ZPL (ZPL-1…3). Both stocks are two flaps joined by a thin strip that is
 * tied around the piece; nothing is printed on the strip. Dots at 203 dpi (8 dots/mm).
 */
import { formatMinor } from '../format-money.ts';
import type { Tag, TagSize } from '../protocol.ts';

export type TagStock = {
  readonly widthDots: number;
  readonly heightDots: number;
  /** Left edge of the second flap. */
  readonly secondFlapX: number;
  readonly flapWidth: number;
};

export const TAG_STOCKS: Record<TagSize, TagStock> = {
  // 2.2" × 0.5" barbell: two 0.9" flaps around a 0.4" strip.
  barbell: { widthDots: 448, heightDots: 100, secondFlapX: 268, flapWidth: 180 },
  // 1.75" × 0.6" butterfly: two wings folded back to back, no strip.
  butterfly: { widthDots: 356, heightDots: 120, secondFlapX: 180, flapWidth: 176 },
};

/**
 * Field data goes through ^FH so a description can never inject ZPL commands (ZPL-3):
 * `^`, `~` and the escape character itself are written as `_XX` hex.
 */
export function zplText(value: string): string {
  return value.replace(/[\^~_]/g, (c) => `_${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const paper = (s: string): string => s.replace(/[\u202f\u00a0\u2009]/g, ' ');

export function tagZpl(tag: Tag): string {
  const s = TAG_STOCKS[tag.size];
  const x2 = s.secondFlapX + 6;
  const textWidth = s.flapWidth - 12;
  const price = paper(formatMinor(tag.price, tag.currency, tag.locale));
  const barcodeHeight = Math.round(s.heightDots * 0.42);
  return [
    '^XA',
    '^CI28', // UTF-8 field data: accents and currency signs
    `^PW${s.widthDots}^LL${s.heightDots}^LH0,0`,
    // Code 128 of the serial, human-readable line printed by us (smaller than the barcode's own).
    `^FO6,8^BY1^BCN,${barcodeHeight},N,N,N^FD${tag.serial}^FS`,
    `^FO6,${barcodeHeight + 14}^A0N,18,18^FH_^FD${zplText(tag.serial)}^FS`,
    `^FO${x2},6^A0N,26,26^FH_^FD${zplText(price)}^FS`,
    `^FO${x2},36^A0N,18,18^FH_^FD${zplText(tag.metal)}^FS`,
    `^FO${x2},58^A0N,16,16^FB${textWidth},2,0,L,0^FH_^FD${zplText(tag.description)}^FS`,
    '^PQ1',
    '^XZ',
  ].join('\n');
}

export const tagsZpl = (tags: readonly Tag[]): string => `${tags.map(tagZpl).join('\n')}\n`;
