import { createSignal, Show } from 'solid-js';
import { parseSerial } from '../../../domain/ids.ts';
import { can, type Role } from '../../../domain/roles.ts';
import { useApp } from '../app-state.ts';
import { fmt, fmtDate } from '../format.ts';
import type { Command } from '../local/records.ts';
import { CommandStatus } from './CommandStatus.tsx';
import { ReturnPanel } from './ReturnPanel.tsx';
import { readSale } from './sale-record.ts';

/** A client brings a piece back: find its sale from any till of the store by the piece's serial. */
export function ReturnLookup() {
  const app = useApp();
  const [serial, setSerial] = createSignal('');
  const [found, setFound] = createSignal<Command>();
  const [error, setError] = createSignal<string>();
  const [recorded, setRecorded] = createSignal<Command>();

  const allowed = () => can((app.session()?.user.role ?? 'associate') as Role, 'refund');

  const find = (e: SubmitEvent) => {
    e.preventDefault();
    setFound(undefined);
    setError(undefined);
    const s = parseSerial(serial());
    const d = app.data();
    if (!s.ok || !d) return setError('Enter the serial on the piece’s tag.');
    const sales = Object.values(d.entries())
      .filter((x) => x.status === 'accepted' && x.type === 'sale.complete')
      .filter((x) => readSale(x)?.lines.some((l) => l.serial === s.value))
      .sort((a, b) => b.at.localeCompare(a.at));
    const sale = sales[0];
    if (!sale) return setError(`No sale of ${s.value} in this store’s recent ledger.`);
    setFound(sale);
  };

  return (
    <section class="return-lookup" aria-label="Return or exchange">
      <h2>Return or exchange</h2>
      <Show when={!allowed()}>
        <p class="muted">A manager records returns: switch user to one.</p>
      </Show>
      <form class="scan" onSubmit={find}>
        <input
          aria-label="Serial of the returned piece"
          data-testid="return-serial"
          placeholder="Serial of the returned piece"
          value={serial()}
          onInput={(e) => setSerial(e.currentTarget.value)}
        />
        <button type="submit" disabled={!allowed()}>
          Find sale
        </button>
      </form>
      <Show when={recorded()}>
        {(c) => (
          <p data-testid="return-recorded">
            Return recorded <CommandStatus id={c().id} />
          </p>
        )}
      </Show>
      <Show when={error()}>
        <p class="notice" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={found()}>
        {(c) => (
          <Show when={readSale(c())}>
            {(sale) => (
              <div data-testid="return-sale">
                <p>
                  Sold {fmtDate(c().at)} · {fmt(sale().total)}
                </p>
                <ReturnPanel
                  sale={sale()}
                  onDone={(cmd) => {
                    setFound(undefined);
                    setRecorded(cmd);
                  }}
                />
              </div>
            )}
          </Show>
        )}
      </Show>
    </section>
  );
}
