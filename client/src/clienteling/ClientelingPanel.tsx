import { A } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { zonedDateTime } from '../../../domain/appointment.ts';
import type { ClientProfile } from '../../../domain/client.ts';
import { recommend } from '../../../domain/recommend.ts';
import { useApp } from '../app-state.ts';
import { fmt } from '../format.ts';
import { clientelingOf } from './clienteling-state.ts';
import { stockFor, storePieces } from './store-pieces.ts';
import { K } from './strings.ts';
import { TierBadge } from './TierBadge.tsx';

/**
 * On a client's profile: their tier and whether they are rising, spend and last visit, their
 * viewings, and pieces in stock now that match them, each with its reasons (RECO-*).
 */
export function ClientelingPanel(props: { profile: ClientProfile }) {
  const app = useApp();
  const c = () => {
    const d = app.data();
    return d ? clientelingOf(app, d) : undefined;
  };
  const value = () => c()?.valueOf(props.profile.id);
  const pieces = createMemo(() => {
    const d = app.data();
    return d ? storePieces(d) : [];
  });
  const recos = createMemo(() => {
    const d = app.data();
    if (!d) return [];
    return recommend({
      client: props.profile,
      store: d.store,
      now: new Date().toISOString(),
      pieces: pieces(),
      stock: stockFor(d),
      purchases: value()?.purchases ?? [],
    });
  });
  const titleOf = (serial: string) => pieces().find((p) => p.serial === serial);
  const appointments = () =>
    (c()?.appointments() ?? [])
      .filter((a) => a.clientId === props.profile.id)
      .sort((a, b) => b.start.localeCompare(a.start));
  const tz = () => c()?.timeZone() ?? 'UTC';
  return (
    <section class="card clienteling-panel" aria-labelledby="clienteling-h" data-testid="clienteling-panel">
      <h2 id="clienteling-h">
        {K.clienteling}{' '}
        <TierBadge tier={c()?.tierOf(props.profile.id)} rising={c()?.risingOf(props.profile.id) ?? false} />
      </h2>
      <Show when={!c()?.tierOf(props.profile.id)}>
        <p class="muted">{K.tierNone}</p>
      </Show>
      <p data-testid="client-spend">
        <Show when={value()}>{(v) => <>{K.spend(fmt(v().spend))}</>}</Show>
        {' · '}
        {value()?.lastVisit ? K.lastVisit(value()?.lastVisit ?? '') : K.neverSeen}
      </p>

      <h3>{K.clientAppointments}</h3>
      <Show when={appointments().length > 0} fallback={<p class="muted">{K.noClientAppointments}</p>}>
        <ul data-testid="client-appointments">
          <For each={appointments()}>
            {(a) => {
              const at = () => zonedDateTime(a.start, tz());
              return (
                <li data-testid="client-appointment" data-appointment={a.id}>
                  <A href={`/appointments?date=${at().date}`}>
                    {at().date} {at().time}
                  </A>{' '}
                  — {K.status[a.status]} · {a.pieces.join(', ')}
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
      <A href={`/appointments?client=${props.profile.id}`} class="button" data-testid="book-for-client">
        {K.bookForClient}
      </A>

      <h3>{K.recommendations}</h3>
      <Show when={recos().length > 0} fallback={<p class="muted">{K.noRecommendations}</p>}>
        <ul class="recommendations" data-testid="recommendations">
          <For each={recos()}>
            {(r) => (
              <li data-testid="recommendation" data-serial={r.serial}>
                <A href={`/inventory/${r.serial}`}>
                  <strong>{titleOf(r.serial)?.title ?? r.serial}</strong>
                </A>{' '}
                <span class="muted">
                  {r.serial}
                  <Show when={titleOf(r.serial)}>{(p) => <> · {fmt(p().listPrice)}</>}</Show>
                </span>
                <br />
                <span data-testid="recommendation-reasons">
                  {r.reasons.map((x) => K.reason(x)).join('; ')}
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
