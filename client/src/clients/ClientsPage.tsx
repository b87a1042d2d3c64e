import { A, useSearchParams } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import type { Metal } from '../../../domain/piece.ts';
import type { Tier } from '../../../domain/tiers.ts';
import { readClients } from '../../../sync/shared/docs/clients.ts';
import { useApp } from '../app-state.ts';
import { clientelingOf } from '../clienteling/clienteling-state.ts';
import { SegmentBar, type SegmentParams } from '../clienteling/SegmentBar.tsx';
import { inSegment } from '../clienteling/segments.ts';
import { TierBadge } from '../clienteling/TierBadge.tsx';
import { TierSettings } from '../clienteling/TierSettings.tsx';
import type { ClientView } from '../local/records.ts';
import { searchClients } from '../sell/client-search.ts';
import { B } from './book-strings.ts';
import { dateIn } from '../sell/new-client.ts';
import { C } from './strings.ts';

const LIMIT = 200;

/** The store's client book: everyone, by name, or those matching a name, phone or e-mail. */
export function ClientsPage() {
  const app = useApp();
  const [params, setParams] = useSearchParams<{ q: string } & SegmentParams>();
  const query = () => params.q ?? '';
  const all = createMemo(() => Object.values(app.data()?.clients ?? {}));
  const clienteling = () => {
    const d = app.data();
    return d ? clientelingOf(app, d) : undefined;
  };
  const today = () => dateIn(clienteling()?.timeZone() ?? 'UTC', new Date());
  const filtering = () => !!(params.tier || params.rising || params.ms || params.metal || params.designer);
  // The segment: profiles (parsed by the domain) matching the filters (tier, rising, milestone, preferences).
  const segment = createMemo(() => {
    const d = app.data();
    const c = clienteling();
    void all();
    if (!d || !c) return [];
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
  const rows = createMemo((): { total: number; rows: ClientView[] } => {
    const q = query().trim();
    const keep = filtering() ? new Set<string>(segment().map((p) => p.id)) : undefined;
    const pick = (list: ClientView[]) => (keep ? list.filter((c) => keep.has(c.id)) : list);
    if (q.length >= 2) {
      const found = pick(searchClients(app.data()?.clients ?? {}, q, Number.MAX_SAFE_INTEGER));
      return { total: found.length, rows: found.slice(0, LIMIT) };
    }
    const sorted = pick([...all()]).sort((a, b) => a.name.localeCompare(b.name));
    return { total: sorted.length, rows: sorted.slice(0, LIMIT) };
  });
  return (
    <div class="clients">
      <h1>{C.title}</h1>
      <Show when={['manager', 'owner'].includes(app.session()?.user.role ?? '')}>
        <A href="/clients/duplicates" class="link" data-testid="open-duplicates">
          {B.duplicates}
        </A>
      </Show>
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
      <Show when={app.data()?.ready()} fallback={<p class="muted">{C.loading}</p>}>
        <p class="muted" data-testid="clients-count" aria-live="polite">
          {C.count(rows().total)}
          <Show when={rows().total > rows().rows.length}>{C.showingFirst(rows().rows.length)}</Show>
        </p>
        <Show when={rows().rows.length > 0} fallback={<p class="empty">{C.none}</p>}>
          <ul class="client-list" aria-label={C.listLabel} data-testid="client-list">
            <For each={rows().rows}>
              {(c) => (
                <li>
                  <A href={`/clients/${c.id}`} data-testid="client-row" data-client={c.id}>
                    <strong>{c.name}</strong>
                    <TierBadge
                      tier={clienteling()?.tierOf(c.id)}
                      rising={clienteling()?.risingOf(c.id) ?? false}
                    />
                    <span class="muted">{[c.phone, c.email].filter(Boolean).join(' · ')}</span>
                  </A>
                </li>
              )}
            </For>
          </ul>
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
                ? segment().filter((s) => rows().rows.some((r) => r.id === s.id))
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
