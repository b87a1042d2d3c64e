import { createSignal, Show } from 'solid-js';
import { capable } from '../../../domain/capabilities.ts';
import { parseSerial } from '../../../domain/ids.ts';
import type { Role } from '../../../domain/roles.ts';
import { useApp } from '../app-state.ts';
import { fmt, fmtDate } from '../format.ts';
import type { Command } from '../local/records.ts';
import { CommandStatus } from './CommandStatus.tsx';
import { ReturnPanel } from './ReturnPanel.tsx';
import { ReturnReceipt } from './ReturnReceipt.tsx';
import { readSale, type SaleView } from './sale-record.ts';
import { S } from './strings.ts';

/** A client brings a piece back: find its sale from any till of the store by the piece's serial. */
export function ReturnLookup() {
  const app = useApp();
  const [serial, setSerial] = createSignal('');
  const [found, setFound] = createSignal<Command>();
  const [error, setError] = createSignal<string>();
  const [recorded, setRecorded] = createSignal<{ command: Command; sale: SaleView }>();

  // CAP-3: returns by the owner's settings (by default managers and owners; others ask one).
  const allowed = () =>
    capable(app.data()?.capabilities(), (app.session()?.user.role ?? 'associate') as Role, 'refund');

  const find = (e: SubmitEvent) => {
    e.preventDefault();
    setFound(undefined);
    setError(undefined);
    const s = parseSerial(serial());
    const d = app.data();
    if (!s.ok || !d) return setError(S.returnSerialInvalid);
    const sales = Object.values(d.entries())
      .filter((x) => x.status === 'accepted' && x.type === 'sale.complete')
      .filter((x) => readSale(x)?.lines.some((l) => l.serial === s.value))
      .sort((a, b) => b.at.localeCompare(a.at));
    const sale = sales[0];
    if (!sale) return setError(S.returnNoSale(s.value));
    setFound(sale);
  };

  return (
    <section class="return-lookup" aria-label="Return or exchange">
      <h2>{S.returnTitle}</h2>
      <Show when={!allowed()}>
        <p class="muted">{S.returnManagerOnly}</p>
      </Show>
      <form class="scan" onSubmit={find}>
        <input
          aria-label={S.returnSerial}
          data-testid="return-serial"
          placeholder={S.returnSerial}
          value={serial()}
          onInput={(e) => setSerial(e.currentTarget.value)}
        />
        <button type="submit" disabled={!allowed()}>
          {S.findSale}
        </button>
      </form>
      <Show when={recorded()}>
        {(r) => (
          <>
            <p data-testid="return-recorded">
              {S.returnRecorded} <CommandStatus id={r().command.id} />
            </p>
            <ReturnReceipt command={r().command} sale={r().sale} onClose={() => setRecorded(undefined)} />
          </>
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
                <p>{S.soldOn(fmtDate(c().at), fmt(sale().total))}</p>
                <ReturnPanel
                  sale={sale()}
                  onDone={(cmd) => {
                    setFound(undefined);
                    setRecorded({ command: cmd, sale: sale() });
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
