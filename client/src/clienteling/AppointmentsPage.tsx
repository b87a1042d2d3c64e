import { A, useSearchParams } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import {
  type Appointment,
  appointmentsOn,
  zonedDateTime,
  zonedInstant,
} from '../../../domain/appointment.ts';
import { addDays } from '../../../domain/followups.ts';
import { type ClientId, parseSerial, type SerialNumber, type UserId, uuidv7 } from '../../../domain/ids.ts';
import type { StoredAppointment } from '../../../sync/shared/docs/clienteling.ts';
import { useApp } from '../app-state.ts';
import { pickClients } from '../clients/client-index.ts';
import { statusLabel } from '../format.ts';
import { stateOf } from '../local/outbox.ts';
import { dateIn } from '../sell/new-client.ts';
import { book, setStatus } from './appointment-actions.ts';
import { clientelingOf } from './clienteling-state.ts';
import { K } from './strings.ts';

/** The store's day of private viewings, and booking one (pieces reserved for it, APPT-*). */
export function AppointmentsPage() {
  const app = useApp();
  const [params, setParams] = useSearchParams<{ date: string; client: string }>();
  const c = () => {
    const d = app.data();
    return d ? clientelingOf(app, d) : undefined;
  };
  const tz = () => c()?.timeZone() ?? 'UTC';
  const today = () => dateIn(tz(), new Date());
  const day = () => (params.date && /^\d{4}-\d{2}-\d{2}$/.test(params.date) ? params.date : today());
  const list = createMemo(() => appointmentsOn<StoredAppointment>(c()?.appointments() ?? [], day(), tz()));
  const name = (id: string) => app.data()?.clients[id]?.name ?? id.slice(-6);
  const staffName = (id: string) => app.data()?.staff[id]?.name ?? id.slice(-6);
  return (
    <div class="appointments">
      <h1>{K.dayView(day())}</h1>
      <nav class="row" aria-label={K.day}>
        <button type="button" onClick={() => setParams({ date: addDays(day(), -1) })}>
          {K.previousDay}
        </button>
        <label class="field">
          {K.day}
          <input
            type="date"
            data-testid="day"
            value={day()}
            onChange={(e) => setParams({ date: e.currentTarget.value || undefined })}
          />
        </label>
        <button type="button" onClick={() => setParams({ date: addDays(day(), 1) })}>
          {K.nextDay}
        </button>
        <A href="/today">{K.today}</A>
      </nav>
      <Show when={list().length > 0} fallback={<p class="empty">{K.noAppointments}</p>}>
        <ul class="appointment-list" data-testid="appointment-list">
          <For each={list()}>
            {(a) => (
              <AppointmentRow a={a} name={name(a.clientId)} associate={staffName(a.associate)} tz={tz()} />
            )}
          </For>
        </ul>
      </Show>
      <BookForm
        day={day()}
        client={params.client}
        onBooked={(date) => setParams({ date, client: undefined })}
      />
    </div>
  );
}

