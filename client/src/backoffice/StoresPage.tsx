/**
 * Back office › Stores (ORG-1, ORG-2; owners): name, address, phone, time zone and tax of each
 * store — the rate and whether prices include it (TAX-*) — and opening a new one. Each change is
 * a `store.update` the relay decides; tills read the result from `org`, offline ones on reconnect,
 * and their carts and the relay's sale check use the same rule (SALE-7a/7b). Other rates by
 * category (TAXCAT-1), the receipt footer (FOOTER-1) and how many days ahead clients are reminded
 * of an instalment (DUEMAIL-5) are edited here too; a manager sees only that last field, for the
 * store the till is at (DUEMAIL-6).
 */
import { createSignal, For, Show } from 'solid-js';
import { capable } from '../../../domain/capabilities.ts';
import { uuidv7 } from '../../../domain/ids.ts';
import { parseCurrency } from '../../../domain/money.ts';
import { CATEGORIES } from '../../../domain/piece.ts';
import type { Role } from '../../../domain/roles.ts';
import { parseTimeZone, type Store } from '../../../domain/store.ts';
import { useApp } from '../app-state.ts';
import { FormOutcome } from './FormOutcome.tsx';
import { bpToPercent, percentToBp } from './OrganisationPage.tsx';
import { type CategoryRateRow, readCategoryRates, readFooter, readReminderDays } from './store-settings.ts';
import { B } from './strings.ts';
import { useCommand } from './use-command.ts';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 6);

export function StoresPage() {
  const app = useApp();
  const stores = () => Object.values(app.data()?.stores ?? {}).sort((a, b) => a.name.localeCompare(b.name));
  // DUEMAIL-6: whoever manages staff sets the reminders of the store this till is at, nothing else.
  const here = () => {
    const id = app.data()?.store;
    return id ? app.data()?.stores[id] : undefined;
  };
  const managing = () =>
    capable(app.data()?.capabilities(), (app.session()?.user.role ?? 'associate') as Role, 'manage-staff');
  return (
    <Show
      when={app.session()?.user.role === 'owner'}
      fallback={
        <Show when={managing() && here()} fallback={<p class="notice">{B.notAllowed}</p>}>
          {(s) => (
            <section aria-labelledby="stores-title">
              <h2 id="stores-title">{B.storesTitle}</h2>
              <ReminderForm store={s()} />
            </section>
          )}
        </Show>
      }
    >
      <section aria-labelledby="stores-title">
        <h2 id="stores-title">{B.storesTitle}</h2>
        <For each={stores()}>{(s) => <StoreForm store={s} />}</For>
        <OpenStore />
      </section>
    </Show>
  );
}

/** DUEMAIL-5: the days-ahead field, the same in the owner's store form and a manager's own form. */
function ReminderDaysField(props: { store: Store; value: string; onInput: (v: string) => void }) {
  return (
    <label class="field narrow">
      {B.reminderDays}
      <input
        inputMode="numeric"
        data-testid="reminder-days-input"
        aria-describedby={`reminder-help-${props.store.id}`}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
      <span class="muted" id={`reminder-help-${props.store.id}`}>
        {B.reminderDaysHelp}
      </span>
    </label>
  );
}

const daysText = (s: Store): string => (s.reminderLeadDays === undefined ? '' : String(s.reminderLeadDays));

/** DUEMAIL-6: a manager's form: the reminders of their own store only. */
function ReminderForm(props: { store: Store }) {
  const cmd = useCommand();
  const [days, setDays] = createSignal(daysText(props.store));
  const [error, setError] = createSignal<string>();
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const read = readReminderDays(days());
    if (!read.ok) return setError(read.error);
    if (read.value === (props.store.reminderLeadDays ?? null)) return setError(B.nothingChanged);
    setError(undefined);
    cmd.submit('store.update', {
      storeId: props.store.id,
      changes: { reminderLeadDays: read.value },
    } as never);
  };
  return (
    <form class="card store-form" onSubmit={submit} aria-label={props.store.name} data-testid="store-form">
      <h3>{props.store.name}</h3>
      <ReminderDaysField store={props.store} value={days()} onInput={setDays} />
      <button type="submit">{B.save}</button>
      <FormOutcome error={error()} cmd={cmd} />
    </form>
  );
}

