/**
 * "What happens to this piece": the stock commands (and the price change) the signed-in role may
 * give this piece in its status (`piece-actions.ts`, domain STOCK-6), each a small form. Every
 * action is a command appended to this till's outbox, decided by the relay once: the panel says
 * "waiting" until the outcome, then the new status or the refusal in words (OUTCOME_MESSAGES).
 * Offline, the command waits in the outbox like a sale and is decided on reconnect.
 */
import { createSignal, For, Match, onMount, Show, Switch } from 'solid-js';
import { WRITE_OFF_REASONS } from '../../../domain/command-payloads.ts';
import type { CommandType } from '../../../domain/commands.ts';
import { type Currency, currency as toCurrency } from '../../../domain/money.ts';
import { parseMoney } from '../../../domain/money-parse.ts';
import type { Role } from '../../../domain/roles.ts';
import type { PayloadInput } from '../../../sync/shared/command-builder.ts';
import { outcomeText } from '../../../sync/shared/outcome-codes.ts';
import { useApp } from '../app-state.ts';
import { pickClients } from '../clients/client-index.ts';
import { statusLabel } from '../format.ts';
import { appendCommand, stateOf } from '../local/outbox.ts';
import { ClientSearchField } from '../sell/ClientSearchField.tsx';
import { dateInputValue, type PieceAction, pieceActions, reservationUntil } from './piece-actions.ts';
import { t } from './strings.ts';

/** Actions done in one press (each one edge of the status machine, undone by another). */
const ONE_PRESS: ReadonlySet<PieceAction> = new Set([
  'reservation.release',
  'memo.return',
  'repair.in',
  'repair.out',
  'piece.restock',
  'transfer.receive',
]);
const LIFE_TYPES: ReadonlySet<string> = new Set<string>([
  'reservation.place',
  'reservation.release',
  'memo.out',
  'memo.return',
  'repair.in',
  'repair.out',
  'piece.restock',
  'transfer.send',
  'transfer.receive',
  'piece.write-off',
  'price.change',
]);

type Submit = <T extends CommandType>(type: T, payload: PayloadInput<T>) => void;

