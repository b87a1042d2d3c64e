import { A, Navigate, useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, type JSX, onCleanup, Show } from 'solid-js';
import {
  CHANNELS,
  FINGERS,
  MILESTONE_KINDS,
  type MilestoneKind,
  SIZE_SYSTEMS,
} from '../../../domain/client.ts';
import { METALS } from '../../../domain/piece.ts';
import {
  addToClientList,
  type ClientListItem,
  type ClientWriteError,
  clientBook,
  clientTombstone,
  removeFromClientList,
  resolveClient,
  setClientConsent,
  setClientField,
  setClientNotes,
  textDiff,
} from '../../../sync/shared/docs/clients.ts';
import { useApp } from '../app-state.ts';
import { ClientelingPanel } from '../clienteling/ClientelingPanel.tsx';
import { PresenceHere } from '../PresenceHere.tsx';
import { dateIn, isSizeSystem } from '../sell/new-client.ts';
import { browserTimeZone } from '../sell/receipt-header.ts';
import { ClientWork } from '../work/ClientWork.tsx';
import { B } from './book-strings.ts';
import { ClientHistorySection } from './ClientHistory.tsx';
import { ClientPrivacySection } from './ClientPrivacy.tsx';
import { createLiveClient } from './client-record.ts';
import { FieldHistorySection } from './FieldHistory.tsx';
import { milestoneFrom, type RingSizeForm, refusalInWords, ringSizeFrom } from './profile-edit.ts';
import { C } from './strings.ts';

type Written = { ok: true } | { ok: false; error: ClientWriteError };

/**
 * One client's profile, every field editable in place. Each edit writes that field only, through
 * the client book's schema module (`sync/shared/docs/clients.ts`), so what another associate
 * changes in another field at the same time — on another till, online or not — is kept. Works
 * offline: the document is on this till.
 */
