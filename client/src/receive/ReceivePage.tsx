/**
 * Receive one piece (managers and up, `receive-stock`): every attribute of `domain/piece.ts`, its
 * photos and certificates as attachments (ATTACH-*), checked with the same rules as a CSV row
 * (`sync/shared/piece-import.ts` → the domain's `parsePiece`) and told in words; then a
 * `piece.receive` command in the outbox (offline too) and the tag printed at intake on the bridge.
 */
import { A } from '@solidjs/router';
import { createSignal, For, Index, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { currency as toCurrency } from '../../../domain/money.ts';
import {
  CATEGORIES,
  CLARITIES,
  LABS,
  LOCATION_KINDS,
  METALS,
  type Piece,
  parsePiece,
} from '../../../domain/piece.ts';
import { can, type Role } from '../../../domain/roles.ts';
import { parseDecimalText } from '../../../domain/units.ts';
import { outcomeText } from '../../../sync/shared/outcome-codes.ts';
import { type ImportField, rowToPiece } from '../../../sync/shared/piece-import.ts';
import { useApp } from '../app-state.ts';
import { AttachmentGallery } from '../attachments/AttachmentGallery.tsx';
import { AttachmentUpload } from '../attachments/AttachmentUpload.tsx';
import { attachmentCache } from '../attachments/attachment-cache.ts';
import { A as Att } from '../attachments/strings.ts';
import { LOCALE } from '../format.ts';
import { DeviceUnavailable } from '../hardware/DeviceUnavailable.tsx';
import { useHardware } from '../hardware/hardware.ts';
import { tagJob } from '../hardware/tag-job.ts';
import { appendCommand, stateOf } from '../local/outbox.ts';
import { pieceView } from '../local/records.ts';
import { R } from './strings.ts';

type StoneForm = {
  kind: string;
  shape: string;
  carats: string;
  cut: string;
  colour: string;
  clarity: string;
  lab: string;
  number: string;
};
const emptyStone = (): StoneForm => ({
  kind: '',
  shape: '',
  carats: '',
  cut: '',
  colour: '',
  clarity: '',
  lab: '',
  number: '',
});
type Form = Record<Exclude<ImportField, `stone${string}` | `certificate${string}`>, string>;
const emptyForm = (): Form => ({
  serial: '',
  style: '',
  title: '',
  category: 'ring',
  metal: 'yellow-gold',
  karat: '',
  fineness: '',
  colour: '',
  weightGrams: '',
  listPrice: '',
  cost: '',
  designer: '',
  collection: '',
  locationKind: 'safe',
  locationLabel: 'Safe',
  sourcing: '',
});
const words = (s: string) => s.replaceAll('-', ' ');
const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}${s.endsWith('.') ? '' : '.'}`;

/** The piece the form describes, or every problem with it in words (RECEIVE: same rules as a CSV row). */
export function formToPiece(
  form: Form,
  stones: readonly StoneForm[],
  imageRefs: readonly string[],
  ctx: { store: string; currency: string; known: (serial: string) => boolean },
): { ok: true; piece: Piece } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const base = rowToPiece((f) => (f in form ? ((form as Record<string, string>)[f] ?? '') : ''), {
    store: ctx.store,
    currency: toCurrency(ctx.currency),
  });
  if (!base.ok) errors.push(sentence(base.message));
  const parsedStones = stones.map((s, i) => {
    const n = i + 1;
    if (!s.kind.trim()) errors.push(`${R.stone(n)}: ${R.missing(R.stoneKind.toLowerCase())}`);
    const carats = parseDecimalText(s.carats);
    if (!carats.ok) errors.push(`${R.stone(n)}: ${R.notNumber(R.carats.toLowerCase())}`);
    return {
      kind: s.kind.trim(),
      ...(s.shape.trim() ? { shape: s.shape.trim() } : {}),
      milliCarats: carats.ok ? carats.value : 0,
      ...(s.cut.trim() ? { cut: s.cut.trim() } : {}),
      ...(s.colour.trim() ? { colour: s.colour.trim() } : {}),
      ...(s.clarity ? { clarity: s.clarity } : {}),
      ...(s.number.trim() ? { certificate: { lab: s.lab || 'other', number: s.number.trim() } } : {}),
    };
  });
  const serial = form.serial.trim().toUpperCase();
  if (serial && ctx.known(serial)) errors.push(R.exists(serial));
  if (errors.length > 0 || !base.ok) return { ok: false, errors };
  const full = parsePiece({ ...base.piece, stones: parsedStones, imageRefs: [...imageRefs] });
  if (!full.ok) return { ok: false, errors: [sentence(`${full.error.path}: ${full.error.message}`)] };
  return { ok: true, piece: full.value };
}

export function ReceivePage() {
  const app = useApp();
  const hardware = useHardware();
  const role = () => (app.session()?.user.role ?? 'associate') as Role;
  const currency = () => app.data()?.storeInfo()?.currency ?? 'EUR';
  const [form, setForm] = createStore<Form>(emptyForm());
  const [stones, setStones] = createStore<StoneForm[]>([]);
  const [refs, setRefs] = createSignal<string[]>([]);
  const [errors, setErrors] = createSignal<string[]>([]);
  const [printTag, setPrintTag] = createSignal(true);
  const [sent, setSent] = createSignal<{ id: string; serial: string }>();
  const [tagResult, setTagResult] = createSignal<{ ok: boolean; text: string }>();
  let errorsEl: HTMLDivElement | undefined;

  const field = (
    key: keyof Form,
    label: string,
    opts: { required?: boolean; type?: string; inputmode?: 'decimal' | 'numeric' } = {},
  ) => (
    <label>
      {label}
      {opts.required ? ' *' : ''}
      <input
        name={key}
        data-testid={`receive-${key}`}
        type={opts.type ?? 'text'}
        inputmode={opts.inputmode}
        required={opts.required}
        value={form[key]}
        onInput={(e) => setForm(key, e.currentTarget.value)}
      />
    </label>
  );
  const select = (key: keyof Form, label: string, options: readonly string[], allowNone = false) => (
    <label>
      {label}
      <select
        name={key}
        data-testid={`receive-${key}`}
        value={form[key]}
        onChange={(e) => setForm(key, e.currentTarget.value)}
      >
        <Show when={allowNone}>
          <option value="">{R.none}</option>
        </Show>
        <For each={options}>{(o) => <option value={o}>{words(o)}</option>}</For>
      </select>
    </label>
  );

  const submit = async (e: Event) => {
    e.preventDefault();
    const d = app.data();
    if (!d) return;
    const r = formToPiece(form, stones, refs(), {
      store: d.store,
      currency: currency(),
      known: (serial) => d.pieces[serial] !== undefined || d.stock[serial] !== undefined,
    });
    if (!r.ok) {
      setErrors(r.errors);
      queueMicrotask(() => errorsEl?.focus());
      return;
    }
    setErrors([]);
    const command = appendCommand(d.outbox, app.actor(), 'piece.receive', { piece: r.piece });
    setSent({ id: command.id, serial: r.piece.serial });
    setTagResult(undefined);
    if (printTag()) {
      // The tag goes on at intake, before the piece leaves the back office (offline too).
      const job = tagJob(
        pieceView(r.piece),
        r.piece.category === 'necklace' || r.piece.category === 'pendant' ? 'butterfly' : 'barbell',
        LOCALE,
      );
      const printed = job.ok ? await hardware.printTags([job.value]) : job;
      setTagResult(
        printed.ok
          ? { ok: true, text: R.tagPrinted(r.piece.serial) }
          : { ok: false, text: R.tagFailed(printed.error) },
      );
    }
  };
  const outcome = () => {
    const s = sent();
    if (!s) return undefined;
    const outcomes = app.data()?.outcomes() ?? {};
    const state = stateOf(s.id, outcomes);
    if (state === 'accepted') return { ok: true, text: R.accepted(s.serial) };
    if (state === 'rejected')
      return { ok: false, text: R.rejected(s.serial, outcomeText(outcomes[s.id] ?? {})) };
    return { ok: true, text: R.waiting(s.serial) };
  };
  const again = () => {
    setForm(emptyForm());
    setStones([]);
    setRefs([]);
    setSent(undefined);
    setTagResult(undefined);
  };

  return (
    <div class="receive">
      <h1>{R.title}</h1>
      <Show when={can(role(), 'receive-stock')} fallback={<p class="notice">{R.managersOnly}</p>}>
        <p>
          <A href="/receive/import" class="link">
            {R.toImport}
          </A>
        </p>
        <Show when={!sent()}>
          <form class="receive-form" aria-label={R.title} onSubmit={(e) => void submit(e)} novalidate>
            <Show when={errors().length > 0}>
              <div
                class="error-summary"
                role="alert"
                tabindex="-1"
                ref={errorsEl}
                data-testid="receive-errors"
              >
                <p>{R.errorsTitle}</p>
                <ul>
                  <For each={errors()}>{(m) => <li>{m}</li>}</For>
                </ul>
              </div>
            </Show>
            <fieldset>
              <legend>{R.identity}</legend>
              {field('serial', R.serial, { required: true })}
              {field('style', R.style, { required: true })}
              {field('title', R.pieceTitle, { required: true })}
              {select('category', R.category, CATEGORIES)}
              {select('metal', R.metal, METALS)}
              {field('karat', R.karat, { inputmode: 'numeric' })}
              {field('fineness', R.fineness, { inputmode: 'numeric' })}
              {field('colour', R.colour)}
              {field('weightGrams', R.weight, { required: true, inputmode: 'decimal' })}
              {field('designer', R.designer)}
              {field('collection', R.collection)}
            </fieldset>
            <fieldset>
              <legend>{R.stones}</legend>
              <Index each={stones}>
                {(s, i) => (
                  <fieldset class="stone-row" data-testid="receive-stone">
                    <legend>{R.stone(i + 1)}</legend>
                    <label>
                      {R.stoneKind}
                      <input value={s().kind} onInput={(e) => setStones(i, 'kind', e.currentTarget.value)} />
                    </label>
                    <label>
                      {R.carats}
                      <input
                        inputmode="decimal"
                        value={s().carats}
                        onInput={(e) => setStones(i, 'carats', e.currentTarget.value)}
                      />
                    </label>
                    <label>
                      {R.shape}
                      <input
                        value={s().shape}
                        onInput={(e) => setStones(i, 'shape', e.currentTarget.value)}
                      />
                    </label>
                    <label>
                      {R.cut}
                      <input value={s().cut} onInput={(e) => setStones(i, 'cut', e.currentTarget.value)} />
                    </label>
                    <label>
                      {R.stoneColour}
                      <input
                        value={s().colour}
                        onInput={(e) => setStones(i, 'colour', e.currentTarget.value)}
                      />
                    </label>
                    <label>
                      {R.clarity}
                      <select
                        value={s().clarity}
                        onChange={(e) => setStones(i, 'clarity', e.currentTarget.value)}
                      >
                        <option value="">{R.none}</option>
                        <For each={CLARITIES}>{(c) => <option value={c}>{c}</option>}</For>
                      </select>
                    </label>
                    <label>
                      {R.lab}
                      <select value={s().lab} onChange={(e) => setStones(i, 'lab', e.currentTarget.value)}>
                        <option value="">{R.none}</option>
                        <For each={LABS}>{(l) => <option value={l}>{l}</option>}</For>
                      </select>
                    </label>
                    <label>
                      {R.certNumber}
                      <input
                        value={s().number}
                        onInput={(e) => setStones(i, 'number', e.currentTarget.value)}
                      />
                    </label>
                    <button
                      type="button"
                      class="link"
                      onClick={() => setStones((list) => list.filter((_, j) => j !== i))}
                    >
                      {R.removeStone(i + 1)}
                    </button>
                  </fieldset>
                )}
              </Index>
              <button
                type="button"
                data-testid="receive-add-stone"
                onClick={() => setStones(stones.length, emptyStone())}
              >
                {R.addStone}
              </button>
            </fieldset>
            <fieldset>
              <legend>{R.prices}</legend>
              {field('cost', `${R.cost} (${currency()})`, { required: true, inputmode: 'decimal' })}
              {field('listPrice', `${R.listPrice} (${currency()})`, { required: true, inputmode: 'decimal' })}
            </fieldset>
            <fieldset>
              <legend>{R.place}</legend>
              {select('locationKind', R.locationKind, LOCATION_KINDS)}
              {field('locationLabel', R.locationLabel, { required: true })}
              <label>
                {R.sourcing}
                <textarea
                  name="sourcing"
                  value={form.sourcing}
                  onInput={(e) => setForm('sourcing', e.currentTarget.value)}
                />
              </label>
            </fieldset>
            <fieldset>
              <legend>{Att.photos}</legend>
              <AttachmentGallery
                refs={refs()}
                onRemove={(sha) => setRefs((r) => r.filter((x) => x !== sha))}
              />
              {/* Sent at once, not queued (UPLOAD-1): the piece names only files the relay has. */}
              <AttachmentUpload
                send={async (file) => {
                  const store = app.data()?.store ?? '';
                  const r = await attachmentCache().upload(file, store, app.session()?.token ?? '');
                  if (!r.ok) return r;
                  const sha = r.info.sha256;
                  setRefs((refs) => (refs.includes(sha) ? refs : [...refs, sha]));
                  return { ok: true, queued: false };
                }}
              />
            </fieldset>
            <DeviceUnavailable kind="tag-printer" />
            <label class="check">
              <input
                type="checkbox"
                checked={printTag()}
                onChange={(e) => setPrintTag(e.currentTarget.checked)}
              />
              {R.printTag}
            </label>
            <button type="submit" class="primary" data-testid="receive-submit">
              {R.receive}
            </button>
          </form>
        </Show>
        <Show when={sent()}>
          {(s) => (
            <section class="receive-done" aria-live="polite">
              <p class={outcome()?.ok ? '' : 'error'} data-testid="receive-outcome">
                {outcome()?.text}
              </p>
              <Show when={tagResult()}>
                {(t) => (
                  <p
                    class={t().ok ? '' : 'error'}
                    role={t().ok ? 'status' : 'alert'}
                    data-testid="tag-result"
                  >
                    {t().text}
                  </p>
                )}
              </Show>
              <A
                href={`/inventory/${encodeURIComponent(s().serial)}`}
                class="link"
                data-testid="receive-open"
              >
                {R.openPiece}
              </A>{' '}
              <button type="button" data-testid="receive-another" onClick={again}>
                {R.another}
              </button>
            </section>
          )}
        </Show>
      </Show>
    </div>
  );
}
