import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EUR } from './test-support.ts';
import {
  canMove,
  claimCheckOf,
  isOverdue,
  nextStages,
  normalizeClaimCheck,
  ORDER_STAGES,
  parseBenchPlace,
  parseWorkRecord,
  quoteTotals,
  REPAIR_STAGES,
  stagesOf,
  WORK_KINDS,
  WORK_STAGES,
} from './work-order.ts';

const ID = '0193a8f0-1c2d-7e3f-8a4b-5c6d7e8f9a0b';
const CLIENT = 'd0000000-0000-7000-8000-000000000001';

describe('work stages', () => {
  it('WORK-3: an order goes consultation → design → quote approved → production → QC → ready → collected', () => {
    for (let i = 0; i + 1 < ORDER_STAGES.length; i++)
      expect(canMove('custom', ORDER_STAGES[i]!, ORDER_STAGES[i + 1]!)).toBe(true);
    expect(canMove('custom', 'consultation', 'in-production')).toBe(false);
    expect(canMove('custom', 'design', 'consultation')).toBe(false);
  });

  it('REPAIR-3: a repair goes received → estimated → approved → at bench → QC → ready → collected', () => {
    for (let i = 0; i + 1 < REPAIR_STAGES.length; i++)
      expect(canMove('repair', REPAIR_STAGES[i]!, REPAIR_STAGES[i + 1]!)).toBe(true);
    expect(canMove('repair', 'received', 'ready')).toBe(false);
    // stages of the other kind are never reachable
    expect(canMove('repair', 'approved', 'in-production')).toBe(false);
    expect(canMove('custom', 'design', 'estimated')).toBe(false);
  });

  it('WORK-4: quality check may send a job back to the work; a repair may change bench; collected is final', () => {
    expect(nextStages('custom', 'quality-check')).toEqual(['ready', 'in-production']);
    expect(nextStages('repair', 'quality-check')).toEqual(['ready', 'at-bench']);
    expect(nextStages('repair', 'at-bench')).toEqual(['quality-check', 'at-bench']);
    expect(nextStages('custom', 'in-production')).toEqual(['quality-check']);
    expect(nextStages('custom', 'collected')).toEqual([]);
    expect(nextStages('repair', 'collected')).toEqual([]);
  });

  it('WORK-4: any move allowed leads to a stage of the same kind, and ready is always reached before collected', () => {
    fc.assert(
      fc.property(fc.constantFrom(...WORK_KINDS), fc.constantFrom(...WORK_STAGES), (kind, from) => {
        for (const to of nextStages(kind, from)) {
          expect(stagesOf(kind)).toContain(to);
          if (to === 'collected') expect(from).toBe('ready');
        }
      }),
    );
  });

  it('REPAIR-4: a bench, or an outside workshop with the day sent (and returned, not before)', () => {
    expect(parseBenchPlace({ bench: 'Bench 2' }).ok).toBe(true);
    expect(parseBenchPlace({ workshop: 'Atelier Roux', sentOn: '2026-03-02' }).ok).toBe(true);
    expect(
      parseBenchPlace({ workshop: 'Atelier Roux', sentOn: '2026-03-02', returnedOn: '2026-03-09' }).ok,
    ).toBe(true);
    expect(
      parseBenchPlace({ workshop: 'Atelier Roux', sentOn: '2026-03-09', returnedOn: '2026-03-02' }).ok,
    ).toBe(false);
    expect(parseBenchPlace({ workshop: 'Atelier Roux' }).ok).toBe(false);
    expect(parseBenchPlace({ bench: 'B', workshop: 'W', sentOn: '2026-03-02' }).ok).toBe(false);
    expect(parseBenchPlace('bench 2').ok).toBe(false);
  });

  it('WORK-6: overdue when its due date has passed and it is not ready or collected', () => {
    expect(isOverdue('design', '2026-03-01', '2026-03-02')).toBe(true);
    expect(isOverdue('design', '2026-03-02', '2026-03-02')).toBe(false);
    expect(isOverdue('ready', '2026-03-01', '2026-03-02')).toBe(false);
    expect(isOverdue('collected', '2026-03-01', '2026-03-02')).toBe(false);
    expect(isOverdue('design', undefined, '2026-03-02')).toBe(false);
  });
});

