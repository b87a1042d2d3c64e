import { describe, expect, it } from 'vitest';
import type { StoreId, UserId } from './ids.ts';
import { createMemoryState } from './memory-state.ts';
import { parseStaffMember } from './staff.ts';
import { parseStore } from './store.ts';
import {
  code,
  command,
  EUR,
  OTHER_STORE,
  pieceState,
  STORE,
  saleOf,
  serial,
  testId,
  USERS,
} from './test-support.ts';

const OTHER_MANAGER = testId<UserId>();
const THEIR_ASSOCIATE = testId<UserId>();
const OWNER_TWO = testId<UserId>();

/** Staff with known stores and logins, as the relay knows them. */
const world = () =>
  createMemoryState({
    stores: [
      { id: STORE, currency: EUR },
      { id: OTHER_STORE, currency: EUR },
    ],
    users: [
      { id: USERS.associate, role: 'associate', stores: [STORE], login: 'amara' },
      { id: USERS.designer, role: 'designer', stores: [STORE], login: 'dan' },
      { id: USERS.manager, role: 'manager', stores: [STORE], login: 'maria' },
      { id: USERS.owner, role: 'owner', stores: [], login: 'owner' },
      { id: OTHER_MANAGER, role: 'manager', stores: [OTHER_STORE], login: 'otto' },
      { id: THEIR_ASSOCIATE, role: 'associate', stores: [OTHER_STORE], login: 'tom' },
      { id: OWNER_TWO, role: 'owner', stores: [], login: 'owner2' },
    ],
    pieces: [pieceState(1)],
  });

const newStore = (over: Record<string, unknown> = {}) => ({
  id: testId<StoreId>(),
  name: 'Loupe Nice',
  currency: 'EUR',
  tax: { basisPoints: 2000, inclusive: true },
  timeZone: 'Europe/Paris',
  address: ['1 promenade des Anglais', '06000 Nice'],
  ...over,
});
const newMember = (over: Record<string, unknown> = {}) => ({
  id: testId<UserId>(),
  name: 'Léa Martin',
  login: 'lea.par',
  role: 'associate',
  stores: [STORE],
  ...over,
});
const as = (user: UserId) => ({ user });

