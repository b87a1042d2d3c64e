/**
 * Finding a piece at the counter without its serial: by title, style, designer, collection or a
 * certificate number, as a client describes it ("the Cartier solitaire", "GIA 2141…"). Words match
 * in any order, case and accents ignored; pieces of this store that can be sold come first.
 */
import { isSellable, parsePieceStatus } from '../../../domain/piece-status.ts';
import type { PieceView, StockView } from '../local/records.ts';

export type PieceMatch = { piece: PieceView; status: string; sellable: boolean };

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

export function searchPieces(
  input: {
    readonly pieces: Record<string, PieceView>;
    readonly stock: Record<string, StockView>;
    /** Style codes by serial (the catalog's `style`), when known. */
    readonly styleOf?: (serial: string) => string;
  },
  query: string,
  limit = 8,
): PieceMatch[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0 || fold(query).trim().length < 2) return [];
  const out: PieceMatch[] = [];
  for (const piece of Object.values(input.pieces)) {
    const hay = fold(
      [
        piece.serial,
        piece.title,
        input.styleOf?.(piece.serial) ?? '',
        piece.designer,
        piece.collection,
        ...piece.certificates.map((c) => `${c.lab} ${c.number}`),
      ].join(' '),
    );
    if (!words.every((w) => hay.includes(w))) continue;
    const status = input.stock[piece.serial]?.status ?? '';
    const parsed = parsePieceStatus(status);
    out.push({ piece, status, sellable: parsed.ok && isSellable(parsed.value) });
  }
  return out
    .sort(
      (a, b) =>
        Number(b.sellable) - Number(a.sellable) ||
        a.piece.title.localeCompare(b.piece.title) ||
        a.piece.serial.localeCompare(b.piece.serial),
    )
    .slice(0, limit);
}
