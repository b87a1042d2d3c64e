/**
 * End of day (domain/SPEC.md EOD-*): the day's takings by tender as the relay recorded them
 * (`GET /api/end-of-day`), the drawer counted against what it should hold, and `day.close` sent as
 * a command; then every close of that day with its audit-chain head, printable.
 */
import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { businessDay } from '../../../domain/business-day.ts';
import { uuidv7 } from '../../../domain/ids.ts';
import type { Currency } from '../../../domain/money.ts';
import { parseMoney } from '../../../domain/money-parse.ts';
import { isPlainObject } from '../../../domain/parse.ts';
import { can, type Role } from '../../../domain/roles.ts';
import { outcomeText } from '../../../sync/shared/outcome-codes.ts';
import { useApp } from '../app-state.ts';
import { fmt, fmtDate } from '../format.ts';
import { appendCommand, stateOf } from '../local/outbox.ts';
import { T } from './strings.ts';

type Takings = {
  currency: string;
  byTender: Record<string, { in: number; out: number }>;
  sales: number;
  returns: number;
  voids: number;
};
type Close = {
  id: string;
  float: number;
  counted: number;
  expected: number;
  overShort: number;
  note: string | null;
  corrects: string | null;
  chainHead: string;
  byName: string | null;
  by: string;
  at: string;
  currency: string;
};
type DayAnswer = { currency: string; timeZone: string; takings: Takings | null; closes: Close[] };

