import { Show } from 'solid-js';
import { must } from '../../../domain/assert.ts';
import { useApp } from '../app-state.ts';
import type { Command } from '../local/records.ts';
import { CommandStatus } from '../sell/CommandStatus.tsx';
import { CountAdjustments } from './CountAdjustments.tsx';
import { createCountRecord } from './count-record.ts';
import { C } from './strings.ts';
import { SerialList, VarianceReport } from './VarianceReport.tsx';

/** A submitted count: pending until the relay decides, then the relay's own variance. */
export function CountSubmitted(props: { command: Command; countId: string }) {
  const app = useApp();
  const record = createCountRecord(must(app.data(), 'no store data'), props.command, props.countId);
  return (
    <section class="count-submitted" data-testid="count-submitted" aria-label={C.submittedLabel}>
      <h2>
        {C.submitted} <CommandStatus id={props.command.id} />
      </h2>
      <Show when={record()} fallback={<p class="muted">{C.waiting}</p>}>
        {(r) => (
          <div data-testid="relay-variance">
            <p>{C.recorded(r().found, r().missing.length, r().unexpected.length)}</p>
            <VarianceReport
              testid="relay-variance-report"
              variance={{ missing: r().missing, unexpected: r().unexpected }}
            />
            <Show when={(r().wrongLocation ?? []).length > 0}>
              <SerialList
                title={C.wrongLocationTitle}
                kind="wrong-location"
                serials={r().wrongLocation ?? []}
              />
            </Show>
            <CountAdjustments record={r()} />
          </div>
        )}
      </Show>
    </section>
  );
}
