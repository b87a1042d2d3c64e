import { Show } from 'solid-js';
import { must } from '../../../domain/assert.ts';
import { useApp } from '../app-state.ts';
import type { Command } from '../local/records.ts';
import { CommandStatus } from '../sell/CommandStatus.tsx';
import { createCountRecord } from './count-record.ts';
import { VarianceReport } from './VarianceReport.tsx';

/** A submitted count: pending until the relay decides, then the relay's own variance. */
export function CountSubmitted(props: { command: Command; countId: string }) {
  const app = useApp();
  const record = createCountRecord(must(app.data(), 'no store data'), props.command, props.countId);
  return (
    <section class="count-submitted" data-testid="count-submitted" aria-label="Submitted count">
      <h2>
        Count submitted <CommandStatus id={props.command.id} />
      </h2>
      <Show when={record()} fallback={<p class="muted">Waiting for the store server’s variance…</p>}>
        {(r) => (
          <div data-testid="relay-variance">
            <p>
              The store server recorded {r().found} found, {r().missing.length} missing,{' '}
              {r().unexpected.length} unexpected.
            </p>
            <VarianceReport
              testid="relay-variance-report"
              variance={{ missing: r().missing, unexpected: r().unexpected }}
            />
          </div>
        )}
      </Show>
    </section>
  );
}
