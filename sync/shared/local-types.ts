/**
 * Minimal local stand-ins for types that `domain/` (roles.ts, piece.ts, client.ts,
 * commands) will own. Kept in one file so they can be swapped for the domain's once it lands.
 */
export type Role = 'associate' | 'designer' | 'manager' | 'owner';
export const ROLES: readonly Role[] = ['associate', 'designer', 'manager', 'owner'];

const RANK: Record<Role, number> = { associate: 0, designer: 1, manager: 2, owner: 3 };
export const atLeast = (role: Role, min: Role): boolean => RANK[role] >= RANK[min];

export type PieceStatus =
  | 'in-stock'
  | 'reserved'
  | 'on-memo'
  | 'sold'
  | 'in-repair'
  | 'in-transit'
  | 'returned';
export const PIECE_STATUSES: readonly PieceStatus[] = [
  'in-stock',
  'reserved',
  'on-memo',
  'sold',
  'in-repair',
  'in-transit',
  'returned',
];

/** A serialized piece's descriptive record as held in `catalog` (plain JSON). */
export type PieceRecord = {
  serial: string;
  store: string;
  sku: string;
  category: 'ring' | 'necklace' | 'earrings' | 'bracelet' | 'watch' | 'pendant';
  title: string;
  designer: string;
  collection?: string;
  metal: { kind: 'gold' | 'platinum' | 'silver' | 'steel'; fineness: string; colour?: string };
  weightGrams: number;
  stones: Array<{
    kind: string;
    carat: number;
    cut?: string;
    colour?: string;
    clarity?: string;
    certificate?: { lab: 'GIA' | 'IGI' | 'HRD'; number: string };
  }>;
  listPrice: { minor: number; currency: string };
  size?: string;
};

/** A client profile as held in `clients/<store>` (plain JSON). */
export type ClientRecord = {
  id: string;
  homeStore: string;
  name: { first: string; last: string };
  email?: string;
  phone?: string;
  consent: { email: boolean; sms: boolean };
  sizes: { ring?: string; wrist?: string; neck?: string };
  preferences: { metals: string[]; stones: string[]; designers: string[] };
  budget?: { minor: number; currency: string };
  milestones: Array<{ kind: 'birthday' | 'anniversary' | 'engagement'; date: string }>;
  notes?: string;
  createdAt: string;
};

/** Authoritative status of a piece, written by the relay into `stock/<store>`. */
export type StockEntry = {
  status: PieceStatus;
  location: string;
  reservedFor: string | null;
  updatedAt: string;
};

/** The fixed outbox envelope (DESIGN.md, public contracts). */
export type CommandEnvelope = {
  id: string;
  type: string;
  store: string;
  device: string;
  user: string;
  at: string;
  payload: unknown;
};

/** The fixed ledger outcome (DESIGN.md, public contracts). */
export type Outcome = {
  status: 'accepted' | 'rejected';
  code?: string;
  reason?: string;
  decidedAt: string;
};
