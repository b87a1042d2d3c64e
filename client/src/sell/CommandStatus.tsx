import { Show } from 'solid-js';
import { useApp } from '../app-state.ts';
import { stateOf } from '../local/outbox.ts';
import { S } from './strings.ts';

/** Pending until the relay decides; then accepted, or rejected with the relay's reason. */
export function CommandStatus(props: { id: string }) {
  const app = useApp();
  const outcome = () => app.data()?.outcomes()[props.id];
  const state = () => stateOf(props.id, app.data()?.outcomes() ?? {});
  return (
    <span class={`status status-${state()}`} data-testid="sale-status" data-state={state()}>
      {state() === 'pending' ? S.pending : state() === 'accepted' ? S.accepted : S.rejected}
      <Show when={outcome()?.reason}>
        <span class="reason"> — {outcome()?.reason}</span>
      </Show>
    </span>
  );
}
