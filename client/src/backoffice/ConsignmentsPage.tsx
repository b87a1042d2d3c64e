/**
 * Back office › Consignment (CONSIGN-*): pieces held for vendors (memo-in) and clients
 * (consignment) with their terms and aging (30/60/90 days), the payouts owed for those that sold,
 * a statement per owner (screen and CSV), the store's own stock value without them, receiving a
 * consigned piece and returning an unsold one to its owner. The report is the relay's
 * (`GET /api/consignments`); receiving and returning are commands.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { AGING_BUCKETS } from '../../../domain/consignment.ts';
import { parseSerial } from '../../../domain/ids.ts';
import { money, currency as toCurrency } from '../../../domain/money.ts';
import { parseMoney } from '../../../domain/money-parse.ts';
import { CATEGORIES, METALS, parsePiece } from '../../../domain/piece.ts';
import { can, type Role } from '../../../domain/roles.ts';
import { parseDecimalText } from '../../../domain/units.ts';
import { useApp } from '../app-state.ts';
import { fmt, fmtDate } from '../format.ts';
import { type ConsignmentReport, fetchConsignments, fetchStatementCsv } from './api.ts';
import { FormOutcome } from './FormOutcome.tsx';
import { bpToPercent, percentToBp } from './OrganisationPage.tsx';
import { B } from './strings.ts';
import { useCommand } from './use-command.ts';

type Terms = ConsignmentReport['pieces'][number]['terms'];
const termsText = (t: Terms) =>
  t.kind === 'split'
    ? B.termsSplit(bpToPercent(t.ownerShareBp))
    : B.termsFixed(fmt({ minor: t.payout.minor, currency: t.payout.currency }));

export function ConsignmentsPage() {
  const app = useApp();
  const role = () => (app.session()?.user.role ?? 'associate') as Role;
  const store = () => app.data()?.store ?? '';
  const [owner, setOwner] = createSignal('');
  const [version, setVersion] = createSignal(0);
  const [report] = createResource(
    () => ({ token: app.session()?.token ?? '', store: store(), owner: owner(), v: version() }),
    (k) => fetchConsignments(k.token, k.store, k.owner || undefined),
  );
  const [owners, setOwners] = createSignal<{ id: string; name: string }[]>([]);
  const value = () => {
    const r = report();
    if (!r?.ok) return undefined;
    if (!owner()) {
      const seen = new Map(r.value.pieces.map((p) => [p.owner.id, p.owner.name]));
      setOwners([...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)));
    }
    return r.value;
  };
  const download = async () => {
    const csv = await fetchStatementCsv(app.session()?.token ?? '', store(), owner() || undefined);
    if (csv === undefined) return;
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `consignment-${owner() || 'all'}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };
  return (
    <Show when={can(role(), 'view-finance')} fallback={<p class="notice">{B.notAllowed}</p>}>
      <section aria-labelledby="consign-title" data-testid="consignments">
        <h2 id="consign-title">{B.consignTitle}</h2>
        <p class="muted">{B.consignIntro}</p>
        <Show when={can(role(), 'receive-stock')}>
          <ReceiveConsigned onDone={() => setVersion(version() + 1)} />
        </Show>
        <div class="statement-controls">
          <label class="field">
            {B.statementFor}
            <select
              value={owner()}
              onChange={(e) => setOwner(e.currentTarget.value)}
              data-testid="statement-owner"
            >
              <option value="">{B.allOwners}</option>
              <For each={owners()}>{(o) => <option value={o.id}>{`${o.name} (${o.id})`}</option>}</For>
            </select>
          </label>
          <button type="button" onClick={() => void download()}>
            {B.downloadCsv}
          </button>
        </div>
        <Show when={!report.loading || report()} fallback={<p class="muted">{B.loading}</p>}>
          <Show when={value()} fallback={<p class="notice">{B.online}</p>}>
            {(r) => <Report report={r()} refresh={() => setVersion(version() + 1)} />}
          </Show>
        </Show>
      </section>
    </Show>
  );
}

function Report(props: { report: ConsignmentReport; refresh: () => void }) {
  const r = () => props.report;
  const held = () => r().pieces.filter((p) => p.status !== 'sold' && p.status !== 'returned-to-owner');
  return (
    <>
      <dl class="facts consign-summary">
        <dt>{B.ownStock}</dt>
        <dd data-testid="own-stock-value">
          {r()
            .ownStockValue.map((v) => fmt({ minor: v.minor, currency: v.currency }))
            .join(' · ') || '—'}
        </dd>
        <dt>{B.owed}</dt>
        <dd data-testid="owed-total">
          {r()
            .owed.map((v) => fmt({ minor: v.minor, currency: v.currency }))
            .join(' · ') || '—'}
        </dd>
        <dt>{B.aging}</dt>
        <dd data-testid="aging">
          {AGING_BUCKETS.map((b) => `${b}: ${r().aging[b] ?? 0}`).join(' · ')} ({held().length} {B.held})
        </dd>
      </dl>
      <Show when={r().pieces.length > 0} fallback={<p class="muted">{B.noConsigned}</p>}>
        <table class="data" data-testid="consigned-pieces">
          <thead>
            <tr>
              <th scope="col">{B.serial}</th>
              <th scope="col">{B.owner}</th>
              <th scope="col">{B.basisLabel}</th>
              <th scope="col">{B.terms}</th>
              <th scope="col">{B.aging}</th>
              <th scope="col">{B.status}</th>
              <th scope="col">
                <span class="sr-only">{B.returnToOwner}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={r().pieces}>
              {(p) => (
                <tr data-testid="consigned-row" data-serial={p.serial}>
                  <td>
                    <a href={`/inventory/${encodeURIComponent(p.serial)}`}>{p.serial}</a>{' '}
                    <span class="muted">{p.title}</span>
                  </td>
                  <td>
                    {p.owner.name} <span class="muted">{B.ownerKind[p.owner.kind] ?? p.owner.kind}</span>
                  </td>
                  <td>{B.basis[p.basis] ?? p.basis}</td>
                  <td>{termsText(p.terms)}</td>
                  <td class="num">
                    {p.days} <span class="muted">({p.bucket})</span>
                  </td>
                  <td>
                    {p.status === 'returned-to-owner'
                      ? B.returnedToOwner
                      : p.status === 'sold'
                        ? B.sold
                        : p.status.replaceAll('-', ' ')}
                  </td>
                  <td>
                    <Show when={p.status === 'in-stock' || p.status === 'returned'}>
                      <ReturnToOwner serial={p.serial} onDone={props.refresh} />
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={r().payouts.length > 0}>
        <h3>{B.payout}</h3>
        <table class="data" data-testid="payouts">
          <thead>
            <tr>
              <th scope="col">{B.date}</th>
              <th scope="col">{B.serial}</th>
              <th scope="col">{B.owner}</th>
              <th scope="col">{B.soldFor}</th>
              <th scope="col">{B.payout}</th>
            </tr>
          </thead>
          <tbody>
            <For each={r().payouts}>
              {(p) => (
                <tr data-testid="payout-row" data-serial={p.serial} classList={{ inactive: !!p.cancelledAt }}>
                  <td>{fmtDate(p.at)}</td>
                  <td>{p.serial}</td>
                  <td>{p.ownerName}</td>
                  <td class="num">{fmt({ minor: p.soldMinor, currency: p.currency })}</td>
                  <td class="num" data-testid="payout-amount">
                    {fmt({ minor: p.payoutMinor, currency: p.currency })}
                    <Show when={p.cancelledAt}>
                      {' '}
                      <span class="muted">({B.cancelled})</span>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </>
  );
}

function ReturnToOwner(props: { serial: string; onDone: () => void }) {
  const cmd = useCommand();
  const pending = () => cmd.state() === 'pending';
  return (
    <>
      <button
        type="button"
        class="link"
        disabled={pending() || cmd.state() === 'accepted'}
        onClick={() => {
          cmd.submit('consignment.return', { serial: props.serial } as never);
          setTimeout(props.onDone, 1_500);
        }}
      >
        {B.returnToOwner} <span class="sr-only">{props.serial}</span>
      </button>
      <Show when={cmd.message()}>
        <span class={`status status-${cmd.state()}`} role="status">
          {cmd.message()}
        </span>
      </Show>
    </>
  );
}

function ReceiveConsigned(props: { onDone: () => void }) {
  const app = useApp();
  const cmd = useCommand();
  const currency = () => app.data()?.storeInfo()?.currency ?? 'EUR';
  const [f, setF] = createSignal({
    serial: '',
    style: '',
    title: '',
    category: 'ring',
    metal: 'yellow-gold',
    weight: '',
    price: '',
    basis: 'consignment',
    ownerKind: 'client',
    ownerId: '',
    ownerName: '',
    terms: 'split',
    share: '60',
    payout: '',
  });
  const set = (k: keyof ReturnType<typeof f>) => (e: { currentTarget: { value: string } }) =>
    setF({ ...f(), [k]: e.currentTarget.value });
  const [error, setError] = createSignal<string>();
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const v = f();
    const serial = parseSerial(v.serial.trim());
    if (!serial.ok) return setError(B.needSerial);
    if (!v.title.trim() || !v.style.trim()) return setError(B.needTitle);
    if (!v.ownerId.trim() || !v.ownerName.trim()) return setError(B.needOwner);
    const price = parseMoney(v.price, toCurrency(currency()));
    if (!price.ok) return setError(B.badPrice);
    const grams = parseDecimalText(v.weight || '0');
    if (!grams.ok) return setError(B.badWeight);
    let terms: unknown;
    let cost = money(0, toCurrency(currency()));
    if (v.terms === 'split') {
      const bp = percentToBp(v.share, 1);
      if (bp === undefined) return setError(B.badShare);
      terms = { kind: 'split', ownerShareBp: bp };
    } else {
      const payout = parseMoney(v.payout, toCurrency(currency()));
      if (!payout.ok || payout.value.minor <= 0) return setError(B.badPrice);
      terms = { kind: 'fixed', payout: payout.value };
      cost = payout.value;
    }
    const piece = parsePiece({
      serial: serial.value,
      style: v.style.trim(),
      title: v.title.trim(),
      category: v.category,
      metal: v.metal,
      weightMg: grams.value,
      stones: [],
      cost,
      listPrice: price.value,
      imageRefs: [],
      store: app.data()?.store,
      location: { kind: 'case', label: 'Consigned' },
    });
    if (!piece.ok) return setError(`${piece.error.path}: ${piece.error.message}`);
    setError(undefined);
    cmd.submit('consignment.receive', {
      piece: piece.value,
      consignment: {
        basis: v.basis,
        owner: { kind: v.ownerKind, id: v.ownerId.trim(), name: v.ownerName.trim() },
        terms,
      },
    } as never);
    setTimeout(props.onDone, 1_500);
  };
  return (
    <details class="card">
      <summary>{B.receiveConsigned}</summary>
      <form onSubmit={submit} aria-label={B.receiveConsigned} data-testid="receive-consigned">
        <div class="form-grid">
          <label class="field">
            {B.serial}
            <input value={f().serial} onInput={set('serial')} />
          </label>
          <label class="field">
            {B.pieceTitle}
            <input value={f().title} maxLength={120} onInput={set('title')} />
          </label>
          <label class="field">
            {B.style}
            <input value={f().style} maxLength={60} onInput={set('style')} />
          </label>
          <label class="field">
            {B.category}
            <select value={f().category} onChange={set('category')}>
              <For each={CATEGORIES}>{(c) => <option value={c}>{c}</option>}</For>
            </select>
          </label>
          <label class="field">
            {B.metal}
            <select value={f().metal} onChange={set('metal')}>
              <For each={METALS}>{(m) => <option value={m}>{m.replaceAll('-', ' ')}</option>}</For>
            </select>
          </label>
          <label class="field">
            {B.weight}
            <input inputMode="decimal" value={f().weight} onInput={set('weight')} />
          </label>
          <label class="field">
            {B.price(currency())}
            <input inputMode="decimal" value={f().price} onInput={set('price')} />
          </label>
          <label class="field">
            {B.basisLabel}
            <select value={f().basis} onChange={set('basis')}>
              <option value="consignment">{B.basis.consignment}</option>
              <option value="memo-in">{B.basis['memo-in']}</option>
            </select>
          </label>
          <label class="field">
            {B.owner}
            <select value={f().ownerKind} onChange={set('ownerKind')}>
              <option value="client">{B.ownerKind.client}</option>
              <option value="vendor">{B.ownerKind.vendor}</option>
            </select>
          </label>
          <label class="field">
            {B.ownerId}
            <input value={f().ownerId} maxLength={64} onInput={set('ownerId')} />
          </label>
          <label class="field">
            {B.ownerName}
            <input value={f().ownerName} maxLength={120} onInput={set('ownerName')} />
          </label>
          <label class="field">
            {B.terms}
            <select value={f().terms} onChange={set('terms')}>
              <option value="split">{B.split}</option>
              <option value="fixed">{B.fixed}</option>
            </select>
          </label>
          <Show
            when={f().terms === 'split'}
            fallback={
              <label class="field">
                {B.fixed} ({currency()})
                <input inputMode="decimal" value={f().payout} onInput={set('payout')} />
              </label>
            }
          >
            <label class="field">
              {B.split}
              <input inputMode="decimal" value={f().share} onInput={set('share')} />
            </label>
          </Show>
        </div>
        <button type="submit">{B.receive}</button>
        <FormOutcome error={error()} cmd={cmd} testId="receive-consigned-status" />
      </form>
    </details>
  );
}
