import { describe, expect, it } from 'vitest';
import { CAPABILITIES, type Capability, can, maxDiscountBasisPoints, parseRole, ROLES } from './roles.ts';

describe('roles', () => {
  it('ROLE-1: associates sell, reserve and take deposits but cannot void, refund, see costs or finance', () => {
    const yes: Capability[] = ['sell', 'reserve', 'take-deposit', 'edit-clients', 'edit-work-orders'];
    const no: Capability[] = [
      'void',
      'refund',
      'view-cost',
      'view-finance',
      'manage-staff',
      'discount.above-limit',
    ];
    for (const c of yes) expect(can('associate', c), c).toBe(true);
    for (const c of no) expect(can('associate', c), c).toBe(false);
    expect(can('designer', 'view-cost')).toBe(true);
    expect(can('designer', 'transfer')).toBe(false);
    expect(can('manager', 'resolve-conflicts')).toBe(true);
  });

  it('ROLE-2: each role can do everything the role below it can, and the owner everything', () => {
    const order = ['associate', 'manager', 'owner'] as const;
    for (const c of CAPABILITIES) {
      expect(can('owner', c), c).toBe(true);
      for (let i = 1; i < order.length; i++) {
        if (can(order[i - 1] ?? 'owner', c)) expect(can(order[i] ?? 'owner', c), c).toBe(true);
      }
      if (can('designer', c) && c !== 'view-cost') expect(can('associate', c), c).toBe(true);
    }
  });

  it('ROLE-3: discount limits are 10 % for associates and designers, 30 % managers, 100 % owners', () => {
    expect(ROLES.map(maxDiscountBasisPoints)).toEqual([1000, 1000, 3000, 10000]);
  });

  it('ROLE-4: an unknown role is refused', () => {
    expect(parseRole('manager')).toEqual({ ok: true, value: 'manager' });
    expect(parseRole('admin').ok).toBe(false);
    expect(parseRole(undefined).ok).toBe(false);
  });
});
