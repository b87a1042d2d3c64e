/** What the work screens derive from the store's data: list rows, amounts typed in either locale. */
import { type Currency, currency as toCurrency } from '../../../domain/money.ts';
import { parseMoney } from '../../../domain/money-parse.ts';
import { claimCheckOf, firstStage, type WorkStage } from '../../../domain/work-order.ts';
import type { JobState } from '../../../sync/shared/docs/stock.ts';
import type { WorkRecord } from '../../../sync/shared/docs/work.ts';
import type { ClientView } from '../local/records.ts';
import { haystackOf, type WorkRow } from './work-list.ts';

/** A job's row: the record staff edit, with the stage and balance the relay decided (or the first stage, before). */
export function workRow(
  w: WorkRecord,
  job: JobState | undefined,
  client: ClientView | undefined,
  currency: string,
): WorkRow {
  const claimCheck = job?.claimCheck ?? claimCheckOf(w.kind, w.id);
  const clientName = client?.name ?? '';
  return {
    id: w.id,
    kind: w.kind,
    title: w.title,
    clientId: w.clientId,
    clientName,
    designer: w.designer ?? '',
    stage: (job?.stage as WorkStage | undefined) ?? firstStage(w.kind),
    dueDate: w.dueDate ?? job?.dueDate ?? undefined,
    claimCheck,
    balanceMinor: job?.balanceMinor ?? 0,
    currency: job?.currency ?? currency,
    haystack: haystackOf([w.title, clientName, w.designer, claimCheck, w.item]),
  };
}

/** "120", "120.50", "1,234.50" or "120,50" (a comma before one or two final digits is a decimal comma). */
export function amountFrom(text: string, c: string): number | undefined {
  const t = text.trim().replace(/\s/g, '');
  if (t === '') return undefined;
  const normal = /^\d+,\d{1,2}$/.test(t) ? t.replace(',', '.') : t;
  const r = parseMoney(normal, toCurrency(c) as Currency);
  return r.ok && r.value.minor >= 0 ? r.value.minor : undefined;
}

/** Minor units as the text an amount field shows (no grouping, the currency's decimals). */
export const amountText = (minor: number | undefined, digits = 2): string =>
  minor === undefined ? '' : digits === 0 ? String(minor) : (minor / 10 ** digits).toFixed(digits);

export const todayIso = (): string => new Date().toISOString().slice(0, 10);
