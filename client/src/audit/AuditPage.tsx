/**
 * The audit viewer (sync/SPEC.md AUDITV-*): managers read their store's audit — edits and decided
 * commands, who, when, from which till, before → after for prices and catalog attributes — filtered
 * by person, till, document, piece, client and period. Owners also check the tamper-evident chain.
 * Read from the relay: offline, the screen says so instead of showing a partial history.
 */
import { createSignal, For, Show } from 'solid-js';
import { isPlainObject } from '../../../domain/parse.ts';
import { atLeast, type Role } from '../../../domain/roles.ts';
import { useApp } from '../app-state.ts';
import { fmt, fmtDate } from '../format.ts';
import {
  type AuditFilters,
  type AuditLine,
  type ChainVerdict,
  fetchAudit,
  verifyChain,
} from './audit-api.ts';
import { T } from './strings.ts';

/** A value of a diff in words: money as an amount, nothing as a dash. */
function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (isPlainObject(value) && typeof value.minor === 'number' && typeof value.currency === 'string')
    return fmt({ minor: value.minor, currency: value.currency });
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `clients: ['c1.names']` → "clients c1.names". */
function changedPaths(changes: Record<string, unknown> | undefined): string {
  if (!changes) return '';
  return Object.entries(changes)
    .map(([root, paths]) => (Array.isArray(paths) ? `${root}: ${paths.join(', ')}` : root))
    .join('; ');
}

