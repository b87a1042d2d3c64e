import { A, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { SIZE_SYSTEMS, type SizeSystem } from '../../../domain/client.ts';
import type { ChainClientHit, ClientFilter } from '../../../domain/client-search.ts';
import { METALS, type Metal } from '../../../domain/piece.ts';
import type { Tier } from '../../../domain/tiers.ts';
import { readClients } from '../../../sync/shared/docs/clients.ts';
import type { Peer } from '../../../sync/shared/presence.ts';
import { useApp } from '../app-state.ts';
import { clientelingOf } from '../clienteling/clienteling-state.ts';
import { SegmentBar, type SegmentParams } from '../clienteling/SegmentBar.tsx';
import { inSegment } from '../clienteling/segments.ts';
import { TierBadge } from '../clienteling/TierBadge.tsx';
import { TierSettings } from '../clienteling/TierSettings.tsx';
import { clientView } from '../local/records.ts';
import { dateIn } from '../sell/new-client.ts';
import { browserTimeZone } from '../sell/receipt-header.ts';
import { B } from './book-strings.ts';
import { FEW_LOCAL_MATCHES, fetchChainClients } from './chain-search.ts';
import { C } from './strings.ts';

const LIMIT = 200;
const MILESTONE_WINDOWS = [7, 14, 30, 90] as const;

/**
 * The store's client book: search as you type (names, e-mails, phones in any form, typos
 * forgiven) over the till's own index, filters that combine, who else has a client open, and —
 * when this store finds few — the other stores' clients through the relay.
 */
export function ClientsPage() {
  const app = useApp();
  const [params, setParams] = useSearchParams<{ q: string } & SegmentParams>();
  const query = () => params.q ?? '';
  const [ringSize, setRingSize] = createSignal('');
  const [ringSystem, setRingSystem] = createSignal<SizeSystem | ''>('');
  const [metal, setMetal] = createSignal<Metal | ''>('');
  const [milestoneDays, setMilestoneDays] = createSignal(0);
  const today = () => dateIn(app.data()?.storeInfo()?.timeZone || browserTimeZone(), new Date());

  // SEARCH-3: each filter chosen is one more condition; a tier filter will be one more case.
  const filters = createMemo((): ClientFilter[] => {
    const out: ClientFilter[] = [];
    const size = ringSize().trim();
    const system = ringSystem();
    if (size) out.push({ kind: 'ring-size', size, ...(system ? { system } : {}) });
    const m = metal();
    if (m) out.push({ kind: 'metal', metal: m });
    if (milestoneDays() > 0) out.push({ kind: 'milestone-within', days: milestoneDays(), today: today() });
    return out;
  });
  const clienteling = () => {
    const d = app.data();
    return d ? clientelingOf(app, d) : undefined;
  };
  const filtering = () => !!(params.tier || params.rising || params.ms || params.metal || params.designer);
  // The segment (TIER-*, FOLLOWUP-*): profiles matching tier, rising, milestone and preferences.
  const segment = createMemo(() => {
    const d = app.data();
    const c = clienteling();
    if (!d || !c) return [];
    void d.clientIndex();
    const ms = params.ms ? Number(params.ms) : undefined;
    const filter = {
      ...(params.tier ? { tier: params.tier as Tier } : {}),
      ...(params.rising === '1' ? { rising: true } : {}),
      ...(ms !== undefined && Number.isFinite(ms) ? { milestoneWithin: ms } : {}),
      ...(params.metal ? { metal: params.metal as Metal } : {}),
      ...(params.designer ? { designer: params.designer } : {}),
    };
    const facts = { tierOf: c.tierOf, risingOf: c.risingOf, today: today() };
    return readClients(d.clientsDoc).filter((p) => inSegment(p, filter, facts));
  });
  const result = createMemo(() => {
    const index = app.data()?.clientIndex();
    if (!index) return { total: 0, rows: [] };
    if (!filtering()) {
      const r = index.search(query(), { limit: LIMIT, filters: filters() });
      return { total: r.total, rows: r.hits.map(clientView) };
    }
    const keep = new Set(segment().map((p) => p.id));
    const all = index
      .search(query(), { limit: Number.MAX_SAFE_INTEGER, filters: filters() })
      .hits.filter((h) => keep.has(h.id));
    return { total: all.length, rows: all.slice(0, LIMIT).map(clientView) };
  });

  // Who else has which client open (PRESENCE-1).
  const openBy = createMemo(() => {
    const m = new Map<string, Peer[]>();
    for (const p of app.data()?.peers() ?? []) {
      if (!p.client) continue;
      m.set(p.client, [...(m.get(p.client) ?? []), p]);
    }
    return m;
  });

  // The other stores, asked only when this book finds few and the query says something.
  const [others, setOthers] = createSignal<{ q: string; hits: ChainClientHit[] | undefined }>();
  createEffect(() => {
    const q = query().trim();
    const data = app.data();
    const token = app.session()?.token;
    if (!data || !token || q.length < 2 || filters().length > 0 || result().total >= FEW_LOCAL_MATCHES) {
      setOthers(undefined);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      void fetchChainClients(data.store, q, token, abort.signal).then((hits) => {
        if (!abort.signal.aborted) setOthers({ q, hits });
      });
    }, 250);
    onCleanup(() => {
      clearTimeout(timer);
      abort.abort();
    });
  });
  const storeName = (id: string) => app.data()?.stores[id]?.name ?? id;

  return (
    <div class="clients">
      <h1>{C.title}</h1>
      <Show when={['manager', 'owner'].includes(app.session()?.user.role ?? '')}>
        <A href="/clients/duplicates" class="link" data-testid="open-duplicates">
          {B.duplicates}
        </A>
      </Show>
      {/* Filters come first in the page's order: from the search box, Tab reaches the first client. */}
      <fieldset class="client-filters" data-testid="client-filters">
        <legend>{C.filters}</legend>
        <label class="field narrow">
          {C.filterRingSize}
          <input
            data-testid="filter-ring-size"
            value={ringSize()}
            placeholder={C.filterRingSizeHint}
            onInput={(e) => setRingSize(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          {C.system}
          <select
            data-testid="filter-ring-system"
            value={ringSystem()}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setRingSystem(SIZE_SYSTEMS.find((s) => s === v) ?? '');
            }}
          >
            <option value="">{C.anySystem}</option>
            <For each={SIZE_SYSTEMS}>{(s) => <option value={s}>{s}</option>}</For>
          </select>
        </label>
        <label class="field">
          {C.filterMetal}
          <select
            data-testid="filter-metal"
            value={metal()}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setMetal(METALS.find((m) => m === v) ?? '');
            }}
          >
            <option value="">{C.anyMetal}</option>
            <For each={METALS}>{(m) => <option value={m}>{C.metalNames[m] ?? m}</option>}</For>
          </select>
        </label>
        <label class="field">
          {C.filterMilestone}
          <select
            data-testid="filter-milestone"
            value={String(milestoneDays())}
            onChange={(e) => setMilestoneDays(Number(e.currentTarget.value) || 0)}
          >
            <option value="0">{C.anyMilestone}</option>
            <For each={MILESTONE_WINDOWS}>{(d) => <option value={String(d)}>{C.withinDays(d)}</option>}</For>
          </select>
        </label>
        <Show when={filters().length > 0}>
          <button
            type="button"
            class="link"
            data-testid="clear-filters"
            onClick={() => {
              setRingSize('');
              setRingSystem('');
              setMetal('');
              setMilestoneDays(0);
            }}
          >
            {C.clearFilters}
          </button>
        </Show>
      </fieldset>
      <div class="client-search-bar">
        <label class="field grow">
          {C.search}
          <input
            type="search"
            data-testid="clients-search"
            placeholder={C.searchPlaceholder}
            value={query()}
            autofocus
            onInput={(e) => setParams({ q: e.currentTarget.value || undefined }, { replace: true })}
          />
        </label>
      </div>
      <Show when={app.data()?.ready()} fallback={<p class="muted">{C.loading}</p>}>
        <p class="muted" data-testid="clients-count" aria-live="polite">
          {C.count(result().total)}
          <Show when={result().total > result().rows.length}>{C.showingFirst(result().rows.length)}</Show>
        </p>
        <Show when={result().rows.length > 0} fallback={<p class="empty">{C.none}</p>}>
          <ul class="client-list" aria-label={C.listLabel} data-testid="client-list">
            <For each={result().rows}>
              {(c) => {
                const peers = () => openBy().get(c.id) ?? [];
                return (
                  <li>
                    <A href={`/clients/${c.id}`} data-testid="client-row" data-client={c.id}>
                      <strong>{c.name}</strong>
                      <TierBadge
                        tier={clienteling()?.tierOf(c.id)}
                        rising={clienteling()?.risingOf(c.id) ?? false}
                      />
                      <span class="muted">{[c.phone, c.email].filter(Boolean).join(' · ')}</span>
                      <Show when={peers().length > 0}>
                        <span class="presence-badge" data-testid="row-presence">
                          {C.openBy(peers().map((p) => p.name || C.someone))}
                        </span>
                      </Show>
                    </A>
                  </li>
                );
              }}
            </For>
          </ul>
        </Show>
        <Show when={others()}>
          {(o) => (
            <section class="other-stores" aria-labelledby="other-stores-h" data-testid="other-stores">
              <h2 id="other-stores-h">{C.otherStores}</h2>
              <Show when={o().hits} fallback={<p class="muted">{C.otherStoresOffline}</p>}>
                {(hits) => (
                  <Show when={hits().length > 0} fallback={<p class="muted">{C.otherStoresNone}</p>}>
                    <ul class="client-list">
                      <For each={hits()}>
                        {(h) => (
                          <li class="other-store-row" data-testid="other-store-row" data-client={h.id}>
                            <strong>{h.name}</strong>
                            <span class="muted">
                              {[C.homeStore(storeName(h.homeStore)), h.phone, h.email]
                                .filter(Boolean)
                                .join(' · ')}
                            </span>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                )}
              </Show>
            </section>
          )}
        </Show>
      </Show>
      {/* After the list, so Tab goes from the search straight to the first client. */}
      <Show when={app.session()?.user.role === 'owner'}>
        <TierSettings />
      </Show>
      <Show when={clienteling()}>
        {(c) => (
          <SegmentBar
            params={params}
            set={(p) => setParams(p, { replace: true })}
            segment={() =>
              query().trim().length >= 2
                ? segment().filter((s) => result().rows.some((r) => r.id === s.id))
                : segment()
            }
            clienteling={c()}
            today={today}
          />
        )}
      </Show>
    </div>
  );
}
