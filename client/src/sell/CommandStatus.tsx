import { Show } from 'solid-js';
import { outcomeText } from '../../../sync/shared/outcome-codes.ts';
import { useApp } from '../app-state.ts';
import { stateOf } from '../local/outbox.ts';
import { S } from './strings.ts';

/**
 * Pending until the relay decides; then accepted, or refused with what happened and what to do
 * (sync/shared/outcome-codes.ts), in the counter's own short words for the refusals it explains
 * itself below (the relay's text points at an inbox an associate cannot open).
 */
export function CommandStatus(props: { id: string }) {
  const app = useApp();
  const outcome = () => app.data()?.outcomes()[props.id];
  const state = () => stateOf(props.id, app.data()?.outcomes() ?? {});
  const reason = () => {
    const o = outcome();
    if (o?.status !== 'rejected') return undefined;
    return (o.code && S.reasons[o.code]) || outcomeText(o);
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
