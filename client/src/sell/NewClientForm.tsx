import { createSignal, For, Show } from 'solid-js';
import type { ClientProfile } from '../../../domain/client.ts';
import { newClientId } from '../../../domain/ids.ts';
import { createClient } from '../../../sync/shared/docs/clients.ts';
import { useApp } from '../app-state.ts';
import {
  buildClient,
  type ConsentChannel,
  type Duplicate,
  dateIn,
  type NewClientForm as Form,
  type FormError,
  type FormField,
  findDuplicates,
  isSizeSystem,
  reasonsInWords,
} from './new-client.ts';
import { browserTimeZone } from './receipt-header.ts';
import { S } from './strings.ts';

type TextField = Exclude<keyof Form, 'consent' | 'ringSystem'>;
const CONSENTS: ReadonlyArray<[ConsentChannel, string]> = (['email', 'sms', 'phone'] as const).map((c) => [
  c,
  S.consent[c] ?? c,
]);

/**
 * A walk-in buyer's profile, written into the store's client book (`clients/<store>`; offline it
 * syncs later, and the relay records who wrote it in `audit/<store>`). A likely duplicate is
 * offered first, so the associate can pick the existing client instead.
 */
export function NewClientForm(props: {
  initial: Form;
  onDone: (clientId: string) => void;
  onCancel: () => void;
}) {
  const app = useApp();
  const [form, setForm] = createSignal<Form>(props.initial);
  const [error, setError] = createSignal<FormError>();
  const [duplicates, setDuplicates] = createSignal<Duplicate[]>([]);
  const [profile, setProfile] = createSignal<ClientProfile>();

  const edit = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setDuplicates([]);
    setProfile(undefined);
  };
  const write = (p: ClientProfile) => {
    const d = app.data();
    if (!d) return;
    // Written field by field (sync/SPEC.md DOC-4): later edits of one field merge with others'.
    const r = createClient(d.clientsDoc, p);
    if (!r.ok) return setError({ field: 'first', message: S.fieldInvalid(S.newClient) });
    props.onDone(p.id);
  };
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const d = app.data();
    if (!d) return;
    const now = new Date();
    const timeZone = d.storeInfo()?.timeZone || browserTimeZone();
    const r = buildClient(form(), {
      id: newClientId(now.getTime()),
      store: d.store,
      now,
      today: dateIn(timeZone, now),
    });
    if (!r.ok) return setError(r.error);
    setError(undefined);
    const dups = findDuplicates(form(), d.clients);
    if (dups.length === 0) return write(r.value);
    setProfile(r.value);
    setDuplicates(dups);
  };

  const text = (field: TextField & FormField, label: string, type = 'text') => (
    <label class="field">
      {label}
      <input
        type={type}
        name={field}
        value={form()[field]}
        aria-invalid={error()?.field === field}
        onInput={(e) => edit({ [field]: e.currentTarget.value })}
      />
    </label>
  );

  return (
    <form
      class="new-client card"
      aria-label={S.newClient}
      data-testid="new-client"
      novalidate
      onSubmit={submit}
    >
      <h3>{S.newClient}</h3>
      <div class="grid-2">
        {text('first', S.field.first ?? 'First name')}
        {text('last', S.field.last ?? 'Last name')}
        {text('email', S.field.email ?? 'E-mail', 'email')}
        {text('phone', S.field.phone ?? 'Phone', 'tel')}
      </div>
      <fieldset>
        <legend>{S.consentLegend}</legend>
        <For each={CONSENTS}>
          {([channel, label]) => (
            <label>
              <input
                type="checkbox"
                checked={form().consent[channel]}
                onChange={(e) => edit({ consent: { ...form().consent, [channel]: e.currentTarget.checked } })}
              />{' '}
              {label}
            </label>
          )}
        </For>
      </fieldset>
      <div class="grid-2">
        {text('ringSize', S.field.ringSize ?? 'Ring size')}
        <label class="field">
          {S.sizeSystem}
          <select
            value={form().ringSystem}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (isSizeSystem(v)) edit({ ringSystem: v });
            }}
          >
            <option value="EU">EU</option>
            <option value="US">US</option>
            <option value="UK">UK</option>
          </select>
        </label>
        {text('birthday', S.field.birthday ?? 'Birthday', 'date')}
        {text('anniversary', S.field.anniversary ?? 'Anniversary', 'date')}
      </div>
      <Show when={error()}>
        {(e) => (
          <p class="error" role="alert" data-testid="new-client-error" data-field={e().field}>
            {e().message}
          </p>
        )}
      </Show>
      <Show when={duplicates().length > 0}>
        <div class="notice" role="alert" data-testid="duplicate-warning">
          <p>{S.maybeDuplicate}</p>
          <ul class="matches">
            <For each={duplicates()}>
              {(d) => (
                <li>
                  <button type="button" data-testid="use-existing" onClick={() => props.onDone(d.client.id)}>
                    {S.use} <strong>{d.client.name}</strong>{' '}
                    <span class="muted">
                      {[d.client.email, d.client.phone].filter(Boolean).join(' · ')} — {reasonsInWords(d)}
                    </span>
                  </button>
                </li>
              )}
            </For>
          </ul>
          <button
            type="button"
            onClick={() => {
              const p = profile();
              if (p) write(p);
            }}
          >
            {S.createAnyway}
          </button>
        </div>
      </Show>
      <div class="actions">
        <button type="button" class="link" onClick={() => props.onCancel()}>
          {S.cancel}
        </button>
        <button type="submit" class="primary">
          {S.createClient}
        </button>
      </div>
    </form>
  );
}
