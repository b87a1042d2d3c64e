import { createSignal, Show } from 'solid-js';
import type { Currency } from '../../../domain/money.ts';
import { parseMoney } from '../../../domain/money-parse.ts';
import { parseTierThresholds } from '../../../domain/tiers.ts';
import { useApp } from '../app-state.ts';
import { fmt } from '../format.ts';
import { appendCommand, stateOf } from '../local/outbox.ts';
import { clientelingOf } from './clienteling-state.ts';
import { K } from './strings.ts';

/** An owner sets the organisation's tier thresholds for the store's currency (`tiers.set`, TIER-5). */
export function TierSettings() {
  const app = useApp();
  const [loyal, setLoyal] = createSignal('');
  const [vip, setVip] = createSignal('');
  const [sent, setSent] = createSignal<string>();
  const [error, setError] = createSignal<string>();
  const data = () => app.data();
  const currency = () => data()?.storeInfo()?.currency as Currency | undefined;
  const current = () => {
    const d = data();
    const c = currency();
    return d && c ? clientelingOf(app, d).thresholds()[c] : undefined;
  };
  const state = () => {
    const id = sent();
    const d = data();
    return id && d ? stateOf(id, d.outcomes()) : undefined;
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const d = data();
    const c = currency();
    if (!d || !c) return;
    const l = parseMoney(loyal(), c);
    const v = parseMoney(vip(), c);
    const t = l.ok && v.ok ? parseTierThresholds({ loyal: l.value, vip: v.value }) : undefined;
    if (!t?.ok) return setError(K.tiersInvalid);
    setError(undefined);
    setSent(appendCommand(d.outbox, app.actor(), 'tiers.set', t.value).id);
  };
  return (
    <details class="card tier-settings" data-testid="tier-settings">
      <summary>{K.tierSettings}</summary>
      <p class="muted" data-testid="tiers-current">
        <Show when={current()} fallback={K.tiersUnset}>
          {(t) => <>{K.tiersCurrent(fmt(t().loyal), fmt(t().vip))}</>}
        </Show>
      </p>
      <form onSubmit={submit} class="row">
        <label class="field">
          {`${K.loyalFrom} (${currency() ?? ''})`}
          <input
            inputMode="decimal"
            data-testid="tier-loyal"
            value={loyal()}
            onInput={(e) => setLoyal(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          {`${K.vipFrom} (${currency() ?? ''})`}
          <input
            inputMode="decimal"
            data-testid="tier-vip"
            value={vip()}
            onInput={(e) => setVip(e.currentTarget.value)}
          />
        </label>
        <button type="submit" data-testid="save-tiers">
          {K.saveTiers}
        </button>
      </form>
      <p role="status" data-testid="tiers-state">
        {error() ??
          (state() === 'pending'
            ? K.tiersPending
            : state() === 'accepted'
              ? K.tiersAccepted
              : state() === 'rejected'
                ? K.tiersRejected(data()?.outcomes()[sent() ?? '']?.reason ?? '')
                : '')}
      </p>
    </details>
  );
}