export function ClientProfilePage() {
  const app = useApp();
  const params = useParams<{ id: string }>();
  const id = () => params.id ?? '';
  const doc = () => app.data()?.clientsDoc;
  const live = createLiveClient(doc, id);
  const profile = () => live()?.profile;
  // MERGE-6: a merged client's page opens the client it was merged into; an erased one says so.
  const [bookVersion, setBookVersion] = createSignal(0);
  createEffect(() => {
    const d = doc();
    if (!d) return;
    const book = clientBook(d);
    const bump = () => setBookVersion((v) => v + 1);
    book.observe(bump);
    onCleanup(() => book.unobserve(bump));
  });
  const gone = createMemo(() => {
    const d = doc();
    bookVersion();
    live();
    if (!d || !clientTombstone(clientBook(d).get(id()))) return undefined;
    const r = resolveClient(d, id());
    return r.status === 'unknown' ? undefined : r;
  });
  // PRESENCE-1: this till says which client it has open, and which field; others see it.
  createEffect(() => {
    const data = app.data();
    const client = id();
    if (!data || !client) return;
    data.focusClient(client);
    onCleanup(() => data.focusClient(undefined));
  });
  const onFocusIn = (e: FocusEvent) => {
    const el = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-field]') : null;
    app.data()?.focusClient(id(), el?.dataset.field);
  };
  const onFocusOut = (e: FocusEvent) => {
    const next = e.relatedTarget instanceof Element ? e.relatedTarget.closest('[data-field]') : null;
    if (!next) app.data()?.focusClient(id());
  };
  const here = () => (app.data()?.peers() ?? []).filter((p) => p.client === id());
  const today = () => {
    const d = app.data();
    return dateIn(d?.storeInfo()?.timeZone || browserTimeZone(), new Date());
  };

  /** Runs a write on this client; a refusal becomes the section's message in words. */
  const write = (
    setError: (m: string | undefined) => void,
    what: Parameters<typeof refusalInWords>[0],
    f: (d: NonNullable<ReturnType<typeof doc>>) => Written,
    item?: unknown,
  ): boolean => {
    const d = doc();
    if (!d) return false;
    const r = f(d);
    setError(r.ok ? undefined : refusalInWords(what, r.error, item));
    return r.ok;
  };

  return (
    <div class="client-profile-page">
      <A href="/clients" class="link">
        {C.backToList}
      </A>
      <Show
        when={profile()}
        fallback={
          <Show when={gone()} fallback={<p class="notice">{app.data()?.ready() ? C.noClient : C.loading}</p>}>
            {(g) =>
              g().status === 'active' ? (
                <Navigate href={`/clients/${g().id}`} />
              ) : (
                <p class="notice" data-testid="client-erased">
                  {B.erased}
                </p>
              )
            }
          </Show>
        }
      >
        {(p) => (
          <article
            class="client-profile"
            data-testid="client-profile"
            data-client={p().id}
            aria-labelledby="client-name"
            onFocusIn={onFocusIn}
            onFocusOut={onFocusOut}
          >
            <h1 id="client-name" data-testid="client-name">
              {p().names.display}
            </h1>
            <p class="muted">{C.savedOffline}</p>
            <PresenceHere peers={here()} words={C} testId="profile-presence" />
            <div class="profile-grid">
              <ClientelingPanel profile={p()} />
              <NamesSection first={p().names.first} last={p().names.last} write={write} />
              <section class="card" aria-labelledby="contacts-h" data-field="emails">
                <h2 id="contacts-h">{C.contacts}</h2>
                <TextList
                  list="emails"
                  label={C.emails}
                  addLabel={C.newEmail}
                  type="email"
                  live={live}
                  write={write}
                />
                <TextList
                  list="phones"
                  label={C.phones}
                  addLabel={C.newPhone}
                  type="tel"
                  live={live}
                  write={write}
                />
                <fieldset data-field="consent">
                  <legend>{C.consent}</legend>
                  <For each={CHANNELS}>
                    {(channel) => (
                      <label class="check">
                        <input
                          type="checkbox"
                          data-testid={`consent-${channel}`}
                          checked={p().consent[channel]?.granted ?? false}
                          onChange={(e) => {
                            const granted = e.currentTarget.checked;
                            write(
                              () => {},
                              'consent',
                              (d) => setClientConsent(d, id(), channel, { granted, date: today() }),
                            );
                          }}
                        />{' '}
                        {C.consentChannel[channel] ?? channel}{' '}
                        <Show when={p().consent[channel]}>
                          {(c) => <span class="muted">{C.consentSince(c().date)}</span>}
                        </Show>
                      </label>
                    )}
                  </For>
                </fieldset>
              </section>
              <SizesSection live={live} write={write} />
              <section class="card" aria-labelledby="prefs-h" data-field="metals">
                <h2 id="prefs-h">{C.preferences}</h2>
                <MetalChoices live={live} write={write} />
                <TextList list="stones" label={C.stones} addLabel={C.newStone} live={live} write={write} />
                <TextList
                  list="designers"
                  label={C.designers}
                  addLabel={C.newDesigner}
                  live={live}
                  write={write}
                />
              </section>
              <MilestonesSection live={live} write={write} />
              <NotesSection notes={p().notes} />
              <ClientHistorySection clientId={p().id} />
              <FieldHistorySection clientId={p().id} live={live} />
              <ClientPrivacySection clientId={p().id} />
              <ClientWork clientId={id()} />
            </div>
          </article>
        )}
      </Show>
    </div>
  );

  function NotesSection(props: { notes: string }): JSX.Element {
    let area: HTMLTextAreaElement | undefined;
    const [error, setError] = createSignal<string>();
    // The box is filled here, not through a `value` binding (which would put the caret at the end):
    // another till's edit arrives and goes in, the caret staying where it was in the text.
    createEffect(() => {
      const next = props.notes;
      if (!area || area.value === next) return;
      const focused = document.activeElement === area;
      const { selectionStart, selectionEnd } = area;
      const d = textDiff(area.value, next);
      const move = (pos: number) =>
        pos <= d.index
          ? pos
          : pos >= d.index + d.deleteCount
            ? pos + d.insert.length - d.deleteCount
            : d.index + d.insert.length;
      area.value = next;
      if (focused) area.setSelectionRange(move(selectionStart), move(selectionEnd));
    });
    return (
      <section class="card notes-card" aria-labelledby="notes-h" data-field="notes">
        <h2 id="notes-h">{C.notes}</h2>
        <label class="field">
          <span class="muted">{C.notesHint}</span>
          <textarea
            ref={area}
            rows={6}
            data-testid="client-notes"
            aria-labelledby="notes-h"
            onInput={(e) => write(setError, 'notes', (d) => setClientNotes(d, id(), e.currentTarget.value))}
          />
        </label>
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
      </section>
    );
  }
}

