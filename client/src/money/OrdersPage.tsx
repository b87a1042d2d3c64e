/**
 * `/money/orders`: find an order or layaway by client, description or number, with the relay's
 * balance; `/money/orders/:id`: its payments (`OrderPayments`), until the order page mounts them.
 */
import { A, useParams } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import { useApp } from '../app-state.ts';
import { fmt } from '../format.ts';
import { OrderPayments } from './OrderPayments.tsx';
import { M } from './strings.ts';

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

export function OrdersPage() {
  const app = useApp();
  const [query, setQuery] = createSignal('');
  const rows = createMemo(() => {
    const d = app.data();
    if (!d) return [];
    const q = fold(query().trim());
    return Object.values(d.money.orders)
      .map((o) => ({ ...o, clientName: d.clients[o.clientId]?.name ?? '' }))
      .filter(
        (o) =>
          !q ||
          fold(o.clientName).includes(q) ||
          fold(o.description).includes(q) ||
          o.orderId.toLowerCase().startsWith(q),
      )
      .sort((a, b) =>
        a.status === b.status ? b.balanceMinor - a.balanceMinor : a.status === 'open' ? -1 : 1,
      )
      .slice(0, 200);
  });
  return (
    <section class="page money-orders" aria-labelledby="orders-title">
      <h1 id="orders-title">{M.ordersTitle}</h1>
      <p class="muted">{M.ordersIntro}</p>
      <label class="field">
        {M.findOrder}
        <input
          type="search"
          data-testid="order-search"
          placeholder={M.findOrderPlaceholder}
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </label>
      <Show when={rows().length > 0} fallback={<p class="muted">{M.noOrders}</p>}>
        <table data-testid="orders-table">
          <thead>
            <tr>
              <th scope="col">{M.colOrder}</th>
              <th scope="col">{M.colClient}</th>
              <th scope="col">{M.colTotal}</th>
              <th scope="col">{M.colBalance}</th>
              <th scope="col">{M.colStatus}</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(o) => (
                <tr>
                  <td>
                    <A href={`/money/orders/${o.orderId}`}>
                      {M.kind[o.kind] ?? o.kind}: {o.description}
                    </A>
                  </td>
                  <td>{o.clientName}</td>
                  <td>{fmt({ minor: o.totalMinor, currency: o.currency })}</td>
                  <td>{fmt({ minor: o.balanceMinor, currency: o.currency })}</td>
                  <td>{M.status[o.status] ?? o.status}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}

export function OrderMoneyPage() {
  const params = useParams();
  return (
    <section class="page money-order">
      <p>
        <A href="/money/orders">← {M.ordersTitle}</A>
      </p>
      <OrderPayments orderId={params.id ?? ''} />
    </section>
  );
}