export function EndOfDayPage() {
  const app = useApp();
  const data = () => app.data();
  const role = () => app.session()?.user.role as Role | undefined;
  const zone = () => data()?.storeInfo()?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [day, setDay] = createSignal(businessDay(Date.now(), zone()));
  const [scope, setScope] = createSignal<'till' | 'store'>('till');
  const [answer, setAnswer] = createSignal<DayAnswer>();
  const [error, setError] = createSignal<string>();
  const [float, setFloat] = createSignal('');
  const [counted, setCounted] = createSignal('');
  const [note, setNote] = createSignal('');
  const [sent, setSent] = createSignal<string>();

  const load = async () => {
    const store = data()?.store;
    const token = app.session()?.token;
    if (!store || !token) return;
    const q = new URLSearchParams({ store, day: day() });
    if (scope() === 'till') q.set('till', app.deviceId);
    try {
      const res = await fetch(`/api/end-of-day?${q}`, { headers: { authorization: `Bearer ${token}` } });
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok || !isPlainObject(body)) {
        setError(
          isPlainObject(body) && typeof body.message === 'string' ? body.message : `HTTP ${res.status}`,
        );
        return;
      }
      setError(undefined);
      setAnswer(body as unknown as DayAnswer);
    } catch {
      setError(T.offline);
    }
  };
  createEffect(on([day, scope, () => data()?.store], () => void load()));

  const currency = () => (answer()?.currency ?? data()?.storeInfo()?.currency ?? 'EUR') as Currency;
  const amount = (text: string) => (text.trim() ? parseMoney(text, currency()) : undefined);
  const cash = () => answer()?.takings?.byTender.cash ?? { in: 0, out: 0 };
  const expected = () => {
    const f = amount(float());
    return (f?.ok ? f.value.minor : 0) + cash().in - cash().out;
  };
  const overShort = () => {
    const c = amount(counted());
    return c?.ok ? c.value.minor - expected() : undefined;
  };
  const money = (minor: number) => fmt({ minor, currency: currency() });
  const latest = () => answer()?.closes.at(-1);
  const outcome = () => {
    const id = sent();
    return id ? stateOf(id, data()?.outcomes() ?? {}) : undefined;
  };
  // Once decided, read the day again: the close is now on record.
  createEffect(on(outcome, (o) => o && o !== 'pending' && void load()));

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const d = data();
    const f = amount(float() || '0');
    const c = amount(counted());
    if (!d || !f?.ok || !c?.ok) return;
    const command = appendCommand(d.outbox, app.actor(), 'day.close', {
      closeId: uuidv7(),
      day: day(),
      ...(scope() === 'till' ? { till: app.deviceId } : {}),
      float: f.value,
      counted: c.value,
      ...(note().trim() ? { note: note().trim() } : {}),
      ...(latest() ? { corrects: latest()?.id as string } : {}),
    });
    setSent(command.id);
  };

  const floatError = () => {
    const f = amount(float());
    return f && !f.ok ? T.badAmount : undefined;
  };
  const countedError = () => {
    const c = amount(counted());
    return c && !c.ok ? T.badAmount : undefined;
  };
  const needsNote = () => (overShort() ?? 0) !== 0 && !note().trim();

  return (
    <div class="page eod-page">
      <h1>{T.title}</h1>
      <p class="muted">{T.intro}</p>
      <Show when={role() && can(role() as Role, 'view-finance')}>
        <div class="eod-pick card">
          <label>
            {T.day}
            <input type="date" value={day()} onInput={(e) => setDay(e.currentTarget.value)} />
          </label>
          <fieldset>
            <legend>{T.scope}</legend>
            <label>
              <input
                type="radio"
                name="eod-scope"
                checked={scope() === 'till'}
                onChange={() => setScope('till')}
              />
              {T.thisTill}
            </label>
            <label>
              <input
                type="radio"
                name="eod-scope"
                checked={scope() === 'store'}
                onChange={() => setScope('store')}
              />
              {T.wholeStore}
            </label>
          </fieldset>
        </div>
        <Show when={error()}>{(e) => <p class="error">{T.failed(e())}</p>}</Show>
        <Show when={answer()}>
          {(a) => (
            <div class="eod-report" data-testid="eod-report">
              <section class="card" aria-labelledby="eod-takings">
                <h2 id="eod-takings">{T.takings}</h2>
                <Show
                  when={(() => {
                    const t = a().takings;
                    // A day with nothing taken says so, rather than an empty table.
                    return t && Object.keys(t.byTender).length > 0 ? t : undefined;
                  })()}
                  fallback={<p data-testid="eod-no-takings">{T.noTakings}</p>}
                >
                  {(t) => (
                    <>
                      <p class="muted">{T.counts(t().sales, t().returns, t().voids)}</p>
                      <table class="eod-table">
                        <thead>
                          <tr>
                            <th scope="col">{T.tender}</th>
                            <th scope="col">{T.taken}</th>
                            <th scope="col">{T.paidBack}</th>
                            <th scope="col">{T.net}</th>
                          </tr>
                        </thead>
                        <tbody>
                          <For each={Object.entries(t().byTender)}>
                            {([kind, v]) => (
                              <tr data-tender={kind}>
                                <th scope="row">{T.tenders[kind] ?? kind}</th>
                                <td>{money(v.in)}</td>
                                <td>{money(v.out)}</td>
                                <td>{money(v.in - v.out)}</td>
                              </tr>
                            )}
                          </For>
                        </tbody>
                      </table>
                    </>
                  )}
                </Show>
              </section>
              <form class="card eod-count" aria-label={latest() ? T.correct : T.close} onSubmit={submit}>
                <label>
                  {T.float}
                  <input
                    inputmode="decimal"
                    value={float()}
                    onInput={(e) => setFloat(e.currentTarget.value)}
                  />
                  <Show when={floatError()}>{(m) => <span class="error">{m()}</span>}</Show>
                </label>
                <label>
                  {T.counted}
                  <input
                    inputmode="decimal"
                    value={counted()}
                    onInput={(e) => setCounted(e.currentTarget.value)}
                    required
                  />
                  <Show when={countedError()}>{(m) => <span class="error">{m()}</span>}</Show>
                </label>
                <p data-testid="eod-expected">
                  {T.expected}: <strong>{money(expected())}</strong>
                </p>
                <Show when={overShort() !== undefined}>
                  <p data-testid="eod-over-short" class={overShort() === 0 ? '' : 'warning'}>
                    {T.overShort}:{' '}
                    {overShort() === 0
                      ? T.even
                      : (overShort() ?? 0) > 0
                        ? T.over(money(overShort() ?? 0))
                        : T.short(money(-(overShort() ?? 0)))}
                  </p>
                </Show>
                <label>
                  {T.note}
                  <textarea value={note()} onInput={(e) => setNote(e.currentTarget.value)} maxlength={500} />
                  <Show when={needsNote()}>
                    <span class="muted">{T.noteNeeded}</span>
                  </Show>
                </label>
                <button
                  type="submit"
                  disabled={!!countedError() || !!floatError() || !counted().trim() || needsNote()}
                >
                  {latest() ? T.correct : T.close}
                </button>
                <p role="status" data-testid="eod-status">
                  <Show when={outcome() === 'pending'}>{T.waiting}</Show>
                  <Show when={outcome() === 'accepted'}>{T.accepted}</Show>
                  <Show when={outcome() === 'rejected'}>
                    {T.refused}: {(() => {
                      const o = data()?.outcomes()[sent() ?? ''];
                      return o ? outcomeText(o) : '';
                    })()}
                  </Show>
                </p>
              </form>
              <Show when={a().closes.length > 0}>
                <section class="card eod-closes" aria-labelledby="eod-closes">
                  <h2 id="eod-closes">{T.closes}</h2>
                  <ol>
                    <For each={a().closes}>
                      {(c) => (
                        <li data-testid="eod-close">
                          <strong>
                            {c.corrects ? `${T.correction} — ` : ''}
                            {T.closedBy(c.byName ?? c.by.slice(0, 8), fmtDate(c.at))}
                          </strong>
                          <p>
                            {T.float} {money(c.float)} · {T.expected} {money(c.expected)} · {T.counted}{' '}
                            {money(c.counted)} · {T.overShort}{' '}
                            {c.overShort === 0
                              ? T.even
                              : c.overShort > 0
                                ? T.over(money(c.overShort))
                                : T.short(money(-c.overShort))}
                          </p>
                          <Show when={c.note}>
                            <p>“{c.note}”</p>
                          </Show>
                          <p class="muted">
                            {T.chainHead}: <code class="hash">{c.chainHead}</code>
                          </p>
                        </li>
                      )}
                    </For>
                  </ol>
                  <button type="button" class="secondary" onClick={() => window.print()}>
                    {T.print}
                  </button>
                </section>
              </Show>
            </div>
          )}
        </Show>
      </Show>
    </div>
  );
}
