import { For, Show } from 'solid-js';
import { useApp } from '../app-state.ts';
import type { Variance } from './count-model.ts';
import { C } from './strings.ts';

/** Missing, unexpected and found serials, with the catalog's title where there is one. */
export function VarianceReport(props: {
  variance: Pick<Variance, 'missing' | 'unexpected'> & { found?: readonly string[] };
  testid?: string;
}) {
  return (
    <section class="variance" data-testid={props.testid ?? 'variance'} aria-label={C.variance}>
      <SerialList title={C.missingTitle} kind="missing" serials={props.variance.missing} />
      <SerialList title={C.unexpectedTitle} kind="unexpected" serials={props.variance.unexpected} />
      <Show when={props.variance.found}>
        {(found) => <SerialList title={C.foundTitle} kind="found" serials={found()} />}
      </Show>
    </section>
  );
}

export function SerialList(props: { title: string; kind: string; serials: readonly string[] }) {
  const app = useApp();
  return (
    <div data-testid={`variance-${props.kind}`} data-count={props.serials.length}>
      <h3>
        {props.title} ({props.serials.length})
      </h3>
      <Show when={props.serials.length > 0} fallback={<p class="muted">{C.none}</p>}>
        {/* A long list scrolls: focusable and named, so a keyboard can scroll it too. */}
        <ul tabindex="0" aria-label={props.title}>
          <For each={props.serials.slice(0, 200)}>
            {(s) => (
              <li data-serial={s}>
                {s} <span class="muted">{app.data()?.pieces[s]?.title ?? C.notInCatalog}</span>
              </li>
            )}
          </For>
        </ul>
        <Show when={props.serials.length > 200}>
          <p class="muted">{C.andMore(props.serials.length - 200)}</p>
        </Show>
      </Show>
    </div>
  );
}