type WriteFn = (
  setError: (m: string | undefined) => void,
  what: Parameters<typeof refusalInWords>[0],
  f: (d: import('yjs').Doc) => Written,
  item?: unknown,
) => boolean;
type Live = ReturnType<typeof createLiveClient>;

function useClientId() {
  const params = useParams<{ id: string }>();
  return () => params.id ?? '';
}

function ErrorLine(props: { error: string | undefined; testid: string }) {
  return (
    <Show when={props.error}>
      <p class="error" role="alert" data-testid={props.testid}>
        {props.error}
      </p>
    </Show>
  );
}

function NamesSection(props: { first: string; last: string; write: WriteFn }) {
  const id = useClientId();
  const [error, setError] = createSignal<string>();
  let first: HTMLInputElement | undefined;
  let last: HTMLInputElement | undefined;
  const save = () => {
    if (!first || !last) return;
    const next = { first: first.value.trim(), last: last.value.trim() };
    if (next.first === props.first && next.last === props.last) return;
    // Refused (no name left): the boxes show the stored name again, the message says why.
    if (!props.write(setError, 'names', (d) => setClientField(d, id(), 'names', next))) {
      first.value = props.first;
      last.value = props.last;
    }
  };
  return (
    <section class="card" aria-labelledby="names-h" data-field="names">
      <h2 id="names-h">{C.names}</h2>
      <div class="grid-2">
        <label class="field">
          {C.first}
          <input ref={first} data-testid="client-first" value={props.first} onChange={save} />
        </label>
        <label class="field">
          {C.last}
          <input ref={last} data-testid="client-last" value={props.last} onChange={save} />
        </label>
      </div>
      <ErrorLine error={error()} testid="names-error" />
    </section>
  );
}

/** A list of texts (e-mails, phones, stones, designers): each removable, one added at a time. */
/** One entry of a list on the profile, with its Remove button: removes that entry only. */
function EntryRow(props: { testid: string; text: string; onRemove: () => void }) {
  return (
    <li data-testid={props.testid}>
      <span>{props.text}</span>
      <button type="button" class="link" aria-label={C.remove(props.text)} onClick={() => props.onRemove()}>
        {C.removeShort}
      </button>
    </li>
  );
}

function TextList(props: {
  list: 'emails' | 'phones' | 'stones' | 'designers';
  label: string;
  addLabel: string;
  type?: string;
  live: Live;
  write: WriteFn;
}) {
  const id = useClientId();
  const [error, setError] = createSignal<string>();
  const [draft, setDraft] = createSignal('');
  const entries = () => props.live()?.entries[props.list] ?? [];
  const add = (e: SubmitEvent) => {
    e.preventDefault();
    const value = draft().trim();
    if (!value) return;
    if (props.write(setError, props.list, (d) => addToClientList(d, id(), props.list, value))) setDraft('');
  };
  return (
    <div class="entry-list" data-testid={`list-${props.list}`} data-field={props.list}>
      <h3>{props.label}</h3>
      <ul aria-label={props.label}>
        <For each={entries()} fallback={<li class="muted">{C.emptyList}</li>}>
          {(entry) => (
            <EntryRow
              testid={`entry-${props.list}`}
              text={entry.value}
              onRemove={() =>
                props.write(setError, props.list, (d) => removeFromClientList(d, id(), props.list, entry.key))
              }
            />
          )}
        </For>
      </ul>
      <form class="add-row" onSubmit={add}>
        <label class="field grow">
          {props.addLabel}
          <input
            type={props.type ?? 'text'}
            data-testid={`add-${props.list}`}
            value={draft()}
            aria-invalid={error() !== undefined}
            onInput={(e) => {
              setDraft(e.currentTarget.value);
              setError(undefined);
            }}
          />
        </label>
        <button type="submit">{C.add}</button>
      </form>
      <ErrorLine error={error()} testid={`error-${props.list}`} />
    </div>
  );
}

