import { createMemo, createSignal, For, Show } from 'solid-js';
import { CHANNELS, type Channel, type ClientProfile } from '../../../domain/client.ts';
import { fmt } from '../format.ts';
import type { Clienteling } from './clienteling-state.ts';
import { consents, segmentCsv } from './segments.ts';
import { K } from './strings.ts';

/**
 * The export of the client list as it is filtered (every match, not only the rows shown), as
 * CSV, to those who consented to the chosen channel only. Folded away until opened: the
 * matches are counted only then.
 */
export function SegmentBar(props: {
  /** Every client the list's search and filters match. */
  segment: () => readonly ClientProfile[];
  clienteling: Clienteling;
  today: () => string;
}) {
  const [channel, setChannel] = createSignal<Channel>('email');
  const [open, setOpen] = createSignal(false);
  const members = createMemo(() => (open() ? props.segment() : []));
  const excluded = () => members().filter((c) => !consents(c, channel())).length;
  const download = () => {
    const { csv } = segmentCsv(members(), channel(), {
      tierOf: props.clienteling.tierOf,
      risingOf: props.clienteling.risingOf,
      today: props.today(),
      spendOf: (id: string) => {
        const v = props.clienteling.valueOf(id);
        return v ? fmt(v.spend) : '';
      },
    });
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `segment-${props.today()}-${channel()}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };
  return (
    <details
      class="segments card"
      data-testid="segments"
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>{K.exportList}</summary>
      <Show when={open()}>
        <div class="row wrap">
          <label class="field">
            {K.channel}
            <select
              data-testid="export-channel"
              value={channel()}
              onChange={(e) => setChannel(CHANNELS.find((c) => c === e.currentTarget.value) ?? 'email')}
            >
              <For each={CHANNELS}>{(c) => <option value={c}>{K.channels[c]}</option>}</For>
            </select>
          </label>
          <button type="button" data-testid="export-csv" onClick={download}>
            {K.exportCsv}
          </button>
        </div>
        <p class="muted" data-testid="segment-count" aria-live="polite">
          {K.segmentCount(members().length, excluded())}
        </p>
      </Show>
    </details>
  );
}
