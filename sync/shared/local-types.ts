/**
 * The record types the sync layer stores, taken from `domain/` where they are defined,
 * plus the two plain-JSON public contracts (outbox envelope, ledger outcome).
 */
import type { ClientProfile } from '../../domain/client.ts';
import type { Piece } from '../../domain/piece.ts';
import type { PieceStatus } from '../../domain/piece-status.ts';
import { ROLES, type Role } from '../../domain/roles.ts';

export type { PieceStatus, Role };
export { ROLES };

const RANK: Record<Role, number> = { associate: 0, designer: 1, manager: 2, owner: 3 };
export const atLeast = (role: Role, min: Role): boolean => RANK[role] >= RANK[min];

/** A serialized piece's full record as SQL holds it (`pieces.record`), cost included. */
export type PieceRecord = Piece;
/**
 * A piece as held in `catalog/<store>` (plain JSON): its descriptive record, list price and store,
 * **never its cost** — the catalog reaches every till, cost only those who may see it.
 */
export type CatalogPiece = Omit<Piece, 'cost'>;
/** A client profile as held in `clients/<store>` (plain JSON). */
export type ClientRecord = ClientProfile;

/** Authoritative status of a piece, written by the relay into `stock/<store>`. */
export type StockEntry = {
  status: PieceStatus;
  /** The location label, e.g. `case-2`, `safe`. */
  location: string;
  reservedFor: string | null;
  /** When a reservation stops holding the piece (domain SALE-4, SALE-12); absent when it does not expire. */
  reservedUntil?: string | null;
  updatedAt: string;
};

/** The fixed outbox envelope (DESIGN.md, public contracts); domain `Command` fits it. */
export type CommandEnvelope = {
  id: string;
  type: string;
  store: string;
  device: string;
  user: string;
  at: string;
  payload: unknown;
  /** A manager's override: who, when, and their proof (sync/SPEC.md USER-4). */
  approval?: { by: string; at: string; sig: string };
  /** The writer's proof, made with their signing key on this device (USER-2). */
  signature?: string;
};

/** The fixed ledger outcome (DESIGN.md, public contracts). */
export type Outcome = {
  status: 'accepted' | 'rejected';
  code?: string;
  reason?: string;
  decidedAt: string;
};
