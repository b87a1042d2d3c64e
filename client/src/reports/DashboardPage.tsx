/**
 * The owner dashboard (DASH-*): today, this week, this month, this year or any period; key
 * figures consolidated in the reporting currency; net sales by day; the store comparison; a store
 * by day; a day's sales (from the server). Live: the report documents are pushed by the relay
 * after every decision. Offline: the last figures received, marked with their time.
 */
import {
  createEffect,
  createMemo,
  createResource,
  createRoot,
  createSignal,
  For,
  on,
  onCleanup,
  Show,
} from 'solid-js';
import { type Currency, formatMoney } from '../../../domain/money.ts';
import {
  derived,
  isDay,
  localDay,
  PERIODS,
  type Period,
  type PeriodKind,
  periodOf,
  previousPeriod,
} from '../../../domain/report.ts';
import { can, type Role } from '../../../domain/roles.ts';
import type { ReportDay, ReportStore } from '../../../sync/shared/docs/report.ts';
import { useApp } from '../app-state.ts';
import { fmtDate, LOCALE } from '../format.ts';
import { NetSalesChart } from './NetSalesChart.tsx';
import { openReportData, type ReportData } from './report-data.ts';
import {
  type DaySale,
  daysCsv,
  type PeriodReport,
  periodReport,
  salesCsv,
  storeDays,
  storesCsv,
  type TierTotal,
  tiersCsv,
  tierTable,
} from './report-model.ts';
import { R } from './strings.ts';

const money = (minor: number, currency: string) =>
  formatMoney({ minor, currency: currency as Currency }, LOCALE);
const pct = (bp: number | null) => (bp === null ? '—' : `${(bp / 100).toFixed(1)} %`);

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A table's CSV export button; its accessible name names the table it exports. */
function ExportCsv(props: {
  table: string;
  testId: string;
  file: () => string;
  csv: () => string;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      data-testid={props.testId}
      disabled={props.disabled}
      aria-label={R.exportLabel(props.table)}
      onClick={() => download(props.file(), props.csv())}
    >
      {R.export}
    </button>
  );
}

