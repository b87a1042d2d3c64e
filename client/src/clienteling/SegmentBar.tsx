import { createSignal, For } from 'solid-js';
import { CHANNELS, type Channel, type ClientProfile } from '../../../domain/client.ts';
import { METALS } from '../../../domain/piece.ts';
import { TIERS } from '../../../domain/tiers.ts';
import { fmt } from '../format.ts';
import type { Clienteling } from './clienteling-state.ts';
import { segmentCsv } from './segments.ts';
import { K } from './strings.ts';

export type SegmentParams = {
  tier?: string;
  rising?: string;
  ms?: string;
  metal?: string;
  designer?: string;
};

/** Segment filters for the client list, and the export of the segment as CSV by consent. */
export function SegmentBar(props: {
  params: SegmentParams;
  set: (p: Partial<SegmentParams>) => void;
  segment: () => ClientProfile[];
  clienteling: Clienteling;
  today: () => string;
}) {
  const [channel, setChannel] = createSignal<Channel>('email');
  const facts = () => ({
    tierOf: props.clienteling.tierOf,
    risingOf: props.clienteling.risingOf,
    today: props.today(),
    spendOf: (id: string) => {
      const v = props.clienteling.valueOf(id);
      return v ? fmt(v.spend) : '';
    },
  });
  const counts = () => segmentCsv(props.segment(), channel(), facts());
  const download = () => {
    const { csv } = counts();
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `segment-${props.today()}-${channel()}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };
  return (
    <fieldset class="segments card" data-testid="segments">
      <legend>{K.segments}</legend>
      <div class="row wrap">
        <label class="field">
          {K.filterTier}
          <select
            data-testid="segment-tier"
            value={props.params.tier ?? ''}
            onChange={(e) => props.set({ tier: e.currentTarget.value || undefined })}
          >
            <option value="">{K.anyTier}</option>
            <For each={[...TIERS].reverse()}>{(t) => <option value={t}>{K.tier[t]}</option>}</For>
          </select>
        </label>
        <label class="check">
          <input
            type="checkbox"
            data-testid="segment-rising"
            checked={props.params.rising === '1'}
            onChange={(e) => props.set({ rising: e.currentTarget.checked ? '1' : undefined })}
          />{' '}
          {K.onlyRising}
        </label>
        <label class="field">
          {K.milestoneWithin}
          <input
            type="number"
            min="0"
            max="366"
            data-testid="segment-milestone"
            value={props.params.ms ?? ''}
            onChange={(e) => props.set({ ms: e.currentTarget.value || undefined })}
          />
        </label>
        <label class="field">
          {K.preferredMetal}
          <select
            data-testid="segment-metal"
            value={props.params.metal ?? ''}
            onChange={(e) => props.set({ metal: e.currentTarget.value || undefined })}
          >
            <option value="">{K.anyMetal}</option>
            <For each={METALS}>{(m) => <option value={m}>{m.replaceAll('-', ' ')}</option>}</For>
          </select>
        </label>
        <label class="field">
          {K.preferredDesigner}
          <input
            data-testid="segment-designer"
            value={props.params.designer ?? ''}
            onChange={(e) => props.set({ designer: e.currentTarget.value || undefined })}
          />
        </label>
        <label class="field">
          {K.channel}
          <select
            data-testid="export-channel"
            value={channel()}
            onChange={(e) => setChannel(e.currentTarget.value as Channel)}
          >
            <For each={CHANNELS}>{(c) => <option value={c}>{K.channels[c]}</option>}</For>
          </select>
        </label>
        <button type="button" data-testid="export-csv" onClick={download}>
          {K.exportCsv}
        </button>
      </div>
      <p class="muted" data-testid="segment-count" aria-live="polite">
        {K.segmentCount(props.segment().length, counts().excluded)}
      </p>
    </fieldset>
  );
}
