/**
 * The organisation (ORG-*): stores and staff. Owners open and change stores and manage everyone;
 * a manager manages the associates and designers of their own stores. The relay applies the
 * events to SQL and projects `org` from there; secrets (passwords, PINs) never travel in a
 * command: they are set over HTTP (ORG-9).
 */

import { capable } from './capabilities.ts';
import type { CommandOf, StaffChanges } from './commands.ts';
import { type Envelope, reject } from './decide-common.ts';
import type { DecisionState, DomainEvent, Rejection, StaffState } from './decision-types.ts';
import type { StoreId, UserId } from './ids.ts';
import { ok, type Result } from './result.ts';
import type { Role } from './roles.ts';

type Decision = Result<DomainEvent[], Rejection>;

/** Roles a manager may give and manage (ORG-4, ORG-5). */
const MANAGED_BY_MANAGERS: ReadonlySet<Role> = new Set(['associate', 'designer']);

type Actor = { readonly id: UserId; readonly role: Role; readonly stores: readonly StoreId[] | undefined };

/**
 * Who acts: a known store, an active member of staff working there, with the capability. No
 * approval lends it: organisation changes are made by the person entitled to them (ORG-1, ORG-3).
 */
export function actor(
  state: DecisionState,
  c: Envelope,
  ownerOnly: boolean,
  newStore?: StoreId,
): Result<Actor, Rejection> {
  if (!state.storeCurrency(c.store) && c.store !== newStore)
    return reject('store-unknown', 'This store is not set up on the relay; ask an owner to add it.', {
      store: c.store,
    });
  const role = state.role(c.user);
  if (!role)
    return reject('user-unknown', 'This user is not on the staff list; sign in again or ask a manager.', {
      user: c.user,
    });
  if (role !== 'owner' && state.worksAt(c.user, c.store) === false)
    return reject(
      'user-not-at-store',
      'The person who made this command does not work at this store; ask a manager to redo it.',
      { user: c.user, store: c.store },
    );
  if (ownerOnly ? role !== 'owner' : !capable(state.capabilities?.(), role, 'manage-staff'))
    return reject(
      'not-allowed',
      ownerOnly
        ? `Only an owner may do this (${c.type}).`
        : `A ${role} may not manage staff (${c.type}); ask a manager or owner.`,
      { role, capability: ownerOnly ? 'owner' : 'manage-staff' },
    );
  return ok({ id: c.user, role, stores: state.staffMember?.(c.user)?.stores });
}

/** ORG-7: every store named is one the relay knows. */
function knownStores(state: DecisionState, stores: readonly StoreId[]): Result<void, Rejection> {
  for (const store of stores)
    if (!state.storeCurrency(store))
      return reject('store-unknown', `Store ${store} is not set up on the relay; open it first.`, { store });
  return ok(undefined);
}

/** ORG-7: staff other than owners work at one store at least. */
function placed(role: Role, stores: readonly StoreId[] | undefined): Result<void, Rejection> {
  if (role !== 'owner' && stores?.length === 0)
    return reject('staff-invalid', 'A member of staff other than an owner works at one store at least.', {
      role,
    });
  return ok(undefined);
}

/**
 * ORG-4, ORG-5: a manager acts on associates and designers whose stores are all among the
 * manager's, and gives only those roles and those stores. Owners act on anyone.
 */
function mayManage(
  a: Actor,
  target: { readonly role: Role; readonly stores?: readonly StoreId[] | undefined } | undefined,
  after?: { readonly role: Role; readonly stores?: readonly StoreId[] | undefined },
): Result<void, Rejection> {
  if (a.role === 'owner') return ok(undefined);
  const mine = new Set(a.stores ?? []);
  // A state that does not know the manager's stores (a till) leaves the store check to the relay.
  const within = (stores: readonly StoreId[] | undefined) =>
    a.stores === undefined || stores === undefined || stores.every((s) => mine.has(s));
  for (const who of [target, after]) {
    if (!who) continue;
    if (!MANAGED_BY_MANAGERS.has(who.role))
      return reject(
        'not-allowed',
        `A manager manages associates and designers only, never a ${who.role}; ask an owner.`,
        { role: a.role, targetRole: who.role },
      );
    if (!within(who.stores))
      return reject('not-allowed', 'A manager manages the staff of their own stores only; ask an owner.', {
        role: a.role,
      });
  }
  return ok(undefined);
}

/** The member of staff a command names; undefined (and nothing checked) when this state does not know staff. */
function target(state: DecisionState, userId: UserId): Result<StaffState | undefined, Rejection> {
  if (!state.staffMember) return ok(undefined);
  const found = state.staffMember(userId);
  if (!found) return reject('staff-unknown', `No member of staff ${userId} is on record.`, { userId });
  return ok(found);
}