function StoreForm(props: { store: Store }) {
  const cmd = useCommand();
  const [name, setName] = createSignal(props.store.name);
  const [address, setAddress] = createSignal(props.store.address.join('\n'));
  const [phone, setPhone] = createSignal(props.store.phone ?? '');
  const [zone, setZone] = createSignal(props.store.timeZone);
  const [rate, setRate] = createSignal(bpToPercent(props.store.tax.basisPoints));
  const [inclusive, setInclusive] = createSignal(props.store.tax.inclusive);
  const [catRates, setCatRates] = createSignal<CategoryRateRow[]>(
    (props.store.tax.byCategory ?? []).map((r) => ({
      category: r.category,
      rate: bpToPercent(r.basisPoints),
    })),
  );
  const [footer, setFooter] = createSignal((props.store.receiptFooter ?? []).join('\n'));
  const [days, setDays] = createSignal(daysText(props.store));
  const [error, setError] = createSignal<string>();
  const setRow = (i: number, row: Partial<CategoryRateRow>) =>
    setCatRates((rows) => rows.map((r, k) => (k === i ? { ...r, ...row } : r)));
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const bp = percentToBp(rate());
    if (bp === undefined) return setError(B.badRate);
    const byCategory = readCategoryRates(catRates());
    if (!byCategory.ok) return setError(byCategory.error);
    const footerLines = readFooter(footer());
    if (!footerLines.ok) return setError(footerLines.error);
    const reminderDays = readReminderDays(days());
    if (!reminderDays.ok) return setError(reminderDays.error);
    const tz = parseTimeZone(zone());
    if (!tz.ok) return setError(B.badZone);
    if (!name().trim()) return setError(B.needName);
    setError(undefined);
    const s = props.store;
    const changes: Record<string, unknown> = {};
    if (name().trim() !== s.name) changes.name = name().trim();
    if (tz.value !== s.timeZone) changes.timeZone = tz.value;
    if (JSON.stringify(lines(address())) !== JSON.stringify(s.address)) changes.address = lines(address());
    if (phone().trim() !== (s.phone ?? '')) changes.phone = phone().trim() || null;
    const sameRates = JSON.stringify(byCategory.value) === JSON.stringify(s.tax.byCategory ?? []);
    if (bp !== s.tax.basisPoints || inclusive() !== s.tax.inclusive || !sameRates)
      changes.tax = {
        basisPoints: bp,
        inclusive: inclusive(),
        ...(byCategory.value.length > 0 ? { byCategory: byCategory.value } : {}),
      };
    if (JSON.stringify(footerLines.value) !== JSON.stringify(s.receiptFooter ?? []))
      changes.receiptFooter = footerLines.value;
    if (reminderDays.value !== (s.reminderLeadDays ?? null)) changes.reminderLeadDays = reminderDays.value;
    if (Object.keys(changes).length === 0) return setError(B.nothingChanged);
    cmd.submit('store.update', { storeId: s.id, changes } as never);
  };
  return (
    <form class="card store-form" onSubmit={submit} aria-label={props.store.name} data-testid="store-form">
      <h3>{props.store.name}</h3>
      <div class="form-grid">
        <label class="field">
          {B.storeName}
          <input value={name()} maxLength={120} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label class="field">
          {B.timeZone}
          <input value={zone()} onInput={(e) => setZone(e.currentTarget.value)} />
        </label>
        <label class="field">
          {B.phone}
          <input type="tel" value={phone()} maxLength={40} onInput={(e) => setPhone(e.currentTarget.value)} />
        </label>
        <p class="field">
          {B.currency}: <strong>{props.store.currency}</strong> <span class="muted">({B.currencyFixed})</span>
        </p>
        <label class="field">
          {B.address}
          <textarea rows={3} value={address()} onInput={(e) => setAddress(e.currentTarget.value)} />
        </label>
        <label class="field">
          {B.taxRate}
          <input inputMode="decimal" value={rate()} onInput={(e) => setRate(e.currentTarget.value)} />
        </label>
        <fieldset>
          <legend class="sr-only">{B.taxRate}</legend>
          <label class="check">
            <input type="radio" checked={inclusive()} onChange={() => setInclusive(true)} />
            {B.taxInclusive}
          </label>
          <label class="check">
            <input type="radio" checked={!inclusive()} onChange={() => setInclusive(false)} />
            {B.taxExclusive}
          </label>
        </fieldset>
      </div>
      <fieldset class="category-rates" data-testid="category-rates">
        <legend>{B.categoryRates}</legend>
        <p class="muted">{B.categoryRatesHelp}</p>
        <For each={catRates()}>
          {(row, i) => (
            <div class="category-rate" data-testid="category-rate">
              <label class="field">
                {B.category}
                <select
                  data-testid="category-rate-category"
                  value={row.category}
                  onChange={(e) => setRow(i(), { category: e.currentTarget.value })}
                >
                  <option value="">—</option>
                  <For each={CATEGORIES}>{(c) => <option value={c}>{B.categoryName[c] ?? c}</option>}</For>
                </select>
              </label>
              <label class="field narrow">
                {B.categoryRate}
                <input
                  inputMode="decimal"
                  data-testid="category-rate-percent"
                  value={row.rate}
                  onInput={(e) => setRow(i(), { rate: e.currentTarget.value })}
                />
              </label>
              <button
                type="button"
                class="link"
                aria-label={B.removeCategoryRate(B.categoryName[row.category] ?? row.category)}
                onClick={() => setCatRates((rows) => rows.filter((_, k) => k !== i()))}
              >
                ×
              </button>
            </div>
          )}
        </For>
        <Show when={catRates().length < CATEGORIES.length}>
          <button
            type="button"
            data-testid="add-category-rate"
            onClick={() => setCatRates((rows) => [...rows, { category: '', rate: rate() }])}
          >
            {B.addCategoryRate}
          </button>
        </Show>
      </fieldset>
      <label class="field">
        {B.receiptFooter}
        <textarea
          rows={4}
          data-testid="receipt-footer-input"
          aria-describedby={`footer-help-${props.store.id}`}
          value={footer()}
          onInput={(e) => setFooter(e.currentTarget.value)}
        />
        <span class="muted" id={`footer-help-${props.store.id}`}>
          {B.receiptFooterHelp}
        </span>
      </label>
      <ReminderDaysField store={props.store} value={days()} onInput={setDays} />
      <button type="submit">{B.save}</button>
      <FormOutcome error={error()} cmd={cmd} />
    </form>
  );
}