function AppointmentRow(props: { a: StoredAppointment; name: string; associate: string; tz: string }) {
  const app = useApp();
  const at = () => zonedDateTime(props.a.start, props.tz);
  const end = () =>
    zonedDateTime(new Date(Date.parse(props.a.start) + props.a.minutes * 60_000).toISOString(), props.tz);
  const holdState = (serial: string) => {
    const h = props.a.holds[serial];
    const d = app.data();
    if (!h || !d) return '';
    const s = stateOf(h.commandId, d.outcomes());
    return h.kind === 'release' && s === 'accepted' ? K.hold.released : (K.hold[s] ?? s);
  };
  const act = (status: 'done' | 'cancelled') => {
    const d = app.data();
    if (d) setStatus(app, d, props.a.id, status);
  };
  return (
    <li
      class={`card appointment status-${props.a.status}`}
      data-testid="appointment"
      data-appointment={props.a.id}
    >
      <strong>
        {at().time}–{end().time}
      </strong>{' '}
      <A href={`/clients/${props.a.clientId}`} data-testid="appointment-client">
        {props.name}
      </A>{' '}
      <span class="muted">
        {props.associate} · {K.status[props.a.status]}
      </span>
      <ul class="pieces">
        <For each={props.a.pieces}>
          {(serial) => (
            <li data-testid="appointment-piece" data-serial={serial}>
              <A href={`/inventory/${serial}`}>{serial}</A>{' '}
              <span class="muted" data-testid="hold-state">
                {holdState(serial)}
              </span>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.a.notes}>
        <p class="notes">{props.a.notes}</p>
      </Show>
      <Show when={props.a.status === 'booked'}>
        <div class="row">
          <button type="button" data-testid="appointment-done" onClick={() => act('done')}>
            {K.markDone}
          </button>
          <button
            type="button"
            class="link"
            data-testid="appointment-cancel"
            onClick={() => act('cancelled')}
          >
            {K.cancel}
          </button>
        </div>
      </Show>
    </li>
  );
}

function BookForm(props: { day: string; client?: string | undefined; onBooked: (date: string) => void }) {
  const app = useApp();
  const [find, setFind] = createSignal('');
  const [client, setClient] = createSignal(props.client ?? '');
  const [date, setDate] = createSignal(props.day);
  const [time, setTime] = createSignal('');
  const [minutes, setMinutes] = createSignal(60);
  const [associate, setAssociate] = createSignal(app.session()?.user.id ?? '');
  const [pieces, setPieces] = createSignal<SerialNumber[]>([]);
  const [serial, setSerial] = createSignal('');
  const [notes, setNotes] = createSignal('');
  const [message, setMessage] = createSignal<string>();
  const matches = () => {
    const d = app.data();
    if (!d) return [];
    const found = find().trim().length >= 2 ? pickClients(d.clientIndex(), find(), 20) : [];
    const chosen = d.clients[client()];
    return chosen && !found.some((f) => f.id === chosen.id) ? [chosen, ...found] : found;
  };
  const colleagues = () =>
    Object.values(app.data()?.staff ?? {}).filter(
      (s) => s.active && (s.stores as readonly string[]).includes(app.data()?.store ?? ''),
    );
  const addPiece = () => {
    const d = app.data();
    const p = parseSerial(serial().trim().toUpperCase());
    if (!d || !p.ok || !d.pieces[p.value]) return setMessage(K.pieceUnknown(serial()));
    const status = d.stock[p.value]?.status;
    if (status !== 'in-stock') return setMessage(K.pieceNotFree(p.value, statusLabel(status)));
    setMessage(undefined);
    setPieces((l) => (l.includes(p.value) ? l : [...l, p.value]));
    setSerial('');
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const d = app.data();
    if (!d) return;
    if (!client()) return setMessage(K.needClient);
    if (!date() || !time()) return setMessage(K.needTime);
    const tz = d.storeInfo()?.timeZone ?? 'UTC';
    const appointment: Appointment = {
      id: uuidv7(),
      clientId: client() as ClientId,
      associate: associate() as UserId,
      start: zonedInstant(date(), time(), tz),
      minutes: minutes(),
      pieces: pieces(),
      notes: notes(),
      status: 'booked',
      createdAt: new Date().toISOString(),
    };
    const r = book(app, d, appointment);
    if (!r.ok)
      return setMessage(K.invalid(r.error.reason === 'invalid' ? r.error.error.message : r.error.reason));
    setMessage(K.booked);
    setPieces([]);
    setNotes('');
    props.onBooked(date());
  };
  return (
    <form class="card book-form" onSubmit={submit} data-testid="book-form" aria-labelledby="book-h">
      <h2 id="book-h">{K.book}</h2>
      <div class="row wrap">
        <label class="field">
          {K.findClient}
          <input
            type="search"
            data-testid="book-find-client"
            value={find()}
            onInput={(e) => setFind(e.currentTarget.value)}
          />
        </label>
        <label class="field grow">
          {K.client}
          <select
            data-testid="book-client"
            value={client()}
            onChange={(e) => setClient(e.currentTarget.value)}
          >
            <option value="">{K.chooseClient}</option>
            <For each={matches()}>{(m) => <option value={m.id}>{m.name}</option>}</For>
          </select>
        </label>
      </div>
      <div class="row wrap">
        <label class="field">
          {K.date}
          <input
            type="date"
            data-testid="book-date"
            required
            value={date()}
            onInput={(e) => setDate(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          {K.time}
          <input
            type="time"
            data-testid="book-time"
            required
            value={time()}
            onInput={(e) => setTime(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          {K.minutes}
          <input
            type="number"
            min="15"
            max="480"
            step="15"
            data-testid="book-minutes"
            value={minutes()}
            onInput={(e) => setMinutes(Number(e.currentTarget.value) || 60)}
          />
        </label>
        <label class="field">
          {K.associate}
          <select
            data-testid="book-associate"
            value={associate()}
            onChange={(e) => setAssociate(e.currentTarget.value)}
          >
            <For each={colleagues()}>{(s) => <option value={s.id}>{s.name}</option>}</For>
          </select>
        </label>
      </div>
      <fieldset>
        <legend>{K.pieces}</legend>
        <ul data-testid="book-pieces">
          <For each={pieces()}>
            {(s) => (
              <li>
                {s} {app.data()?.pieces[s]?.title}{' '}
                <button
                  type="button"
                  class="link"
                  aria-label={K.removePiece(s)}
                  onClick={() => setPieces((l) => l.filter((x) => x !== s))}
                >
                  ×
                </button>
              </li>
            )}
          </For>
        </ul>
        <div class="row">
          <label class="field">
            {K.addPiece}
            <input
              data-testid="book-serial"
              value={serial()}
              onInput={(e) => setSerial(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  addPiece();
                }
              }}
            />
          </label>
          <button type="button" data-testid="book-add-piece" onClick={addPiece}>
            {K.add}
          </button>
        </div>
      </fieldset>
      <label class="field">
        {K.notes}
        <textarea data-testid="book-notes" value={notes()} onInput={(e) => setNotes(e.currentTarget.value)} />
      </label>
      <button type="submit" data-testid="book-submit">
        {K.save}
      </button>
      <p role="status" data-testid="book-message">
        {message()}
      </p>
    </form>
  );
}
