/**
 * Roles and what each may do. The matrix is the single source: the relay checks it when
 * deciding commands, the client uses it to hide what a user could not do anyway.
 */
import { unreachable } from './assert.ts';
import { literal, type Parser } from './parse.ts';

export const ROLES = ['associate', 'designer', 'manager', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export const CAPABILITIES = [
  'sell',
  'discount.above-limit',
  'view-cost',
  'void',
  'refund',
  'resolve-conflicts',
  'manage-staff',
  'manage-catalog',
  'view-finance',
  'edit-clients',
  'edit-work-orders',
  'stock-count',
  'transfer',
  'take-deposit',
  'reserve',
  'receive-stock',
  'memo',
  'repair',
  /** Take a lost, damaged or stolen piece out of stock for good (WRITEOFF-1). */
  'write-off',
  /** Merge duplicate clients, export or erase a client's data (MERGE-*, PRIVACY-*). */
  'manage-clients',
  /** Hand over a custom order or repair while money is still owed on it (WORK-10). */
  'release-unpaid-work',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const FRONT_OF_HOUSE: readonly Capability[] = [
  'sell',
  'edit-clients',
  'edit-work-orders',
  'take-deposit',
  'reserve',
  'repair',
];
const MANAGER: readonly Capability[] = [
  ...FRONT_OF_HOUSE,
  'discount.above-limit',
  'view-cost',
  'void',
  'refund',
  'resolve-conflicts',
  'manage-staff',
  'manage-catalog',
  'view-finance',
  'stock-count',
  'transfer',
  'receive-stock',
  'memo',
  'write-off',
  'manage-clients',
  'release-unpaid-work',
];

const MATRIX: Readonly<Record<Role, ReadonlySet<Capability>>> = {
  associate: new Set(FRONT_OF_HOUSE),
  // Designers quote custom work from materials, so they see costs; they do not run stock.
  designer: new Set([...FRONT_OF_HOUSE, 'view-cost']),
  manager: new Set(MANAGER),
  owner: new Set(CAPABILITIES),
};

export function can(role: Role, capability: Capability): boolean {
  return MATRIX[role].has(capability);
}

/** The largest discount a role may give on its own, in basis points of the line price. */
export function maxDiscountBasisPoints(role: Role): number {
  switch (role) {
    case 'associate':
    case 'designer':
      return 1_000;
    case 'manager':
      return 3_000;
    case 'owner':
      return 10_000;
    default:
      return unreachable(role);
  }
}

export const parseRole: Parser<Role> = literal(...ROLES);

const RANK: Readonly<Record<Role, number>> = { associate: 0, designer: 1, manager: 2, owner: 3 };
/** Whether `role` is `min` or above in the shop's order: associate < designer < manager < owner. */
export const atLeast = (role: Role, min: Role): boolean => RANK[role] >= RANK[min];
