import { A, useSearchParams } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { useApp } from '../app-state.ts';
import type { ClientView } from '../local/records.ts';
import { searchClients } from '../sell/client-search.ts';
import { B } from './book-strings.ts';
import { C } from './strings.ts';

const LIMIT = 200;

/** The store's client book: everyone, by name, or those matching a name, phone or e-mail. */
export function ClientsPage() {
  const app = useApp();
  const [params, setParams] = useSearchParams<{ q: string }>();
  const query = () => params.q ?? '';
  const all = createMemo(() => Object.values(app.data()?.clients ?? {}));
  const rows = createMemo((): { total: number; rows: ClientView[] } => {
    const q = query().trim();
    if (q.length >= 2) {
      const found = searchClients(app.data()?.clients ?? {}, q, Number.MAX_SAFE_INTEGER);
      return { total: found.length, rows: found.slice(0, LIMIT) };
    }
    const sorted = [...all()].sort((a, b) => a.name.localeCompare(b.name));
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
                    <span class="muted">{[c.phone, c.email].filter(Boolean).join(' · ')}</span>
                  </A>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </div>
  );
}