function MetalChoices(props: { live: Live; write: WriteFn }) {
  const id = useClientId();
  const [error, setError] = createSignal<string>();
  const chosen = (m: string) => props.live()?.entries.metals.find((e) => e.value === m);
  return (
    <fieldset data-field="metals">
      <legend>{C.metals}</legend>
      <div class="choices">
        <For each={METALS}>
          {(metal) => (
            <label class="check">
              <input
                type="checkbox"
                data-testid={`metal-${metal}`}
                checked={chosen(metal) !== undefined}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  const entry = chosen(metal);
                  props.write(setError, 'metals', (d) =>
                    on
                      ? addToClientList(d, id(), 'metals', metal as ClientListItem<'metals'>)
                      : entry
                        ? removeFromClientList(d, id(), 'metals', entry.key)
                        : { ok: true },
                  );
                }}
              />{' '}
              {C.metalNames[metal] ?? metal}
            </label>
          )}
        </For>
      </div>
      <ErrorLine error={error()} testid="error-metals" />
    </fieldset>
  );
}

function SizesSection(props: { live: Live; write: WriteFn }) {
  const id = useClientId();
  const [error, setError] = createSignal<string>();
  const [measureError, setMeasureError] = createSignal<string>();
  const [form, setForm] = createSignal<RingSizeForm>({
    hand: 'left',
    finger: 'ring',
    size: '',
    system: 'EU',
  });
  const edit = (patch: Partial<RingSizeForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setError(undefined);
  };
  const add = (e: SubmitEvent) => {
    e.preventDefault();
    if (!form().size.trim()) return setError(C.ringSizeMissing);
    const ring = ringSizeFrom(form());
    if (props.write(setError, 'ringSizes', (d) => addToClientList(d, id(), 'ringSizes', ring), ring))
      edit({ size: '' });
  };
  const measure = (field: 'wristCm' | 'neckCm', text: string) => {
    const t = text.trim().replace(',', '.');
    const value = t === '' ? undefined : Number(t);
    if (value !== undefined && !Number.isFinite(value))
      return setMeasureError(
        field === 'wristCm' ? C.measureInvalid(C.wrist, 5, 40) : C.measureInvalid(C.neck, 20, 80),
      );
    props.write(setMeasureError, field, (d) => setClientField(d, id(), field, value));
  };
  const p = () => props.live()?.profile;
  return (
    <section class="card" aria-labelledby="sizes-h" data-field="ringSizes">
      <h2 id="sizes-h">{C.sizes}</h2>
      <h3>{C.ringSizes}</h3>
      <ul aria-label={C.ringSizes}>
        <For each={props.live()?.entries.ringSizes ?? []} fallback={<li class="muted">{C.emptyList}</li>}>
          {(entry) => {
            const text = () =>
              C.ringSizeText(
                C.hands[entry.value.hand] ?? entry.value.hand,
                C.fingers[entry.value.finger] ?? entry.value.finger,
                entry.value.size,
                entry.value.system,
              );
            return (
              <EntryRow
                testid="entry-ringSizes"
                text={text()}
                onRemove={() =>
                  props.write(setError, 'ringSizes', (d) =>
                    removeFromClientList(d, id(), 'ringSizes', entry.key),
                  )
                }
              />
            );
          }}
        </For>
      </ul>
      <form class="add-row" aria-label={C.addRingSize} onSubmit={add}>
        <label class="field">
          {C.hand}
          <select
            value={form().hand}
            onChange={(e) => edit({ hand: e.currentTarget.value === 'right' ? 'right' : 'left' })}
          >
            <option value="left">{C.hands.left}</option>
            <option value="right">{C.hands.right}</option>
          </select>
        </label>
        <label class="field">
          {C.finger}
          <select
            value={form().finger}
            onChange={(e) => {
              const f = FINGERS.find((x) => x === e.currentTarget.value);
              if (f) edit({ finger: f });
            }}
          >
            <For each={FINGERS}>{(f) => <option value={f}>{C.fingers[f] ?? f}</option>}</For>
          </select>
        </label>
        <label class="field narrow">
          {C.size}
          <input
            data-testid="add-ring-size"
            value={form().size}
            aria-invalid={error() !== undefined}
            onInput={(e) => edit({ size: e.currentTarget.value })}
          />
        </label>
        <label class="field">
          {C.system}
          <select
            data-testid="add-ring-system"
            value={form().system}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (isSizeSystem(v)) edit({ system: v });
            }}
          >
            <For each={SIZE_SYSTEMS}>{(s) => <option value={s}>{s}</option>}</For>
          </select>
        </label>
        <button type="submit">{C.addRingSize}</button>
      </form>
      <ErrorLine error={error()} testid="error-ringSizes" />
      <div class="grid-2" data-field="measures">
        <label class="field narrow">
          {C.wrist}
          <input
            inputmode="decimal"
            data-testid="client-wrist"
            value={p()?.wristCm ?? ''}
            onChange={(e) => measure('wristCm', e.currentTarget.value)}
          />
        </label>
        <label class="field narrow">
          {C.neck}
          <input
            inputmode="decimal"
            data-testid="client-neck"
            value={p()?.neckCm ?? ''}
            onChange={(e) => measure('neckCm', e.currentTarget.value)}
          />
        </label>
      </div>
      <ErrorLine error={measureError()} testid="error-measures" />
    </section>
  );
}

