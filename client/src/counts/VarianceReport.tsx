import { For, Show } from 'solid-js';
import { useApp } from '../app-state.ts';
import type { Variance } from './count-model.ts';

/** Missing, unexpected and found serials, with the catalog's title where there is one. */
export function VarianceReport(props: {
  variance: Pick<Variance, 'missing' | 'unexpected'> & { found?: readonly string[] };
  testid?: string;
}) {
  return (
    <section class="variance" data-testid={props.testid ?? 'variance'} aria-label="Variance">
      <SerialList title="Missing" kind="missing" serials={props.variance.missing} />
      <SerialList title="Unexpected" kind="unexpected" serials={props.variance.unexpected} />
      <Show when={props.variance.found}>
        {(found) => <SerialList title="Found" kind="found" serials={found()} />}
      </Show>
    </section>
  );
}

function SerialList(props: { title: string; kind: string; serials: readonly string[] }) {
  const app = useApp();
  return (
    <div data-testid={`variance-${props.kind}`} data-count={props.serials.length}>
      <h3>
        {props.title} ({props.serials.length})
      </h3>
      <Show when={props.serials.length > 0} fallback={<p class="muted">None.</p>}>
        <ul>
          <For each={props.serials.slice(0, 200)}>
            {(s) => (
              <li data-serial={s}>
                {s} <span class="muted">{app.data()?.pieces[s]?.title ?? 'not in the catalog'}</span>
              </li>
            )}
          </For>
        </ul>
        <Show when={props.serials.length > 200}>
          <p class="muted">and {props.serials.length - 200} more</p>
        </Show>
      </Show>
    </div>
  );
}
