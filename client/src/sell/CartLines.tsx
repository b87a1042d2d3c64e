import { For, Show } from 'solid-js';
import { useApp } from '../app-state.ts';
import { fmt } from '../format.ts';
import { useSale } from './sale-context.ts';
import { S } from './strings.ts';

/** The pieces in the cart with what a client asks about: metal, karat, stones, certificate. */
export function CartLines() {
  const app = useApp();
  const sale = useSale();
  return (
    <Show when={sale.lines().length > 0} fallback={<p class="empty">{S.cartEmpty}</p>}>
      <ul class="cart-lines" data-testid="cart">
        <For each={sale.totals().lines}>
          {(line) => {
            const piece = () => app.data()?.pieces[line.serial];
            return (
              <li class="cart-line" data-testid="cart-line" data-serial={line.serial}>
                <div class="what">
                  <strong>{line.title}</strong>
                  <span class="serial">{line.serial}</span>
                  <span class="attrs">
                    {[piece()?.metal, piece()?.karat].filter(Boolean).join(' · ')}
                    <For each={piece()?.stones ?? []}>
                      {(s) => (
                        <span>
                          {' '}
                          · {s.carat} ct {s.kind}
                        </span>
                      )}
                    </For>
                  </span>
                  <For each={piece()?.certificates ?? []}>
                    {(c) => (
                      <span class="cert">
                        {c.lab} {c.number}
                      </span>
                    )}
                  </For>
                </div>
                <div class="price">
                  <span>{fmt(line.price)}</span>
                  <Show when={line.discount.minor > 0}>
                    <span class="muted">− {fmt(line.discount)}</span>
                  </Show>
                </div>
                <button
                  type="button"
                  class="link"
                  aria-label={S.remove(line.serial)}
                  onClick={() => sale.remove(line.serial)}
                >
                  {S.removeLabel}
                </button>
              </li>
            );
          }}
        </For>
      </ul>
    </Show>
  );
}
