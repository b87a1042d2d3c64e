import { createSignal, For, Show } from 'solid-js';
import { useApp } from '../app-state.ts';
import { fmt, fmtDate, statusLabel } from '../format.ts';
import { appendCommand } from '../local/outbox.ts';
import { readSale } from '../sell/sale-record.ts';
import { advice, RESOLVE } from './conflicts.ts';

/** The domain's `conflict.resolve` resolutions. */
type Resolution = 'refunded-client' | 'sold-another-piece' | 'voided-competing-sale' | 'dismissed';

import type { RemoteConflict } from './conflicts-api.ts';

/** One rejected command, the competing sale when this till knows it, and the ways out. */
export function ConflictCard(props: { conflict: RemoteConflict; onResolved: () => void }) {
  const app = useApp();
  const [note, setNote] = createSignal('');
  const c = () => props.conflict;
  const rejectedSale = () => (c().command ? readSale(c().command!) : undefined);
  // The sale that won: from the relay's list, else an accepted sale of the same serial here.
  const competing = () => {
    const d = app.data();
    if (c().competing) return c().competing;
    if (!d) return undefined;
    const outcomes = d.outcomes();
    return d.commands.items.find(
      (x) =>
        x.type === 'sale.complete' &&
        x.id !== c().id &&
        outcomes[x.id]?.status === 'accepted' &&
        readSale(x)?.lines.some((l) => c().serials.includes(l.serial)),
    );
  };
  const resolve = (resolution: Resolution, fallbackNote: string) => {
    const d = app.data();
    if (!d) return;
    const text = note().trim() || fallbackNote;
    appendCommand(d.outbox, app.actor(), RESOLVE, { commandId: c().id, resolution, note: text });
    props.onResolved();
  };
  const voidCompeting = () => {
    const d = app.data();
    const other = competing();
    const saleId = (other?.payload as { saleId?: unknown } | undefined)?.saleId;
    if (!d || typeof saleId !== 'string') return;
    const reason = note().trim() || `Conflict with ${c().id}: the piece goes to the other client`;
    appendCommand(d.outbox, app.actor(), 'sale.void', { saleId, reason });
    resolve('voided-competing-sale', `Voided sale ${saleId} and refunded its client`);
  };

  return (
    <li
      class="card conflict"
      data-testid="conflict"
      data-command-id={c().id}
      data-serials={c().serials.join(' ')}
    >
      <header>
        <strong>
          {c()
            .serials.map((s) => app.data()?.pieces[s]?.title ?? s)
            .join(', ') || 'A command'}
        </strong>
        <span class="muted">
          {' '}
          · {c().serials.join(', ')} · rejected {fmtDate(c().outcome.decidedAt)}
        </span>
      </header>
      <p class="reason" data-testid="conflict-reason">
        {c().outcome.reason ?? c().outcome.code ?? 'Rejected by the store server.'}
      </p>
      <p class="advice">{advice(c().outcome.code)}</p>
      <div class="sides">
        <div>
          <h3>Rejected</h3>
          <Show
            when={rejectedSale()}
            fallback={
              <p class="muted">Sent from another till ({c().command?.device ?? 'unknown device'}).</p>
            }
          >
            {(s) => (
              <p>
                Sale of{' '}
                {s()
                  .lines.map((l) => l.serial)
                  .join(', ')}{' '}
                for {fmt(s().total)} on {fmtDate(c().command?.at ?? '')}
              </p>
            )}
          </Show>
        </div>
        <div>
          <h3>Competing</h3>
          <Show
            when={competing()}
            fallback={
              <For each={c().serials}>
                {(s) => (
                  <p>
                    {s} is now {statusLabel(app.data()?.stock[s]?.status)} (recorded by another till).
                  </p>
                )}
              </For>
            }
          >
            {(o) => (
              <p data-testid="competing-sale">
                Accepted sale on this till, {fmtDate(o().at)},{' '}
                {readSale(o()) ? fmt(readSale(o())!.total) : ''}
              </p>
            )}
          </Show>
        </div>
      </div>
      <label class="field">
        Note
        <input
          value={note()}
          onInput={(e) => setNote(e.currentTarget.value)}
          placeholder="What was agreed with the client"
        />
      </label>
      <div class="actions">
        <Show when={competing()}>
          <button type="button" onClick={voidCompeting}>
            Void the accepted sale and refund
          </button>
        </Show>
        <button type="button" onClick={() => resolve('refunded-client', 'Refunded this client')}>
          Keep the accepted sale, refund this client
        </button>
        <button type="button" onClick={() => resolve('sold-another-piece', 'The client chose another piece')}>
          Client took another piece
        </button>
        <button type="button" class="primary" onClick={() => resolve('dismissed', 'Record corrected')}>
          Correct the record
        </button>
      </div>
    </li>
  );
}
