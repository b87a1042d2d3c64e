import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { type HistoryLine, mergeHistory, summarizeHistory } from '../../../domain/client-history.ts';
import type { ExchangeRate } from '../../../domain/exchange.ts';
import type { Currency } from '../../../domain/money.ts';
import { clientAliases } from '../../../sync/shared/docs/clients.ts';
import { useApp } from '../app-state.ts';
import { fmt, fmtDate } from '../format.ts';
import { B } from './book-strings.ts';
import { deviceHistory, fetchHistory } from './client-history.ts';

const RATES_KEY = 'loupe.exchangeRates';
const cachedRates = (): ExchangeRate[] => {
  try {
    return JSON.parse(localStorage.getItem(RATES_KEY) ?? '[]') as ExchangeRate[];
  } catch {
    return [];
  }
};

/** HISTORY-1..4: the client's purchases, returns, orders and reservations, and what they add up to. */
export function ClientHistorySection(props: { clientId: string }) {
  const app = useApp();
  const [relayLines, setRelayLines] = createSignal<HistoryLine[]>([]);
  const [next, setNext] = createSignal<string | null>(null);
  const [offline, setOffline] = createSignal(false);
  const [rates, setRates] = createSignal<ExchangeRate[]>(cachedRates());
  const load = async (before?: string) => {
    const d = app.data();
    const token = app.session()?.token;
    if (!d || !token) return;
    const page = await fetchHistory(d.store, props.clientId, token, before);
    if (!page) return setOffline(true);
    setOffline(false);
    setRelayLines((l) => (before ? [...l, ...page.lines] : page.lines));
    setNext(page.next);
    setRates(page.rates);
    localStorage.setItem(RATES_KEY, JSON.stringify(page.rates));
  };
  createEffect(
    on(
      () => props.clientId,
      () => void load(),
    ),
  );
  const lines = createMemo(() => {
    const d = app.data();
    if (!d) return [];
    const ids = new Set(clientAliases(d.clientsDoc, props.clientId));
    return mergeHistory(deviceHistory(ids, d.entries(), d.stock), relayLines());
  });
  const currency = () => (app.data()?.storeInfo()?.currency ?? 'EUR') as Currency;
  const summary = createMemo(() => summarizeHistory(lines(), currency(), rates()));
  const converted = (l: HistoryLine) => summary().converted.find((c) => c.line.id === l.id);
  return (
    <section class="card history-card" aria-labelledby="history-h" data-testid="client-history">
      <h2 id="history-h">{B.history}</h2>
      <Show when={offline()}>
        <p class="notice" data-testid="history-offline">
          {B.offlineHistory}
        </p>
      </Show>
      <dl class="history-figures">
        <div>
          <dt>{B.lifetime}</dt>
          <dd data-testid="lifetime-value">{fmt(summary().lifetimeValue)}</dd>
        </div>
        <div>
          <dt>{B.visits}</dt>
          <dd data-testid="visit-count">{summary().visits}</dd>
        </div>
        <div>
          <dt>{B.lastVisit}</dt>
          <dd>{summary().lastVisit ?? '—'}</dd>
        </div>
        <div>
          <dt>{B.frequency}</dt>
          <dd>
            {summary().daysBetweenVisits !== undefined ? B.everyDays(summary().daysBetweenVisits ?? 0) : '—'}
          </dd>
        </div>
        <div>
          <dt>{B.basket}</dt>
          <dd>{summary().averageBasket ? fmt(summary().averageBasket as never) : '—'}</dd>
        </div>
      </dl>
      <Show when={summary().unconverted.length > 0}>
        <p class="muted">{B.unconverted(summary().unconverted.length)}</p>
      </Show>
      <Show when={lines().length > 0} fallback={<p class="muted">{B.noHistory}</p>}>
        <ul class="history-lines" aria-label={B.history}>
          <For each={lines()}>
            {(l) => (
              <li data-testid="history-line" data-kind={l.kind} data-id={l.id}>
                <span class="kind">{B.kinds[l.kind] ?? l.kind}</span>{' '}
                <span class="muted">
                  {l.kind === 'reservation' ? (l.at ? B.reservedUntil(fmtDate(l.at)) : '') : fmtDate(l.at)}
                </span>{' '}
                <Show when={l.amount}>
                  {(a) => (
                    <span>
                      {converted(l) ? fmt(converted(l)?.value as never) : fmt(a())}{' '}
                      <Show when={converted(l)}>
                        <span class="muted">{B.convertedFrom(fmt(a()))}</span>
                      </Show>
                    </span>
                  )}
                </Show>{' '}
                <span class="muted">
                  {[...(l.serials ?? []), l.description ?? ''].filter(Boolean).join(' · ')}
                </span>
                <Show when={l.source === 'device'}>
                  <span class="muted"> ({B.onTill})</span>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={next()}>
        <button type="button" class="link" onClick={() => void load(next() ?? undefined)}>
          {B.more}
        </button>
      </Show>
    </section>
  );
}
