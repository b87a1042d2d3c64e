/** Inventory search and filters over jewelry attributes; pure so every filter is tested. */
import type { PieceView, StockView } from '../local/records.ts';

export type PieceFilter = {
  text: string;
  metal: string;
  /** A purity label in its metal's scale: `18k` (gold) or `950 ‰` (platinum, silver…). */
  purity: string;
  stone: string;
  designer: string;
  status: string;
  /** Major units as typed; empty = no bound. */
  minPrice: string;
  maxPrice: string;
};

export const EMPTY_FILTER: PieceFilter = {
  text: '',
  metal: '',
  purity: '',
  stone: '',
  designer: '',
  status: '',
  minPrice: '',
  maxPrice: '',
};

export type Row = { piece: PieceView; stock: StockView | undefined };

const bound = (text: string): number | undefined => {
  const n = Number(text.replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(n) ? undefined : Math.round(n * 100);
};

export function filterPieces(
  pieces: Record<string, PieceView>,
  stock: Record<string, StockView>,
  f: PieceFilter,
  limit = 200,
  store?: string,
  /** TRANSIT-4: store names, so a piece in transit is found by the other store's name too. */
  storeName: (id: string) => string = (id) => id,
): { rows: Row[]; total: number } {
  const q = f.text.trim().toLowerCase();
  const min = bound(f.minPrice);
  const max = bound(f.maxPrice);
  const rows: Row[] = [];
  let total = 0;
  for (const piece of Object.values(pieces)) {
    const s = stock[piece.serial];
    // The catalog is chain-wide; a store's inventory is what its stock document holds.
    if (store && piece.store !== store && !s) continue;
    if (f.metal && piece.metal !== f.metal) continue;
    if (f.purity && piece.purity?.label !== f.purity) continue;
    if (f.stone && !piece.stones.some((x) => x.kind === f.stone)) continue;
    if (f.designer && piece.designer !== f.designer) continue;
    if (f.status && (s?.status ?? 'unknown') !== f.status) continue;
    // Prices are compared in hundredths of the major unit, as typed by the associate.
    const price = piece.price.minor;
    if (min !== undefined && price < min) continue;
    if (max !== undefined && price > max) continue;
    if (q) {
      const other = s?.transitTo ?? s?.transitFrom;
      const hay =
        `${piece.serial} ${piece.title} ${piece.designer} ${piece.collection} ${piece.category} ${other ? storeName(other) : ''}`.toLowerCase();
      if (!hay.includes(q)) continue;
    }
    total++;
    if (rows.length < limit) rows.push({ piece, stock: s });
  }
  rows.sort((a, b) => a.piece.serial.localeCompare(b.piece.serial));
  return { rows, total };
}

/** The distinct values present, for the filter menus. */
export function facets(pieces: Record<string, PieceView>) {
  const metal = new Set<string>();
  const karat = new Map<string, number>();
  const fineness = new Map<string, number>();
  const stone = new Set<string>();
  const designer = new Set<string>();
  for (const p of Object.values(pieces)) {
    if (p.metal) metal.add(p.metal);
    if (p.purity) (p.purity.scale === 'karat' ? karat : fineness).set(p.purity.label, p.purity.value);
    if (p.designer) designer.add(p.designer);
    for (const s of p.stones) stone.add(s.kind);
  }
  const sorted = (s: Set<string>) => [...s].sort();
  // Karats and fineness are different scales (PIECE-5): two lists, each in its own order.
  const byValue = (m: Map<string, number>) => [...m].sort((a, b) => a[1] - b[1]).map(([label]) => label);
  return {
    metal: sorted(metal),
    karat: byValue(karat),
    fineness: byValue(fineness),
    stone: sorted(stone),
    designer: sorted(designer),
  };
}
