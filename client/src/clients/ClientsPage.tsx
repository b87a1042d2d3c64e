import { A, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import type { ClientProfile } from '../../../domain/client.ts';
import type { ChainClientHit } from '../../../domain/client-search.ts';
import type { Peer } from '../../../sync/shared/presence.ts';
import { useApp } from '../app-state.ts';
import { clientelingOf } from '../clienteling/clienteling-state.ts';
import { SegmentBar } from '../clienteling/SegmentBar.tsx';
import { inSegment } from '../clienteling/segments.ts';
import { TierBadge } from '../clienteling/TierBadge.tsx';
import { TierSettings } from '../clienteling/TierSettings.tsx';
import { clientView } from '../local/records.ts';
import { dateIn } from '../sell/new-client.ts';
import { browserTimeZone } from '../sell/receipt-header.ts';
import { B } from './book-strings.ts';
import {
  anyFilter,
  ClientFilterBar,
  type ClientListParams,
  profileFilters,
  segmentFilter,
} from './ClientFilterBar.tsx';
import { FEW_LOCAL_MATCHES, fetchChainClients } from './chain-search.ts';
import { C } from './strings.ts';

const LIMIT = 200;

/**
 * The store's client book: search as you type (names, e-mails, phones in any form, typos
 * forgiven) over the till's own index, filters that combine, who else has a client open, and —
 * when this store finds few — the other stores' clients through the relay.
 */
export function ClientsPage() {
  const app = useApp();
  const [params, setParams] = useSearchParams<ClientListParams>();
  const query = () => params.q ?? '';
  const today = () => dateIn(app.data()?.storeInfo()?.timeZone || browserTimeZone(), new Date());
  const clienteling = () => {
    const d = app.data();
    return d ? clientelingOf(app, d) : undefined;
  };

  // SEARCH-3: each filter chosen is one more condition. Ring size, metal and milestone are read
  // on the profile by the index; tier, rising and designer (TIER-*, preferences) need the
  // store's sales, so they are one more condition the index checks on the same walk.
  const filters = createMemo(() => profileFilters(params, today()));
  const where = createMemo(() => {
    const f = segmentFilter(params);
    const c = clienteling();
    if (!f || !c) return undefined;
    const facts = { tierOf: c.tierOf, risingOf: c.risingOf, today: today() };
    return (p: ClientProfile) => inSegment(p, f, facts);
  });
  const options = () => {
    const w = where();
    return { filters: filters(), ...(w ? { where: w } : {}) };
  };
  const result = createMemo(() => {
    const index = app.data()?.clientIndex();
    if (!index) return { total: 0, rows: [] };
    const r = index.search(query(), { limit: LIMIT, ...options() });
    return { total: r.total, rows: r.hits.map(clientView) };
  });
  /** Every match, for the export (asked only when the export is opened). */
  const everyMatch = () =>
    app
      .data()
      ?.clientIndex()
      .search(query(), { limit: Number.MAX_SAFE_INTEGER, ...options() }).hits ?? [];

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
    if (!data || !token || q.length < 2 || anyFilter(params) || result().total >= FEW_LOCAL_MATCHES) {
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
      <ClientFilterBar
        params={params}
        set={(p) => setParams(p, { replace: true })}
        tiers={clienteling() !== undefined}
      />
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
        {(c) => <SegmentBar segment={everyMatch} clienteling={c()} today={today} />}
      </Show>
    </div>
  );
}
