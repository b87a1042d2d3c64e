import { Show } from 'solid-js';
import { K } from './strings.ts';

/** A client's tier (TIER-2) and, when they are rising (TIER-3), a second badge. */
export function TierBadge(props: { tier: string | undefined; rising: boolean }) {
  return (
    <>
      <Show when={props.tier}>
        {(t) => (
          <span class={`pill tier tier-${t()}`} data-testid="tier-badge" data-tier={t()}>
            {K.tier[t()] ?? t()}
          </span>
        )}
      </Show>
      <Show when={props.rising}>
        <span class="pill rising" data-testid="rising-badge">
          {K.rising}
        </span>
      </Show>
    </>
  );
}