function OpenStore() {
  const cmd = useCommand();
  const [name, setName] = createSignal('');
  const [currency, setCurrency] = createSignal('EUR');
  const [zone, setZone] = createSignal('Europe/Paris');
  const [rate, setRate] = createSignal('20');
  const [inclusive, setInclusive] = createSignal(true);
  const [error, setError] = createSignal<string>();
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const bp = percentToBp(rate());
    const tz = parseTimeZone(zone());
    const c = parseCurrency(currency().trim().toUpperCase());
    if (!name().trim()) return setError(B.needName);
    if (bp === undefined) return setError(B.badRate);
    if (!tz.ok) return setError(B.badZone);
    if (!c.ok) return setError(B.currency);
    setError(undefined);
    const id = uuidv7();
    cmd.submit('store.open', {
      store: {
        id,
        name: name().trim(),
        currency: c.value,
        tax: { basisPoints: bp, inclusive: inclusive() },
        timeZone: tz.value,
        address: [],
      },
    } as never);
    setName('');
  };
  return (
    <details class="card">
      <summary>{B.openStore}</summary>
      <form onSubmit={submit} aria-label={B.openStore}>
        <div class="form-grid">
          <label class="field">
            {B.storeName}
            <input value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <label class="field">
            {B.currency}
            <input value={currency()} maxLength={3} onInput={(e) => setCurrency(e.currentTarget.value)} />
          </label>
          <label class="field">
            {B.timeZone}
            <input value={zone()} onInput={(e) => setZone(e.currentTarget.value)} />
          </label>
          <label class="field">
            {B.taxRate}
            <input inputMode="decimal" value={rate()} onInput={(e) => setRate(e.currentTarget.value)} />
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={inclusive()}
              onChange={(e) => setInclusive(e.currentTarget.checked)}
            />
            {B.taxInclusive}
          </label>
        </div>
        <button type="submit">{B.openStore}</button>
        <Show when={error()}>
          <p class="notice" role="alert">
            {error()}
          </p>
        </Show>
        <Show when={cmd.message()}>
          <p class={`status status-${cmd.state()}`} role="status">
            {cmd.message()}
          </p>
        </Show>
      </form>
    </details>
  );
}