/** ORG-1, ORG-2: an owner opens a store once; its id is new. */
export function decideStoreOpen(state: DecisionState, c: CommandOf<'store.open'>): Decision {
  const a = actor(state, c, true, c.payload.store.id);
  if (!a.ok) return a;
  if (state.storeCurrency(c.payload.store.id))
    return reject('store-exists', `Store ${c.payload.store.id} is already open.`, {
      store: c.payload.store.id,
    });
  return ok([{ type: 'store.opened', store: c.payload.store }]);
}

/**
 * ORG-1, ORG-2: an owner changes a known store (never its id or currency). DUEMAIL-6: the
 * reminder lead time alone is also a manager's (whoever may manage staff) at their own store.
 */
export function decideStoreUpdate(state: DecisionState, c: CommandOf<'store.update'>): Decision {
  const remindersOnly = Object.keys(c.payload.changes).every((k) => k === 'reminderLeadDays');
  const a = actor(state, c, !remindersOnly);
  if (!a.ok) return a;
  if (a.value.role !== 'owner' && c.payload.storeId !== c.store)
    return reject('not-allowed', 'A manager changes the reminders of their own store only; switch to it.', {
      role: a.value.role,
      store: c.payload.storeId,
    });
  const store = knownStores(state, [c.payload.storeId]);
  if (!store.ok) return store;
  return ok([{ type: 'store.updated', storeId: c.payload.storeId, changes: c.payload.changes }]);
}

/** ORG-3, ORG-4, ORG-5, ORG-7: a new person, with a new id and a free login. */
export function decideStaffAdd(state: DecisionState, c: CommandOf<'staff.add'>): Decision {
  const a = actor(state, c, false);
  if (!a.ok) return a;
  const m = c.payload.member;
  if (state.staffMember?.(m.id))
    return reject('staff-exists', `Member of staff ${m.id} is already on record.`, { userId: m.id });
  if (state.loginTaken?.(m.login))
    return reject('login-taken', `The login "${m.login}" is taken; choose another.`, { login: m.login });
  const checks = [placed(m.role, m.stores), knownStores(state, m.stores), mayManage(a.value, undefined, m)];
  for (const check of checks) if (!check.ok) return check;
  return ok([{ type: 'staff.added', member: { ...m, active: true } }]);
}

/** ORG-4…7: name, role or stores of someone the actor may manage; nobody changes their own role or stores. */
export function decideStaffUpdate(state: DecisionState, c: CommandOf<'staff.update'>): Decision {
  const a = actor(state, c, false);
  if (!a.ok) return a;
  const changes: StaffChanges = c.payload.changes;
  if (c.payload.userId === c.user && (changes.role !== undefined || changes.stores !== undefined))
    return reject('not-allowed', 'Nobody changes their own role or stores; ask an owner.', {
      userId: c.user,
    });
  const t = target(state, c.payload.userId);
  if (!t.ok) return t;
  // Their own name, anyone may correct (ORG-6); the rest is managing someone.
  if (c.payload.userId === c.user) return ok([{ type: 'staff.updated', userId: c.user, changes }]);
  if (t.value) {
    const after = { role: changes.role ?? t.value.role, stores: changes.stores ?? t.value.stores };
    const checks = [
      placed(after.role, after.stores),
      knownStores(state, changes.stores ?? []),
      mayManage(a.value, t.value, after),
    ];
    for (const check of checks) if (!check.ok) return check;
  } else if (changes.stores) {
    const known = knownStores(state, changes.stores);
    if (!known.ok) return known;
  }
  return ok([{ type: 'staff.updated', userId: c.payload.userId, changes }]);
}

/** ORG-6, ORG-8: someone active the actor may manage, never oneself. */
export function decideStaffDeactivate(state: DecisionState, c: CommandOf<'staff.deactivate'>): Decision {
  const a = actor(state, c, false);
  if (!a.ok) return a;
  if (c.payload.userId === c.user)
    return reject('not-allowed', 'Nobody deactivates themselves; ask another manager or an owner.', {
      userId: c.user,
    });
  const t = target(state, c.payload.userId);
  if (!t.ok) return t;
  if (t.value && !t.value.active)
    return reject('staff-inactive', `Member of staff ${c.payload.userId} is already deactivated.`, {
      userId: c.payload.userId,
    });
  const may = mayManage(a.value, t.value);
  if (!may.ok) return may;
  return ok([{ type: 'staff.deactivated', userId: c.payload.userId }]);
}

/** ORG-8: a deactivated person the actor may manage comes back (with the secrets they had). */
export function decideStaffReactivate(state: DecisionState, c: CommandOf<'staff.reactivate'>): Decision {
  const a = actor(state, c, false);
  if (!a.ok) return a;
  const t = target(state, c.payload.userId);
  if (!t.ok) return t;
  if (t.value?.active)
    return reject('staff-active', `Member of staff ${c.payload.userId} is active.`, {
      userId: c.payload.userId,
    });
  const may = mayManage(a.value, t.value);
  if (!may.ok) return may;
  return ok([{ type: 'staff.reactivated', userId: c.payload.userId }]);
}
