/**
 * A member of staff (ORG-*): who they are, how they sign in (their login name, never a secret),
 * their role and the stores they work at. The relay's SQL `users` table is the source; `org`
 * (sync/shared/docs/org.ts) is its projection, without any password, PIN or key.
 */
import { parseStoreId, parseUserId, type StoreId, type UserId } from './ids.ts';
import { array, boolean, object, type Parser, refine, string, withDefault } from './parse.ts';
import { parseRole, type Role } from './roles.ts';

export type StaffMember = {
  readonly id: UserId;
  readonly name: string;
  /** The name typed at sign-in; unique, compared without case. */
  readonly login: string;
  readonly role: Role;
  /** The stores they work at (STAFF-1); an owner works at every store whatever this says. */
  readonly stores: readonly StoreId[];
  /** A deactivated person cannot sign in and their commands are refused (ORG-8). */
  readonly active: boolean;
};

export const MAX_STAFF_STORES = 500;

export const parseStaffName = string({ min: 1, max: 120 });
/** Letters, digits and `.`, `_`, `-`, `@`; at most 64 characters. */
export const parseLogin = string({ min: 2, max: 64, pattern: /^[A-Za-z0-9][A-Za-z0-9._@-]*$/ });
/** Distinct store ids. */
export const parseStaffStores: Parser<StoreId[]> = refine(
  array(parseStoreId, { max: MAX_STAFF_STORES }),
  (stores) => (new Set(stores).size === stores.length ? undefined : 'lists a store twice'),
);

export const parseStaffMember: Parser<StaffMember> = object({
  id: parseUserId,
  name: parseStaffName,
  login: parseLogin,
  role: parseRole,
  stores: parseStaffStores,
  active: withDefault(boolean, true),
});
