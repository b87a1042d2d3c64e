import { For, Show } from 'solid-js';
import { SIZE_SYSTEMS, type SizeSystem } from '../../../domain/client.ts';
import type { ClientFilter } from '../../../domain/client-search.ts';
import { METALS, type Metal } from '../../../domain/piece.ts';
import { TIERS, type Tier } from '../../../domain/tiers.ts';
import type { SegmentFilter } from '../clienteling/segments.ts';
import { K } from '../clienteling/strings.ts';
import { C } from './strings.ts';

/** The client list's filters as they sit in the address (so a filtered list can be bookmarked or linked). */
export type ClientListParams = {
  q?: string;
  tier?: string;
  rising?: string;
  designer?: string;
  size?: string;
  sys?: string;
  metal?: string;
  /** A milestone within this many days. */
  ms?: string;
};

const FILTER_KEYS = ['tier', 'rising', 'designer', 'size', 'sys', 'metal', 'ms'] as const;
export const MILESTONE_WINDOWS = [7, 14, 30, 90] as const;

const tierOf = (v: string | undefined): Tier | undefined => TIERS.find((t) => t === v);
const metalOf = (v: string | undefined): Metal | undefined => METALS.find((m) => m === v);
const systemOf = (v: string | undefined): SizeSystem | undefined => SIZE_SYSTEMS.find((s) => s === v);
const daysOf = (v: string | undefined): number | undefined => {
  const n = v ? Math.floor(Number(v)) : Number.NaN;
  return Number.isFinite(n) && n > 0 && n <= 366 ? n : undefined;
};

/** SEARCH-3: the filters the till's index checks on each profile (ring size, metal, milestone). */
export function profileFilters(p: ClientListParams, today: string): ClientFilter[] {
  const out: ClientFilter[] = [];
  const size = p.size?.trim();
  const system = systemOf(p.sys);
  if (size) out.push({ kind: 'ring-size', size, ...(system ? { system } : {}) });
  const metal = metalOf(p.metal);
  if (metal) out.push({ kind: 'metal', metal });
  const days = daysOf(p.ms);
  if (days) out.push({ kind: 'milestone-within', days, today });
  return out;
}

/** The filters that need the store's sales or the book's free text (TIER-*, preferences): tier, rising, designer. */
export function segmentFilter(p: ClientListParams): SegmentFilter | undefined {
  const tier = tierOf(p.tier);
  const designer = p.designer?.trim();
  const f: SegmentFilter = {
    ...(tier ? { tier } : {}),
    ...(p.rising === '1' ? { rising: true } : {}),
    ...(designer ? { designer } : {}),
  };
  return Object.keys(f).length > 0 ? f : undefined;
}

export const anyFilter = (p: ClientListParams): boolean => FILTER_KEYS.some((k) => !!p[k]);

/**
 * One filter bar for the client list: tier and rising (when the store's tiers are known), a
 * preferred designer, a ring size in a system, a preferred metal, a milestone within N days.
 * Native controls in reading order, so Tab and the arrow keys work as everywhere else; each
 * change narrows the list at once, and "Clear filters" brings everyone back.
 */
export function ClientFilterBar(props: {
  params: ClientListParams;
  set: (p: Partial<ClientListParams>) => void;
  /** The store's tiers can be read (clienteling loaded): tier and rising are offered. */
  tiers: boolean;
}) {
  const windows = () => {
    const days = daysOf(props.params.ms);
    return days && !MILESTONE_WINDOWS.some((d) => d === days)
      ? [...MILESTONE_WINDOWS, days].sort((a, b) => a - b)
      : [...MILESTONE_WINDOWS];
  };
  const clear = () => props.set(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])));
  return (
    <fieldset class="client-filters" data-testid="client-filters">
      <legend>{C.filters}</legend>
      <Show when={props.tiers}>
        <label class="field">
          {K.filterTier}
          <select
            data-testid="filter-tier"
            value={tierOf(props.params.tier) ?? ''}
            onChange={(e) => props.set({ tier: tierOf(e.currentTarget.value) })}
          >
            <option value="">{K.anyTier}</option>
            <For each={[...TIERS].reverse()}>{(t) => <option value={t}>{K.tier[t]}</option>}</For>
          </select>
        </label>
        <label class="check">
          <input
            type="checkbox"
            data-testid="filter-rising"
            checked={props.params.rising === '1'}
            onChange={(e) => props.set({ rising: e.currentTarget.checked ? '1' : undefined })}
          />{' '}
          {K.onlyRising}
        </label>
      </Show>
      <label class="field">
        {K.preferredDesigner}
        <input
          data-testid="filter-designer"
          value={props.params.designer ?? ''}
          onInput={(e) => props.set({ designer: e.currentTarget.value || undefined })}
        />
      </label>
      <label class="field narrow">
        {C.filterRingSize}
        <input
          data-testid="filter-ring-size"
          value={props.params.size ?? ''}
          placeholder={C.filterRingSizeHint}
          onInput={(e) => props.set({ size: e.currentTarget.value || undefined })}
        />
      </label>
      <label class="field">
        {C.system}
        <select
          data-testid="filter-ring-system"
          value={systemOf(props.params.sys) ?? ''}
          onChange={(e) => props.set({ sys: systemOf(e.currentTarget.value) })}
        >
          <option value="">{C.anySystem}</option>
          <For each={SIZE_SYSTEMS}>{(s) => <option value={s}>{s}</option>}</For>
        </select>
      </label>
      <label class="field">
        {C.filterMetal}
        <select
          data-testid="filter-metal"
          value={metalOf(props.params.metal) ?? ''}
          onChange={(e) => props.set({ metal: metalOf(e.currentTarget.value) })}
        >
          <option value="">{C.anyMetal}</option>
          <For each={METALS}>{(m) => <option value={m}>{C.metalNames[m] ?? m}</option>}</For>
        </select>
      </label>
      <label class="field">
        {C.filterMilestone}
        <select
          data-testid="filter-milestone"
          value={String(daysOf(props.params.ms) ?? 0)}
          onChange={(e) =>
            props.set({ ms: daysOf(e.currentTarget.value) ? e.currentTarget.value : undefined })
          }
        >
          <option value="0">{C.anyMilestone}</option>
          <For each={windows()}>{(d) => <option value={String(d)}>{C.withinDays(d)}</option>}</For>
        </select>
      </label>
      <Show when={anyFilter(props.params)}>
        <button type="button" class="link" data-testid="clear-filters" onClick={clear}>
          {C.clearFilters}
        </button>
      </Show>
    </fieldset>
  );
}
