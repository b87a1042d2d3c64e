/**
 * The report documents this person may read (REPORT-8), bound as Solid stores: owners hold
 * `report/chain`, managers one `report/<store>` per store of theirs. Kept by the device in
 * IndexedDB, so the dashboard opens offline with the last figures and their time (DASH-2).
 */
import { type Accessor, createMemo, onCleanup } from 'solid-js';
import { CHAIN_REPORT_DOC, names } from '../../../sync/shared/doc-names.ts';
import {
  type ReportDay,
  type ReportMeta,
  type ReportStock,
  reportDays,
  reportMeta,
  reportStock,
} from '../../../sync/shared/docs/report.ts';
import type { Device, OpenDoc } from '../local/device.ts';
import { bindYMap } from '../local/yjs-store.ts';

export type ReportData = {
  days: Accessor<ReportDay[]>;
  stock: Accessor<Record<string, ReportStock>>;
  meta: Accessor<ReportMeta | undefined>;
  docs: readonly OpenDoc[];
};

const isDay = (v: unknown): v is ReportDay =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as ReportDay).day === 'string' &&
  typeof (v as ReportDay).store === 'string';

export function openReportData(device: Device, role: string, stores: readonly string[]): ReportData {
  const names_ = role === 'owner' ? [CHAIN_REPORT_DOC] : stores.map((s) => names.report(s));
  const docs = names_.map((n) => device.open(n));
  const bound = docs.map((d) => ({
    days: bindYMap(reportDays(d.doc), (v) => (isDay(v) ? v : undefined)),
    stock: bindYMap(reportStock(d.doc)),
    meta: bindYMap(reportMeta(d.doc)),
  }));
  onCleanup(() => {
    for (const b of bound) {
      b.days.dispose();
      b.stock.dispose();
      b.meta.dispose();
    }
  });
  const days = createMemo(() => bound.flatMap((b) => Object.values(b.days.state)));
  const stock = createMemo(
    () => Object.assign({}, ...bound.map((b) => ({ ...b.stock.state }))) as Record<string, ReportStock>,
  );
  const meta = createMemo((): ReportMeta | undefined => {
    const all = bound
      .map((b) => b.meta.state.meta as ReportMeta | undefined)
      .filter((m): m is ReportMeta => !!m);
    const first = all[0];
    if (!first) return undefined;
    // Managers of several stores: one meta per store document; the stores are put together.
    return {
      ...first,
      updatedAt: all.reduce((max, m) => (m.updatedAt > max ? m.updatedAt : max), first.updatedAt),
      stores: all.flatMap((m) => m.stores),
    };
  });
  return { days, stock, meta, docs };
}