export function PieceLifePanel(props: { serial: string; status: string | undefined; currency: string }) {
  const app = useApp();
  const data = () => app.data();
  const role = () => (app.session()?.user.role ?? 'associate') as Role;
  const otherStores = () => Object.values(data()?.stores ?? {}).filter((s) => s.id !== data()?.store);
  const actions = () =>
    pieceActions({ status: props.status, role: role(), otherStores: otherStores().length });
  const [open, setOpen] = createSignal<PieceAction>();
  const [last, setLast] = createSignal<{ id: string; type: string }>();
  let statusEl: HTMLParagraphElement | undefined;

  const outcomes = () => data()?.outcomes() ?? {};
  const lastState = () => {
    const l = last();
    return l ? stateOf(l.id, outcomes()) : undefined;
  };
  /** A command of this till for this piece, still waiting for the relay (this visit's or an earlier one). */
  const waiting = () =>
    (data()?.commands.items ?? []).some(
      (c) =>
        LIFE_TYPES.has(c.type) &&
        !outcomes()[c.id] &&
        (c.payload as { serial?: string } | undefined)?.serial === props.serial,
    );
  const offline = () =>
    (typeof navigator !== 'undefined' && !navigator.onLine) || app.sync?.().link === 'offline';

  const submit: Submit = (type, payload) => {
    const d = data();
    if (!d) return;
    const c = appendCommand(d.outbox, app.actor(), type, payload);
    setLast({ id: c.id, type });
    setOpen(undefined);
    queueMicrotask(() => statusEl?.focus());
  };

  const message = () => {
    const l = last();
    const state = lastState();
    if (!l || !state) return undefined;
    if (state === 'pending') return offline() ? t.waitingOffline : t.waiting;
    if (state === 'accepted')
      return l.type === 'price.change' ? t.acceptedPrice : t.accepted(statusLabel(props.status));
    const o = outcomes()[l.id];
    return `${t.refused}: ${o ? outcomeText(o) : ''}`;
  };

  return (
    <section class="piece-life" aria-labelledby="piece-life-title" data-testid="piece-life">
      <h2 id="piece-life-title">{t.life}</h2>
      <Show when={message()}>
        <p
          ref={statusEl}
          tabindex="-1"
          class={`status status-${lastState()}`}
          role={lastState() === 'rejected' ? 'alert' : 'status'}
          data-testid="piece-action-status"
          data-state={lastState()}
        >
          {message()}
        </p>
      </Show>
      <Show when={!last() && waiting()}>
        <p class="status status-pending" role="status" data-testid="piece-action-status" data-state="pending">
          {t.lifeWaitingOther}
        </p>
      </Show>
      <Show when={actions().length > 0} fallback={<p class="muted">{t.lifeNothing}</p>}>
        <div class="life-actions">
          <For each={actions()}>
            {(a) => (
              <button
                type="button"
                class={a === 'piece.write-off' ? 'danger' : ''}
                disabled={waiting()}
                aria-expanded={ONE_PRESS.has(a) ? undefined : open() === a}
                aria-controls={ONE_PRESS.has(a) ? undefined : 'piece-life-form'}
                onClick={() => {
                  if (ONE_PRESS.has(a)) submit(a as 'repair.in', { serial: props.serial });
                  else setOpen(open() === a ? undefined : a);
                }}
              >
                {t.action[a]}
              </button>
            )}
          </For>
        </div>
      </Show>
      <Show when={open()}>
        {(a) => (
          <div id="piece-life-form" class="life-form card">
            <Switch>
              <Match when={a() === 'reservation.place'}>
                <ReserveForm serial={props.serial} submit={submit} close={() => setOpen(undefined)} />
              </Match>
              <Match when={a() === 'memo.out'}>
                <MemoForm serial={props.serial} submit={submit} close={() => setOpen(undefined)} />
              </Match>
              <Match when={a() === 'transfer.send'}>
                <TransferForm
                  serial={props.serial}
                  stores={otherStores().map((s) => ({ id: s.id, name: s.name }))}
                  submit={submit}
                  close={() => setOpen(undefined)}
                />
              </Match>
              <Match when={a() === 'price.change'}>
                <PriceForm
                  serial={props.serial}
                  currency={toCurrency(data()?.storeInfo()?.currency ?? props.currency)}
                  submit={submit}
                  close={() => setOpen(undefined)}
                />
              </Match>
              <Match when={a() === 'piece.write-off'}>
                <WriteOffForm serial={props.serial} submit={submit} close={() => setOpen(undefined)} />
              </Match>
            </Switch>
          </div>
        )}
      </Show>
    </section>
  );
}

type FormProps = { serial: string; submit: Submit; close: () => void };

/** A small form: its first field takes the focus, Escape closes it, errors are announced. */
function LifeForm(props: {
  label: string;
  onSubmit: () => string | undefined;
  submitLabel: string;
  close: () => void;
  children: unknown;
  danger?: boolean;
}) {
  const [error, setError] = createSignal<string>();
  let form: HTMLFormElement | undefined;
  onMount(() => form?.querySelector<HTMLElement>('input, select, textarea')?.focus());
  return (
    <form
      ref={form}
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        setError(props.onSubmit());
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.close();
      }}
    >
      {props.children as never}
      <Show when={error()}>
        <p class="error" role="alert" data-testid="piece-action-error">
          {error()}
        </p>
      </Show>
      <div class="actions start">
        <button type="submit" class={props.danger ? 'danger' : 'primary'}>
          {props.submitLabel}
        </button>
        <button type="button" class="link" onClick={() => props.close()}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}

function ReserveForm(props: FormProps) {
  const app = useApp();
  const [query, setQuery] = createSignal('');
  const [clientId, setClientId] = createSignal<string>();
  const [date, setDate] = createSignal(dateInputValue(new Date()));
  const clients = () => app.data()?.clients ?? {};
  const matches = () => pickClients(app.data()?.clientIndex(), query());
  const chosen = () => {
    const id = clientId();
    return id ? clients()[id] : undefined;
  };
  return (
    <LifeForm
      label={t.action['reservation.place'] ?? ''}
      submitLabel={t.reserve}
      close={props.close}
      onSubmit={() => {
        const id = clientId();
        if (!id) return t.needClient;
        const until = reservationUntil(date(), new Date());
        if (!until) return t.needDate;
        props.submit('reservation.place', { serial: props.serial, clientId: id, until });
        return undefined;
      }}
    >
      <div class="client-picker">
        <Show
          when={chosen()}
          fallback={
            <>
              <ClientSearchField
                label={t.client}
                placeholder={t.clientPlaceholder}
                testid="reserve-client-search"
                query={query}
                setQuery={setQuery}
                matches={matches}
                onPick={(c) => setClientId(c.id)}
              />
              <Show when={query().trim().length >= 2 && matches().length === 0}>
                <p class="muted">{t.noClientMatch}</p>
              </Show>
            </>
          }
        >
          {(c) => (
            <div class="attached" data-testid="reserve-client">
              <strong>{t.clientChosen(c().name)}</strong>
              <button type="button" class="link" onClick={() => setClientId(undefined)}>
                {t.changeClient}
              </button>
            </div>
          )}
        </Show>
      </div>
      <label class="field">
        {t.until}
        <input type="date" value={date()} onInput={(e) => setDate(e.currentTarget.value)} />
      </label>
    </LifeForm>
  );
}

