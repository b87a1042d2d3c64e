/**
 * The piece page's back-office part: whose piece it is when consigned (CONSIGN-3), its price
 * history with reasons (PRICE-1, from the relay; offline, this till's ledger), editing its
 * descriptive details (CATALOG-1, managers) and where else its style is in the chain (LOOKUP-1).
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { can, type Role } from '../../../domain/roles.ts';
import { useApp } from '../app-state.ts';
import { fmt, fmtDate } from '../format.ts';
import type { PieceView } from '../local/records.ts';
import { fetchPriceHistory, lookupStyle } from './api.ts';
import { bpToPercent } from './OrganisationPage.tsx';
import { B } from './strings.ts';
import { useCommand } from './use-command.ts';

export function PieceBackOffice(props: { piece: PieceView }) {
  const app = useApp();
  const role = () => (app.session()?.user.role ?? 'associate') as Role;
  const held = () => app.data()?.consignments()[props.piece.serial];
  return (
    <section class="piece-backoffice" aria-label={B.title}>
      <Show when={held()}>
        {(c) => (
          <p class="notice consigned" data-testid="consigned-badge">
            <strong>{B.consignedBadge(c().owner.name)}</strong> · {B.basis[c().basis]} ·{' '}
            {c().terms.kind === 'split'
              ? B.termsSplit(bpToPercent((c().terms as { ownerShareBp: number }).ownerShareBp))
              : B.termsFixed(fmt((c().terms as { payout: { minor: number; currency: string } }).payout))}{' '}
            · <span class="muted">{B.consignedNote}</span>
          </p>
        )}
      </Show>
      <PriceHistory serial={props.piece.serial} />
      <Show when={can(role(), 'manage-catalog')}>
        <EditDetails piece={props.piece} />
      </Show>
      <Elsewhere piece={props.piece} />
    </section>
  );
}

function PriceHistory(props: { serial: string }) {
  const app = useApp();
  // Asked again whenever this store's ledger learns of a decided price change for the piece.
  const decided = () =>
    Object.values(app.data()?.entries() ?? {}).filter(
      (e) =>
        e.type === 'price.change' &&
        e.status === 'accepted' &&
        (e.payload as { serial?: string } | null)?.serial === props.serial,
    );
  const [remote] = createResource(
    () => ({ token: app.session()?.token ?? '', n: decided().length }),
    (k) => fetchPriceHistory(k.token, props.serial),
  );
  return (
    <section aria-labelledby="price-history-title" data-testid="price-history">
      <h2 id="price-history-title">{B.priceHistory}</h2>
      <Show
        when={remote()?.ok ? remote() : undefined}
        fallback={
          <Show when={decided().length > 0} fallback={<p class="muted">{B.noPriceChange}</p>}>
            <p class="muted">{B.offlineHistory}</p>
            <ul class="history">
              <For each={[...decided()].sort((a, b) => b.at.localeCompare(a.at))}>
                {(e) => {
                  const p = e.payload as { listPrice: { minor: number; currency: string }; reason: string };
                  return (
                    <li data-testid="price-change">
                      {fmtDate(e.at)}: → {fmt(p.listPrice)} · {app.data()?.staff[e.user]?.name ?? e.user} · «{' '}
                      {p.reason} »
                    </li>
                  );
                }}
              </For>
            </ul>
          </Show>
        }
      >
        {(r) => (
          <Show
            when={r().ok && (r() as { value: unknown[] }).value.length > 0}
            fallback={<p class="muted">{B.noPriceChange}</p>}
          >
            <ul class="history">
              <For each={r().ok ? (r() as { value: import('./api.ts').PriceChangeRow[] }).value : []}>
                {(h) => (
                  <li data-testid="price-change">
                    {B.priceChangeLine(
                      fmtDate(h.at),
                      fmt({ minor: h.fromMinor, currency: h.currency }),
                      fmt({ minor: h.toMinor, currency: h.currency }),
                      h.userName,
                    )}{' '}
                    · « {h.reason} »
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  );
}

function EditDetails(props: { piece: PieceView }) {
  const cmd = useCommand();
  const [title, setTitle] = createSignal(props.piece.title);
  const [style, setStyle] = createSignal(props.piece.style ?? '');
  const [collection, setCollection] = createSignal(props.piece.collection ?? '');
  const [designer, setDesigner] = createSignal(props.piece.designer ?? '');
  const [error, setError] = createSignal<string>();
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const changes: Record<string, string | null> = {};
    const p = props.piece;
    if (title().trim() && title().trim() !== p.title) changes.title = title().trim();
    if (style().trim() && style().trim() !== (p.style ?? '')) changes.style = style().trim();
    if (collection().trim() !== (p.collection ?? '')) changes.collection = collection().trim() || null;
    if (designer().trim() !== (p.designer ?? '')) changes.designer = designer().trim() || null;
    if (!title().trim() || !style().trim()) return setError(B.needTitle);
    if (Object.keys(changes).length === 0) return setError(B.nothingChanged);
    setError(undefined);
    cmd.submit('piece.update', { serial: p.serial, changes } as never);
  };
  return (
    <details class="card">
      <summary>{B.editPiece}</summary>
      <form onSubmit={submit} aria-label={B.editPiece} data-testid="edit-piece">
        <div class="form-grid">
          <label class="field">
            {B.pieceTitle}
            <input value={title()} maxLength={120} onInput={(e) => setTitle(e.currentTarget.value)} />
          </label>
          <label class="field">
            {B.style}
            <input value={style()} maxLength={60} onInput={(e) => setStyle(e.currentTarget.value)} />
          </label>
          <label class="field">
            {B.collection}
            <input value={collection()} onInput={(e) => setCollection(e.currentTarget.value)} />
          </label>
          <label class="field">
            {B.designer}
            <input value={designer()} onInput={(e) => setDesigner(e.currentTarget.value)} />
          </label>
        </div>
        <button type="submit">{B.saveDetails}</button>
        <Show when={error()}>
          <p class="notice" role="alert">
            {error()}
          </p>
        </Show>
        <Show when={cmd.message()}>
          <p class={`status status-${cmd.state()}`} role="status" data-testid="edit-piece-status">
            {cmd.message()}
          </p>
        </Show>
      </form>
    </details>
  );
}

function Elsewhere(props: { piece: PieceView }) {
  const app = useApp();
  const style = () => props.piece.style ?? '';
  const [found] = createResource(
    () => (style() ? { token: app.session()?.token ?? '', style: style() } : undefined),
    (k) => lookupStyle(k.token, k.style),
  );
  const others = () => {
    const r = found();
    return r?.ok ? r.value.filter((h) => h.serial !== props.piece.serial) : undefined;
  };
  return (
    <section aria-labelledby="elsewhere-title" data-testid="style-elsewhere">
      <h2 id="elsewhere-title">{B.elsewhere}</h2>
      <Show when={others()} fallback={<p class="muted">{found.loading ? B.loading : B.online}</p>}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="muted">{B.elsewhereNone(style())}</p>}>
            <ul>
              <For each={list()}>
                {(h) => (
                  <li data-testid="elsewhere-row" data-store={h.store}>
                    {B.elsewhereLine(h.storeName, h.serial, fmt(h.listPrice))}
                    {h.status === 'reserved' ? ` · ${B.reserved}` : ''}
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  );
}
