/**
 * The `print.tags` job for one piece: serial barcode, price, metal and its purity as hallmarked
 * (18k gold, platinum 950), a short description.
 */
import { err, type Result } from '../../../domain/result.ts';
import { parseTag, type Tag, type TagSize } from '../../../hardware-bridge/protocol.ts';
import type { PieceView } from '../local/records.ts';

const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

/** Karats for gold (`18k`), the bare fineness for other metals (`950`), as a hallmark reads. */
const hallmark = (piece: PieceView): string =>
  piece.purity ? (piece.purity.scale === 'karat' ? piece.purity.label : String(piece.purity.value)) : '';

export function tagJob(piece: PieceView, size: TagSize, locale: string): Result<Tag, string> {
  const tag = parseTag({
    serial: piece.serial,
    price: piece.price.minor,
    currency: piece.price.currency,
    locale,
    metal: clip([piece.metal, hallmark(piece)].filter(Boolean).join(' ') || '—', 24),
    description: clip(piece.title || piece.category || piece.serial, 40),
    size,
  });
  return tag.ok ? tag : err(`This piece cannot be tagged: ${tag.error.path} ${tag.error.message}`);
}
