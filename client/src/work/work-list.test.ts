import { describe, expect, it } from 'vitest';
import { filterWork, haystackOf, NO_FILTER, type WorkRow } from './work-list.ts';

const row = (over: Partial<WorkRow>): WorkRow => {
  const r = {
    id: over.id ?? 'x',
    kind: 'custom',
    title: 'Ring',
    clientId: 'c',
    clientName: 'Amélie Durand',
    designer: 'Inès',
    stage: 'design',
    dueDate: undefined,
    claimCheck: 'C-00000001',
    balanceMinor: 0,
    currency: 'EUR',
    haystack: '',
    ...over,
  } as WorkRow;
  return { ...r, haystack: haystackOf([r.title, r.clientName, r.designer, r.claimCheck]) };
};

const TODAY = '2026-03-10';

describe('work list', () => {
  const rows = [
    row({ id: 'a', title: 'Sapphire ring', dueDate: '2026-03-01' }),
    row({
      id: 'b',
      kind: 'repair',
      title: 'Resize band',
      clientName: 'Paul Martin',
      designer: '',
      stage: 'at-bench',
      dueDate: '2026-03-15',
      claimCheck: 'R-1A2B3C4D',
    }),
    row({ id: 'c', title: 'Pendant', stage: 'collected', dueDate: '2026-02-01' }),
    row({ id: 'd', title: 'Earrings', stage: 'ready', dueDate: '2026-03-02', designer: 'Marc' }),
  ];

  it('WORK-6: open jobs by default, soonest due first; collected ones only when asked', () => {
    expect(filterWork(rows, NO_FILTER, TODAY).map((r) => r.id)).toEqual(['a', 'd', 'b']);
    expect(filterWork(rows, { ...NO_FILTER, stage: 'all' }, TODAY).map((r) => r.id)).toEqual([
      'c',
      'a',
      'd',
      'b',
    ]);
  });

  it('WORK-6: filter as you type: every word, accents and case ignored, claim checks too', () => {
    expect(filterWork(rows, { ...NO_FILTER, query: 'AMELIE sapph' }, TODAY).map((r) => r.id)).toEqual(['a']);
    expect(filterWork(rows, { ...NO_FILTER, query: 'r-1a2b' }, TODAY).map((r) => r.id)).toEqual(['b']);
    expect(filterWork(rows, { ...NO_FILTER, query: 'nothing' }, TODAY)).toEqual([]);
  });

  it('WORK-6: by stage, kind, designer and due date; overdue excludes ready work', () => {
    expect(filterWork(rows, { ...NO_FILTER, stage: 'at-bench' }, TODAY).map((r) => r.id)).toEqual(['b']);
    expect(filterWork(rows, { ...NO_FILTER, kind: 'repair' }, TODAY).map((r) => r.id)).toEqual(['b']);
    expect(filterWork(rows, { ...NO_FILTER, designer: 'marc' }, TODAY).map((r) => r.id)).toEqual(['d']);
    expect(filterWork(rows, { ...NO_FILTER, due: 'overdue' }, TODAY).map((r) => r.id)).toEqual(['a']);
    expect(filterWork(rows, { ...NO_FILTER, due: 'week' }, TODAY).map((r) => r.id)).toEqual(['a', 'd', 'b']);
  });
});
