import { Show } from 'solid-js';
import { useApp } from '../app-state.ts';
import { stateOf } from '../local/outbox.ts';
import { S } from './strings.ts';

/**
 * Pending until the relay decides; then accepted, or refused with the reason — in the counter's
 * own words for the refusals it explains itself (the relay's text points at an inbox an associate
 * cannot open).
 */
export function CommandStatus(props: { id: string }) {
  const app = useApp();
  const outcome = () => app.data()?.outcomes()[props.id];
  const state = () => stateOf(props.id, app.data()?.outcomes() ?? {});
  const reason = () => {
    const o = outcome();
    return o?.code && S.reasons[o.code] ? S.reasons[o.code] : o?.reason;
  };
  return (
    <span class={`status status-${state()}`} data-testid="sale-status" data-state={state()}>
      {state() === 'pending' ? S.pending : state() === 'accepted' ? S.accepted : S.rejected}
      <Show when={reason()}>
        <span class="reason"> — {reason()}</span>
      </Show>
    </span>
  );
}
