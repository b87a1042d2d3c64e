/** COUNT-6: every recorded count, newest first, with how accurate the stock records were. */
import { For, Show } from 'solid-js';
import type { StockCountRecord } from '../../../sync/shared/docs/ledger.ts';
import { fmtDate } from '../format.ts';
import { countAccuracy } from './count-model.ts';
import { C } from './strings.ts';

export function CountHistory(props: { history: readonly StockCountRecord[] }) {
  return (
    <section class="count-history" aria-label={C.history}>
      <h2>{C.history}</h2>
      <Show when={props.history.length > 0} fallback={<p class="muted">{C.noHistory}</p>}>
        <table data-testid="count-history">
          <caption class="sr-only">{C.historyTable}</caption>
          <thead>
            <tr>
              <th scope="col">{C.colWhen}</th>
              <th scope="col">{C.colScope}</th>
              <th scope="col">{C.colParts}</th>
              <th scope="col">{C.colFound}</th>
              <th scope="col">{C.colMissing}</th>
              <th scope="col">{C.colUnexpected}</th>
              <th scope="col">{C.colAccuracy}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.history}>
              {(r) => (
                <tr data-count={r.countId}>
                  <td>{fmtDate(r.at)}</td>
                  <td>{r.scope}</td>
                  <td class="num">{r.parts ?? 1}</td>
                  <td class="num">{r.found}</td>
                  <td class="num">{r.missing.length}</td>
                  <td class="num">{r.unexpected.length}</td>
                  <td class="num" data-testid="count-accuracy">
                    {(countAccuracy(r) * 100).toFixed(1)} %
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
