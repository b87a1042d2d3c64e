import { A } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { isOverdue } from '../../../domain/work-order.ts';
import { useApp } from '../app-state.ts';
import { fmt } from '../format.ts';
import { W } from './strings.ts';
import { todayIso, workRow } from './work-view.ts';

/** On a client's profile: their custom orders and repairs, newest due first, with stage and balance. */
export function ClientWork(props: { clientId: string }) {
  const app = useApp();
  const rows = createMemo(() => {
    const d = app.data();
    if (!d) return [];
    const currency = d.storeInfo()?.currency ?? 'EUR';
    return Object.values(d.works)
      .filter((w) => w.clientId === props.clientId)
      .map((w) => workRow(w, d.jobs[w.id], d.clients[w.clientId], currency))
      .sort((a, b) => (b.dueDate ?? '').localeCompare(a.dueDate ?? ''));
  });
  const today = todayIso();
  return (
    <section class="card" aria-labelledby="client-work-h" data-testid="client-work">
      <h2 id="client-work-h">{W.title}</h2>
      <ul>
        <For each={rows()} fallback={<li class="muted">{W.none}</li>}>
          {(r) => (
            <li classList={{ overdue: isOverdue(r.stage, r.dueDate, today) }}>
              <A href={`/work/${r.id}`}>
                {W.kinds[r.kind]} {r.claimCheck} — {r.title}
              </A>{' '}
              <span class="muted">
                {W.stages[r.stage]}
                <Show when={r.dueDate}> · {r.dueDate}</Show>
                <Show when={r.balanceMinor > 0}>
                  {' '}
                  · {fmt({ minor: r.balanceMinor, currency: r.currency })}
                </Show>
              </span>
            </li>
          )}
        </For>
      </ul>
      <p>
        <A href={`/work/new?kind=repair&client=${props.clientId}`}>{W.newRepair}</A> ·{' '}
        <A href={`/work/new?kind=custom&client=${props.clientId}`}>{W.newOrder}</A>
      </p>
    </section>
  );
}
