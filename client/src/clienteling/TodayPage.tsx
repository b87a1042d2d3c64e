import { A } from '@solidjs/router';
import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js';
import { zonedDateTime } from '../../../domain/appointment.ts';
import { addDays, type FollowUp, followUps } from '../../../domain/followups.ts';
import type { ClientId, UserId } from '../../../domain/ids.ts';
import { setFollowUpMark, setNotSeenDays } from '../../../sync/shared/docs/clienteling.ts';
import { readClients } from '../../../sync/shared/docs/clients.ts';
import { useApp } from '../app-state.ts';
import { dateIn } from '../sell/new-client.ts';
import { clientelingOf } from './clienteling-state.ts';
import { K } from './strings.ts';

const WHOSE_KEY = 'loupe.today.whose';

/**
 * Today's follow-ups (FOLLOWUP-*): the day's viewings, milestones in the next 14 days, clients not
 * seen for a while — for the signed-in associate or the whole store. Done and snoozed are kept in
 * `clients/<store>`, so every till of the store sees them (offline too, merged on sync).
 */
export function TodayPage() {
  const app = useApp();
  const [whose, setWhose] = createSignal<'mine' | 'all'>(
    localStorage.getItem(WHOSE_KEY) === 'all' ? 'all' : 'mine',
  );
  const c = () => {
    const d = app.data();
    return d ? clientelingOf(app, d) : undefined;
  };
  const tz = () => c()?.timeZone() ?? 'UTC';
  const today = () => dateIn(tz(), new Date());
  const list = createMemo((): FollowUp[] => {
    const d = app.data();
    const cl = c();
    if (!d || !cl) return [];
    void Object.keys(d.clients).length;
    const me = app.session()?.user.id as UserId | undefined;
    const marks = cl.marks();
    return followUps({
      today: today(),
      timeZone: tz(),
      clients: readClients(d.clientsDoc),
      appointments: cl.appointments(),
      lastVisit: (id: ClientId) => cl.valueOf(id)?.lastVisit,
      associateOf: (id: ClientId) => cl.associateOf(id),
      marks: (k) => marks[k],
      notSeenDays: cl.notSeenDays(),
      ...(whose() === 'mine' && me ? { associate: me } : {}),
    });
  });
  const name = (id: string) => app.data()?.clients[id]?.name ?? id.slice(-6);
  const mark = (key: string, state: 'done' | 'snoozed', days = 0) => {
    const d = app.data();
    if (!d) return;
    setFollowUpMark(d.clientsDoc, key, {
      state,
      ...(state === 'snoozed' ? { until: addDays(today(), days) } : {}),
      by: app.session()?.user.id ?? '',
      at: new Date().toISOString(),
    });
  };
  return (
    <div class="today">
      <h1>{K.todayFor(today())}</h1>
      <div class="row wrap">
        <label class="field">
          {K.showWhose}
          <select
            data-testid="today-whose"
            value={whose()}
            onChange={(e) => {
              const v = e.currentTarget.value === 'all' ? 'all' : 'mine';
              localStorage.setItem(WHOSE_KEY, v);
              setWhose(v);
            }}
          >
            <option value="mine">{K.mine}</option>
            <option value="all">{K.everyone}</option>
          </select>
        </label>
        <label class="field">
          {K.notSeenDays}
          <input
            type="number"
            min="7"
            max="3650"
            data-testid="not-seen-days"
            value={c()?.notSeenDays() ?? 180}
            onChange={(e) => {
              const d = app.data();
              if (d) setNotSeenDays(d.clientsDoc, Number(e.currentTarget.value));
            }}
          />
        </label>
        <A href="/appointments">{K.appointments}</A>
      </div>
      <Show when={list().length > 0} fallback={<p class="empty">{K.nothingToday}</p>}>
        <ul class="followups" aria-label={K.followUpsLabel} data-testid="followups">
          <For each={list()}>
            {(f) => (
              <li
                class={`card followup kind-${f.kind}`}
                data-testid="followup"
                data-kind={f.kind}
                data-key={f.key}
              >
                <A href={`/clients/${f.clientId}`}>
                  <strong>{name(f.clientId)}</strong>
                </A>{' '}
                <span>
                  <Switch>
                    <Match when={f.kind === 'appointment' && f}>
                      {(a) => (
                        <A href={`/appointments?date=${today()}`}>
                          {K.kindAppointment(zonedDateTime(a().appointment.start, tz()).time)}
                        </A>
                      )}
                    </Match>
                    <Match when={f.kind === 'milestone' && f}>
                      {(m) => (
                        <>
                          {K.kindMilestone(K.milestone[m().milestone.kind] ?? m().milestone.kind, m().inDays)}
                        </>
                      )}
                    </Match>
                    <Match when={f.kind === 'not-seen' && f}>
                      {(n) => <>{K.kindNotSeen(n().since, n().never)}</>}
                    </Match>
                  </Switch>
                </span>
                <div class="row">
                  <button type="button" data-testid="followup-done" onClick={() => mark(f.key, 'done')}>
                    {K.done}
                  </button>
                  <button
                    type="button"
                    class="link"
                    data-testid="followup-snooze"
                    onClick={() => mark(f.key, 'snoozed', 1)}
                  >
                    {K.snooze(1)}
                  </button>
                  <button type="button" class="link" onClick={() => mark(f.key, 'snoozed', 7)}>
                    {K.snooze(7)}
                  </button>
                </div>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}
