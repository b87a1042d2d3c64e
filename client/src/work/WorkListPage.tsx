import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, For, onCleanup, Show } from 'solid-js';
import { isOverdue, normalizeClaimCheck, ORDER_STAGES, REPAIR_STAGES } from '../../../domain/work-order.ts';
import type { Peer } from '../../../sync/shared/presence.ts';
import { useApp } from '../app-state.ts';
import { attachmentCache } from '../attachments/attachment-cache.ts';
import { fmt } from '../format.ts';
import { useHardware } from '../hardware/hardware.ts';
import { W } from './strings.ts';
import { filterWork, NO_FILTER, sortWork, type WorkFilter } from './work-list.ts';
import { todayIso, workRow } from './work-view.ts';

const STAGES = [...new Set([...ORDER_STAGES, ...REPAIR_STAGES])];
const LIMIT = 300;
/** At most this many thumbnails (about 20 kB each) are fetched ahead from the work list. */
const PREFETCH_LIMIT = 400;

/** WORK-6: the store's orders and repairs, filtered as you type; scanning a job tag opens the job. */
export function WorkListPage() {
  const app = useApp();
  const hardware = useHardware();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams<{
    q: string;
    stage: string;
    kind: string;
    designer: string;
    due: string;
    scan: string;
  }>();
  const filter = (): WorkFilter => ({
    query: params.q ?? '',
    stage: (params.stage as WorkFilter['stage']) ?? NO_FILTER.stage,
    kind: (params.kind as WorkFilter['kind']) ?? 'all',
    designer: params.designer ?? '',
    due: (params.due as WorkFilter['due']) ?? 'all',
  });
  const currency = () => app.data()?.storeInfo()?.currency ?? 'EUR';
  // Who else has which job open (ORDERPRES-2).
  const openBy = createMemo(() => {
    const m = new Map<string, Peer[]>();
    for (const p of app.data()?.workPeers() ?? []) {
      if (!p.job) continue;
      m.set(p.job, [...(m.get(p.job) ?? []), p]);
    }
    return m;
  });
  const rows = createMemo(() => {
    const d = app.data();
    if (!d) return [];
    return sortWork(
      Object.values(d.works).map((w) => workRow(w, d.jobs[w.id], d.clients[w.clientId], currency())),
    );
  });
  const today = todayIso();
  const shown = createMemo(() => filterWork(rows(), filter(), today));

  // ORDERATT-3: the open jobs' thumbnails come onto the till while it is online, so each order
  // opens with its pictures later with no network (only what is not cached yet is fetched).
  let prefetched = '';
  createEffect(() => {
    const d = app.data();
    const token = app.session()?.token;
    if (!d?.ready() || !token || !navigator.onLine) return;
    const shas = rows()
      .filter((r) => r.stage !== 'collected')
      .flatMap((r) => (d.works[r.id]?.attachments ?? []).map((a) => a.id))
      .slice(0, PREFETCH_LIMIT);
    const key = shas.join();
    if (key === prefetched) return;
    prefetched = key;
    void attachmentCache().prefetch(shas, token, 'thumbnail');
  });
  const designers = createMemo(() =>
    [
      ...new Set(
        rows()
          .map((r) => r.designer)
          .filter(Boolean),
      ),
    ].sort(),
  );
  const [scanError, setScanError] = [
    () => params.scan,
    (v: string | undefined) => setParams({ scan: v }, { replace: true }),
  ] as const;

  // A job tag scanned at the counter opens its job (REPAIR-2).
  const openClaim = (data: string): boolean => {
    const claim = normalizeClaimCheck(data);
    if (!claim) return false;
    const row = rows().find((r) => r.claimCheck === claim);
    if (row) navigate(`/work/${row.id}`);
    else setScanError(claim);
    return true;
  };
  onCleanup(hardware.onScan((s) => void openClaim(s.data)));

  const set = (key: keyof typeof params, value: string) =>
    setParams({ [key]: value === '' ? undefined : value }, { replace: true });

  return (
    <div class="work">
      <div class="work-head">
        <h1>{W.title}</h1>
        <A class="button" href="/work/new?kind=repair" data-testid="new-repair">
          {W.newRepair}
        </A>
        <A class="button" href="/work/new?kind=custom" data-testid="new-order">
          {W.newOrder}
        </A>
      </div>
      <div class="work-filters">
        <label class="field grow">
          {W.search}
          <input
            type="search"
            data-testid="work-search"
            placeholder={W.searchPlaceholder}
            value={filter().query}
            autofocus
            onInput={(e) => set('q', e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && openClaim(e.currentTarget.value)) e.preventDefault();
            }}
          />
        </label>
        <label class="field">
          {W.stage}
          <select
            data-testid="work-stage-filter"
            value={filter().stage}
            onChange={(e) => set('stage', e.currentTarget.value)}
          >
            <option value="open">{W.open}</option>
            <option value="all">{W.all}</option>
            <For each={STAGES}>{(s) => <option value={s}>{W.stages[s]}</option>}</For>
          </select>
        </label>
        <label class="field">
          {W.kind}
          <select value={filter().kind} onChange={(e) => set('kind', e.currentTarget.value)}>
            <option value="all">{W.allKinds}</option>
            <option value="custom">{W.kinds.custom}</option>
            <option value="repair">{W.kinds.repair}</option>
          </select>
        </label>
        <label class="field">
          {W.designer}
          <input
            list="work-designers"
            value={filter().designer}
            onInput={(e) => set('designer', e.currentTarget.value)}
          />
          <datalist id="work-designers">
            <For each={designers()}>{(d) => <option value={d} />}</For>
          </datalist>
        </label>
        <label class="field">
          {W.due}
          <select
            data-testid="work-due-filter"
            value={filter().due}
            onChange={(e) => set('due', e.currentTarget.value)}
          >
            <option value="all">{W.dueAll}</option>
            <option value="overdue">{W.dueOverdue}</option>
            <option value="week">{W.dueWeek}</option>
          </select>
        </label>
      </div>
      <Show when={scanError()}>
        {(c) => (
          <p class="error" role="alert">
            {W.scanned(c())}
          </p>
        )}
      </Show>
      <Show when={app.data()?.ready()} fallback={<p class="muted">{W.loading}</p>}>
        <p class="muted" data-testid="work-count" aria-live="polite">
          {W.count(shown().length)}
        </p>
        <Show when={shown().length > 0} fallback={<p class="empty">{W.none}</p>}>
          <table class="work-list" aria-label={W.listLabel} data-testid="work-list">
            <thead>
              <tr>
                <th scope="col">{W.claimCheck}</th>
                <th scope="col">{W.kind}</th>
                <th scope="col">{W.client}</th>
                <th scope="col">{W.designer}</th>
                <th scope="col">{W.stage}</th>
                <th scope="col">{W.due}</th>
                <th scope="col">{W.balance}</th>
              </tr>
            </thead>
            <tbody>
              <For each={shown().slice(0, LIMIT)}>
                {(r) => {
                  const late = () => isOverdue(r.stage, r.dueDate, today);
                  return (
                    <tr data-testid="work-row" data-job={r.id} classList={{ overdue: late() }}>
                      <td>
                        <A href={`/work/${r.id}`}>{r.claimCheck}</A>
                      </td>
                      <td>
                        {W.kinds[r.kind]} — {r.title}
                        <Show when={(openBy().get(r.id) ?? []).length > 0}>
                          {' '}
                          <span class="presence-badge" data-testid="work-row-presence">
                            {W.openBy((openBy().get(r.id) ?? []).map((p) => p.name || W.someone))}
                          </span>
                        </Show>
                      </td>
                      <td>{r.clientName}</td>
                      <td>{r.designer}</td>
                      <td data-testid="work-row-stage">{W.stages[r.stage]}</td>
                      <td>
                        {r.dueDate ?? ''}
                        <Show when={late()}>
                          {' '}
                          <span class="overdue-flag">({W.overdue})</span>
                        </Show>
                      </td>
                      <td>{fmt({ minor: r.balanceMinor, currency: r.currency })}</td>
                    </tr>
                  );
                }}
              </For>
            </tbody>
          </table>
        </Show>
      </Show>
    </div>
  );
}
