import { type JSX, Show } from 'solid-js';
import type { useCommand } from './use-command.ts';

/**
 * What a back-office form answers, under its button: what is wrong with what was typed (an
 * alert, read at once), then what became of its command — waiting, done, or refused in words
 * (a status, read when idle).
 */
export function FormOutcome(props: {
  error: string | undefined;
  cmd: ReturnType<typeof useCommand>;
  /** The status line's test id, where a test reads it. */
  testId?: string;
  /** Said after the status (a one-time code to hand over, say). */
  children?: JSX.Element;
}) {
  return (
    <>
      <Show when={props.error}>
        <p class="notice" role="alert">
          {props.error}
        </p>
      </Show>
      <Show when={props.cmd.message()}>
        <p class={`status status-${props.cmd.state()}`} role="status" data-testid={props.testId}>
          {props.cmd.message()}
          {props.children ? ' ' : ''}
          {props.children}
        </p>
      </Show>
    </>
  );
}
