/**
 * What the piece page offers to do with a piece: the domain's answer (`stockCommandsFor`,
 * STOCK-6: the role's capabilities and the status machine), plus a price change for those who
 * manage the catalog (PRICE-1; never for a written-off piece, WRITEOFF-4). Pure: no Solid, no Yjs.
 */
import { type StockCommandType, stockCommandsFor } from '../../../domain/decide-stock.ts';
import { parsePieceStatus } from '../../../domain/piece-status.ts';
import { can, type Role } from '../../../domain/roles.ts';

export type PieceAction = StockCommandType | 'price.change';

/** How long a reservation holds by default, in days. */
export const DEFAULT_RESERVATION_DAYS = 7;

export type ActionContext = {
  /** The piece's status in the store's stock document; unknown or absent offers nothing. */
  readonly status: string | undefined;
  readonly role: Role;
  /** Whether the organisation has another store to send the piece to. */
  readonly otherStores: number;
};

/** The actions to show, in a stable order: stock moves first, the price last. */
export function pieceActions(c: ActionContext): PieceAction[] {
  const status = parsePieceStatus(c.status);
  if (!status.ok) return [];
  const moves: PieceAction[] = stockCommandsFor(status.value, c.role).filter(
    (t) => t !== 'transfer.send' || c.otherStores > 0,
  );
  const price = can(c.role, 'manage-catalog') && status.value !== 'written-off';
  return price ? [...moves, 'price.change'] : moves;
}

/** `yyyy-mm-dd` of the day `days` after `now`, in the till's local calendar (an `<input type="date">` value). */
export function dateInputValue(now: Date, days = DEFAULT_RESERVATION_DAYS): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * A reservation holds until the end of the chosen day, local time, as an ISO instant; undefined
 * when the text is not a date or that moment is not after `now` (the domain refuses it, CMD-7).
 */
export function reservationUntil(date: string, now: Date): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!m) return undefined;
  const end = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59);
  if (Number.isNaN(end.getTime()) || end.getTime() <= now.getTime()) return undefined;
  return end.toISOString();
}

/** A decided command as the ledger publishes it (the fields read here). */
type Decided = {
  readonly type: string;
  readonly status: string;
  readonly at: string;
  readonly payload?: unknown;
};

/**
 * The latest accepted `transfer.send` of this piece from this store, if any: once sent, the piece
 * is in the destination's catalog and stock (in transit there) and gone from this store's (STOCK-3),
 * so the page says where it went instead of "no such piece".
 */
export function sentAway(
  entries: Readonly<Record<string, Decided>>,
  serial: string,
): { toStore: string; at: string } | undefined {
  let found: { toStore: string; at: string } | undefined;
  for (const e of Object.values(entries)) {
    if (e.type !== 'transfer.send' || e.status !== 'accepted') continue;
    const p = e.payload as { serial?: unknown; toStore?: unknown } | undefined;
    if (p?.serial !== serial || typeof p.toStore !== 'string') continue;
    if (!found || e.at > found.at) found = { toStore: p.toStore, at: e.at };
  }
  return found;
}
