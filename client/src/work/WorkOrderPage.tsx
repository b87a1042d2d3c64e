import { A, useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, type JSX, on, onCleanup, Show } from 'solid-js';
import { currency as toCurrency } from '../../../domain/money.ts';
import { can } from '../../../domain/roles.ts';
import {
  claimCheckOf,
  firstStage,
  nextStages,
  normalizeClaimCheck,
  priceStage,
  QUOTE_LINE_KINDS,
  type QuoteLineKind,
  quoteTotals,
  REPAIR_WORK,
  STONE_SOURCES,
  type StoneSource,
  type WorkStage,
} from '../../../domain/work-order.ts';
import { parseTag } from '../../../hardware-bridge/protocol.ts';
import {
  addToWorkList,
  removeFromWorkList,
  setWorkField,
  setWorkNotes,
  textDiff,
  updateWorkListEntry,
  type WorkScalarField,
  workListEntries,
  workOrders,
} from '../../../sync/shared/docs/work.ts';
import { outcomeText } from '../../../sync/shared/outcome-codes.ts';
import { useApp } from '../app-state.ts';
import { fmt, LOCALE } from '../format.ts';
import { useHardware } from '../hardware/hardware.ts';
import { approveWithPin, type ManagerApproval } from '../local/approvals.ts';
import { appendCommand } from '../local/outbox.ts';
import { OrderPayments } from '../money/OrderPayments.tsx';
import { PresenceHere } from '../PresenceHere.tsx';
import { W } from './strings.ts';
import { WorkAttachments } from './WorkAttachments.tsx';
import { amountFrom, amountText } from './work-view.ts';

/** One field edited in place; saved when it changes (blur or Enter), merged field by field (WORK-8). */
function Field(props: {
  label: string;
  value: string;
  testid: string;
  /** The field's name for presence (ORDERPRES-1): others see who is in it. */
  field: string;
  type?: string;
  inputmode?: 'decimal';
  onSave: (v: string) => string | undefined;
}) {
  const [error, setError] = createSignal<string>();
  return (
    <label class="field" data-field={props.field}>
      {props.label}
      <input
        type={props.type ?? 'text'}
        inputmode={props.inputmode}
        data-testid={props.testid}
        value={props.value}
        aria-invalid={error() ? 'true' : undefined}
        onChange={(e) => setError(props.onSave(e.currentTarget.value))}
      />
      <Show when={error()}>
        <span class="error" role="alert">
          {error()}
        </span>
      </Show>
    </label>
  );
}