export function DashboardPage() {
  const app = useApp();
  const role = () => (app.session()?.user.role ?? 'associate') as Role;
  const allowed = () => can(role(), 'view-finance');
  const [data, setData] = createSignal<ReportData>();
  // The documents follow the device (a new sign-in): opened in their own root, closed with it.
  let dispose: (() => void) | undefined;
  const reopen = () => {
    dispose?.();
    dispose = undefined;
    const device = app.device();
    const s = app.session();
    if (!device || !s || !allowed()) return setData(undefined);
    createRoot((d) => {
      dispose = d;
      setData(openReportData(device, s.user.role, s.user.stores));
    });
  };
  createMemo(() => {
    app.device();
    app.session()?.user.id;
    reopen();
  });
  onCleanup(() => dispose?.());

  const meta = () => data()?.meta();
  const reporting = () => meta()?.reportingCurrency ?? 'EUR';
  const [online, setOnline] = createSignal(navigator.onLine);
  const onNet = () => setOnline(navigator.onLine);
  addEventListener('online', onNet);
  addEventListener('offline', onNet);
  onCleanup(() => {
    removeEventListener('online', onNet);
    removeEventListener('offline', onNet);
  });

  // "Today" is the latest local day among the stores shown (a chain spans time zones).
  const [clock, setClock] = createSignal(new Date());
  const tick = setInterval(() => setClock(new Date()), 60_000);
  onCleanup(() => clearInterval(tick));
  const today = createMemo(() =>
    (meta()?.stores ?? []).reduce(
      (max, s) => {
        const d = localDay(clock(), s.timeZone);
        return d > max ? d : max;
      },
      localDay(clock(), 'UTC'),
    ),
  );
  const [kind, setKind] = createSignal<PeriodKind | 'custom'>('today');
  const [custom, setCustom] = createSignal<Period>({ from: '', to: '' });
  const [draft, setDraft] = createSignal<Period>({ from: '', to: '' });
  const period = createMemo(
    (): Period => (kind() === 'custom' ? custom() : periodOf(kind() as PeriodKind, today())),
  );
  /** Each store's own period: its "today" is its local day (REPORT-1, DASH-1). */
  const periodFor = (s: ReportStore): Period =>
    kind() === 'custom' ? custom() : periodOf(kind() as PeriodKind, localDay(clock(), s.timeZone));
  const previousFor = (s: ReportStore): Period => previousPeriod(periodFor(s));

  // Days the document does not hold (older than 400 days) come from the server, by day.
  const windowStart = createMemo(() => {
    const d = new Date(`${today()}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 399);
    return d.toISOString().slice(0, 10);
  });
  const [remoteDays] = createResource(
    () => {
      const p = period();
      const token = app.session()?.token;
      return p.from && p.from < windowStart() && token ? { ...p, token } : undefined;
    },
    async (q): Promise<ReportDay[] | undefined> => {
      try {
        const res = await fetch(`/api/reports?from=${q.from}&to=${q.to}&by=day&clients=0`, {
          headers: { authorization: `Bearer ${q.token}` },
        });
        if (!res.ok) return undefined;
        const body = (await res.json()) as {
          rows: { store: string; key: string; currency: string; figures: ReportDay }[];
        };
        return body.rows.map((r) => ({ ...r.figures, store: r.store, day: r.key, currency: r.currency }));
      } catch {
        return undefined;
      }
    },
  );
  const days = createMemo((): ReportDay[] => {
    const p = period();
    if (p.from && p.from < windowStart()) return remoteDays() ?? [];
    return data()?.days() ?? [];
  });
  const report = createMemo(
    (): PeriodReport =>
      periodReport(
        days(),
        meta()?.stores ?? [],
        data()?.stock() ?? {},
        // DASH-1: each store's own period — "today" in New York is New York's day, not Paris's.
        periodFor,
        reporting(),
        meta()?.rates ?? [],
      ),
  );
  const previous = createMemo(() =>
    kind() === 'custom'
      ? undefined
      : periodReport(
          data()?.days() ?? [],
          meta()?.stores ?? [],
          {},
          previousFor,
          reporting(),
          meta()?.rates ?? [],
        ),
  );
  const totals = createMemo(() => derived(report().total));
  const change = () => {
    const before = previous();
    if (!before) return undefined;
    const was = derived(before.total).netSalesMinor;
    if (was === 0) return undefined;
    const pctChange = ((totals().netSalesMinor - was) / Math.abs(was)) * 100;
    return `${pctChange >= 0 ? '+' : ''}${pctChange.toFixed(1)} %`;
  };
  const missing = () => Object.keys(report().missing);

  const [store, setStore] = createSignal<string>();
  const [day, setDay] = createSignal<string>();
  const storeInfo = () => meta()?.stores.find((s) => s.id === store());
  const dayRows = createMemo(() => {
    const info = storeInfo();
    return info ? storeDays(days(), info.id, periodFor(info)) : [];
  });
  const [sales] = createResource(
    () => {
      const s = store();
      const d = day();
      const token = app.session()?.token;
      return s && d && token ? { s, d, token } : undefined;
    },
    async (q): Promise<DaySale[] | 'offline' | 'failed'> => {
      if (!navigator.onLine) return 'offline';
      try {
        const res = await fetch(`/api/reports/sales?store=${q.s}&day=${q.d}`, {
          headers: { authorization: `Bearer ${q.token}` },
        });
        if (!res.ok) return 'failed';
        return ((await res.json()) as { sales: DaySale[] }).sales;
      } catch {
        return 'failed';
      }
    },
  );
  const saleList = () => {
    const s = sales();
    return Array.isArray(s) ? s : [];
  };

  // REPORT-12: clients by tier come from the server (tiers are the relay's to compute); read again
  // when the period changes and, as new figures arrive, at most every 10 s (the last arrival is
  // always read: a trailing refresh).
  const [tiersVersion, setTiersVersion] = createSignal(0);
  let lastRefresh = 0;
  let pending: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(
      () => meta()?.updatedAt,
      () => {
        if (pending) return;
        const wait = lastRefresh + 10_000 - Date.now();
        const bump = () => {
          pending = undefined;
          lastRefresh = Date.now();
          setTiersVersion((v) => v + 1);
        };
        if (wait <= 0) bump();
        else pending = setTimeout(bump, wait);
      },
      { defer: true },
    ),
  );
  onCleanup(() => clearTimeout(pending));
  const [tiers] = createResource(
    () => {
      const p = period();
      const token = app.session()?.token;
      return p.from && p.to && token && online() ? { ...p, token, version: tiersVersion() } : undefined;
    },
    async (q): Promise<TierTotal[] | 'failed'> => {
      try {
        const res = await fetch(`/api/reports?from=${q.from}&to=${q.to}&by=all&clients=1&stock=0`, {
          headers: { authorization: `Bearer ${q.token}` },
        });
        if (!res.ok) return 'failed';
        return ((await res.json()) as { clientTiers: { totals: TierTotal[] } }).clientTiers.totals;
      } catch {
        return 'failed';
      }
    },
  );
  const tierList = () => {
    const t = tiers.latest;
    return Array.isArray(t) ? t : [];
  };
  const tierRows = createMemo(() => tierTable(tierList()));
  const tierName = (t: TierTotal['tier']) => R.tierNames[t] ?? t;

  const periodName = () => `${period().from}_${period().to}`;

  return (
    <div class="reports">
      <h1>{R.title}</h1>
      <Show when={allowed()} fallback={<p class="notice">{R.managersOnly}</p>}>
        <div class="report-head">
          <fieldset class="periods">
            <legend>{R.periods}</legend>
            <For each={PERIODS}>
              {(p) => (
                <button
                  type="button"
                  data-testid={`period-${p}`}
                  aria-pressed={kind() === p}
                  onClick={() => {
                    setKind(p);
                    setDay(undefined);
                  }}
                >
                  {R[p]}
                </button>
              )}
            </For>
            <form
              class="custom-period"
              onSubmit={(e) => {
                e.preventDefault();
                const d = draft();
                if (isDay(d.from) && isDay(d.to) && d.from <= d.to) {
                  setCustom(d);
                  setKind('custom');
                  setDay(undefined);
                }
              }}
            >
              <label>
                {R.from}
                <input
                  type="date"
                  data-testid="period-from"
                  value={draft().from}
                  onInput={(e) => setDraft({ ...draft(), from: e.currentTarget.value })}
                />
              </label>
              <label>
                {R.to}
                <input
                  type="date"
                  data-testid="period-to"
                  value={draft().to}
                  onInput={(e) => setDraft({ ...draft(), to: e.currentTarget.value })}
                />
              </label>
              <button type="submit" data-testid="period-custom" aria-pressed={kind() === 'custom'}>
                {R.apply}
              </button>
            </form>
          </fieldset>
          <p class="report-time" data-testid="reports-updated" aria-live="polite">
            <Show when={meta()} fallback={R.never}>
              {(m) => (
                <>
                  {online() ? R.updated(fmtDate(m().updatedAt, '')) : R.offline(fmtDate(m().updatedAt, ''))}
                </>
              )}
            </Show>
          </p>
        </div>
        <Show when={!online() && meta()}>
          <p class="notice" data-testid="reports-offline" role="status">
            {R.offline(fmtDate(meta()?.updatedAt ?? '', ''))}
          </p>
        </Show>
        <Show when={period().from < windowStart() && !online()}>
          <p class="notice">{R.olderNeedsNetwork}</p>
        </Show>
        <Show when={missing().length > 0}>
          <p class="notice" data-testid="reports-missing-rate">
            {R.missingRate(missing().join(', '))}
          </p>
        </Show>

        <section class="kpis" aria-label={R.kpis}>
          <div class="kpi card">
            <span class="label">{R.netSales}</span>
            <strong data-testid="kpi-net-sales" data-minor={totals().netSalesMinor}>
              {money(totals().netSalesMinor, reporting())}
            </strong>
            <Show when={change()}>{(c) => <span class="delta">{R.vsPrevious(c())}</span>}</Show>
          </div>
          <div class="kpi card">
            <span class="label">{R.margin}</span>
            <strong data-testid="kpi-margin">{money(totals().marginMinor, reporting())}</strong>
            <span class="delta">{pct(totals().marginBp)}</span>
          </div>
          <div class="kpi card">
            <span class="label">{R.salesCount}</span>
            <strong data-testid="kpi-sales">{report().total.sales}</strong>
            <span class="delta">
              {R.units}: {totals().netUnits}
            </span>
          </div>
          <div class="kpi card">
            <span class="label">{R.average}</span>
            <strong>
              {totals().averageMinor === null ? '—' : money(totals().averageMinor ?? 0, reporting())}
            </strong>
            <span class="delta">
              {R.returns}: {report().total.returns}
            </span>
          </div>
          <div class="kpi card">
            <span class="label">{R.newClients}</span>
            <strong data-testid="kpi-new-clients">{report().total.newClientSales}</strong>
            <span class="delta">
              {R.returningClients}: {totals().returningClientSales}
            </span>
          </div>
        </section>

        <section class="card report-chart-card">
          <h2>{R.chart}</h2>
          <NetSalesChart
            days={report().series.days}
            net={report().series.net}
            currency={reporting()}
            label={R.chartLabel(reporting())}
          />
        </section>

        <Show
          when={store()}
          fallback={
            <section class="card">
              <div class="section-head">
                <h2>{R.stores}</h2>
                <ExportCsv
                  testId="export-stores"
                  table={R.stores}
                  file={() => `stores_${periodName()}.csv`}
                  csv={() => storesCsv(report(), reporting(), { total: R.total })}
                />
              </div>
              <div class="table-scroll">
                <table class="report-table" data-testid="store-table">
                  <thead>
                    <tr>
                      <th scope="col">{R.store}</th>
                      <th scope="col" class="num">
                        {R.salesCount}
                      </th>
                      <th scope="col" class="num">
                        {R.netSales} ({R.inStore})
                      </th>
                      <th scope="col" class="num">
                        {R.netSales} ({R.inReporting(reporting())})
                      </th>
                      <th scope="col" class="num">
                        {R.marginPct}
                      </th>
                      <th scope="col" class="num">
                        {R.stock}
                      </th>
                      <th scope="col" class="num">
                        {R.stockCost}
                      </th>
                      <th scope="col" class="num">
                        {R.consigned}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={report().rows}>
                      {(r) => {
                        const d = () => derived(r.figures);
                        const c = () => (r.consolidated ? derived(r.consolidated) : undefined);
                        return (
                          <tr data-testid={`store-row-${r.store.id}`}>
                            <th scope="row">
                              <button
                                type="button"
                                class="link"
                                aria-label={R.openStore(r.store.name)}
                                onClick={() => setStore(r.store.id)}
                              >
                                {r.store.name}
                              </button>
                            </th>
                            <td class="num" data-testid="store-sales">
                              {r.figures.sales}
                            </td>
                            <td class="num">{money(d().netSalesMinor, r.store.currency)}</td>
                            <td class="num">{c() ? money(c()?.netSalesMinor ?? 0, reporting()) : '—'}</td>
                            <td class="num">{pct(d().marginBp)}</td>
                            <td class="num">{r.stock?.pieces ?? 0}</td>
                            <td class="num">{money(r.stock?.costMinor ?? 0, r.store.currency)}</td>
                            <td class="num">{r.stock?.consignedPieces ?? 0}</td>
                          </tr>
                        );
                      }}
                    </For>
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{R.total}</th>
                      <td class="num">{report().total.sales}</td>
                      <td class="num" />
                      <td class="num" data-testid="store-total-net">
                        {money(totals().netSalesMinor, reporting())}
                      </td>
                      <td class="num">{pct(totals().marginBp)}</td>
                      <td class="num" colSpan={3} />
                    </tr>
                  </tfoot>
                </table>
              </div>
            </section>
          }
        >
          <section class="card">
            <div class="section-head">
              <h2>{R.days(storeInfo()?.name ?? '')}</h2>
              <ExportCsv
                testId="export-days"
                table={R.days(storeInfo()?.name ?? '')}
                file={() => `days_${periodName()}.csv`}
                csv={() => daysCsv(dayRows(), storeInfo()?.currency ?? reporting(), { total: R.total })}
              />
              <button
                type="button"
                class="link"
                onClick={() => {
                  setStore(undefined);
                  setDay(undefined);
                }}
              >
                {R.back}
              </button>
            </div>
            <Show when={dayRows().length > 0} fallback={<p class="empty">{R.noneYet}</p>}>
              <div class="table-scroll">
                <table class="report-table" data-testid="day-table">
                  <thead>
                    <tr>
                      <th scope="col">{R.day}</th>
                      <th scope="col" class="num">
                        {R.salesCount}
                      </th>
                      <th scope="col" class="num">
                        {R.netSales}
                      </th>
                      <th scope="col" class="num">
                        {R.margin}
                      </th>
                      <th scope="col" class="num">
                        {R.returns}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={dayRows()}>
                      {(d) => (
                        <tr data-testid={`day-row-${d.day}`} aria-selected={day() === d.day}>
                          <th scope="row">
                            <button
                              type="button"
                              class="link"
                              aria-label={R.openDay(d.day)}
                              onClick={() => setDay(d.day)}
                            >
                              {d.day}
                            </button>
                          </th>
                          <td class="num">{d.sales}</td>
                          <td class="num">{money(derived(d).netSalesMinor, d.currency)}</td>
                          <td class="num">{money(derived(d).marginMinor, d.currency)}</td>
                          <td class="num">{d.returns}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          </section>
          <Show when={day()}>
            <section class="card" data-testid="day-sales">
              <div class="section-head">
                <h2>{R.daySales(storeInfo()?.name ?? '', day() ?? '')}</h2>
                <ExportCsv
                  testId="export-sales"
                  table={R.daySales(storeInfo()?.name ?? '', day() ?? '')}
                  file={() => `sales_${day()}.csv`}
                  csv={() => salesCsv(saleList(), storeInfo()?.currency ?? reporting(), { total: R.total })}
                  disabled={saleList().length === 0}
                />
              </div>
              <Show when={!sales.loading} fallback={<p>{R.loading}</p>}>
                <Show when={sales() !== 'offline'} fallback={<p class="notice">{R.salesNeedNetwork}</p>}>
                  <Show when={sales() !== 'failed'} fallback={<p class="error">{R.loadFailed}</p>}>
                    <Show when={saleList().length > 0} fallback={<p class="empty">{R.noSales}</p>}>
                      <div class="table-scroll">
                        <table class="report-table">
                          <thead>
                            <tr>
                              <th scope="col">{R.time}</th>
                              <th scope="col">{R.soldBy}</th>
                              <th scope="col">{R.pieces}</th>
                              <th scope="col" class="num">
                                {R.netSales}
                              </th>
                              <th scope="col" class="num">
                                {R.tax}
                              </th>
                              <th scope="col" class="num">
                                {R.cost}
                              </th>
                            </tr>
                          </thead>
                          <tbody>
                            <For each={saleList()}>
                              {(s) => (
                                <tr data-testid="day-sale">
                                  <td>{fmtDate(s.at, storeInfo()?.timeZone ?? '')}</td>
                                  <td>{s.userName}</td>
                                  <td>
                                    {s.lines
                                      .map((l) => `${l.serial}${l.returned ? ` (${R.returned})` : ''}`)
                                      .join(', ')}
                                    {s.voided ? ` · ${R.voided}` : ''}
                                  </td>
                                  <td class="num">{money(s.revenueMinor, s.currency)}</td>
                                  <td class="num">{money(s.taxMinor, s.currency)}</td>
                                  <td class="num">{money(s.costMinor, s.currency)}</td>
                                </tr>
                              )}
                            </For>
                          </tbody>
                        </table>
                      </div>
                    </Show>
                  </Show>
                </Show>
              </Show>
            </section>
          </Show>
        </Show>

        <section class="card" data-testid="tier-section">
          <div class="section-head">
            <h2>{R.clientsByTier}</h2>
            <ExportCsv
              testId="export-tiers"
              table={R.clientsByTier}
              file={() => `tiers_${periodName()}.csv`}
              csv={() => tiersCsv(tierList(), reporting(), { total: R.total, tier: tierName })}
              disabled={tierList().length === 0}
            />
          </div>
          <Show
            when={tierList().length > 0}
            fallback={
              <Show when={online()} fallback={<p class="notice">{R.tiersNeedNetwork}</p>}>
                <Show when={tiers.latest !== 'failed'} fallback={<p class="error">{R.loadFailed}</p>}>
                  <p>{R.loading}</p>
                </Show>
              </Show>
            }
          >
            <div class="table-scroll">
              <table class="report-table" data-testid="tier-table">
                <thead>
                  <tr>
                    <th scope="col">{R.tier}</th>
                    <th scope="col" class="num">
                      {R.clients}
                    </th>
                    <th scope="col" class="num">
                      {R.netSales} ({R.inReporting(reporting())})
                    </th>
                    <th scope="col" class="num">
                      {R.share}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={tierRows().rows}>
                    {(t) => (
                      <tr data-testid={`tier-row-${t.tier}`}>
                        <th scope="row">{tierName(t.tier)}</th>
                        <td class="num" data-testid="tier-clients">
                          {t.clients ?? '—'}
                        </td>
                        <td class="num" data-minor={t.consolidatedMinor}>
                          {money(t.consolidatedMinor, reporting())}
                        </td>
                        <td class="num">{pct(t.shareBp)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{R.total}</th>
                    <td class="num" data-testid="tier-total-clients">
                      {tierRows().clients}
                    </td>
                    <td class="num" data-testid="tier-total-net" data-minor={tierRows().netMinor}>
                      {money(tierRows().netMinor, reporting())}
                    </td>
                    <td class="num" />
                  </tr>
                </tfoot>
              </table>
            </div>
            <p class="muted">{R.tiersNote}</p>
          </Show>
        </section>
      </Show>
    </div>
  );
}
