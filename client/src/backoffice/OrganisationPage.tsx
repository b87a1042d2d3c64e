/**
 * Back office › Roles & rates: what each role may do (CAP-*, owners only) and dated exchange
 * rates for reporting (RATE-*, managers and owners). Both are commands; every till reads the
 * result from `org`, so an offline till applies it when it reconnects.
 */
import { createSignal, For, Show } from 'solid-js';
import {
  ADJUSTABLE_CAPABILITIES,
  ADJUSTABLE_ROLES,
  type AdjustableCapability,
  type AdjustableRole,
  defaultRoleSettings,
} from '../../../domain/capabilities.ts';
import { convert, parseExchangeRate } from '../../../domain/exchange.ts';
import { type Currency, money, parseCurrency, currency as toCurrency } from '../../../domain/money.ts';
import { can, type Role } from '../../../domain/roles.ts';
import { useApp } from '../app-state.ts';
import { fmt } from '../format.ts';
import { FormOutcome } from './FormOutcome.tsx';
import { B } from './strings.ts';
import { useCommand } from './use-command.ts';

/** "12.5" → 1250 basis points; undefined when not a percentage with at most two decimals. */
export function percentToBp(text: string, min = 0): number | undefined {
  const t = text.trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(t)) return undefined;
  const [whole = '0', frac = ''] = t.split('.');
  const bp = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return bp >= min && bp <= 10_000 ? bp : undefined;
}
export const bpToPercent = (bp: number): string =>
  bp % 100 === 0 ? String(bp / 100) : (bp / 100).toFixed(2).replace(/0$/, '');

export function OrganisationPage() {
  const app = useApp();
  const role = () => (app.session()?.user.role ?? 'associate') as Role;
  return (
    <>
      <Show when={role() === 'owner'}>
        <section aria-labelledby="caps-title" data-testid="capabilities">
          <h2 id="caps-title">{B.capabilitiesTitle}</h2>
          <p class="muted">{B.capabilitiesIntro}</p>
          <div class="role-cards">
            <For each={ADJUSTABLE_ROLES}>{(r) => <RoleCard role={r} />}</For>
          </div>
        </section>
      </Show>
      <Show when={can(role(), 'view-finance')} fallback={<p class="notice">{B.notAllowed}</p>}>
        <Rates />
      </Show>
    </>
  );
}

function RoleCard(props: { role: AdjustableRole }) {
  const app = useApp();
  const cmd = useCommand();
  const current = () => app.data()?.capabilities()?.[props.role] ?? defaultRoleSettings(props.role);
  const [limit, setLimit] = createSignal<string>();
  const [grants, setGrants] = createSignal<readonly AdjustableCapability[]>();
  const [error, setError] = createSignal<string>();
  const shownLimit = () => limit() ?? bpToPercent(current().discountLimitBp);
  const shownGrants = () => grants() ?? current().grants;
  const label = () => B.roles[props.role] ?? props.role;
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const bp = percentToBp(shownLimit());
    if (bp === undefined) return setError(B.badRate);
    setError(undefined);
    cmd.submit('capabilities.set', {
      role: props.role,
      settings: { discountLimitBp: bp, grants: [...shownGrants()] },
    });
    setLimit(undefined);
    setGrants(undefined);
  };
  return (
    <form class="card role-card" onSubmit={submit} aria-label={label()} data-testid={`role-${props.role}`}>
      <h3>{label()}</h3>
      <label class="field">
        {B.discountLimit}
        <input inputMode="decimal" value={shownLimit()} onInput={(e) => setLimit(e.currentTarget.value)} />
      </label>
      <fieldset>
        <legend class="sr-only">{label()}</legend>
        <For each={ADJUSTABLE_CAPABILITIES}>
          {(c) => (
            <label class="check">
              <input
                type="checkbox"
                checked={shownGrants().includes(c)}
                onChange={(e) =>
                  setGrants(
                    e.currentTarget.checked ? [...shownGrants(), c] : shownGrants().filter((g) => g !== c),
                  )
                }
              />
              {B.capability[c] ?? c}
            </label>
          )}
        </For>
      </fieldset>
      <button type="submit">{B.saveRole(label())}</button>
      <FormOutcome error={error()} cmd={cmd} />
    </form>
  );
}

function Rates() {
  const app = useApp();
  const cmd = useCommand();
  const currencies = () => [
    ...new Set([
      ...Object.values(app.data()?.stores ?? {}).map((s) => s.currency),
      'EUR',
      'USD',
      'GBP',
      'CHF',
      'JPY',
    ]),
  ];
  const reporting = () => app.data()?.storeInfo()?.currency ?? 'EUR';
  const [from, setFrom] = createSignal('USD');
  const [to, setTo] = createSignal<string>();
  const [rate, setRate] = createSignal('');
  const [date, setDate] = createSignal(new Date().toISOString().slice(0, 10));
  const [error, setError] = createSignal<string>();
  const target = () => to() ?? reporting();
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    if (from() === target()) return setError(B.sameCurrency);
    const parsed = parseExchangeRate({
      from: from(),
      to: target(),
      rate: rate().trim().replace(',', '.'),
      date: date(),
    });
    if (!parsed.ok) return setError(B.badRateValue);
    setError(undefined);
    cmd.submit('exchange-rate.set', { rate: parsed.value });
    setRate('');
  };
  const rates = () => [...(app.data()?.rates() ?? [])].reverse();
  const example = (r: { from: string; to: string; date: string }) => {
    const c = parseCurrency(r.from);
    if (!c.ok) return '';
    const amount = money(100_000, c.value as Currency);
    const converted = convert(amount, toCurrency(r.to), app.data()?.rates() ?? [], r.date);
    return converted.ok ? B.convertExample(fmt(amount), fmt(converted.value), r.date) : '';
  };
  return (
    <section aria-labelledby="rates-title" data-testid="rates">
      <h2 id="rates-title">{B.ratesTitle}</h2>
      <p class="muted">{B.ratesIntro}</p>
      <form class="card rate-form" onSubmit={submit} aria-label={B.ratesTitle}>
        <div class="form-grid">
          <label class="field">
            {B.from}
            <select value={from()} onChange={(e) => setFrom(e.currentTarget.value)}>
              <For each={currencies()}>{(c) => <option value={c}>{c}</option>}</For>
            </select>
          </label>
          <label class="field">
            {B.to}
            <select value={target()} onChange={(e) => setTo(e.currentTarget.value)}>
              <For each={currencies()}>{(c) => <option value={c}>{c}</option>}</For>
            </select>
          </label>
          <label class="field">
            {B.rate}
            <input inputMode="decimal" value={rate()} onInput={(e) => setRate(e.currentTarget.value)} />
          </label>
          <label class="field">
            {B.date}
            <input type="date" value={date()} onInput={(e) => setDate(e.currentTarget.value)} />
          </label>
        </div>
        <button type="submit">{B.addRate}</button>
        <FormOutcome error={error()} cmd={cmd} />
      </form>
      <Show when={rates().length > 0} fallback={<p class="muted">{B.noRates}</p>}>
        <table class="data" data-testid="rates-table">
          <thead>
            <tr>
              <th scope="col">{B.date}</th>
              <th scope="col">{B.from}</th>
              <th scope="col">{B.to}</th>
              <th scope="col">{B.rate}</th>
              <th scope="col">
                <span class="sr-only">{B.convertExample('', '', '')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={rates()}>
              {(r) => (
                <tr>
                  <td>{r.date}</td>
                  <td>{r.from}</td>
                  <td>{r.to}</td>
                  <td class="num">{r.rate}</td>
                  <td class="muted">{example(r)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
