import { describe, expect, it } from 'vitest';
import {
  ADJUSTABLE_CAPABILITIES,
  ADJUSTABLE_ROLES,
  capable,
  defaultRoleSettings,
  discountLimit,
  parseRoleSettings,
} from './capabilities.ts';
import type { SaleId } from './ids.ts';
import { CAPABILITIES, can, maxDiscountBasisPoints, ROLES } from './roles.ts';
import { code, command, eur, STORE, saleOf, serial, testId, USERS, world } from './test-support.ts';

const allowReturns = (by = USERS.owner) =>
  command(
    'capabilities.set',
    { role: 'associate', settings: { discountLimitBp: 1_000, grants: ['refund'] } },
    { user: by },
  );

function soldBy(): { s: ReturnType<typeof world>; saleId: SaleId } {
  const s = world();
  const c = saleOf([serial(1)], { user: USERS.associate });
  expect(code(s.execute(c))).toBe('accepted');
  return { s, saleId: (c.payload as { saleId: SaleId }).saleId };
}
const ret = (saleId: SaleId, opts = {}) =>
  command(
    'sale.return',
    { returnId: testId(), saleId, serials: [serial(1)], refunds: [{ kind: 'card', amount: eur(100_000) }] },
    { user: USERS.associate, ...opts },
  );

describe('capabilities per role (CAP-*)', () => {
  it('CAP-2: with no settings every role can exactly what the default matrix says', () => {
    for (const role of ROLES) {
      for (const c of CAPABILITIES) expect(capable(undefined, role, c), `${role} ${c}`).toBe(can(role, c));
      expect(discountLimit(undefined, role)).toBe(maxDiscountBasisPoints(role));
    }
  });

  it('CAP-2: the default settings of a role, applied, change nothing', () => {
    for (const role of ADJUSTABLE_ROLES) {
      const settings = { [role]: defaultRoleSettings(role) };
      for (const c of CAPABILITIES) expect(capable(settings, role, c)).toBe(can(role, c));
      expect(discountLimit(settings, role)).toBe(maxDiscountBasisPoints(role));
    }
  });

  it('CAP-1: owners keep every capability whatever the settings say', () => {
    const none = { discountLimitBp: 0, grants: [] };
    const settings = { associate: none, designer: none, manager: none };
    for (const c of CAPABILITIES) expect(capable(settings, 'owner', c)).toBe(true);
    expect(discountLimit(settings, 'owner')).toBe(10_000);
  });

  it('CAP-1: only the adjustable capabilities move; selling stays as the matrix says', () => {
    const settings = { manager: { discountLimitBp: 500, grants: [] } };
    expect(capable(settings, 'manager', 'refund')).toBe(false);
    expect(capable(settings, 'manager', 'manage-staff')).toBe(false);
    expect(capable(settings, 'manager', 'sell')).toBe(true);
    expect(capable(settings, 'manager', 'receive-stock')).toBe(true);
    expect(discountLimit(settings, 'manager')).toBe(500);
  });

  it('CAP-1: settings parse to one spelling and refuse what is not adjustable', () => {
    const parsed = parseRoleSettings({ discountLimitBp: 1500, grants: ['void', 'refund', 'void'] });
    expect(parsed.ok && parsed.value).toEqual({ discountLimitBp: 1500, grants: ['refund', 'void'] });
    expect(parseRoleSettings({ discountLimitBp: 1500, grants: ['sell'] }).ok).toBe(false);
    expect(parseRoleSettings({ discountLimitBp: 10_001, grants: [] }).ok).toBe(false);
    expect(ADJUSTABLE_CAPABILITIES).not.toContain('sell');
  });

  it('CAP-3: by default an associate cannot return a sale without a manager’s approval', () => {
    const { s, saleId } = soldBy();
    expect(code(s.decide(ret(saleId)))).toBe('not-allowed');
    expect(code(s.decide(ret(saleId, { approvedBy: USERS.manager })))).toBe('accepted');
  });

  it('CAP-3: once the owner allows associates to do returns, an associate returns alone', () => {
    const { s, saleId } = soldBy();
    expect(code(s.execute(allowReturns()))).toBe('accepted');
    expect(code(s.decide(ret(saleId)))).toBe('accepted');
    // Designers were not given it.
    expect(code(s.decide(ret(saleId, { user: USERS.designer })))).toBe('not-allowed');
  });

  it('CAP-3: taking returns away from managers makes them ask an owner', () => {
    const { s, saleId } = soldBy();
    const take = command(
      'capabilities.set',
      { role: 'manager', settings: { discountLimitBp: 3_000, grants: ['view-cost', 'void'] } },
      { user: USERS.owner },
    );
    expect(code(s.execute(take))).toBe('accepted');
    expect(code(s.decide(ret(saleId, { user: USERS.manager })))).toBe('not-allowed');
    // A manager can no longer approve it either; an owner can.
    expect(code(s.decide(ret(saleId, { approvedBy: USERS.manager })))).toBe('approver-not-allowed');
    expect(code(s.decide(ret(saleId, { approvedBy: USERS.owner })))).toBe('accepted');
  });

  it('CAP-1: only an owner sets capabilities; a manager is refused even with approval', () => {
    const s = world();
    expect(code(s.decide(allowReturns(USERS.manager)))).toBe('not-allowed');
    expect(code(s.decide(allowReturns(USERS.associate)))).toBe('not-allowed');
  });

  it('CAP-4: the discount an associate gives alone follows the owner’s limit', () => {
    const s = world();
    const fifteenOff = saleOf([serial(1)], { user: USERS.associate, price: 85_000 });
    expect(code(s.decide(fifteenOff))).toBe('discount-above-limit');
    const raise = command(
      'capabilities.set',
      { role: 'associate', settings: { discountLimitBp: 1_500, grants: [] } },
      { user: USERS.owner },
    );
    expect(code(s.execute(raise))).toBe('accepted');
    expect(code(s.decide(fifteenOff))).toBe('accepted');
    expect(code(s.decide(saleOf([serial(2)], { user: USERS.associate, price: 84_999 })))).toBe(
      'discount-above-limit',
    );
  });

  it('CAP-5: an associate the owner lets manage staff adds an associate of their store', () => {
    const s = world();
    const add = command(
      'staff.add',
      { member: { id: testId(), name: 'Noé', login: 'noe', role: 'associate', stores: [STORE] } },
      { user: USERS.associate },
    );
    expect(code(s.decide(add))).toBe('not-allowed');
    const allow = command(
      'capabilities.set',
      { role: 'associate', settings: { discountLimitBp: 1_000, grants: ['manage-staff'] } },
      { user: USERS.owner },
    );
    expect(code(s.execute(allow))).toBe('accepted');
    expect(code(s.decide(add))).toBe('accepted');
  });
});
