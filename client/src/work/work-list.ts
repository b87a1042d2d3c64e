/**
 * The work list (WORK-6): every order and repair of the store with its stage and balance, filtered
 * as the person types. Pure: the page, its tests and `bench/work-list.bench.ts` use the same code.
 * Each row carries one folded search text, built once per change of the job, so a keystroke over
 * thousands of jobs is one `includes` per row.
 */
import { isOverdue, type WorkKind, type WorkStage } from '../../../domain/work-order.ts';

export type WorkRow = {
  id: string;
  kind: WorkKind;
  title: string;
  clientId: string;
  clientName: string;
  designer: string;
  stage: WorkStage;
  dueDate: string | undefined;
  claimCheck: string;
  balanceMinor: number;
  currency: string;
  /** Folded (lower case, no accents) title, client, designer, claim check, item: what a query matches. */
  haystack: string;
};

export type WorkFilter = {
  /** Typed text; every word must match somewhere (title, client, designer, claim check). */
  query: string;
  stage: WorkStage | 'open' | 'all';
  kind: WorkKind | 'all';
  designer: string;
  /** `overdue`, `week` (due within 7 days or overdue), or `all`. */
  due: 'all' | 'overdue' | 'week';
};

export const NO_FILTER: WorkFilter = { query: '', stage: 'open', kind: 'all', designer: '', due: 'all' };

/** Lower case without accents: "Amélie" matches "amelie". */
export const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

export function haystackOf(parts: readonly (string | undefined)[]): string {
  return fold(parts.filter(Boolean).join(' \u0001 '));
}

const addDays = (day: string, n: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** WORK-6: the rows that pass the filter, soonest due first (no due date last), overdue flagged. */
export function filterWork(rows: readonly WorkRow[], f: WorkFilter, today: string): WorkRow[] {
  const words = fold(f.query).split(/\s+/).filter(Boolean);
  const week = addDays(today, 7);
  const designer = fold(f.designer.trim());
  const out: WorkRow[] = [];
  for (const r of rows) {
    if (f.kind !== 'all' && r.kind !== f.kind) continue;
    if (f.stage === 'open') {
      if (r.stage === 'collected') continue;
    } else if (f.stage !== 'all' && r.stage !== f.stage) continue;
    if (designer && !fold(r.designer).includes(designer)) continue;
    if (f.due === 'overdue' && !isOverdue(r.stage, r.dueDate, today)) continue;
    if (f.due === 'week' && (r.dueDate === undefined || r.dueDate > week || r.stage === 'collected'))
      continue;
    let match = true;
    for (const w of words)
      if (!r.haystack.includes(w)) {
        match = false;
        break;
      }
    if (match) out.push(r);
  }
  // Rows handed over already in this order (sortWork, once per change) sort in one pass.
  return out.sort(byDue);
}

const dueKey = (r: WorkRow): string => r.dueDate ?? '9999-99-99';
const byDue = (a: WorkRow, b: WorkRow): number => {
  const x = dueKey(a);
  const y = dueKey(b);
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

/** Rows in the list's order (soonest due first): done when the jobs change, not per keystroke. */
export const sortWork = (rows: WorkRow[]): WorkRow[] => rows.sort(byDue);
