import { useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import type { ClientId, OrderId } from '../../../domain/ids.ts';
import { newOrderId } from '../../../domain/ids.ts';
import {
  REPAIR_WORK,
  type RepairWork,
  type WorkAttachment,
  type WorkKind,
} from '../../../domain/work-order.ts';
import { createWork } from '../../../sync/shared/docs/work.ts';
import { useApp } from '../app-state.ts';
import { pickClients } from '../clients/client-index.ts';
import { appendCommand } from '../local/outbox.ts';
import { W } from './strings.ts';
import { WorkAttachments } from './WorkAttachments.tsx';
import { amountFrom } from './work-view.ts';

/**
 * REPAIR-1, WORK-1: a repair taken in at the counter (the item, its declared value, the work asked
 * for, the "call before starting above" amount, the estimate, the due date) or a custom order
 * opened. Opening is the relay-decided `order.open`; what people edit next is in `work/<store>`.
 * Works offline: the command waits in the outbox, the job is on this till at once.
 */
export function WorkIntakePage() {
  const app = useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams<{ kind: string; client: string }>();
  const kind = (): WorkKind => (params.kind === 'custom' ? 'custom' : 'repair');
  const currency = () => app.data()?.storeInfo()?.currency ?? 'EUR';
  const [clientId, setClientId] = createSignal<string>(params.client ?? '');
  const [clientQuery, setClientQuery] = createSignal('');
  const [title, setTitle] = createSignal('');
  const [declared, setDeclared] = createSignal('');
  const [callAbove, setCallAbove] = createSignal('');
  const [price, setPrice] = createSignal('');
  const [due, setDue] = createSignal('');
  const [designer, setDesigner] = createSignal('');
  const [work, setWork] = createSignal<ReadonlySet<RepairWork>>(new Set());
  const [error, setError] = createSignal<string>();
  // ORDERATT-2: the client's item photographed at intake, attached to the repair when it is taken in.
  const [photos, setPhotos] = createSignal<readonly WorkAttachment[]>([]);
  const matches = () => pickClients(app.data()?.clientIndex(), clientQuery(), 8);
  const chosen = () => app.data()?.clients[clientId()];

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const d = app.data();
    if (!d) return;
    if (!chosen()) return setError(W.noClientChosen);
    const amount = amountFrom(price(), currency());
    const declaredMinor = declared().trim() ? amountFrom(declared(), currency()) : undefined;
    const callMinor = callAbove().trim() ? amountFrom(callAbove(), currency()) : undefined;
    if (
      amount === undefined ||
      amount <= 0 ||
      (declared().trim() && declaredMinor === undefined) ||
      (callAbove().trim() && callMinor === undefined)
    )
      return setError(W.amountInvalid);
    const id = newOrderId() as OrderId;
    const k = kind();
    const record = {
      id,
      kind: k,
      clientId: clientId() as ClientId,
      title: title().trim(),
      createdAt: new Date().toISOString(),
      notes: '',
      attachments: [...photos()],
      sizes: [],
      stones: [],
      quote: [],
      work: [...work()],
      ...(due() ? { dueDate: due() } : {}),
      ...(designer().trim() ? { designer: designer().trim() } : {}),
      ...(k === 'repair'
        ? {
            item: title().trim(),
            estimateMinor: amount,
            ...(declaredMinor !== undefined ? { declaredValueMinor: declaredMinor } : {}),
            ...(callMinor !== undefined ? { callAboveMinor: callMinor } : {}),
          }
        : {}),
    };
    const written = createWork(d.workDoc, record);
    if (!written.ok)
      return setError(
        written.error.reason === 'invalid'
          ? `${written.error.error.path}: ${written.error.error.message}`
          : W.notFound,
      );
    appendCommand(d.outbox, app.actor(), 'order.open', {
      orderId: id,
      kind: k,
      clientId: clientId(),
      total: { minor: amount, currency: currency() },
      description: title().trim().slice(0, 2_000),
      ...(due() ? { dueDate: due() } : {}),
    });
    navigate(`/work/${id}`);
  };

  return (
    <form
      class="work-intake"
      onSubmit={submit}
      aria-label={kind() === 'repair' ? W.intakeRepair : W.intakeOrder}
    >
      <h1>{kind() === 'repair' ? W.intakeRepair : W.intakeOrder}</h1>
      <fieldset>
        <legend>{W.client}</legend>
        <Show
          when={chosen()}
          fallback={
            <>
              <label class="field grow">
                {W.client}
                <input
                  data-testid="intake-client-search"
                  placeholder={W.clientPlaceholder}
                  value={clientQuery()}
                  autofocus
                  onInput={(e) => setClientQuery(e.currentTarget.value)}
                />
              </label>
              <ul class="choices">
                <For each={matches()}>
                  {(c) => (
                    <li>
                      <button
                        type="button"
                        data-testid="intake-client-choice"
                        onClick={() => setClientId(c.id)}
                      >
                        {c.name} <span class="muted">{c.phone || c.email}</span>
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </>
          }
        >
          {(c) => (
            <p data-testid="intake-client">
              <strong>{c().name}</strong>{' '}
              <button type="button" class="link" onClick={() => setClientId('')}>
                {W.remove}
              </button>
            </p>
          )}
        </Show>
      </fieldset>
      <label class="field grow">
        {kind() === 'repair' ? W.item : W.orderTitle}
        <input
          data-testid="intake-title"
          required
          maxLength={200}
          placeholder={kind() === 'repair' ? W.itemPlaceholder : ''}
          value={title()}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </label>
      <Show when={kind() === 'repair'}>
        <label class="field">
          {W.declaredValue}
          <input
            inputmode="decimal"
            data-testid="intake-declared"
            value={declared()}
            onInput={(e) => setDeclared(e.currentTarget.value)}
          />
        </label>
        <fieldset class="work-requested">
          <legend>{W.workRequested}</legend>
          <For each={REPAIR_WORK}>
            {(w) => (
              <label>
                <input
                  type="checkbox"
                  data-testid={`intake-work-${w}`}
                  checked={work().has(w)}
                  onChange={(e) => {
                    const next = new Set(work());
                    if (e.currentTarget.checked) next.add(w);
                    else next.delete(w);
                    setWork(next);
                  }}
                />
                {W.work[w]}
              </label>
            )}
          </For>
        </fieldset>
        <label class="field">
          {W.callAbove}
          <input
            inputmode="decimal"
            data-testid="intake-call-above"
            value={callAbove()}
            onInput={(e) => setCallAbove(e.currentTarget.value)}
          />
        </label>
      </Show>
      <Show when={kind() === 'repair'}>
        <fieldset class="intake-photos" data-testid="intake-photos">
          <legend>{W.intakePhotos}</legend>
          <p class="muted">{W.intakePhotosHint}</p>
          <WorkAttachments
            items={photos()}
            defaultKind="intake"
            compact
            onAdd={(a) => {
              if (!photos().some((p) => p.id === a.id)) setPhotos([...photos(), a]);
              return undefined;
            }}
            onRemove={(sha) => setPhotos(photos().filter((p) => p.id !== sha))}
          />
        </fieldset>
      </Show>
      <Show when={kind() === 'custom'}>
        <label class="field">
          {W.designer}
          <input value={designer()} onInput={(e) => setDesigner(e.currentTarget.value)} />
        </label>
      </Show>
      <label class="field">
        {kind() === 'repair' ? W.estimate : W.openingPrice}
        <input
          inputmode="decimal"
          required
          data-testid="intake-price"
          value={price()}
          onInput={(e) => setPrice(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        {W.dueDate}
        <input
          type="date"
          data-testid="intake-due"
          value={due()}
          onInput={(e) => setDue(e.currentTarget.value)}
        />
      </label>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <button type="submit" data-testid="intake-submit">
        {W.create}
      </button>
    </form>
  );
}
