/**
 * Capabilities per role, adjustable by the owner (CAP-*). The matrix in `roles.ts` is the
 * default; an owner may change, for associates, designers and managers, the discount a role
 * gives on its own and whether it may do returns, see costs, void sales, resolve conflicts and
 * manage staff. Owners keep every capability: nobody can lock the organisation out.
 * A role without settings behaves exactly as the default matrix (CAP-2).
 */
import { array, integer, literal, object, type Parser } from './parse.ts';
import { ok } from './result.ts';
import { type Capability, can, maxDiscountBasisPoints, type Role } from './roles.ts';

/** What an owner may grant or take away (CAP-1). */
export const ADJUSTABLE_CAPABILITIES = [
  'refund',
  'view-cost',
  'void',
  'resolve-conflicts',
  'manage-staff',
] as const satisfies readonly Capability[];
export type AdjustableCapability = (typeof ADJUSTABLE_CAPABILITIES)[number];

/** Roles whose capabilities are adjustable; owners keep everything (CAP-1). */
export const ADJUSTABLE_ROLES = ['associate', 'designer', 'manager'] as const satisfies readonly Role[];
export type AdjustableRole = (typeof ADJUSTABLE_ROLES)[number];

export type RoleSettings = {
  /** The largest discount the role gives without approval, in basis points of the list price. */
  readonly discountLimitBp: number;
  /** The adjustable capabilities the role has; those absent need an approval (CAP-3). */
  readonly grants: readonly AdjustableCapability[];
};

/** The organisation's settings: a role absent keeps the default matrix. */
export type CapabilitySettings = { readonly [R in AdjustableRole]?: RoleSettings };

const isAdjustable = (c: Capability): c is AdjustableCapability =>
  (ADJUSTABLE_CAPABILITIES as readonly string[]).includes(c);

export const parseAdjustableRole: Parser<AdjustableRole> = literal(...ADJUSTABLE_ROLES);

export const parseRoleSettings: Parser<RoleSettings> = (input, path = '') => {
  const parsed = object({
    discountLimitBp: integer({ min: 0, max: 10_000 }),
    grants: array(literal(...ADJUSTABLE_CAPABILITIES), { max: ADJUSTABLE_CAPABILITIES.length }),
  })(input, path);
  if (!parsed.ok) return parsed;
  // One spelling: each grant once, in the list's order, so equal settings compare equal.
  const grants = ADJUSTABLE_CAPABILITIES.filter((c) => parsed.value.grants.includes(c));
  return ok({ discountLimitBp: parsed.value.discountLimitBp, grants });
};

/** CAP-2: what the default matrix gives a role, as settings. */
export function defaultRoleSettings(role: AdjustableRole): RoleSettings {
  return {
    discountLimitBp: maxDiscountBasisPoints(role),
    grants: ADJUSTABLE_CAPABILITIES.filter((c) => can(role, c)),
  };
}

/** CAP-1…3: whether `role` may do `capability` under the organisation's settings. */
export function capable(
  settings: CapabilitySettings | undefined,
  role: Role,
  capability: Capability,
): boolean {
  if (role === 'owner' || !isAdjustable(capability)) return can(role, capability);
  const mine = settings?.[role];
  return mine ? mine.grants.includes(capability) : can(role, capability);
}

/** CAP-4: the discount `role` gives on its own under the organisation's settings. */
export function discountLimit(settings: CapabilitySettings | undefined, role: Role): number {
  if (role === 'owner') return maxDiscountBasisPoints(role);
  return settings?.[role]?.discountLimitBp ?? maxDiscountBasisPoints(role);
}
