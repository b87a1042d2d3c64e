/**
 * A back-office form's command: appended to this till's outbox (works offline), then "waiting",
 * then done or the refusal in words once the relay decided it (sync/shared/outcome-codes.ts).
 */
import { createSignal } from 'solid-js';
import type { CommandType } from '../../../domain/commands.ts';
import type { PayloadInput } from '../../../sync/shared/command-builder.ts';
import { outcomeText } from '../../../sync/shared/outcome-codes.ts';
import { useApp } from '../app-state.ts';
import { appendCommand, type CommandState, stateOf } from '../local/outbox.ts';
import { B } from './strings.ts';

export function useCommand() {
  const app = useApp();
  const [last, setLast] = createSignal<string>();
  const submit = <T extends CommandType>(type: T, payload: PayloadInput<T>): string | undefined => {
    const d = app.data();
    if (!d) return undefined;
    const c = appendCommand(d.outbox, app.actor(), type, payload);
    setLast(c.id);
    return c.id;
  };
  const state = (id = last()): CommandState | undefined =>
    id ? stateOf(id, app.data()?.outcomes() ?? {}) : undefined;
  const message = (id = last()): string | undefined => {
    const s = state(id);
    if (!id || !s) return undefined;
    if (s === 'pending') return navigator.onLine ? B.waiting : B.waitingOffline;
    if (s === 'accepted') return B.done;
    const o = app.data()?.outcomes()[id];
    return `${B.refused}: ${o ? outcomeText(o) : ''}`;
  };
  return { submit, state, message, last, reset: () => setLast(undefined) };
}
