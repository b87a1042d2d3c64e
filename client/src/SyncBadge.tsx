import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { useApp } from './app-state.ts';

/** Always visible: online or offline, how many commands wait for the relay, and open conflicts. */
export function SyncBadge() {
  const app = useApp();
  const v = () => app.sync();
  return (
    <div
      class={`sync-badge tone-${v().tone}`}
      data-testid="sync-badge"
      data-link={v().link}
      role="status"
      aria-live="polite"
    >
      <span class="dot" aria-hidden="true" />
      <span data-testid="sync-label">{v().label}</span>
      <For each={v().detail}>
        {(d) => (
          <Show
            when={d.includes('conflict')}
            fallback={
              <span class="detail" data-testid="sync-pending">
                {d}
              </span>
            }
          >
            <A href="/conflicts" class="detail" data-testid="sync-conflicts">
              {d}
            </A>
          </Show>
        )}
      </For>
    </div>
  );
}