describe('stores and staff (ORG-*)', () => {
  it('ORG-1: only an owner opens or changes a store; no approval lends it', () => {
    const s = world();
    const open = { store: newStore() };
    expect(code(s.decide(command('store.open', open, as(USERS.manager))))).toBe('not-allowed');
    expect(
      code(s.decide(command('store.open', open, { user: USERS.associate, approvedBy: USERS.owner }))),
    ).toBe('not-allowed');
    expect(code(s.decide(command('store.open', open, as(USERS.owner))))).toBe('accepted');
    const update = { storeId: STORE, changes: { name: 'Paris Opéra' } };
    expect(code(s.decide(command('store.update', update, as(USERS.manager))))).toBe('not-allowed');
    expect(code(s.decide(command('store.update', update, as(USERS.owner))))).toBe('accepted');
  });

  it('ORG-2: a store opens once; its tax rule applies to the next sale; an update names a known store', () => {
    const s = world();
    const store = newStore({ tax: { basisPoints: 1000, inclusive: false } });
    expect(code(s.execute(command('store.open', { store }, as(USERS.owner))))).toBe('accepted');
    expect(code(s.decide(command('store.open', { store }, as(USERS.owner))))).toBe('store-exists');
    expect(s.storeTax(store.id)).toEqual({ basisPoints: 1000, inclusive: false });
    // The envelope may name the new store itself (an owner's first till there).
    const other = newStore();
    expect(
      code(s.decide(command('store.open', { store: other }, { user: USERS.owner, store: other.id }))),
    ).toBe('accepted');
    const tax = { basisPoints: 550, inclusive: true };
    expect(
      code(s.execute(command('store.update', { storeId: store.id, changes: { tax } }, as(USERS.owner)))),
    ).toBe('accepted');
    expect(s.storeTax(store.id)).toEqual(tax);
    const unknown = { storeId: testId(), changes: { name: 'x' } };
    expect(code(s.decide(command('store.update', unknown, as(USERS.owner))))).toBe('store-unknown');
  });

  it('DUEMAIL-5: a store’s reminder lead time is 0–30 whole days; null goes back to the default', () => {
    const changes = (reminderLeadDays: unknown) => {
      const c = command('store.update', { storeId: STORE, changes: { reminderLeadDays } }, as(USERS.owner));
      return c.type === 'store.update' ? c.payload.changes : undefined;
    };
    expect(changes(0)).toEqual({ reminderLeadDays: 0 });
    expect(changes(30)).toEqual({ reminderLeadDays: 30 });
    expect(changes(null)).toEqual({ reminderLeadDays: null });
    for (const bad of [31, -1, 2.5, '7']) expect(() => changes(bad), String(bad)).toThrow(/reminderLeadDays/);
    expect(parseStore({ ...newStore(), reminderLeadDays: 7 }).ok).toBe(true);
    expect(parseStore({ ...newStore(), reminderLeadDays: 45 }).ok).toBe(false);
  });

  it('DUEMAIL-6: a manager sets their own store’s reminder lead time, and nothing else of a store', () => {
    const s = world();
    const days = (storeId: StoreId, user: UserId, more: Record<string, unknown> = {}) =>
      code(
        s.decide(
          command(
            'store.update',
            { storeId, changes: { reminderLeadDays: 7, ...more } },
            { user, store: STORE },
          ),
        ),
      );
    expect(days(STORE, USERS.manager)).toBe('accepted');
    expect(days(STORE, USERS.owner)).toBe('accepted');
    expect(days(STORE, USERS.associate)).toBe('not-allowed');
    expect(days(OTHER_STORE, USERS.manager)).toBe('not-allowed');
    expect(days(STORE, USERS.manager, { name: 'Paris Opéra' })).toBe('not-allowed');
    // ORG-1 still: an owner changes any store, its reminders too.
    expect(days(OTHER_STORE, USERS.owner)).toBe('accepted');
  });

  it('ORG-2: the currency cannot be changed, nor the id; unknown fields are refused, not dropped', () => {
    for (const changes of [{ currency: 'USD' }, { id: testId() }, {}])
      expect(() => command('store.update', { storeId: STORE, changes }, as(USERS.owner))).toThrow();
  });

  it('ORG-3: an owner adds anyone; the id is new and the login free whatever its case', () => {
    const s = world();
    const member = newMember({ role: 'manager', stores: [OTHER_STORE] });
    expect(code(s.execute(command('staff.add', { member }, as(USERS.owner))))).toBe('accepted');
    expect(s.role(member.id)).toBe('manager');
    expect(s.worksAt(member.id, OTHER_STORE)).toBe(true);
    expect(code(s.decide(command('staff.add', { member }, as(USERS.owner))))).toBe('staff-exists');
    const twin = newMember({ login: 'LEA.PAR' });
    expect(code(s.decide(command('staff.add', { member: twin }, as(USERS.owner))))).toBe('login-taken');
    const owner = newMember({ login: 'new.owner', role: 'owner', stores: [] });
    expect(code(s.decide(command('staff.add', { member: owner }, as(USERS.owner))))).toBe('accepted');
  });

  it('ORG-4: a manager manages the associates and designers of their own stores only', () => {
    const s = world();
    const here = { member: newMember() };
    expect(code(s.decide(command('staff.add', here, as(USERS.manager))))).toBe('accepted');
    const there = { member: newMember({ stores: [OTHER_STORE] }) };
    expect(code(s.decide(command('staff.add', there, as(USERS.manager))))).toBe('not-allowed');
    const both = { member: newMember({ stores: [STORE, OTHER_STORE] }) };
    expect(code(s.decide(command('staff.add', both, as(USERS.manager))))).toBe('not-allowed');
    for (const type of ['staff.deactivate', 'staff.update'] as const) {
      const payload = (userId: UserId) =>
        type === 'staff.update' ? { userId, changes: { name: 'New name' } } : { userId };
      expect(code(s.decide(command(type, payload(USERS.designer), as(USERS.manager)))), type).toBe(
        'accepted',
      );
      expect(code(s.decide(command(type, payload(THEIR_ASSOCIATE), as(USERS.manager)))), type).toBe(
        'not-allowed',
      );
      expect(code(s.decide(command(type, payload(OTHER_MANAGER), as(USERS.manager)))), type).toBe(
        'not-allowed',
      );
      expect(code(s.decide(command(type, payload(USERS.owner), as(USERS.manager)))), type).toBe(
        'not-allowed',
      );
    }
    // Moving someone to a store that is not theirs is an owner's decision.
    const move = { userId: USERS.associate, changes: { stores: [OTHER_STORE] } };
    expect(code(s.decide(command('staff.update', move, as(USERS.manager))))).toBe('not-allowed');
    expect(code(s.decide(command('staff.update', move, as(USERS.owner))))).toBe('accepted');
    // Associates and designers manage nobody.
    expect(code(s.decide(command('staff.add', here, as(USERS.associate))))).toBe('not-allowed');
    expect(code(s.decide(command('staff.deactivate', { userId: USERS.designer }, as(USERS.associate))))).toBe(
      'not-allowed',
    );
  });

  it('ORG-5: a manager never makes anyone manager or owner; an owner may', () => {
    const s = world();
    for (const role of ['manager', 'owner']) {
      const add = { member: newMember({ role }) };
      expect(code(s.decide(command('staff.add', add, as(USERS.manager)))), role).toBe('not-allowed');
      const promote = { userId: USERS.associate, changes: { role } };
      expect(code(s.decide(command('staff.update', promote, as(USERS.manager)))), role).toBe('not-allowed');
      expect(code(s.decide(command('staff.update', promote, as(USERS.owner)))), role).toBe('accepted');
    }
    const designer = { userId: USERS.associate, changes: { role: 'designer' } };
    expect(code(s.decide(command('staff.update', designer, as(USERS.manager))))).toBe('accepted');
  });

  it('ORG-6: nobody deactivates themselves or changes their own role or stores; their own name, yes', () => {
    const s = world();
    for (const who of [USERS.manager, USERS.owner]) {
      expect(code(s.decide(command('staff.deactivate', { userId: who }, as(who))))).toBe('not-allowed');
      const role = { userId: who, changes: { role: 'associate' } };
      expect(code(s.decide(command('staff.update', role, as(who))))).toBe('not-allowed');
      const name = { userId: who, changes: { name: 'Renamed' } };
      expect(code(s.decide(command('staff.update', name, as(who))))).toBe('accepted');
    }
    // Another owner may deactivate an owner.
    expect(code(s.decide(command('staff.deactivate', { userId: OWNER_TWO }, as(USERS.owner))))).toBe(
      'accepted',
    );
  });

  it('ORG-7: staff other than owners work at one known store at least', () => {
    const s = world();
    const nowhere = { member: newMember({ stores: [] }) };
    expect(code(s.decide(command('staff.add', nowhere, as(USERS.owner))))).toBe('staff-invalid');
    const unknown = { member: newMember({ stores: [testId()] }) };
    expect(code(s.decide(command('staff.add', unknown, as(USERS.owner))))).toBe('store-unknown');
    const unplace = { userId: USERS.associate, changes: { stores: [] } };
    expect(code(s.decide(command('staff.update', unplace, as(USERS.owner))))).toBe('staff-invalid');
    expect(
      code(s.decide(command('staff.update', { userId: testId(), changes: { name: 'x' } }, as(USERS.owner)))),
    ).toBe('staff-unknown');
  });

  it('ORG-8: a deactivated person is nobody: their commands and approvals are refused until reactivated', () => {
    const s = world();
    expect(code(s.execute(command('staff.deactivate', { userId: USERS.associate }, as(USERS.manager))))).toBe(
      'accepted',
    );
    expect(s.staffMember?.(USERS.associate)).toMatchObject({ role: 'associate', active: false });
    expect(code(s.decide(saleOf([serial(1)], as(USERS.associate))))).toBe('user-unknown');
    expect(code(s.decide(command('staff.deactivate', { userId: USERS.associate }, as(USERS.manager))))).toBe(
      'staff-inactive',
    );
    expect(code(s.execute(command('staff.deactivate', { userId: USERS.manager }, as(USERS.owner))))).toBe(
      'accepted',
    );
    // The deactivated manager can neither act nor approve.
    expect(code(s.decide(command('staff.reactivate', { userId: USERS.associate }, as(USERS.manager))))).toBe(
      'user-unknown',
    );
    expect(code(s.execute(command('staff.reactivate', { userId: USERS.associate }, as(USERS.owner))))).toBe(
      'accepted',
    );
    expect(code(s.decide(command('staff.reactivate', { userId: USERS.associate }, as(USERS.owner))))).toBe(
      'staff-active',
    );
    expect(code(s.decide(saleOf([serial(1)], as(USERS.associate))))).toBe('accepted');
  });

  it('ORG-9: no command carries a secret: a password or PIN in a payload is refused, not dropped silently', () => {
    expect(() =>
      command(
        'staff.update',
        { userId: USERS.associate, changes: { password: 'hunter22' } },
        as(USERS.owner),
      ),
    ).toThrow(/password cannot be changed here/);
    expect(() =>
      command('staff.update', { userId: USERS.associate, changes: { pin: '1234' } }, as(USERS.owner)),
    ).toThrow(/pin cannot be changed here/);
    // A new member is added without one (unknown keys of `member` never reach the event).
    const added = command('staff.add', { member: { ...newMember(), password: 'hunter22' } }, as(USERS.owner));
    expect(JSON.stringify(added.payload)).not.toContain('hunter22');
  });
});