describe('claim checks', () => {
  it('REPAIR-2: derived from the job id, read back from a scan whatever its case or dash', () => {
    const c = claimCheckOf('repair', ID);
    expect(c).toBe('R-7E8F9A0B');
    expect(claimCheckOf('custom', ID)).toBe('C-7E8F9A0B');
    expect(normalizeClaimCheck(' r-7e8f9a0b ')).toBe(c);
    expect(normalizeClaimCheck('R7E8F9A0B')).toBe(c);
    expect(normalizeClaimCheck('LP-26-000001')).toBeUndefined();
    expect(normalizeClaimCheck('')).toBeUndefined();
  });
});

describe('work records', () => {
  const order = {
    id: ID,
    kind: 'custom',
    clientId: CLIENT,
    title: 'Engagement ring',
    createdAt: '2026-03-01T10:00:00.000Z',
    notes: 'Likes old cuts',
    metal: 'platinum',
    fineness: '950',
    stones: [
      {
        kind: 'diamond',
        source: 'sourced',
        caratWeight: 1.02,
        colour: 'F',
        clarity: 'VS1',
        cut: 'old European',
      },
    ],
    quote: [
      { kind: 'metal', description: 'Platinum 950', amountMinor: 120_000 },
      { kind: 'labour', description: 'Bench', amountMinor: 80_000 },
    ],
    attachments: ['a'.repeat(64)],
  };

  it('WORK-1: a stored order parses with its lists; unknown keys are dropped', () => {
    const r = parseWorkRecord({ ...order, secret: 'x' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.stones[0]?.caratWeight).toBe(1.02);
    expect(r.value.quote).toHaveLength(2);
    expect(r.value.work).toEqual([]);
    expect('secret' in r.value).toBe(false);
  });

  it('WORK-1: a record that is not one is refused, naming the field', () => {
    const bad = (v: object) => {
      const r = parseWorkRecord({ ...order, ...v });
      return r.ok ? null : r.error.path;
    };
    expect(bad({ kind: 'loan' })).toBe('kind');
    expect(bad({ stones: [{ kind: 'ruby', source: 'found' }] })).toBe('stones[0].source');
    expect(bad({ quote: [{ kind: 'labour', description: '', amountMinor: -1 }] })).toBe(
      'quote[0].amountMinor',
    );
    expect(bad({ attachments: ['not-a-hash'] })).toBe('attachments[0]');
    expect(bad({ attachments: [{ id: 'a'.repeat(64), kind: 'selfie' }] })).toBe('attachments[0].kind');
    expect(bad({ dueDate: '2026-02-30' })).toBe('dueDate');
    expect(bad({ work: ['gild'] })).toBe('work[0]');
  });

  it('WORK-2: a quote is the sum of its lines, taxed once per the store rule', () => {
    const lines = [
      { kind: 'metal', description: '', amountMinor: 120_000 },
      { kind: 'labour', description: '', amountMinor: 80_000 },
    ] as const;
    const vat = quoteTotals(lines, EUR, { basisPoints: 2_000, inclusive: true });
    expect(vat.total.minor).toBe(200_000);
    expect(vat.tax.minor).toBe(33_333);
    const us = quoteTotals(lines, EUR, { basisPoints: 888, inclusive: false });
    expect(us.net.minor).toBe(200_000);
    expect(us.tax.minor).toBe(17_760);
    expect(us.total.minor).toBe(217_760);
  });

  it('REPAIR-1: a repair intake keeps the item, declared value, work requested, call-above amount and estimate', () => {
    const repair = {
      id: ID,
      kind: 'repair',
      clientId: CLIENT,
      title: 'Gold band',
      createdAt: '2026-03-01T10:00:00.000Z',
      item: '18k yellow gold band, 4 mm, worn',
      declaredValueMinor: 90_000,
      work: ['resize', 'polish', 'resize'],
      callAboveMinor: 15_000,
      estimateMinor: 12_000,
      dueDate: '2026-03-20',
    };
    const r = parseWorkRecord(repair);
    expect(r.ok && r.value).toMatchObject({
      item: repair.item,
      declaredValueMinor: 90_000,
      callAboveMinor: 15_000,
      estimateMinor: 12_000,
    });
    if (r.ok) expect(r.value.work).toEqual(['resize', 'polish']);
    const bad = parseWorkRecord({ ...repair, declaredValueMinor: -1 });
    expect(bad.ok ? null : bad.error.path).toBe('declaredValueMinor');
  });
});