function MilestonesSection(props: { live: Live; write: WriteFn }) {
  const id = useClientId();
  const [error, setError] = createSignal<string>();
  const [kind, setKind] = createSignal<MilestoneKind>('anniversary');
  const [date, setDate] = createSignal('');
  const [yearly, setYearly] = createSignal(true);
  const [label, setLabel] = createSignal('');
  const add = (e: SubmitEvent) => {
    e.preventDefault();
    if (!date().trim()) return setError(C.dateInvalid);
    const m = milestoneFrom({
      kind: kind(),
      date: date(),
      recurrence: yearly() ? 'yearly' : 'once',
      label: label(),
    });
    if (props.write(setError, 'milestones', (d) => addToClientList(d, id(), 'milestones', m))) {
      setDate('');
      setLabel('');
    }
  };
  return (
    <section class="card" aria-labelledby="milestones-h" data-field="milestones">
      <h2 id="milestones-h">{C.milestones}</h2>
      <ul aria-label={C.milestones}>
        <For each={props.live()?.entries.milestones ?? []} fallback={<li class="muted">{C.emptyList}</li>}>
          {(entry) => {
            const text = () =>
              C.milestoneText(
                C.kinds[entry.value.kind] ?? entry.value.kind,
                entry.value.date,
                entry.value.recurrence === 'yearly',
                entry.value.label,
              );
            return (
              <EntryRow
                testid="entry-milestones"
                text={text()}
                onRemove={() =>
                  props.write(setError, 'milestones', (d) =>
                    removeFromClientList(d, id(), 'milestones', entry.key),
                  )
                }
              />
            );
          }}
        </For>
      </ul>
      <form class="add-row" aria-label={C.addMilestone} onSubmit={add}>
        <label class="field">
          {C.kind}
          <select
            value={kind()}
            onChange={(e) => {
              const k = MILESTONE_KINDS.find((x) => x === e.currentTarget.value);
              if (k) setKind(k);
            }}
          >
            <For each={MILESTONE_KINDS}>{(k) => <option value={k}>{C.kinds[k] ?? k}</option>}</For>
          </select>
        </label>
        <label class="field">
          {C.date}
          <input
            type="date"
            data-testid="add-milestone-date"
            value={date()}
            onInput={(e) => setDate(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          {C.recurrence}
          <select
            value={yearly() ? 'yearly' : 'once'}
            onChange={(e) => setYearly(e.currentTarget.value === 'yearly')}
          >
            <option value="yearly">{C.yearly}</option>
            <option value="once">{C.once}</option>
          </select>
        </label>
        <label class="field grow">
          {C.label}
          <input value={label()} onInput={(e) => setLabel(e.currentTarget.value)} />
        </label>
        <button type="submit">{C.addMilestone}</button>
      </form>
      <ErrorLine error={error()} testid="error-milestones" />
    </section>
  );
}