describe('Store and StaffMember records (ORG-10)', () => {
  it('ORG-10: parseStore: one spelling of the tax, an IANA time zone, address lines; errors name the path', () => {
    const ok = parseStore(newStore({ phone: '+33 4 93 00 00 00' }));
    expect(ok.ok && ok.value).toMatchObject({
      tax: { basisPoints: 2000, inclusive: true },
      phone: '+33 4 93 00 00 00',
    });
    const bad = (over: Record<string, unknown>) => {
      const r = parseStore(newStore(over));
      return r.ok ? null : r.error.path;
    };
    expect(bad({ tax: undefined, taxRateBp: 2000 })).toBe('tax');
    expect(bad({ tax: { basisPoints: 20_001 } })).toBe('tax.basisPoints');
    expect(bad({ timeZone: 'Mars/Olympus_Mons' })).toBe('timeZone');
    expect(bad({ timeZone: 'Europe/Paris; DROP' })).toBe('timeZone');
    expect(bad({ currency: 'EURO' })).toBe('currency');
    expect(bad({ address: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] })).toBe('address');
    expect(bad({ address: ['ok', ''] })).toBe('address[1]');
    expect(bad({ name: '' })).toBe('name');
    const noAddress = parseStore(newStore({ address: undefined }));
    expect(noAddress.ok && noAddress.value.address).toEqual([]);
  });

  it('ORG-10: parseStaffMember: a role of the matrix, distinct stores, a login without spaces', () => {
    const ok = parseStaffMember({ ...newMember(), active: false });
    expect(ok.ok && ok.value.active).toBe(false);
    const bad = (over: Record<string, unknown>) => {
      const r = parseStaffMember(newMember(over));
      return r.ok ? null : r.error.path;
    };
    expect(bad({ role: 'boss' })).toBe('role');
    expect(bad({ stores: [STORE, STORE] })).toBe('stores');
    expect(bad({ stores: ['paris'] })).toBe('stores[0]');
    expect(bad({ login: 'lea martin' })).toBe('login');
    expect(bad({ id: 'x' })).toBe('id');
    const active = parseStaffMember(newMember());
    expect(active.ok && active.value.active).toBe(true);
  });
});