/** The order or repair page: every field editable in place, its stage moves, its money and tag. */
export function WorkOrderPage() {
  const app = useApp();
  const hardware = useHardware();
  const params = useParams<{ id: string }>();
  const id = () => params.id ?? '';
  const d = () => app.data();
  const work = () => d()?.works[id()];
  const job = () => d()?.jobs[id()];
  const currency = () => job()?.currency ?? d()?.storeInfo()?.currency ?? 'EUR';
  const tax = () => d()?.storeInfo()?.tax ?? { basisPoints: 0, inclusive: false };
  const stage = (): WorkStage =>
    (job()?.stage as WorkStage | undefined) ?? firstStage(work()?.kind ?? 'custom');
  const claim = () => job()?.claimCheck ?? (work() ? claimCheckOf(work()?.kind ?? 'custom', id()) : '');
  const role = () => app.session()?.user.role ?? 'associate';
  const isManager = () => role() === 'manager' || role() === 'owner';
  const money = (minor: number) => fmt({ minor, currency: currency() });

  // ORDERPRES-1: this till says which job it has open, and which field; others see it.
  createEffect(() => {
    const data = d();
    const job = id();
    if (!data || !job) return;
    data.focusJob(job);
    onCleanup(() => data.focusJob(undefined));
  });
  const onFocusIn = (e: FocusEvent) => {
    const el = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-field]') : null;
    d()?.focusJob(id(), el?.dataset.field);
  };
  const onFocusOut = (e: FocusEvent) => {
    const next = e.relatedTarget instanceof Element ? e.relatedTarget.closest('[data-field]') : null;
    if (!next) d()?.focusJob(id());
  };
  const here = () => (d()?.workPeers() ?? []).filter((p) => p.job === id());

  const saveField = (field: WorkScalarField, raw: string): string | undefined => {
    const doc = d()?.workDoc;
    if (!doc) return undefined;
    const money = field.endsWith('Minor');
    let value: string | number | undefined = raw.trim() === '' ? undefined : raw.trim();
    if (money && value !== undefined) {
      value = amountFrom(String(value), currency());
      if (value === undefined) return W.amountInvalid;
    }
    const r = setWorkField(doc, id(), field, value as never);
    return r.ok ? undefined : r.error.reason === 'invalid' ? r.error.error.message : W.notFound;
  };

  // Notes: typed together; a remote edit keeps this person's caret where it was (WORK-8).
  let notesBox: HTMLTextAreaElement | undefined;
  createEffect(
    on(
      () => work()?.notes ?? '',
      (notes) => {
        const box = notesBox;
        if (!box || box.value === notes) return;
        const focused = document.activeElement === box;
        const start = box.selectionStart;
        const end = box.selectionEnd;
        const change = textDiff(box.value, notes);
        const shift = (p: number) =>
          p <= change.index ? p : Math.max(change.index, p + change.insert.length - change.deleteCount);
        box.value = notes;
        if (focused) box.setSelectionRange(shift(start), shift(end));
      },
    ),
  );

  const entries = <L extends 'stones' | 'quote' | 'sizes'>(list: L) => {
    // Re-read when the list changes: the binding updates the record in place, so read it deeply.
    void JSON.stringify(work()?.[list]);
    const doc = d()?.workDoc;
    return doc ? workListEntries(workOrders(doc).get(id()), list) : [];
  };
  const totals = createMemo(() => quoteTotals(work()?.quote ?? [], toCurrency(currency()), tax()));

  // Stones
  const [stone, setStone] = createSignal({
    kind: '',
    source: 'sourced' as StoneSource,
    carat: '',
    colour: '',
    clarity: '',
    cut: '',
  });
  const [stoneError, setStoneError] = createSignal<string>();
  const addStone = (e: SubmitEvent) => {
    e.preventDefault();
    const s = stone();
    const carat = s.carat.trim() ? Number(s.carat.replace(',', '.')) : undefined;
    const r = addToWorkList(d()?.workDoc as never, id(), 'stones', {
      kind: s.kind.trim(),
      source: s.source,
      ...(carat !== undefined ? { caratWeight: carat } : {}),
      ...(s.colour.trim() ? { colour: s.colour.trim() } : {}),
      ...(s.clarity.trim() ? { clarity: s.clarity.trim() } : {}),
      ...(s.cut.trim() ? { cut: s.cut.trim() } : {}),
    });
    if (!r.ok)
      return setStoneError(
        r.error.reason === 'invalid' ? `${r.error.error.path}: ${r.error.error.message}` : W.notFound,
      );
    setStoneError(undefined);
    setStone({ ...s, kind: '', carat: '', colour: '', clarity: '', cut: '' });
  };

  // Quote lines
  const [line, setLine] = createSignal({ kind: 'labour' as QuoteLineKind, description: '', amount: '' });
  const [lineError, setLineError] = createSignal<string>();
  const addLine = (e: SubmitEvent) => {
    e.preventDefault();
    const l = line();
    const amount = amountFrom(l.amount, currency());
    if (amount === undefined) return setLineError(W.amountInvalid);
    const r = addToWorkList(d()?.workDoc as never, id(), 'quote', {
      kind: l.kind,
      description: l.description.trim(),
      amountMinor: amount,
    });
    if (!r.ok) return setLineError(r.error.reason === 'invalid' ? r.error.error.message : W.notFound);
    setLineError(undefined);
    setLine({ ...l, description: '', amount: '' });
  };

  // Sizes
  const [size, setSize] = createSignal('');

  // Stage moves (relay-decided `work.stage`)
  const [bench, setBench] = createSignal('');
  const [workshop, setWorkshop] = createSignal('');
  const [sentOn, setSentOn] = createSignal('');
  const [returnedOn, setReturnedOn] = createSignal('');
  const [agreed, setAgreed] = createSignal('');
  const [shownClaim, setShownClaim] = createSignal('');
  const [identified, setIdentified] = createSignal(false);
  const [manager, setManager] = createSignal('');
  const [pin, setPin] = createSignal('');
  const [approval, setApproval] = createSignal<ManagerApproval>();
  const [moveError, setMoveError] = createSignal<string>();
  const [sent, setSent] = createSignal<string>();
  const outcome = () => {
    const c = sent();
    return c ? d()?.outcomes()[c] : undefined;
  };
  createEffect(
    on(stage, () => {
      // A new stage: the previous move's inputs no longer apply.
      setApproval(undefined);
      setMoveError(undefined);
    }),
  );
  createEffect(() => {
    const w = work();
    if (w && agreed() === '') {
      const minor =
        w.kind === 'repair' ? w.estimateMinor : w.quote.length > 0 ? totals().total.minor : undefined;
      if (minor !== undefined) setAgreed(amountText(minor));
    }
  });
  const balance = () => job()?.balanceMinor ?? 0;
  const needsOverride = (to: WorkStage) => to === 'collected' && balance() > 0;

  const move = async (to: WorkStage) => {
    const w = work();
    const data = d();
    if (!w || !data) return;
    setMoveError(undefined);
    const payload: Record<string, unknown> = { orderId: id(), stage: to };
    if (w.kind === 'repair' && to === 'at-bench') {
      if (workshop().trim()) {
        if (!sentOn()) return setMoveError(W.sentOn);
        payload.place = {
          workshop: workshop().trim(),
          sentOn: sentOn(),
          ...(returnedOn() ? { returnedOn: returnedOn() } : {}),
        };
      } else if (bench().trim()) payload.place = { bench: bench().trim() };
      else return setMoveError(`${W.bench} / ${W.workshop}`);
    }
    if (to === priceStage(w.kind) && agreed().trim()) {
      const minor = amountFrom(agreed(), currency());
      if (minor === undefined || minor <= 0) return setMoveError(W.amountInvalid);
      payload.total = { minor, currency: currency() };
    }
    if (to === 'collected') {
      const c = shownClaim().trim() ? normalizeClaimCheck(shownClaim()) : undefined;
      if (shownClaim().trim() && !c) return setMoveError(W.presentedClaim);
      payload.collection = {
        ...(c ? { claimCheck: c } : {}),
        ...(identified() ? { clientIdentified: true } : {}),
      };
    }
    const a = approval();
    const c = appendCommand(
      data.outbox,
      app.actor(),
      'work.stage',
      payload as never,
      a ? { approval: a } : undefined,
    );
    setSent(c.id);
    setApproval(undefined);
  };
  const approve = async (e: SubmitEvent) => {
    e.preventDefault();
    const r = await approveWithPin(manager(), pin(), app.deviceId);
    if (!r.ok) return setMoveError(r.error.message);
    if (!can(r.value.role, 'release-unpaid-work')) return setMoveError(W.overrideNotAllowed(r.value.name));
    setPin('');
    setApproval(r.value);
    await move('collected');
  };

  // Job tag: the claim check as a barcode on the tag printer (REPAIR-2).
  const [tagResult, setTagResult] = createSignal<{ ok: boolean; text: string }>();
  const printTag = async () => {
    const w = work();
    if (!w) return;
    const tag = parseTag({
      serial: claim(),
      price: job()?.totalMinor ?? w.estimateMinor ?? 0,
      currency: currency(),
      locale: LOCALE,
      metal: (W.kinds[w.kind] ?? w.kind).slice(0, 24),
      description: `${d()?.clients[w.clientId]?.name ?? ''} ${w.title}`.trim().slice(0, 40) || claim(),
      size: 'butterfly',
    });
    if (!tag.ok) return setTagResult({ ok: false, text: tag.error.message });
    const r = await hardware.printTags([tag.value]);
    setTagResult(r.ok ? { ok: true, text: W.tagPrinted(claim()) } : { ok: false, text: r.error });
  };

  // Status links (LINK-*): managers only, online.
  type Link = { id: string; expiresAt: string; revokedAt: string | null; url?: string };
  const [links, setLinks] = createSignal<Link[]>([]);
  const [linkError, setLinkError] = createSignal<string>();
  const api = async (path: string, init: RequestInit = {}) =>
    fetch(`/api/work/${id()}/status-links${path}`, {
      ...init,
      headers: { authorization: `Bearer ${app.session()?.token ?? ''}`, 'content-type': 'application/json' },
    });
  const loadLinks = async () => {
    try {
      const res = await api('');
      if (res.ok) setLinks(((await res.json()) as { links: Link[] }).links);
    } catch {
      /* offline: the panel says so when used */
    }
  };
  createEffect(
    on(
      () => isManager() && !!job(),
      (yes) => yes && void loadLinks(),
    ),
  );
  const createLink = async () => {
    setLinkError(undefined);
    try {
      const res = await api('', { method: 'POST', body: '{}' });
      if (!res.ok) return setLinkError(W.linkFailed);
      const body = (await res.json()) as { url: string; link: Link };
      setLinks([{ ...body.link, url: body.url }, ...links()]);
    } catch {
      setLinkError(W.linkFailed);
    }
  };
  const revoke = async (linkId: string) => {
    try {
      const res = await api(`/${linkId}`, { method: 'DELETE' });
      if (!res.ok) return setLinkError(W.linkFailed);
      await loadLinks();
    } catch {
      setLinkError(W.linkFailed);
    }
  };

  const section = (label: string, body: JSX.Element, testid?: string, field?: string) => (
    <section aria-label={label} data-testid={testid} data-field={field}>
      <h2>{label}</h2>
      {body}
    </section>
  );

  return (
    <div class="work-order" onFocusIn={onFocusIn} onFocusOut={onFocusOut}>
      <A href="/work">{W.back}</A>
      <Show when={work()} fallback={<p class="empty">{W.notFound}</p>}>
        {(w) => (
          <>
            <header class="work-order-head">
              <h1>
                {W.kinds[w().kind]} <span data-testid="job-claim-check">{claim()}</span>
              </h1>
              <p>
                <A href={`/clients/${w().clientId}`}>{d()?.clients[w().clientId]?.name ?? w().clientId}</A>
              </p>
              <p class="muted">{W.savedOffline}</p>
              <PresenceHere peers={here()} words={W} testId="work-presence" />
            </header>
            <div class="work-order-grid">
              {section(
                W.details,
                <div class="fields">
                  <Field
                    label={w().kind === 'repair' ? W.item : W.orderTitle}
                    testid="work-title"
                    field="title"
                    value={w().title}
                    onSave={(v) => saveField('title', v)}
                  />
                  <Field
                    label={W.dueDate}
                    type="date"
                    testid="work-due"
                    field="dueDate"
                    value={w().dueDate ?? ''}
                    onSave={(v) => saveField('dueDate', v)}
                  />
                  <Show when={w().kind === 'custom'}>
                    <Field
                      label={W.designer}
                      testid="work-designer"
                      field="designer"
                      value={w().designer ?? ''}
                      onSave={(v) => saveField('designer', v)}
                    />
                    <Field
                      label={W.metal}
                      testid="work-metal"
                      field="metal"
                      value={w().metal ?? ''}
                      onSave={(v) => saveField('metal', v)}
                    />
                    <Field
                      label={W.fineness}
                      testid="work-fineness"
                      field="fineness"
                      value={w().fineness ?? ''}
                      onSave={(v) => saveField('fineness', v)}
                    />
                    <Field
                      label={W.engravingText}
                      testid="work-engraving"
                      field="engravingText"
                      value={w().engravingText ?? ''}
                      onSave={(v) => saveField('engravingText', v)}
                    />
                    <Field
                      label={W.engravingFont}
                      testid="work-font"
                      field="engravingFont"
                      value={w().engravingFont ?? ''}
                      onSave={(v) => saveField('engravingFont', v)}
                    />
                  </Show>
                  <Show when={w().kind === 'repair'}>
                    <Field
                      label={W.declaredValue}
                      inputmode="decimal"
                      testid="work-declared"
                      field="declaredValueMinor"
                      value={amountText(w().declaredValueMinor)}
                      onSave={(v) => saveField('declaredValueMinor', v)}
                    />
                    <Field
                      label={W.callAbove}
                      inputmode="decimal"
                      testid="work-call-above"
                      field="callAboveMinor"
                      value={amountText(w().callAboveMinor)}
                      onSave={(v) => saveField('callAboveMinor', v)}
                    />
                    <Field
                      label={W.estimate}
                      inputmode="decimal"
                      testid="work-estimate"
                      field="estimateMinor"
                      value={amountText(w().estimateMinor)}
                      onSave={(v) => saveField('estimateMinor', v)}
                    />
                    <fieldset class="work-requested" data-field="work">
                      <legend>{W.workRequested}</legend>
                      <For each={REPAIR_WORK}>
                        {(k) => (
                          <label>
                            <input
                              type="checkbox"
                              checked={w().work.includes(k)}
                              onChange={(e) => {
                                const doc = d()?.workDoc;
                                if (!doc) return;
                                if (e.currentTarget.checked) addToWorkList(doc, id(), 'work', k);
                                else removeFromWorkList(doc, id(), 'work', k);
                              }}
                            />
                            {W.work[k]}
                          </label>
                        )}
                      </For>
                    </fieldset>
                  </Show>
                  <div class="sizes" data-field="sizes">
                    <span>{W.sizes}</span>
                    <ul class="chips">
                      <For each={entries('sizes')}>
                        {(e) => (
                          <li>
                            {e.value}{' '}
                            <button
                              type="button"
                              class="link"
                              aria-label={`${W.remove} ${e.value}`}
                              onClick={() => removeFromWorkList(d()?.workDoc as never, id(), 'sizes', e.key)}
                            >
                              ×
                            </button>
                          </li>
                        )}
                      </For>
                    </ul>
                    <input
                      aria-label={W.sizes}
                      value={size()}
                      onInput={(e) => setSize(e.currentTarget.value)}
                      onKeyDown={(e) => {
                        if (e.key !== 'Enter' || !size().trim()) return;
                        e.preventDefault();
                        if (addToWorkList(d()?.workDoc as never, id(), 'sizes', size().trim()).ok)
                          setSize('');
                      }}
                    />
                  </div>
                </div>,
              )}
              {section(
                W.notes,
                <label class="field grow" data-field="notes">
                  <span class="muted">{W.notesHint}</span>
                  <textarea
                    ref={(el) => {
                      notesBox = el;
                      el.value = w().notes;
                    }}
                    aria-label={W.notes}
                    data-testid="work-notes"
                    rows={6}
                    onInput={(e) => {
                      const doc = d()?.workDoc;
                      if (doc) setWorkNotes(doc, id(), e.currentTarget.value);
                    }}
                  />
                </label>,
              )}
              <Show when={w().kind === 'custom'}>
                {section(
                  W.stones,
                  <>
                    <table class="stones" data-testid="work-stones">
                      <thead>
                        <tr>
                          <th scope="col">{W.stoneKind}</th>
                          <th scope="col">{W.carat}</th>
                          <th scope="col">{W.colour}</th>
                          <th scope="col">{W.clarity}</th>
                          <th scope="col">{W.cut}</th>
                          <th scope="col">{W.source}</th>
                          <th scope="col">
                            <span class="sr-only">{W.remove}</span>
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={entries('stones')}>
                          {(e) => (
                            <tr data-testid="work-stone">
                              <td>{e.value.kind}</td>
                              <td>{e.value.caratWeight ?? ''}</td>
                              <td>{e.value.colour ?? ''}</td>
                              <td>{e.value.clarity ?? ''}</td>
                              <td>{e.value.cut ?? ''}</td>
                              <td>{W.sources[e.value.source]}</td>
                              <td>
                                <button
                                  type="button"
                                  class="link"
                                  onClick={() =>
                                    removeFromWorkList(d()?.workDoc as never, id(), 'stones', e.key)
                                  }
                                >
                                  {W.remove}
                                </button>
                              </td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                    <form class="inline-form" onSubmit={addStone} aria-label={W.addStone}>
                      <input
                        aria-label={W.stoneKind}
                        data-testid="stone-kind"
                        required
                        value={stone().kind}
                        onInput={(e) => setStone({ ...stone(), kind: e.currentTarget.value })}
                      />
                      <input
                        aria-label={W.carat}
                        data-testid="stone-carat"
                        inputmode="decimal"
                        size={5}
                        value={stone().carat}
                        onInput={(e) => setStone({ ...stone(), carat: e.currentTarget.value })}
                      />
                      <input
                        aria-label={W.colour}
                        size={4}
                        value={stone().colour}
                        onInput={(e) => setStone({ ...stone(), colour: e.currentTarget.value })}
                      />
                      <input
                        aria-label={W.clarity}
                        size={5}
                        value={stone().clarity}
                        onInput={(e) => setStone({ ...stone(), clarity: e.currentTarget.value })}
                      />
                      <input
                        aria-label={W.cut}
                        size={8}
                        value={stone().cut}
                        onInput={(e) => setStone({ ...stone(), cut: e.currentTarget.value })}
                      />
                      <select
                        aria-label={W.source}
                        value={stone().source}
                        onChange={(e) =>
                          setStone({ ...stone(), source: e.currentTarget.value as StoneSource })
                        }
                      >
                        <For each={STONE_SOURCES}>{(s) => <option value={s}>{W.sources[s]}</option>}</For>
                      </select>
                      <button type="submit" data-testid="add-stone">
                        {W.addStone}
                      </button>
                    </form>
                    <Show when={stoneError()}>
                      <p class="error" role="alert">
                        {stoneError()}
                      </p>
                    </Show>
                  </>,
                  undefined,
                  'stones',
                )}
                {section(
                  W.quote,
                  <>
                    <table class="quote" data-testid="work-quote">
                      <tbody>
                        <For each={entries('quote')}>
                          {(e) => (
                            <tr>
                              <td>{W.lineKinds[e.value.kind]}</td>
                              <td>{e.value.description}</td>
                              <td>{money(e.value.amountMinor)}</td>
                              <td>
                                <button
                                  type="button"
                                  class="link"
                                  onClick={() =>
                                    removeFromWorkList(d()?.workDoc as never, id(), 'quote', e.key)
                                  }
                                >
                                  {W.remove}
                                </button>
                              </td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                      <tfoot>
                        <tr>
                          <th scope="row" colSpan={2}>
                            {W.beforeTax}
                          </th>
                          <td>{money(totals().net.minor)}</td>
                        </tr>
                        <tr>
                          <th scope="row" colSpan={2}>
                            {W.tax}
                          </th>
                          <td>{money(totals().tax.minor)}</td>
                        </tr>
                        <tr>
                          <th scope="row" colSpan={2}>
                            {W.total}
                          </th>
                          <td data-testid="quote-total">{money(totals().total.minor)}</td>
                        </tr>
                      </tfoot>
                    </table>
                    <form class="inline-form" onSubmit={addLine} aria-label={W.addLine}>
                      <select
                        aria-label={W.lineKind}
                        value={line().kind}
                        onChange={(e) => setLine({ ...line(), kind: e.currentTarget.value as QuoteLineKind })}
                      >
                        <For each={QUOTE_LINE_KINDS}>
                          {(k) => <option value={k}>{W.lineKinds[k]}</option>}
                        </For>
                      </select>
                      <input
                        aria-label={W.description}
                        value={line().description}
                        onInput={(e) => setLine({ ...line(), description: e.currentTarget.value })}
                      />
                      <input
                        aria-label={W.amount}
                        inputmode="decimal"
                        required
                        size={8}
                        value={line().amount}
                        onInput={(e) => setLine({ ...line(), amount: e.currentTarget.value })}
                      />
                      <button type="submit">{W.addLine}</button>
                    </form>
                    <Show when={lineError()}>
                      <p class="error" role="alert">
                        {lineError()}
                      </p>
                    </Show>
                  </>,
                  undefined,
                  'quote',
                )}
              </Show>
              {section(
                W.attachments,
                // ORDERATT-*: files in the relay's attachment store, their SHA-256 and kind on the job.
                <WorkAttachments
                  items={w().attachments}
                  defaultKind={w().kind === 'repair' ? 'photo' : 'sketch'}
                  onAdd={(a) => {
                    const doc = d()?.workDoc;
                    if (!doc) return W.notFound;
                    const r = addToWorkList(doc, id(), 'attachments', a);
                    return r.ok
                      ? undefined
                      : r.error.reason === 'invalid'
                        ? r.error.error.message
                        : W.notFound;
                  }}
                  onRemove={(sha) => {
                    const doc = d()?.workDoc;
                    if (doc) removeFromWorkList(doc, id(), 'attachments', sha);
                  }}
                  onKind={(a, kind) => {
                    const doc = d()?.workDoc;
                    if (doc) updateWorkListEntry(doc, id(), 'attachments', a.id, { ...a, kind });
                  }}
                />,
                undefined,
                'attachments',
              )}
              {section(
                W.stageTitle,
                <div class="stage-panel">
                  <p>
                    <strong data-testid="job-stage">{W.stages[stage()]}</strong>
                    <Show when={!job()}>
                      {' '}
                      <span class="muted">({W.pending})</span>
                    </Show>
                  </p>
                  <Show when={w().kind === 'repair' && nextStages('repair', stage()).includes('at-bench')}>
                    <div class="fields">
                      <label class="field">
                        {W.bench}
                        <input
                          data-testid="move-bench"
                          value={bench()}
                          onInput={(e) => setBench(e.currentTarget.value)}
                        />
                      </label>
                      <label class="field">
                        {W.workshop}
                        <input
                          data-testid="move-workshop"
                          value={workshop()}
                          onInput={(e) => setWorkshop(e.currentTarget.value)}
                        />
                      </label>
                      <label class="field">
                        {W.sentOn}
                        <input
                          type="date"
                          value={sentOn()}
                          onInput={(e) => setSentOn(e.currentTarget.value)}
                        />
                      </label>
                      <label class="field">
                        {W.returnedOn}
                        <input
                          type="date"
                          value={returnedOn()}
                          onInput={(e) => setReturnedOn(e.currentTarget.value)}
                        />
                      </label>
                    </div>
                  </Show>
                  <Show when={nextStages(w().kind, stage()).includes(priceStage(w().kind))}>
                    <label class="field">
                      {W.agreedPrice}
                      <input
                        inputmode="decimal"
                        data-testid="move-price"
                        value={agreed()}
                        onInput={(e) => setAgreed(e.currentTarget.value)}
                      />
                    </label>
                  </Show>
                  <Show when={nextStages(w().kind, stage()).includes('collected')}>
                    <div class="fields">
                      <label class="field">
                        {W.presentedClaim}
                        <input
                          data-testid="move-claim"
                          value={shownClaim()}
                          onInput={(e) => setShownClaim(e.currentTarget.value)}
                        />
                      </label>
                      <label>
                        <input
                          type="checkbox"
                          checked={identified()}
                          onChange={(e) => setIdentified(e.currentTarget.checked)}
                        />{' '}
                        {W.clientIdentified}
                      </label>
                    </div>
                    <Show when={balance() > 0}>
                      <p class="warn">{W.owed(money(balance()))}</p>
                    </Show>
                  </Show>
                  <div class="stage-moves">
                    <For each={nextStages(w().kind, stage())}>
                      {(to) => (
                        <button
                          type="button"
                          data-testid={`move-${to}`}
                          disabled={needsOverride(to) && !approval()}
                          onClick={() => void move(to)}
                        >
                          {W.moveTo(W.stages[to] ?? to)}
                        </button>
                      )}
                    </For>
                  </div>
                  <Show when={nextStages(w().kind, stage()).includes('collected') && balance() > 0}>
                    <form class="override" onSubmit={approve} aria-label={W.approveAndCollect}>
                      <input
                        aria-label={W.managerLogin}
                        autocomplete="off"
                        value={manager()}
                        onInput={(e) => setManager(e.currentTarget.value)}
                      />
                      <input
                        aria-label={W.managerPin}
                        type="password"
                        inputmode="numeric"
                        autocomplete="off"
                        value={pin()}
                        onInput={(e) => setPin(e.currentTarget.value)}
                      />
                      <button type="submit">{W.approveAndCollect}</button>
                    </form>
                  </Show>
                  <Show when={moveError()}>
                    <p class="error" role="alert">
                      {moveError()}
                    </p>
                  </Show>
                  <Show when={outcome()?.status === 'rejected' ? outcome() : undefined}>
                    {(o) => (
                      <p class="error" role="alert" data-testid="move-refused">
                        {outcomeText(o())}
                      </p>
                    )}
                  </Show>
                  <Show when={sent() && !outcome()}>
                    <p class="muted" role="status">
                      {W.pending}
                    </p>
                  </Show>
                  <Show when={(job()?.moves.length ?? 0) > 0}>
                    <h3>{W.history}</h3>
                    <ol class="moves" data-testid="job-moves">
                      <For each={job()?.moves ?? []}>
                        {(m) => (
                          <li>
                            {W.stages[m.stage] ?? m.stage} —{' '}
                            {W.by(m.userName || m.user, new Date(m.at).toLocaleString(LOCALE))}
                            <Show when={m.place?.bench}>{(b) => <>{` · ${W.bench}: ${b()}`}</>}</Show>
                            <Show when={m.place?.workshop}>
                              {(b) => (
                                <>{` · ${W.workshop}: ${b()} (${m.place?.sentOn ?? ''}${m.place?.returnedOn ? ` → ${m.place.returnedOn}` : ''})`}</>
                              )}
                            </Show>
                          </li>
                        )}
                      </For>
                    </ol>
                  </Show>
                </div>,
                'stage-panel',
                'stage',
              )}
              {section(
                W.money,
                <>
                  <dl class="money">
                    <dt>{W.total}</dt>
                    <dd>{money(job()?.totalMinor ?? 0)}</dd>
                    <dt>{W.paid}</dt>
                    <dd>{money(job()?.paidMinor ?? 0)}</dd>
                    <dt>{W.balance}</dt>
                    <dd data-testid="job-balance">{money(balance())}</dd>
                  </dl>
                  {/* Taking payments, plans, refunds and the statement (MONEY-*, INSTAL-*). */}
                  <div class="order-payments-slot" data-order={id()}>
                    <OrderPayments orderId={id()} />
                  </div>
                </>,
                undefined,
                'money',
              )}
              {section(
                W.printTag,
                <>
                  <button
                    type="button"
                    data-testid="print-job-tag"
                    disabled={!!hardware.unavailable('tag-printer')}
                    onClick={() => void printTag()}
                  >
                    {W.printTag}
                  </button>
                  {/* Why the button is off (no bridge paired, printer not connected), in words. */}
                  <Show when={hardware.unavailable('tag-printer')}>
                    {(why) => (
                      <p class="muted" data-testid="job-tag-unavailable">
                        {why()}
                      </p>
                    )}
                  </Show>
                  <Show when={tagResult()}>
                    {(r) => (
                      <p
                        class={r().ok ? '' : 'error'}
                        role={r().ok ? 'status' : 'alert'}
                        data-testid="job-tag-result"
                      >
                        {r().text}
                      </p>
                    )}
                  </Show>
                </>,
                undefined,
                'tag',
              )}
              <Show when={isManager()}>
                {section(
                  W.statusLinks,
                  <>
                    <p class="muted">{W.copyHint}</p>
                    <button type="button" data-testid="create-status-link" onClick={() => void createLink()}>
                      {W.createLink}
                    </button>
                    <ul data-testid="status-links">
                      <For each={links()}>
                        {(l) => (
                          <li>
                            <Show when={l.url} fallback={<span>{l.id.slice(0, 8)}</span>}>
                              {(u) => (
                                <a
                                  href={u()}
                                  target="_blank"
                                  rel="noopener noreferrer"
                                  data-testid="status-link-url"
                                >
                                  {u()}
                                </a>
                              )}
                            </Show>{' '}
                            <span class="muted">
                              {l.revokedAt ? W.revoked : W.expires(l.expiresAt.slice(0, 10))}
                            </span>{' '}
                            <Show when={!l.revokedAt}>
                              <button type="button" class="link" onClick={() => void revoke(l.id)}>
                                {W.revoke}
                              </button>
                            </Show>
                          </li>
                        )}
                      </For>
                    </ul>
                    <Show when={linkError()}>
                      <p class="error" role="alert">
                        {linkError()}
                      </p>
                    </Show>
                  </>,
                  undefined,
                  'links',
                )}
              </Show>
            </div>
          </>
        )}
      </Show>
    </div>
  );
}
