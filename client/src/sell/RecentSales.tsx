import { createSignal, For, Show } from 'solid-js';
import { useApp } from '../app-state.ts';
import { fmt, fmtDate } from '../format.ts';
import { stateOf } from '../local/outbox.ts';
import type { Command } from '../local/records.ts';
import { CommandStatus } from './CommandStatus.tsx';
import { RefusedSale } from './RefusedSale.tsx';
import { ReturnPanel } from './ReturnPanel.tsx';
import { ReturnReceipt } from './ReturnReceipt.tsx';
import { useSale } from './sale-context.ts';
import { readSale, type SaleView } from './sale-record.ts';
import { S } from './strings.ts';

/** This till's latest sales with their state; a return or exchange starts from here. */
export function RecentSales() {
  const app = useApp();
  const draft = useSale();
  const [returning, setReturning] = createSignal<string>();
  const [returned, setReturned] = createSignal<{ saleCommand: string; command: Command }>();
  const sales = () =>
    (app.data()?.commands.items ?? [])
      .filter((c) => c.type === 'sale.complete')
      .slice(-12)
      .reverse();
  return (
    <section class="recent" aria-label="Recent sales">
      <h2>{S.recentTitle}</h2>
      <Show when={sales().length > 0} fallback={<p class="muted">{S.none}</p>}>
        <ul>
          <For each={sales()}>
            {(c) => {
              const s = () => readSale(c, app.data()?.entries()[c.id]?.saleTax);
              return (
                <li data-testid="recent-sale" data-command-id={c.id}>
                  <div class="row">
                    <span data-testid="recent-sale-time">{fmtDate(c.at)}</span>
                    <span>
                      {s()
                        ?.lines.map((l) => l.serial)
                        .join(', ')}
                    </span>
                    <span class="num">{s() ? fmt(s()!.total) : ''}</span>
                    <CommandStatus id={c.id} />
                    <button type="button" class="link" onClick={() => draft.setLastSale(c)}>
                      {S.receiptLink}
                    </button>
                    <Show when={app.data()?.outcomes()[c.id]?.status === 'accepted'}>
                      <button
                        type="button"
                        class="link"
                        onClick={() => setReturning(returning() === c.id ? undefined : c.id)}
                      >
                        {S.returnExchange}
                      </button>
                    </Show>
                  </div>
                  <Show when={stateOf(c.id, app.data()?.outcomes() ?? {}) === 'rejected'}>
                    <RefusedSale command={c} />
                  </Show>
                  <Show when={returning() === c.id && s()}>
                    {(sale) => (
                      <ReturnPanel
                        sale={sale()}
                        onDone={(command) => {
                          setReturning(undefined);
                          setReturned({ saleCommand: c.id, command });
                        }}
                      />
                    )}
                  </Show>
                  <Show when={returned()?.saleCommand === c.id && s() ? returned() : undefined}>
                    {(r) => (
                      <ReturnReceipt
                        command={r().command}
                        sale={s() as SaleView}
                        onClose={() => setReturned(undefined)}
                      />
                    )}
                  </Show>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </section>
  );
}