function Line(props: { line: AuditLine; staffName: (id: string | null) => string }) {
  const l = () => props.line;
  const who = () => l().userName ?? props.staffName(l().user);
  return (
    <li class="card audit-line" data-testid="audit-line" data-kind={l().kind}>
      <div class="audit-line-head">
        <strong>{l().kind === 'edit' ? T.edit : (l().type ?? T.command)}</strong>
        <Show when={l().kind === 'command'}>
          <span class={`status-pill ${l().status === 'accepted' ? 'ok' : 'bad'}`}>
            {l().status === 'accepted' ? T.accepted : T.rejected}
          </span>
        </Show>
        <time dateTime={l().at}>{fmtDate(l().at)}</time>
      </div>
      <p class="muted">
        {T.by} {who()} · {T.onTill} <code>{(l().device ?? '').slice(0, 13)}</code>
        <Show when={l().document}>
          {' '}
          · {T.inDocument} <code>{l().document}</code>
        </Show>
      </p>
      <Show when={l().kind === 'edit'}>
        <p>
          {T.changed} <code>{changedPaths(l().changes)}</code>
        </p>
      </Show>
      <Show when={l().reason && l().status === 'rejected'}>
        <p>{l().reason}</p>
      </Show>
      <Show when={l().diff}>
        {(diff) => (
          <table class="audit-diff">
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col">{T.before}</th>
                <th scope="col">{T.after}</th>
              </tr>
            </thead>
            <tbody>
              <For each={Object.entries(diff())}>
                {([key, d]) => (
                  <tr>
                    <th scope="row">{key}</th>
                    <td>{shown(d.before)}</td>
                    <td>{shown(d.after)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        )}
      </Show>
      <Show when={l().kind === 'command' && !l().diff && l().payload}>
        <details>
          <summary>payload</summary>
          <pre>{JSON.stringify(l().payload, null, 2)}</pre>
        </details>
      </Show>
    </li>
  );
}

function ChainCheck() {
  const app = useApp();
  const [busy, setBusy] = createSignal(false);
  const [verdict, setVerdict] = createSignal<ChainVerdict>();
  const [error, setError] = createSignal<string>();
  const check = async () => {
    const token = app.session()?.token;
    if (!token) return;
    setBusy(true);
    setError(undefined);
    const got = await verifyChain(token);
    setBusy(false);
    if (got.ok) setVerdict(got.value);
    else setError(got.message);
  };
  return (
    <section class="card" aria-labelledby="chain-title">
      <h2 id="chain-title">{T.chainTitle}</h2>
      <p class="muted">{T.chainIntro}</p>
      <button type="button" onClick={() => void check()} disabled={busy()}>
        {busy() ? T.chainChecking : T.chainCheck}
      </button>
      <div role="status" data-testid="chain-verdict">
        <Show when={error()}>{(e) => <p class="error">{T.failed(e())}</p>}</Show>
        <Show when={verdict()}>
          {(v) => (
            <Show
              when={v().ok}
              fallback={
                <p class="error">
                  {T.chainBroken(v().checked)}{' '}
                  <Show when={v().first}>
                    {(f) => (
                      <>
                        {f().kind} <code>{f().ref}</code> — {T.problems[f().problem] ?? f().problem}
                      </>
                    )}
                  </Show>
                </p>
              }
            >
              <p>{T.chainOk(v().checked)}</p>
              <Show when={v().head}>
                {(h) => (
                  <p class="muted">
                    {T.chainHead} <code class="hash">{h().hash}</code>
                  </p>
                )}
              </Show>
            </Show>
          )}
        </Show>
      </div>
    </section>
  );
}

export function AuditPage() {
  const app = useApp();
  const role = () => app.session()?.user.role as Role | undefined;
  const allowed = () => {
    const r = role();
    return r !== undefined && atLeast(r, 'manager');
  };
  const [filters, setFilters] = createSignal<AuditFilters>({});
  const [lines, setLines] = createSignal<AuditLine[]>([]);
  const [next, setNext] = createSignal<string | null>(null);
  const [state, setState] = createSignal<'idle' | 'loading' | 'done'>('idle');
  const [error, setError] = createSignal<string>();
  const staff = () => Object.values(app.data()?.staff ?? {});
  const staffName = (id: string | null) =>
    (id && app.data()?.staff[id]?.name) || (id ? id.slice(0, 8) : T.unknownPerson);

  const load = async (more = false) => {
    const store = app.data()?.store;
    const token = app.session()?.token;
    if (!store || !token) return;
    setState('loading');
    setError(undefined);
    const got = await fetchAudit(store, filters(), token, more ? (next() ?? undefined) : undefined);
    setState('done');
    if (!got.ok) return setError(got.message);
    setLines(more ? [...lines(), ...got.value.lines] : got.value.lines);
    setNext(got.value.next);
  };
  // First page as soon as the store is known.
  queueMicrotask(() => void load());

  const field = (key: keyof AuditFilters) => ({
    value: filters()[key] ?? '',
    onInput: (e: InputEvent & { currentTarget: HTMLInputElement | HTMLSelectElement }) =>
      setFilters({ ...filters(), [key]: e.currentTarget.value }),
  });

  return (
    <div class="page audit-page">
      <h1>{T.title}</h1>
      <p class="muted">{T.intro}</p>
      <Show when={allowed()}>
        <form
          class="card audit-filters"
          aria-label={T.filters}
          onSubmit={(e) => {
            e.preventDefault();
            void load();
          }}
        >
          <label>
            {T.person}
            <select {...field('user')}>
              <option value="">{T.anyone}</option>
              <For each={staff()}>{(m) => <option value={m.id}>{m.name}</option>}</For>
            </select>
          </label>
          <label>
            {T.piece}
            <input {...field('piece')} autocomplete="off" />
          </label>
          <label>
            {T.client}
            <input {...field('client')} autocomplete="off" />
          </label>
          <label>
            {T.document}
            <select {...field('document')}>
              <option value="">{T.anyDocument}</option>
              <Show when={app.data()?.store}>
                {(s) => (
                  <>
                    <option value={`clients/${s()}`}>clients/{s()}</option>
                    <option value={`work/${s()}`}>work/{s()}</option>
                  </>
                )}
              </Show>
            </select>
          </label>
          <label>
            {T.device}
            <input {...field('device')} autocomplete="off" />
          </label>
          <label>
            {T.from}
            <input type="date" {...field('from')} />
          </label>
          <label>
            {T.to}
            <input type="date" {...field('to')} />
          </label>
          <div class="actions">
            <button type="submit">{T.apply}</button>
            <button
              type="button"
              class="secondary"
              onClick={() => {
                setFilters({});
                void load();
              }}
            >
              {T.clear}
            </button>
          </div>
        </form>
        <Show when={!navigator.onLine || app.sync().link === 'offline'}>
          <p class="notice">{T.offline}</p>
        </Show>
        <Show when={error()}>{(e) => <p class="error">{T.failed(e())}</p>}</Show>
        <Show when={state() === 'loading' && lines().length === 0}>
          <p aria-live="polite">{T.loading}</p>
        </Show>
        <Show when={state() === 'done' && !error() && lines().length === 0}>
          <p>{T.none}</p>
        </Show>
        <ul class="audit-lines" aria-label={T.title}>
          <For each={lines()}>{(l) => <Line line={l} staffName={staffName} />}</For>
        </ul>
        <Show when={next()}>
          <button type="button" class="secondary" onClick={() => void load(true)}>
            {T.older}
          </button>
        </Show>
        <Show when={role() === 'owner'}>
          <ChainCheck />
        </Show>
      </Show>
    </div>
  );
}