function MemoForm(props: FormProps) {
  const [consignee, setConsignee] = createSignal('');
  return (
    <LifeForm
      label={t.action['memo.out'] ?? ''}
      submitLabel={t.sendOnMemo}
      close={props.close}
      onSubmit={() => {
        const who = consignee().trim();
        props.submit('memo.out', { serial: props.serial, ...(who ? { consignee: who.slice(0, 120) } : {}) });
        return undefined;
      }}
    >
      <label class="field">
        {t.consignee}
        <input
          value={consignee()}
          maxLength={120}
          placeholder={t.consigneeHint}
          onInput={(e) => setConsignee(e.currentTarget.value)}
        />
      </label>
    </LifeForm>
  );
}

function TransferForm(props: FormProps & { stores: readonly { id: string; name: string }[] }) {
  const [to, setTo] = createSignal('');
  return (
    <LifeForm
      label={t.action['transfer.send'] ?? ''}
      submitLabel={t.send}
      close={props.close}
      onSubmit={() => {
        if (!to()) return t.needStore;
        props.submit('transfer.send', { serial: props.serial, toStore: to() });
        return undefined;
      }}
    >
      <label class="field">
        {t.toStore}
        <select value={to()} onChange={(e) => setTo(e.currentTarget.value)}>
          <option value="">—</option>
          <For each={props.stores}>{(s) => <option value={s.id}>{s.name}</option>}</For>
        </select>
      </label>
    </LifeForm>
  );
}

function PriceForm(props: FormProps & { currency: Currency }) {
  const [price, setPrice] = createSignal('');
  const [reason, setReason] = createSignal('');
  return (
    <LifeForm
      label={t.action['price.change'] ?? ''}
      submitLabel={t.changePrice}
      close={props.close}
      onSubmit={() => {
        const listPrice = parseMoney(price(), props.currency);
        if (!listPrice.ok) return t.badPrice(price().trim());
        const why = reason().trim();
        if (!why) return t.needReason;
        props.submit('price.change', {
          serial: props.serial,
          listPrice: { minor: listPrice.value.minor, currency: listPrice.value.currency },
          reason: why.slice(0, 500),
        });
        return undefined;
      }}
    >
      <label class="field">
        {t.newPrice(props.currency)}
        <input inputMode="decimal" value={price()} onInput={(e) => setPrice(e.currentTarget.value)} />
      </label>
      <label class="field">
        {t.reason}
        <input value={reason()} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
    </LifeForm>
  );
}

function WriteOffForm(props: FormProps) {
  const [reason, setReason] = createSignal<(typeof WRITE_OFF_REASONS)[number]>('lost');
  const [note, setNote] = createSignal('');
  return (
    <LifeForm
      label={t.action['piece.write-off'] ?? ''}
      submitLabel={t.writeOff}
      danger
      close={props.close}
      onSubmit={() => {
        const what = note().trim();
        if (!what) return t.needNote;
        props.submit('piece.write-off', { serial: props.serial, reason: reason(), note: what.slice(0, 500) });
        return undefined;
      }}
    >
      <fieldset class="write-off-reasons">
        <legend>{t.writeOffReason}</legend>
        <For each={WRITE_OFF_REASONS}>
          {(r) => (
            <label>
              <input
                type="radio"
                name="write-off-reason"
                value={r}
                checked={reason() === r}
                onChange={() => setReason(r)}
              />
              {t.writeOffReasons[r]}
            </label>
          )}
        </For>
      </fieldset>
      <label class="field">
        {t.writeOffNote}
        <textarea rows={2} maxLength={500} value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <p class="muted">{t.writeOffWarning}</p>
    </LifeForm>
  );
}
